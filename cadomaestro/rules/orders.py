"""Order statuses and what each allows (docs/rules.md, "What a status allows")."""

from __future__ import annotations

from enum import Enum


class OrderStatus(Enum):
    """Statuses in their order; the value is the backend's, the label what customers see."""

    EN_ATTENTE_DE_PAIEMENT = ("en_attente_de_paiement", "En attente de paiement")
    PAIEMENT_ACCEPTE = ("paiement_accepte", "Paiement accepté")
    EN_COURS_DE_PREPARATION = ("en_cours_de_preparation", "En cours de préparation")
    EXPEDIE = ("expedie", "Expédié")
    LIVRE = ("livre", "Livré")
    ANNULE = ("annule", "Annulé")
    REMBOURSE = ("rembourse", "Remboursé")
    RETOUR_EXPEDITEUR = ("retour_expediteur", "Retour expéditeur")

    def __init__(self, code: str, label: str) -> None:
        self.code = code
        self.label = label

    @classmethod
    def from_code(cls, code: str) -> OrderStatus:
        for status in cls:
            if status.code == code:
                return status
        raise ValueError(f"unknown order status {code!r}")


class Request(Enum):
    """What a customer may ask customer service to do to an order."""

    MODIFY_OR_CANCEL = "modifier_annuler"  # items, delivery address, or cancel
    ADD_GIFT_WRAP = "ajout_emballage"  # gift wrap and/or message card
    CHANGE_PAYMENT_METHOD = "changer_paiement"
    DELIVERY_INSTRUCTIONS = "precisions_livraison"
    FIX_PERSONALISATION = "corriger_personnalisation"


_BEFORE_PREPARATION = frozenset({OrderStatus.EN_ATTENTE_DE_PAIEMENT, OrderStatus.PAIEMENT_ACCEPTE})
# Not shipped yet: paid or not, being prepared.
BEFORE_SHIPPING = _BEFORE_PREPARATION | {OrderStatus.EN_COURS_DE_PREPARATION}
# Not in the customer's hands yet: to be shipped, or on its way.
STILL_TO_RECEIVE = BEFORE_SHIPPING | {OrderStatus.EXPEDIE}

ALLOWED_WHILE: dict[Request, frozenset[OrderStatus]] = {
    Request.MODIFY_OR_CANCEL: _BEFORE_PREPARATION,
    Request.ADD_GIFT_WRAP: _BEFORE_PREPARATION,
    Request.CHANGE_PAYMENT_METHOD: _BEFORE_PREPARATION,
    Request.DELIVERY_INSTRUCTIONS: BEFORE_SHIPPING,
    Request.FIX_PERSONALISATION: BEFORE_SHIPPING,
}


def allows(status: OrderStatus, request: Request) -> bool:
    """Whether customer service can still act on `request` for an order in `status`."""
    return status in ALLOWED_WHILE[request]
