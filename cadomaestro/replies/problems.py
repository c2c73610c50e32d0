"""Answers to order problems from the order's real state (DOMAIN.md, "Problems that need an order").

Each topic is a retrieval intent of the FAQ corpus (`colis_perdu/livre_non_recu`, …). Its answer
starts from the order's status and the rules, quotes the FAQ where the FAQ says what to do, and
may end with a follow-up: a question whose answer goes to customer service (FollowUp.DETAILS), or a
yes/no offer to pass a request on (FollowUp.CONFIRMATION).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import lru_cache, partial

from cadomaestro.faq.corpus import load_corpus
from cadomaestro.replies.order import Loyalty, Order
from cadomaestro.replies.wording import (
    french_date,
    french_list,
    french_moment,
    french_number,
    french_window,
    quoted,
)
from cadomaestro.rules.calendar import paris_time
from cadomaestro.rules.carriers import (
    CUSTOMER_SERVICE_HOURS,
    CUSTOMER_SERVICE_PHONE,
    carrier_for,
)
from cadomaestro.rules.delivery import ShippingMethod, delivery_window, estimate, parcel_overdue
from cadomaestro.rules.orders import OrderStatus, Request, allows
from cadomaestro.rules.requests import RequestKind
from cadomaestro.rules.returns import MAESTROS_PER_EURO, RETURN_WINDOW_DAYS, line_return

CONTACT_FORM = "notre formulaire de contact (objet « Contacter le service client »)"


class FollowUp(Enum):
    NONE = "aucune"
    DETAILS = "details"  # ask `question`, then record a request of `kind` with the answer
    CONFIRMATION = "confirmation"  # `question` is a yes/no offer to record a request of `kind`


@dataclass(frozen=True)
class Reply:
    messages: tuple[str, ...]
    follow_up: FollowUp = FollowUp.NONE
    kind: RequestKind | None = None
    question: str | None = None
    photo: str | None = None  # what the photo must show, when the FAQ requires one


@lru_cache(maxsize=1)
def _faq_answers() -> dict[str, tuple[str, ...]]:
    return {entry.full_intent: tuple(entry.answer.strip().split("\n\n")) for entry in load_corpus()}


def faq_paragraph(topic: str, index: int) -> str:
    """One paragraph of the FAQ's answer to `topic`: the FAQ stays the source of the wording."""
    return _faq_answers()[topic][index]


def status_sentence(order: Order) -> str:
    return f"Votre commande {order.reference} est au statut {quoted(order.status.label)}."


# --- Where is my parcel? ---------------------------------------------------------------------


def _not_shipped(order: Order, now: datetime) -> list[str]:
    if order.status is OrderStatus.EN_ATTENTE_DE_PAIEMENT:
        return ["Elle sera préparée et expédiée dès la validation de votre paiement."]
    window = estimate(order.method, now)
    if order.method is ShippingMethod.RETRAIT_ENTREPOT:
        return [
            f"Elle n’est pas encore prête : elle devrait l’être le {french_date(window.ships_on)} "
            "à notre entrepôt de Veauche, et vous recevrez un email dès qu’elle le sera "
            "(estimation)."
        ]
    text = f"Elle n’est pas encore expédiée : expédition prévue le {french_date(window.ships_on)}"
    if window.earliest and window.latest:
        text += f", livraison estimée {french_window(window.earliest, window.latest)}"
    return [text + " (estimation)."]


def _tracking(order: Order) -> str:
    carrier = carrier_for(order.method)
    shipped = french_date(paris_time(order.shipped_at).date()) if order.shipped_at else None
    text = "Elle a été expédiée"
    if shipped:
        text += f" le {shipped}"
    if carrier:
        text += f" par {carrier.name}"
    if order.tracking_number and carrier:
        text += f", numéro de suivi {order.tracking_number} (suivi sur {carrier.tracking_page})"
    text += "."
    last = order.last_event
    if last:
        place = f" ({last.place})" if last.place else ""
        text += f" Dernière étape : {quoted(last.label)}{place}, le {french_moment(last.at)}."
    return text


def _investigation_offer(order: Order) -> str:
    carrier = carrier_for(order.method)
    who = carrier.name if carrier else "le transporteur"
    return f"Souhaitez-vous que notre service client ouvre une enquête auprès de {who} ?"


def where_is_my_parcel(topic: str, order: Order, now: datetime) -> Reply:
    """colis_perdu/*: late, lost, delivered but not received, back to the shop, not shipped."""
    status = order.status
    head = status_sentence(order)
    if status in (OrderStatus.ANNULE, OrderStatus.REMBOURSE):
        return Reply((f"{head} Elle ne sera donc pas expédiée.",))
    if status in (
        OrderStatus.EN_ATTENTE_DE_PAIEMENT,
        OrderStatus.PAIEMENT_ACCEPTE,
        OrderStatus.EN_COURS_DE_PREPARATION,
    ):
        return Reply((" ".join([head, *_not_shipped(order, now)]),))
    if status is OrderStatus.RETOUR_EXPEDITEUR:
        return Reply(
            (
                f"{head} Le colis est en train de revenir vers nos locaux. {_tracking(order)}",
                faq_paragraph("colis_perdu/retour_expediteur", 1),
            ),
            FollowUp.CONFIRMATION,
            RequestKind.SAV,
            "Souhaitez-vous que je signale ce retour à notre service client, pour qu’il vous "
            "propose une solution dès réception du colis ?",
        )
    carrier = carrier_for(order.method)
    if status is OrderStatus.LIVRE:
        delivered = (
            f" le {french_date(paris_time(order.delivered_at).date())}"
            if order.delivered_at
            else ""
        )
        if order.method is ShippingMethod.RETRAIT_ENTREPOT:
            return Reply(
                (f"{head} Elle a été retirée à notre entrepôt de Veauche{delivered}.",),
            )
        checks = faq_paragraph("colis_perdu/livre_non_recu", 0)
        return Reply(
            (f"{head} Le transporteur l’indique livrée{delivered}. {checks}",),
            FollowUp.CONFIRMATION,
            RequestKind.ENQUETE_TRANSPORTEUR,
            f"Sans résultat, vous pouvez porter réclamation auprès de {carrier.name} au "
            f"{carrier.phone}. {_investigation_offer(order)}"
            if carrier
            else _investigation_offer(order),
        )
    # Shipped: on time, or late / without news.
    assert order.shipped_at is not None, "a shipped order has a shipping date"
    last = order.last_event
    tracking = f"{head} {_tracking(order)}"
    if parcel_overdue(order.method, order.shipped_at, last.at if last else None, now):
        phone = f" Vous pouvez aussi joindre {carrier.name} au {carrier.phone}." if carrier else ""
        return Reply(
            (tracking, f"Votre colis a du retard ou n’a plus de nouvelles.{phone}"),
            FollowUp.CONFIRMATION,
            RequestKind.ENQUETE_TRANSPORTEUR,
            _investigation_offer(order),
        )
    earliest, latest = _delivery_window(order)
    expected = (
        f"Livraison estimée {french_window(earliest, latest)} (estimation)."
        if earliest and latest
        else "Le délai de livraison dépend du pays de destination."
    )
    if topic == "colis_perdu/livre_non_recu":
        expected = f"Le colis n’est pas encore indiqué comme livré. {expected}"
    return Reply((tracking, expected))


def _delivery_window(order: Order) -> tuple[date | None, date | None]:
    assert order.shipped_at is not None
    return delivery_window(order.method, paris_time(order.shipped_at).date())


# --- Changing an order -----------------------------------------------------------------------

_CHANGES: dict[Request, tuple[str, RequestKind, str]] = {
    # request: (what it is, the request kind, the question asked when it is still possible)
    Request.MODIFY_OR_CANCEL: (
        "la modification ou l’annulation de la commande",
        RequestKind.MODIFICATION,
        "Que souhaitez-vous modifier (articles, adresse de livraison) ? Si vous préférez "
        "annuler la commande, dites-le simplement.",
    ),
    Request.ADD_GIFT_WRAP: (
        "l’ajout d’un emballage cadeau ou d’une carte message",
        RequestKind.EMBALLAGE_CARTE,
        "Que souhaitez-vous ajouter : un emballage cadeau (pour quel article ?) et/ou une carte "
        "message (avec quel texte) ?",
    ),
    Request.CHANGE_PAYMENT_METHOD: (
        "le changement de mode de paiement",
        RequestKind.CHANGEMENT_PAIEMENT,
        "Quel mode de paiement souhaitez-vous utiliser à la place ?",
    ),
    Request.DELIVERY_INSTRUCTIONS: (
        "l’ajout de précisions pour la livraison",
        RequestKind.PRECISIONS_LIVRAISON,
        "Quelles précisions souhaitez-vous ajouter pour la livraison (digicode, étage, "
        "horaires…) ?",
    ),
    Request.FIX_PERSONALISATION: (
        "la correction d’une personnalisation",
        RequestKind.PERSONNALISATION,
        "Quel est le texte de personnalisation corrigé, exactement tel qu’il doit apparaître ?",
    ),
}


def _what_remains(request: Request, order: Order, now: datetime) -> str:
    if request is Request.DELIVERY_INSTRUCTIONS:
        carrier = carrier_for(order.method)
        if carrier:
            return f"Contactez directement le transporteur : {carrier.name} au {carrier.phone}."
    if request is Request.MODIFY_OR_CANCEL:
        return (
            "Une fois la commande reçue, vous pourrez retourner les articles éligibles dans les "
            f"{RETURN_WINDOW_DAYS} jours. " + _returnable_summary(order, now)
        ).strip()
    return (
        f"Pour toute question, notre service client vous répond au {CUSTOMER_SERVICE_PHONE}, "
        f"{CUSTOMER_SERVICE_HOURS}, ou via {CONTACT_FORM}."
    )


def change_order(request: Request, order: Order, now: datetime) -> Reply:
    """modifier_commande/*: possible only while the order's status allows it."""
    what, kind, question = _CHANGES[request]
    head = status_sentence(order)
    personalised = [line.name for line in order.lines if line.personalised]
    if request is Request.FIX_PERSONALISATION and not personalised:
        return Reply((f"{head} Elle ne comporte aucun article personnalisé.",))
    if order.status in (OrderStatus.ANNULE, OrderStatus.REMBOURSE):
        return Reply((f"{head} Il n’y a donc plus rien à modifier.",))
    if not allows(order.status, request):
        return Reply(
            (f"{head} À ce stade, {what} n’est malheureusement plus possible.",
             _what_remains(request, order, now)),
        )  # fmt: skip
    if request is Request.FIX_PERSONALISATION:
        names = french_list([quoted(name) for name in personalised])
        question = f"Pour {names}, {question[0].lower()}{question[1:]}"
    return Reply(
        (f"{head} Bonne nouvelle : {what} est encore possible, je transmets votre demande à notre "
         "service client.",),
        FollowUp.DETAILS,
        kind,
        question,
    )  # fmt: skip


# --- Returns ---------------------------------------------------------------------------------


def _returnable_summary(order: Order, now: datetime) -> str:
    """Which lines can never be returned (said before delivery)."""
    excluded = [
        f"{quoted(line.name)} ({'personnalisé' if line.personalised else 'périssable'})"
        for line in order.lines
        if line.personalised or line.perishable
    ]
    if not excluded:
        return ""
    return f"Ne peuvent pas être retournés : {french_list(excluded)}."


def returns(order: Order, now: datetime) -> Reply:
    """produit_defectueux/retractation: each line's eligibility, the deadline, the cost."""
    head = status_sentence(order)
    today = paris_time(now).date()
    delivered = paris_time(order.delivered_at).date() if order.delivered_at else None
    if order.status in (OrderStatus.ANNULE, OrderStatus.REMBOURSE):
        return Reply((f"{head} Il n’y a donc rien à retourner.",))
    if order.status is OrderStatus.RETOUR_EXPEDITEUR:
        return Reply((f"{head} {faq_paragraph('colis_perdu/retour_expediteur', 1)}",))
    if order.status is not OrderStatus.LIVRE or delivered is None:
        summary = _returnable_summary(order, now)
        text = f"{head} Le délai de retour de {RETURN_WINDOW_DAYS} jours commencera à sa réception."
        return Reply((f"{text} {summary}".strip(),))
    lines, eligible = [], False
    for line in order.lines:
        verdict = line_return(
            personalised=line.personalised,
            perishable=line.perishable,
            delivered_on=delivered,
            today=today,
            return_1eur=order.return_1eur,
        )
        eligible = eligible or verdict.eligible
        deadline = french_date(verdict.deadline, year=True) if verdict.deadline else ""
        why = {
            "ok": f"retour possible jusqu’au {deadline}",
            "personalised": "article personnalisé, il ne peut pas être retourné",
            "perishable": "produit périssable, il ne peut pas être retourné",
            "too_late": f"le délai de {RETURN_WINDOW_DAYS} jours a expiré le {deadline}",
        }[verdict.reason]
        lines.append(f"- {line.name} : {why}")
    received = f"{head} Reçue le {french_date(delivered, year=True)} :\n" + "\n".join(lines)
    if not eligible:
        return Reply((received,))
    cost = (
        "Le retour est gratuit : vous avez choisi l’option « retour à 1 € »."
        if order.return_1eur
        else "Les frais de renvoi sont à votre charge (vous n’avez pas pris l’option « retour à "
        "1 € »)."
    )
    return Reply((received + "\n" + cost, faq_paragraph("produit_defectueux/retractation", 1)))


# --- Received a damaged, wrong or incomplete product -----------------------------------------

_PHOTOS = {
    # what the FAQ asks the photo to show, per topic (None: no photo required)
    "produit_defectueux/produit_defectueux": "une seule photo montrant le produit abîmé et, à "
    "côté, l’étiquette de La Poste collée sur le carton, avec le numéro du colis bien visible",
    "produit_defectueux/emballage_endommage": "une seule photo montrant l’emballage abîmé et, à "
    "côté, l’étiquette de La Poste collée sur le carton, avec le numéro du colis bien visible",
    "produit_defectueux/produit_manquant": "une photo du carton de livraison ouvert avec les "
    "produits qu’il contient, et une photo du colis avec l’étiquette de transport bien visible",
    "produit_defectueux/produit_non_conforme": "une photo du produit reçu avec, à côté, "
    "l’étiquette de La Poste, sur un fond le plus neutre possible",
    "produit_defectueux/emballage_manquant": None,
    "produit_defectueux/article_incomplet": None,
}
_OPENINGS = {
    "produit_defectueux/produit_manquant": "Nous sommes navrés qu’un produit manque dans votre "
    "colis. Vérifiez bien l’intérieur du carton ainsi que le papier de bourrage : votre produit "
    "s’y trouve peut-être.",
    "produit_defectueux/article_incomplet": "Nous sommes vraiment navrés pour ce désagrément.",
}


def after_sales(topic: str, order: Order, now: datetime) -> Reply:
    """produit_defectueux/*: which line, what happened, the photo; then an after-sales request."""
    head = status_sentence(order)
    if order.status is not OrderStatus.LIVRE:
        return Reply(
            (f"{head} Elle n’est pas encore indiquée comme livrée : si vous l’avez pourtant "
             "reçue, écrivez-nous via " + CONTACT_FORM + ".",),
        )  # fmt: skip
    if topic == "produit_defectueux/emballage_manquant" and not order.has_gift_wrap:
        return Reply(
            (f"{head} D’après votre commande, aucun emballage cadeau n’a été commandé : il n’a "
             "donc pas été réglé, et c’est pourquoi il ne figure pas dans le colis.",),
        )  # fmt: skip
    opening = _OPENINGS.get(topic, "Toutes nos excuses pour la gêne occasionnée.")
    names = french_list([quoted(line.name) for line in order.lines])
    return Reply(
        (f"{head} {opening}",),
        FollowUp.DETAILS,
        RequestKind.SAV,
        f"Quel article est concerné ({names}) et que s’est-il passé ?",
        _PHOTOS.get(topic),
    )


# --- Loyalty ---------------------------------------------------------------------------------


def loyalty_balance(loyalty: Loyalty) -> Reply:
    """points_fidelite/points_fidelite: balance, expiry, how points are earned and used."""
    if loyalty.points > 0:
        balance = f"Vous avez {french_number(loyalty.points)} maestros"
        if loyalty.expires_on:
            balance += f", valables jusqu’au {french_date(loyalty.expires_on, year=True)}"
        balance += "."
    else:
        balance = "Vous n’avez pas encore de maestros."
    earn = f"Chaque euro dépensé vous rapporte {MAESTROS_PER_EURO} maestros."
    where, use = (faq_paragraph("points_fidelite/points_fidelite", i) for i in (0, 1))
    return Reply((f"{balance} {earn}", f"{where} {use}"))


# --- Dispatch --------------------------------------------------------------------------------

OrderAnswer = Callable[[Order, datetime], Reply]

_TRACKING_TOPICS = (
    "colis_perdu/colis_perdu",
    "colis_perdu/date_livraison_depassee",
    "colis_perdu/livre_non_recu",
    "colis_perdu/retour_expediteur",
)
_CHANGE_TOPICS = {
    "modifier_commande/modifier_annuler_commande": Request.MODIFY_OR_CANCEL,
    "modifier_commande/ajouter_emballage_carte": Request.ADD_GIFT_WRAP,
    "modifier_commande/changer_mode_paiement": Request.CHANGE_PAYMENT_METHOD,
    "modifier_commande/precisions_livraison": Request.DELIVERY_INSTRUCTIONS,
    "modifier_commande/modifier_personnalisation": Request.FIX_PERSONALISATION,
}

ORDER_TOPICS: dict[str, OrderAnswer] = {
    **{topic: partial(where_is_my_parcel, topic) for topic in _TRACKING_TOPICS},
    **{topic: partial(change_order, request) for topic, request in _CHANGE_TOPICS.items()},
    **{topic: partial(after_sales, topic) for topic in _PHOTOS},
    "produit_defectueux/retractation": returns,
}
LOYALTY_TOPICS = frozenset({"points_fidelite/points_fidelite"})


def needs_order(topic: str) -> bool:
    """Whether answering `topic` needs the customer's order (and so its proof of ownership)."""
    return topic in ORDER_TOPICS or topic in LOYALTY_TOPICS


def answer_about_order(topic: str, order: Order, now: datetime) -> Reply:
    return ORDER_TOPICS[topic](order, now)


def request_kind_for(kind: RequestKind, details: str) -> RequestKind:
    """A modification whose details ask to cancel is a cancellation."""
    if kind is RequestKind.MODIFICATION and "annul" in details.lower():
        return RequestKind.ANNULATION
    return kind


def request_confirmation(
    kind: RequestKind, request_id: int, reference: str, *, photo_required: bool, photo_sent: bool
) -> str:
    """What the customer is told once a request is recorded."""
    text = (
        f"C’est transmis : votre demande n° {request_id} pour la commande {reference} est "
        "enregistrée auprès de notre service client."
    )
    if kind is RequestKind.SAV and photo_required and photo_sent:
        text += (
            " Nous vous recontacterons sous 24 h (jours ouvrés) pour la mise en place d’un "
            "service après-vente."
        )
    elif kind is RequestKind.SAV and photo_required:
        text += (
            f" Envoyez les photos via {CONTACT_FORM} en rappelant le numéro de demande "
            f"{request_id} : nous vous recontacterons sous 24 h (jours ouvrés) après leur "
            "réception."
        )
    elif kind is RequestKind.SAV:
        text += " Notre équipe SAV fait le nécessaire et revient vers vous par email."
    elif kind is RequestKind.ENQUETE_TRANSPORTEUR:
        text += " Il ouvre l’enquête auprès du transporteur et revient vers vous par email."
    else:
        text += " Il traite votre demande et vous confirme la suite par email."
    return text
