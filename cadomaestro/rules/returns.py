"""Returns (rétractation) and loyalty points (docs/rules.md, "Returns" and "Loyalty")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal

RETURN_WINDOW_DAYS = 100
MAESTROS_PER_EURO = 15


@dataclass(frozen=True)
class ReturnVerdict:
    eligible: bool
    reason: str  # "ok", "personalised", "perishable", "not_delivered", "too_late"
    deadline: date | None
    free: bool  # return shipping paid by the shop ("retour à 1 €" option)


def return_deadline(delivered_on: date) -> date:
    """Last day to return: 100 days after receipt."""
    return delivered_on + timedelta(days=RETURN_WINDOW_DAYS)


def line_return(
    *,
    personalised: bool,
    perishable: bool,
    delivered_on: date | None,
    today: date,
    return_1eur: bool,
) -> ReturnVerdict:
    """Whether one order line can be returned today, until when, and at whose cost."""
    deadline = return_deadline(delivered_on) if delivered_on else None
    if personalised:
        reason = "personalised"
    elif perishable:
        reason = "perishable"
    elif deadline is None:
        reason = "not_delivered"
    elif today > deadline:
        reason = "too_late"
    else:
        reason = "ok"
    return ReturnVerdict(reason == "ok", reason, deadline, return_1eur)


def maestros_earned(amount_eur: Decimal) -> int:
    """Loyalty points for an amount spent: 15 maestros per euro, rounded down."""
    return int((amount_eur * MAESTROS_PER_EURO).to_integral_value(rounding=ROUND_FLOOR))
