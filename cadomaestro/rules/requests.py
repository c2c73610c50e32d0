"""The kinds of request the assistant passes on to customer service about an order (the order
API's `kind`), which kind a request is recorded as, and the status every request starts in."""

from __future__ import annotations

from enum import Enum

NEW_REQUEST_STATUS = "nouvelle"  # every request starts here; customer service moves it on


class RequestKind(Enum):
    MODIFICATION = "modification"  # items or delivery address
    ANNULATION = "annulation"
    PERSONNALISATION = "personnalisation"  # correct a personalisation
    EMBALLAGE_CARTE = "emballage_carte"  # add gift wrap and/or a message card
    CHANGEMENT_PAIEMENT = "changement_paiement"
    PRECISIONS_LIVRAISON = "precisions_livraison"
    ENQUETE_TRANSPORTEUR = "enquete_transporteur"  # parcel late, lost, or delivered not received
    SAV = "sav"  # after-sales: damaged, missing or wrong product

    @classmethod
    def values(cls) -> list[str]:
        return [kind.value for kind in cls]


# Requests that change the order itself: only the order's e-mail proves enough to ask for them
# (docs/rules.md, "Decisions"); the delivery postcode, which a gift's recipient knows too, does not.
CHANGE_KINDS = frozenset(
    {
        RequestKind.MODIFICATION,
        RequestKind.ANNULATION,
        RequestKind.PERSONNALISATION,
        RequestKind.EMBALLAGE_CARTE,
        RequestKind.CHANGEMENT_PAIEMENT,
        RequestKind.PRECISIONS_LIVRAISON,
    }
)


def request_kind_for(kind: RequestKind, details: str) -> RequestKind:
    """The kind a request is recorded as: a modification whose details ask to cancel is a
    cancellation."""
    if kind is RequestKind.MODIFICATION and "annul" in details.lower():
        return RequestKind.ANNULATION
    return kind
