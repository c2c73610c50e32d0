"""What the assistant says to a customer logged in on the shop's site about their account: their
recent orders offered as buttons (the payload is the reference, which the NLU reads as one), no
order in the account, or a reference that is not among their orders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cadomaestro.replies.order import OrderSummary
from cadomaestro.replies.wording import french_short_date
from cadomaestro.rules.calendar import paris_time

SEPARATOR = " · "


def order_title(order: OrderSummary, now: datetime) -> str:
    """`KQZPTRBWE · 20 nov. · Paiement accepté`: reference, day placed (Paris time; the year when
    it is not this year's) and status as the shop names it."""
    placed = paris_time(order.placed_at).date()
    day = french_short_date(placed, year=placed.year != paris_time(now).year)
    return SEPARATOR.join((order.reference, day, order.status.label))


def order_buttons(orders: Sequence[OrderSummary], now: datetime) -> list[dict[str, str]]:
    return [{"title": order_title(order, now), "payload": order.reference} for order in orders]


def choose_order(count: int) -> str:
    """The question that comes with the buttons of `count` orders (at least one)."""
    if count == 1:
        return "Voici la commande de votre compte client : choisissez-la pour que je la consulte."
    return "Voici vos commandes les plus récentes : laquelle est concernée ?"


def not_in_account(reference: str) -> str:
    """A reference that is not among the customer's orders (unknown, or another customer's: the
    same words)."""
    return f"Je ne trouve aucune commande {reference} dans votre compte client."


NO_ORDERS = (
    "Je ne trouve aucune commande dans votre compte client. Je reste à votre disposition pour "
    "vos questions sur la boutique, et notre service client peut aussi vous aider :"
)
