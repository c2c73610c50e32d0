"""Which FAQ topics are answered from the customer's order, and by which answer
(docs/rules.md, "Problems that need an order").

Each topic is a retrieval intent of the FAQ corpus (`colis_perdu/livre_non_recu`, …); its answer
starts from the order's status and the rules, and quotes the FAQ where the FAQ says what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from cadomaestro.replies.aftersales import after_sales
from cadomaestro.replies.changes import change_order, kind_of
from cadomaestro.replies.order import Order
from cadomaestro.replies.parcel import (
    LATE_TOPIC,
    order_reception,
    order_status,
    where_is_my_parcel,
)
from cadomaestro.replies.reply import Reply
from cadomaestro.replies.returns import returns
from cadomaestro.rules.orders import Request
from cadomaestro.rules.requests import RequestKind

OrderAnswer = Callable[[Order, datetime], Reply]

# Where the parcel is: late, lost, delivered but not received, coming back. Each is answered from
# the order's status (`where_is_my_parcel`), so a message that may mean any of them needs no
# clarification, only the order.
NOT_RECEIVED_TOPIC = "colis_perdu/livre_non_recu"
LOST_TOPIC = "colis_perdu/colis_perdu"
RETURNED_TOPIC = "colis_perdu/retour_expediteur"
PARCEL_TOPICS = (
    LOST_TOPIC,
    LATE_TOPIC,
    NOT_RECEIVED_TOPIC,
    RETURNED_TOPIC,
)
CHANGE_PAYMENT_TOPIC = "modifier_commande/changer_mode_paiement"
GIFT_WRAP_TOPIC = "modifier_commande/ajouter_emballage_carte"
_CHANGE_TOPICS = {
    "modifier_commande/modifier_annuler_commande": Request.MODIFY_OR_CANCEL,
    GIFT_WRAP_TOPIC: Request.ADD_GIFT_WRAP,
    CHANGE_PAYMENT_TOPIC: Request.CHANGE_PAYMENT_METHOD,
    "modifier_commande/precisions_livraison": Request.DELIVERY_INSTRUCTIONS,
    "modifier_commande/modifier_personnalisation": Request.FIX_PERSONALISATION,
}
MODIFY_TOPIC = "modifier_commande/modifier_annuler_commande"
PERSONALISATION_TOPIC = "modifier_commande/modifier_personnalisation"
DEFECT_TOPIC = "produit_defectueux/produit_defectueux"
AFTER_SALES_TOPICS = (
    DEFECT_TOPIC,
    "produit_defectueux/emballage_endommage",
    "produit_defectueux/produit_manquant",
    "produit_defectueux/produit_non_conforme",
    "produit_defectueux/emballage_manquant",
    "produit_defectueux/article_incomplet",
)

# Not a topic of the corpus: where the order is, asked about an order (« où en est ma commande »,
# « elle arrive quand ? »); the dialogue maps tracking and delay questions to it.
# The button that hands over to customer service (its title fits Meta's 20-character buttons).
HANDOVER_BUTTON = {"title": "Parler à quelqu’un", "payload": "/parler_humain"}
STATUS_TOPIC = "suivi/commande"
# Not a topic of the corpus either: how the order will reach the customer, asked about their
# order (« faut une piece d identite pour la recuperer la bas ? »).
RECEPTION_TOPIC = "suivi/reception"
DIALOGUE_TOPICS = frozenset({STATUS_TOPIC, RECEPTION_TOPIC})  # the dialogue's own, not the FAQ's
RETURNS_TOPIC = "produit_defectueux/retractation"
MISSING_ITEM_TOPIC = "produit_defectueux/produit_manquant"
INCOMPLETE_ITEM_TOPIC = "produit_defectueux/article_incomplet"
POINTS_TOPIC = "points_fidelite/points_fidelite"

ORDER_TOPICS: dict[str, OrderAnswer] = {
    STATUS_TOPIC: order_status,
    RECEPTION_TOPIC: order_reception,
    **{topic: partial(where_is_my_parcel, topic) for topic in PARCEL_TOPICS},
    **{topic: partial(change_order, request) for topic, request in _CHANGE_TOPICS.items()},
    **{topic: partial(after_sales, topic) for topic in AFTER_SALES_TOPICS},
    RETURNS_TOPIC: returns,
}
# Answered from the customer's loyalty account, found through the order (loyalty.py).
LOYALTY_TOPICS = frozenset({POINTS_TOPIC})


def needs_order(topic: str) -> bool:
    """Whether answering `topic` needs the customer's order (and so its proof of ownership)."""
    return topic in ORDER_TOPICS or topic in LOYALTY_TOPICS


def answer_about_order(topic: str, order: Order, now: datetime) -> Reply:
    return ORDER_TOPICS[topic](order, now)


def change_kind(topic: str | None) -> RequestKind | None:
    """The kind of request a change topic is recorded as (`modifier_commande/*`), else None."""
    request = _CHANGE_TOPICS.get(topic or "")
    return kind_of(request) if request else None
