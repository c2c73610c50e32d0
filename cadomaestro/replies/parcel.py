"""Where is my parcel (colis_perdu/*): not shipped yet, on its way, late or without news,
delivered but not received, back to the shop; from the order's status, its tracking and the time
rules (docs/rules.md, "Problems that need an order", "Time rules")."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from cadomaestro.replies.estimates import SPEED
from cadomaestro.replies.order import Order, TrackingEvent
from cadomaestro.replies.reply import (
    ASK_CUSTOMER_SERVICE,
    FollowUp,
    Reply,
    faq_paragraph,
    status_sentence,
)
from cadomaestro.replies.wording import french_date, french_moment, french_window, quoted
from cadomaestro.rules.calendar import paris_time
from cadomaestro.rules.carriers import HOW_TO_RECEIVE, METHOD_NAMES, Carrier, carrier_for
from cadomaestro.rules.delivery import ShippingMethod, delivery_window, estimate, parcel_overdue
from cadomaestro.rules.orders import BEFORE_SHIPPING, STILL_TO_RECEIVE, OrderStatus
from cadomaestro.rules.requests import RequestKind

CARRIER_PHONE_START = "Vous pouvez joindre "
CARRIER_PHONE_ASIDE = "Vous pouvez aussi joindre "
# « et si eux savent rien ? » (the FAQ's « notre service client … pourra également ouvrir une
# enquête de son côté avec le transporteur »).
INVESTIGATION_IF_NO_NEWS = (
    "Dans ce cas, notre service client peut ouvrir une enquête de son côté auprès du transporteur."
)

# « vous pouvez pas juste men renvoyer un ?? », « et je serai remboursée ? » about a parcel the
# shop investigates: its customer service decides (the FAQ promises no outcome).
AFTER_THE_INVESTIGATION = (
    "Je ne peux pas vous le promettre moi-même : c’est notre service client qui, à l’issue de "
    "l’enquête auprès du transporteur, vous proposera une solution et reviendra vers vous par "
    "email."
)


def carrier_phones(carriers: list[Carrier]) -> str:
    """How to call each carrier (« et je peux appeler tnt moi même ? »)."""
    return " ".join(f"{CARRIER_PHONE_START}{carrier.reach}." for carrier in carriers)


def gave_carrier_phone(reply: str, aside: bool = True) -> bool:
    """Whether `reply` gave a carrier's phone: as the answer (`carrier_phones`) or, unless
    `aside` is False, in passing (the late parcel's « Vous pouvez aussi joindre TNT… »)."""
    answer = any(line.startswith(CARRIER_PHONE_START) for line in reply.split("\n"))
    return answer or (aside and CARRIER_PHONE_ASIDE in reply)


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
        today = paris_time(now).date()
        text += f", livraison estimée {french_window(window.earliest, window.latest, today)}"
    # « ca prend cb de temps une fois partie ? »: the method's delay once shipped.
    return [text + f" (estimation{_method_delay(order)})."]


def _method_delay(order: Order) -> str:
    """« , 48 h après l’expédition »: what the method takes once shipped, if it says."""
    return f", {SPEED[order.method]} après l’expédition" if order.method in SPEED else ""


def _step(label: str, event: TrackingEvent) -> str:
    place = f" ({event.place})" if event.place else ""
    return f" {label} : {quoted(event.label)}{place}, le {french_moment(event.at)}."


def _tracking(order: Order, with_previous_step: bool = False) -> str:
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
    previous = order.event_before_last if with_previous_step else None
    if previous:
        text += _step("Étape précédente", previous)
    if order.last_event:
        text += _step("Dernière étape", order.last_event)
    return text


# The parcel found after all (« c'est bon la gardienne l'avait gardé !! merci ») once its
# problem was answered.
PARCEL_FOUND = (
    "Tant mieux ! Je suis ravi que vous ayez bien récupéré votre colis. Avez-vous une autre "
    "question ?"
)

# The parcel said late (« ma commande est en retard »; not « colis_perdu/colis_perdu », which
# also answers a plain « où en est ma commande », `order_status`).
LATE_TOPIC = "colis_perdu/date_livraison_depassee"


def _carrier_name(order: Order) -> str:
    carrier = carrier_for(order.method)
    return carrier.name if carrier else "le transporteur"


def _carrier_says_delivered(order: Order, when: str) -> str:
    """« La Poste (Colissimo) l’indique livrée le … (numéro de suivi …) »: the number to check
    its proof of delivery with."""
    who = _carrier_name(order)
    tracking = f" (numéro de suivi {order.tracking_number})" if order.tracking_number else ""
    return f"{who[0].upper()}{who[1:]} l’indique livrée{when}{tracking}"


def _investigation_offer(order: Order) -> str:
    return (
        "Souhaitez-vous que notre service client ouvre une enquête auprès de "
        f"{_carrier_name(order)} ?"
    )


def where_is_my_parcel(topic: str, order: Order, now: datetime) -> Reply:
    """colis_perdu/*: late, lost, delivered but not received, back to the shop, not shipped;
    not shipped, with its shipping method (a PickUp Station's 3 days to collect the parcel are
    better known before it arrives)."""
    reply = _where_is_my_parcel(topic, order, now)
    if order.status in BEFORE_SHIPPING:
        return _with_method(reply, order, order.method is ShippingMethod.PICKUP_STATION)
    return reply


def _where_is_my_parcel(topic: str, order: Order, now: datetime) -> Reply:
    status = order.status
    head = status_sentence(order)
    if status in (OrderStatus.ANNULE, OrderStatus.REMBOURSE):
        return Reply((f"{head} Elle ne sera donc pas expédiée. {ASK_CUSTOMER_SERVICE}",))
    if status in BEFORE_SHIPPING:
        return Reply((" ".join([head, *_not_shipped(order, now)]),))
    if status is OrderStatus.RETOUR_EXPEDITEUR:
        return Reply(
            (
                f"{head} Le colis est en train de revenir vers nos locaux. "
                + _tracking(order, with_previous_step=True),  # why it goes back
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
            (f"{head} {_carrier_says_delivered(order, delivered)}. {checks}",),
            FollowUp.CONFIRMATION,
            RequestKind.ENQUETE_TRANSPORTEUR,
            f"Sans résultat, vous pouvez porter réclamation auprès de {carrier.reach}. "
            f"{_investigation_offer(order)}"
            if carrier
            else _investigation_offer(order),
        )
    # Shipped: on time, or late / without news.
    assert order.shipped_at is not None, "a shipped order has a shipping date"
    last = order.last_event
    tracking = f"{head} {_tracking(order)}"
    if parcel_overdue(order.method, order.shipped_at, last.at if last else None, now):
        phone = f" {CARRIER_PHONE_ASIDE}{carrier.reach}." if carrier else ""
        return Reply(
            (tracking, f"Votre colis a du retard ou n’a plus de nouvelles.{phone}"),
            FollowUp.CONFIRMATION,
            RequestKind.ENQUETE_TRANSPORTEUR,
            _investigation_offer(order),
        )
    earliest, latest = delivery_window(order.method, paris_time(order.shipped_at).date())
    # « on time » said with the method's delay (« Colissimo … 48 h après l’expédition »).
    expected = (
        f"Livraison estimée {french_window(earliest, latest, paris_time(now).date())} "
        f"(estimation{_method_delay(order)})."
        if earliest and latest
        else "Le délai de livraison dépend du pays de destination."
    )
    if topic == "colis_perdu/livre_non_recu":
        expected = f"Le colis n’est pas encore indiqué comme livré. {expected}"
    elif topic == LATE_TOPIC and latest:
        # Said late while on time: when to come back, and what can be done then.
        # (The FAQ: « notre service client qui ouvrira une enquête auprès du transporteur ».)
        # One sentence with the estimate: what a « quand ? » after it recalls says both.
        expected = expected.removesuffix(".") + (
            f", votre colis n’est donc pas en retard ; s’il n’est pas arrivé après le "
            f"{french_date(latest)}, revenez vers moi et notre service client pourra ouvrir une "
            f"enquête auprès de {_carrier_name(order)}."
        )
        if carrier:  # (the FAQ: « contactez directement le transporteur »)
            expected += f" {CARRIER_PHONE_ASIDE}{carrier.reach}."

    return Reply((tracking, expected))


def order_status(order: Order, now: datetime) -> Reply:
    """Where is my order, asked plainly (« où en est ma commande », « elle arrive quand »):
    its status, tracking and expected delivery; the late or lost parcel's offers only when it
    is late; a delivered order says when, without the checks of a parcel not received."""
    if order.status is OrderStatus.LIVRE and order.method is not ShippingMethod.RETRAIT_ENTREPOT:
        delivered = (
            f" le {french_date(paris_time(order.delivered_at).date())}"
            if order.delivered_at
            else ""
        )
        return Reply(
            (f"{status_sentence(order)} Elle a été livrée{delivered}. {_tracking(order)}",)
        )
    return where_is_my_parcel("colis_perdu/colis_perdu", order, now)


def order_reception(order: Order, now: datetime) -> Reply:
    """How the order will reach the customer (« faut une piece d identite pour la recuperer la
    bas ? », « c'est quoi les horaires pour la récupérer ? »): its status, its shipping method
    and how that method hands the parcel over. An order delivered, coming back or that will not
    be shipped: its status says it all."""
    if order.status in STILL_TO_RECEIVE:
        reply = _where_is_my_parcel("colis_perdu/colis_perdu", order, now)
        return _with_method(reply, order, reception=True)
    return order_status(order, now)


def _with_method(reply: Reply, order: Order, reception: bool) -> Reply:
    """`reply` with the order's shipping method after its first message, and how that method
    hands the parcel over if `reception`."""
    method = f"Mode de livraison choisi : {METHOD_NAMES[order.method]}."
    if reception:
        method += f" {HOW_TO_RECEIVE[order.method]}"
    return replace(reply, messages=(f"{reply.messages[0]} {method}", *reply.messages[1:]))
