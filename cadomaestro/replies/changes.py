"""Changing an order (modifier_commande/*): modify or cancel, add gift wrap or a message card,
change the payment method, add delivery instructions, correct a personalisation; possible only
while the order's status allows it (docs/rules.md, "What a status allows")."""

from __future__ import annotations

from datetime import datetime

from cadomaestro.replies.order import Order
from cadomaestro.replies.reply import (
    ASK_CUSTOMER_SERVICE,
    FollowUp,
    Reply,
    faq_paragraph,
    status_sentence,
)
from cadomaestro.replies.returns import never_returnable
from cadomaestro.replies.wording import french_list, quoted
from cadomaestro.rules.carriers import carrier_for
from cadomaestro.rules.orders import OrderStatus, Request, allows
from cadomaestro.rules.requests import RequestKind
from cadomaestro.rules.returns import RETURN_WINDOW_DAYS

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


def _what_remains(request: Request, order: Order) -> str:
    """What the customer can still do once it is too late for `request`."""
    if request is Request.DELIVERY_INSTRUCTIONS:
        carrier = carrier_for(order.method)
        if carrier:
            return f"Contactez directement le transporteur : {carrier.reach}."
    if request is Request.MODIFY_OR_CANCEL:
        carrier = carrier_for(order.method) if order.status is OrderStatus.EXPEDIE else None
        # On its way: the delivery itself is the carrier's (the FAQ's « précisions »)
        on_its_way = (
            "Pour la livraison elle-même (adresse, précisions), contactez directement le "
            f"transporteur : {carrier.reach}. "
            if carrier
            else ""
        )
        return (
            f"{on_its_way}Une fois la commande reçue, vous pourrez retourner les articles "
            f"éligibles dans les {RETURN_WINDOW_DAYS} jours. " + never_returnable(order)
        ).strip()
    return ASK_CUSTOMER_SERVICE


def change_order(request: Request, order: Order, now: datetime) -> Reply:
    """modifier_commande/*: possible only while the order's status allows it."""
    what, kind, question = _CHANGES[request]
    head = status_sentence(order)
    personalised = [line.name for line in order.lines if line.personalised]
    if request is Request.FIX_PERSONALISATION and not personalised:
        # Shipped already, nothing could be corrected anyway (« je viens de voir une faute dans
        # la perso, commande … »): said too.
        said = f"{head} Elle ne comporte aucun article personnalisé."
        if not allows(order.status, request):
            said += f" De toute façon, à ce stade, {what} n’est malheureusement plus possible."
        return Reply((said,))
    if order.status in (OrderStatus.ANNULE, OrderStatus.REMBOURSE):
        return Reply((f"{head} Il n’y a donc plus rien à modifier. {ASK_CUSTOMER_SERVICE}",))
    if not allows(order.status, request) and order.status is OrderStatus.RETOUR_EXPEDITEUR:
        # « vous pouvez pas le renvoyer direct a une autre adresse ? »: nothing until it is
        # back (not « once received, return it », which it never will be).
        return Reply((f"{head} {faq_paragraph('colis_perdu/retour_expediteur', 1)}",))
    if not allows(order.status, request):
        return Reply(
            (f"{head} À ce stade, {what} n’est malheureusement plus possible.",
             _what_remains(request, order)),
        )  # fmt: skip
    which = ""
    if request is Request.FIX_PERSONALISATION:  # which item, also when no question follows
        which = f"pour {french_list([quoted(name) for name in personalised])}, "
    return Reply(
        (f"{head} Bonne nouvelle : {which}{what} est encore possible, et je peux transmettre "
         "votre demande à notre service client.",),
        FollowUp.DETAILS,
        kind,
        question,
    )  # fmt: skip


def gift_wrap_of(order: Order) -> Reply:
    """Whether the order has a gift wrap (« et l'emballage cadeau est bien compris ? »)."""
    head = status_sentence(order)
    wrapped = [quoted(line.name) for line in order.lines if line.gift_wrap]
    if wrapped and not order.gift_wrap:
        said = f"Oui : un emballage cadeau est bien prévu pour {french_list(wrapped)}."
    elif order.has_gift_wrap:
        said = "Oui : votre commande comprend bien un emballage cadeau."
    else:
        said = "D’après votre commande, aucun emballage cadeau n’a été commandé."
    return Reply((f"{head} {said}",))


# A change to the order needs the order's e-mail (docs/rules.md, "Decisions"): the delivery
# postcode shows an order, it does not allow changing it, since others know it too.
_POSTCODE_ONLY_SHOWS = (
    "le code postal de livraison permet de consulter une commande, pas de la modifier, car "
    "d’autres personnes peuvent le connaître (le destinataire d’un cadeau, par exemple)"
)
EMAIL_NEEDED = (
    "Pour transmettre votre demande à notre service client, j’ai besoin de l’adresse email "
    f"utilisée pour la commande : {_POSTCODE_ONLY_SHOWS}. Quelle est cette adresse email ?"
)
# « vous pouvez pas le trouver vous meme avec le numero ?? »: why the proof, asked again.
WHY_THE_PROOF = (
    "Pour protéger vos données, je ne dis rien d’une commande sans vérifier qu’elle est bien la "
    "vôtre : indiquez l’adresse email utilisée pour la commande, ou le code postal de livraison."
)
# « Le numéro que j'ai noté est 6A20419837512 » instead of the order's reference.
TRACKING_NUMBER_GIVEN = (
    "Ce numéro ressemble à un numéro de suivi de colis : pour retrouver votre commande, j’ai "
    "besoin de sa référence de commande, qui compte 9 lettres."
)
# « pk le code postal suffit pas ?? »: why, and the e-mail asked again.
WHY_THE_EMAIL = f"C’est pour votre sécurité : {_POSTCODE_ONLY_SHOWS}."
NO_EMAIL_YET = (
    "C’est noté. Je ne peux transmettre votre demande qu’avec l’adresse email utilisée pour la "
    "commande : si vous la retrouvez, indiquez-la-moi. Sinon, notre service client peut s’en "
    "occuper :"
)
NO_EMAIL = (
    "Sans l’adresse email utilisée pour la commande, je ne peux pas transmettre votre demande : "
    "je n’ai donc rien transmis."
)


NOTED = "C’est noté, je l’ajoute à votre demande."


def email_still_needed(opening: str = "") -> str:
    """The order's e-mail asked again, in other words than the first time, after `opening`: what
    the message instead of it got (`NOTED` for details kept for the request, « Avec plaisir ! »
    for thanks)."""
    return (
        f"{opening} Votre demande n’est pas encore transmise : il me manque seulement l’adresse "
        "email utilisée pour la commande. Pouvez-vous me l’indiquer ?"
    ).strip()


def kind_of(request: Request) -> RequestKind:
    """The kind a change request is recorded as."""
    return _CHANGES[request][1]


def what_is_changed(kind: RequestKind) -> str | None:
    """What a change request asks (« la correction d’une personnalisation »), None for requests
    that do not change the order."""
    if kind is RequestKind.ANNULATION:
        kind = RequestKind.MODIFICATION
    return next((what for what, known, _ in _CHANGES.values() if known is kind), None)


def email_confirmed(kind: RequestKind, reference: str) -> str:
    """The order's e-mail, asked before a change, is right: said so, with the change still
    possible (said with the order's status before the e-mail was asked), before the question."""
    what = what_is_changed(kind)
    still = f" : {what} est encore possible" if what else ""
    return f"Merci, c’est bien l’adresse email de la commande {reference}{still}."


def details_reminder(kind: RequestKind, question: str, *, thanks: bool) -> str:
    """The question asked again, once, after thanks or an acknowledgement instead of its answer:
    nothing is passed on yet, and the change is still possible."""
    opening = "Avec plaisir ! " if thanks else ""
    what = what_is_changed(kind)
    if what:
        return (
            f"{opening}Je n’ai encore rien transmis : si vous le souhaitez, {what} reste "
            f"possible. {question}"
        )
    return f"{opening}Je n’ai encore rien transmis à notre service client. {question}"


def nothing_sent(*, thanks: bool) -> str:
    """After a second message that does not answer the question: nothing passed on."""
    opening = "Avec plaisir ! Je n’ai" if thanks else "Très bien, je n’ai"
    return f"{opening} rien transmis. N’hésitez pas si vous avez une autre question."
