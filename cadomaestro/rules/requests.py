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


def request_kind_for(kind: RequestKind, words: str) -> RequestKind:
    """The kind a modification-or-cancellation request is recorded as, from the customer's
    `words`: a cancellation when they speak of cancelling and not of changing, a modification
    when they speak of changing and not of cancelling, else `kind` unchanged."""
    if kind not in (RequestKind.MODIFICATION, RequestKind.ANNULATION):
        return kind
    text = words.lower()
    cancel = "annul" in text
    change = any(stem in text for stem in ("modif", "chang", "corrig", "rectif"))
    if cancel and not change:
        return RequestKind.ANNULATION
    if change and not cancel:
        return RequestKind.MODIFICATION
    return kind
