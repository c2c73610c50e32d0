"""Orders as the backend describes them, at fixed times, for the reply tests
(tests/unit/test_replies_*.py)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from cadomaestro.replies.order import Order
from cadomaestro.replies.reply import Reply
from cadomaestro.rules.orders import OrderStatus

PARIS = ZoneInfo("Europe/Paris")
S = OrderStatus


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


NOW = paris(2026, 11, 25, 10, 0)  # Wednesday, before the 16:00 cut-off
LA_POSTE_PHONE = "3631"
TNT_PHONE = "0 825 033 033"


def item(
    name: str, *, personalised: bool = False, perishable: bool = False, gift_wrap: bool = False
) -> dict[str, Any]:
    return {
        "sku": name.upper()[:6],
        "name": name,
        "quantity": 1,
        "unit_price_ttc": "19.90",
        "personalised": personalised,
        "perishable": perishable,
        "gift_wrap": gift_wrap,
    }


BOOK = item("Livre de cuisine")
MUG = item("Mug gravé", personalised=True)
CHOCOLATES = item("Chocolats fins", perishable=True)
WRAPPED_BOOK = item("Livre de cuisine", gift_wrap=True)


def utc(moment: datetime | None) -> str | None:
    """As the backend sends datetimes: ISO 8601 in UTC."""
    return moment.astimezone(timezone.utc).isoformat() if moment else None


PLACED = paris(2026, 11, 23, 9, 0)  # Monday
SHIPPED_TUE = paris(2026, 11, 24, 14, 0)  # Colissimo window: Thursday 26 - Friday 27
SHIPPED_LATE = paris(2026, 11, 16, 14, 0)  # Colissimo window ended Thursday 19
DELIVERED = paris(2026, 11, 18, 11, 0)


def make_order(
    status: str = "expedie",
    *,
    method: str = "colissimo_domicile",
    placed: datetime = PLACED,
    shipped: datetime | None = None,
    delivered: datetime | None = None,
    events: tuple[tuple[datetime, str, str | None], ...] = (),
    items: tuple[dict[str, Any], ...] = (BOOK,),
    tracking: str | None = "6A12345678901",
    gift_wrap: bool = False,
    return_1eur: bool = False,
    postcode: str = "69003",
    country: str = "FR",
) -> Order:
    return Order.from_api(
        {
            "reference": "KQZPTRBWE",
            "status": status,
            "status_label": OrderStatus.from_code(status).label,
            "placed_at": utc(placed),
            "paid_at": utc(placed),
            "shipped_at": utc(shipped),
            "delivered_at": utc(delivered),
            "shipping_method": method,
            "shipping_address": {"postcode": postcode, "city": "Lyon", "country": country},
            "tracking_number": tracking if shipped else None,
            "options": {
                "gift_wrap": gift_wrap,
                "message_card": False,
                "surprise": False,
                "return_1eur": return_1eur,
            },
            "items": list(items),
            "tracking_events": [
                {"at": utc(at), "label": label, "place": place} for at, label, place in events
            ],
            "customer": {"first_name": "Claire"},
        }
    )


SHIPPED_STATUSES = {S.EXPEDIE, S.LIVRE, S.RETOUR_EXPEDITEUR}


def order_in(status: OrderStatus, **kwargs: Any) -> Order:
    """An order in `status`, with the dates that status implies."""
    shipped = SHIPPED_LATE if status in SHIPPED_STATUSES else None
    delivered = DELIVERED if status is S.LIVRE else None
    return make_order(status.code, shipped=shipped, delivered=delivered, **kwargs)


def text_of(reply: Reply) -> str:
    return "\n".join(reply.messages)
