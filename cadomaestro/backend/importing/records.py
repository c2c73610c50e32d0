"""An import file once checked: plain, immutable data, ready for the importer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from cadomaestro.backend.importing.parsers import Location
from cadomaestro.rules.delivery import ShippingMethod
from cadomaestro.rules.orders import OrderStatus


@dataclass(frozen=True)
class CustomerData:
    email: str
    first_name: str
    last_name: str
    loyalty_points: int
    loyalty_points_expire_on: date | None


@dataclass(frozen=True)
class ItemData:
    sku: str
    name: str
    quantity: int
    unit_price_cents: int
    personalised: bool
    perishable: bool
    gift_wrap: bool


@dataclass(frozen=True)
class TrackingEventData:
    at: datetime
    label: str
    place: str | None


@dataclass(frozen=True)
class OrderData:
    reference: str
    customer_email: str
    customer_email_at: Location  # where to point if the customer is unknown
    status: OrderStatus
    placed_at: datetime
    paid_at: datetime | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    shipping_method: ShippingMethod
    postcode: str
    city: str
    country: str
    tracking_number: str | None
    gift_wrap: bool
    message_card: bool
    surprise: bool
    return_1eur: bool
    items: tuple[ItemData, ...]
    tracking_events: tuple[TrackingEventData, ...]


@dataclass(frozen=True)
class Document:
    source: str
    customers: tuple[CustomerData, ...]
    orders: tuple[OrderData, ...]
