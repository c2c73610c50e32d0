"""An order, a loyalty account and a customer's account (their recent orders and points) as the
order backend's API returns them (JSON), typed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from cadomaestro.rules.delivery import ShippingMethod
from cadomaestro.rules.orders import OrderStatus


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Line:
    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    personalised: bool
    perishable: bool
    gift_wrap: bool


@dataclass(frozen=True)
class TrackingEvent:
    at: datetime
    label: str
    place: str | None


@dataclass(frozen=True)
class Order:
    reference: str
    status: OrderStatus
    placed_at: datetime
    paid_at: datetime | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    method: ShippingMethod
    postcode: str
    city: str
    country: str
    tracking_number: str | None
    gift_wrap: bool
    message_card: bool
    surprise: bool
    return_1eur: bool
    lines: tuple[Line, ...]
    events: tuple[TrackingEvent, ...]  # oldest first

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Order:
        address, options = data["shipping_address"], data["options"]
        return cls(
            reference=data["reference"],
            status=OrderStatus.from_code(data["status"]),
            placed_at=datetime.fromisoformat(data["placed_at"]),
            paid_at=_moment(data.get("paid_at")),
            shipped_at=_moment(data.get("shipped_at")),
            delivered_at=_moment(data.get("delivered_at")),
            method=ShippingMethod(data["shipping_method"]),
            postcode=address["postcode"],
            city=address["city"],
            country=address["country"],
            tracking_number=data.get("tracking_number"),
            gift_wrap=bool(options["gift_wrap"]),
            message_card=bool(options["message_card"]),
            surprise=bool(options["surprise"]),
            return_1eur=bool(options["return_1eur"]),
            lines=tuple(
                Line(
                    sku=item["sku"],
                    name=item["name"],
                    quantity=int(item["quantity"]),
                    unit_price=Decimal(item["unit_price_ttc"]),
                    personalised=bool(item["personalised"]),
                    perishable=bool(item["perishable"]),
                    gift_wrap=bool(item.get("gift_wrap", False)),
                )
                for item in data["items"]
            ),
            events=tuple(
                TrackingEvent(datetime.fromisoformat(e["at"]), e["label"], e.get("place"))
                for e in data.get("tracking_events", [])
            ),
        )

    @property
    def last_event(self) -> TrackingEvent | None:
        return max(self.events, key=lambda event: event.at) if self.events else None

    @property
    def event_before_last(self) -> TrackingEvent | None:
        """The step before the last (for a parcel going back: why it goes back)."""
        ordered = sorted(self.events, key=lambda event: event.at)
        return ordered[-2] if len(ordered) >= 2 else None

    @property
    def has_gift_wrap(self) -> bool:
        return self.gift_wrap or any(line.gift_wrap for line in self.lines)


@dataclass(frozen=True)
class Loyalty:
    points: int
    expires_on: date | None

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Loyalty:
        expires = data.get("expires_on")
        return cls(int(data["points"]), date.fromisoformat(expires) if expires else None)


@dataclass(frozen=True)
class OrderSummary:
    """An order as a list of the customer's orders shows it."""

    reference: str
    status: OrderStatus
    placed_at: datetime

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> OrderSummary:
        return cls(
            reference=data["reference"],
            status=OrderStatus.from_code(data["status"]),
            placed_at=datetime.fromisoformat(data["placed_at"]),
        )


@dataclass(frozen=True)
class CustomerAccount:
    """A customer's most recent orders (newest first) and loyalty account."""

    orders: tuple[OrderSummary, ...]
    loyalty: Loyalty

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> CustomerAccount:
        orders = tuple(OrderSummary.from_api(order) for order in data["orders"])
        return cls(orders, Loyalty.from_api(data["loyalty"]))
