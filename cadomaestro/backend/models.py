"""The order database: customers, orders and their lines, tracking events, loyalty movements and
the requests passed on to customer service.

Money is stored in integer cents; datetimes are stored in UTC and always read back as
timezone-aware UTC datetimes (`UtcDateTime`). Statuses and shipping methods are stored as the codes
of `OrderStatus` and `ShippingMethod` (cadomaestro.rules), validated before they get here.

Written in the SQLAlchemy 2.0 style (runs on 1.4 with `future=True`). The schema is created by the
hand-written Alembic migrations in `migrations/`, which must stay equal to these models (a test
compares them).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import registry, relationship, validates
from sqlalchemy.types import TypeDecorator

from cadomaestro.rules.requests import NEW_REQUEST_STATUS

# Deterministic constraint names, the same on every database (the migrations use them).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

mapper_registry = registry(metadata=MetaData(naming_convention=NAMING_CONVENTION))

if TYPE_CHECKING:
    # SQLAlchemy 1.4 ships no type hints, so the generated base is opaque to mypy: describe what
    # the models get from it.
    class Base:
        metadata: MetaData
        __tablename__: str

        def __init__(self, **kwargs: Any) -> None: ...

else:
    Base = mapper_registry.generate_base()


class UtcDateTime(TypeDecorator):
    """A datetime stored in UTC and returned timezone-aware in UTC, on SQLite (which keeps no
    offset) as on PostgreSQL (timestamptz). Naive datetimes are refused: their time zone is a
    guess."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"a datetime is required, not {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime refused: give it a time zone")
        utc = value.astimezone(timezone.utc)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite: stored as UTC without offset
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class JsonList(TypeDecorator):
    """A list of strings stored as JSON text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(list(value), ensure_ascii=False)

    def process_result_value(self, value: Any, dialect: Dialect) -> list[str] | None:
        return None if value is None else json.loads(value)


class Customer(Base):
    __tablename__ = "customers"

    id = Column(Integer, primary_key=True)
    email = Column(String(320), nullable=False, unique=True)  # lower-case
    first_name = Column(String(100), nullable=False)
    last_name = Column(String(100), nullable=False)
    loyalty_points = Column(Integer, nullable=False, default=0)
    loyalty_points_expire_on = Column(Date, nullable=True)

    orders = relationship("Order", back_populates="customer", order_by="Order.placed_at")
    loyalty_movements = relationship(
        "LoyaltyMovement",
        back_populates="customer",
        cascade="all, delete-orphan",
        order_by="(LoyaltyMovement.at.desc(), LoyaltyMovement.id.desc())",
    )

    @validates("email")
    def _lower_case_email(self, _key: str, email: str) -> str:
        return email.strip().lower()


class Order(Base):
    __tablename__ = "orders"

    id = Column(Integer, primary_key=True)
    reference = Column(String(9), nullable=False, unique=True)  # 9 upper-case letters
    customer_id = Column(ForeignKey("customers.id"), nullable=False, index=True)
    status = Column(String(32), nullable=False)  # OrderStatus.code
    placed_at = Column(UtcDateTime, nullable=False)
    paid_at = Column(UtcDateTime, nullable=True)
    shipped_at = Column(UtcDateTime, nullable=True)
    delivered_at = Column(UtcDateTime, nullable=True)
    shipping_method = Column(String(32), nullable=False)  # ShippingMethod.value
    shipping_postcode = Column(String(16), nullable=False)
    shipping_city = Column(String(100), nullable=False)
    shipping_country = Column(String(2), nullable=False)  # ISO 3166-1 alpha-2
    tracking_number = Column(String(64), nullable=True)
    option_gift_wrap = Column(Boolean, nullable=False, default=False)
    option_message_card = Column(Boolean, nullable=False, default=False)
    option_surprise = Column(Boolean, nullable=False, default=False)
    option_return_1eur = Column(Boolean, nullable=False, default=False)

    customer = relationship("Customer", back_populates="orders")
    lines = relationship(
        "OrderLine",
        back_populates="order",
        cascade="all, delete-orphan",
        order_by="OrderLine.position",
    )
    tracking_events = relationship(
        "TrackingEvent",
        back_populates="order",
        cascade="all, delete-orphan",
        order_by="(TrackingEvent.at, TrackingEvent.id)",
    )
    requests = relationship("CustomerRequest", back_populates="order")

    @validates("reference")
    def _upper_case_reference(self, _key: str, reference: str) -> str:
        return reference.strip().upper()


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        UniqueConstraint("order_id", "position"),
        CheckConstraint("quantity >= 1", name="quantity_positive"),
        CheckConstraint("unit_price_cents >= 0", name="price_not_negative"),
    )

    id = Column(Integer, primary_key=True)
    order_id = Column(ForeignKey("orders.id", ondelete="CASCADE"), nullable=False)
    position = Column(Integer, nullable=False)  # 0, 1, … in the order's own order
    sku = Column(String(64), nullable=False)
    name = Column(String(200), nullable=False)
    quantity = Column(Integer, nullable=False)
    unit_price_cents = Column(Integer, nullable=False)  # price including VAT, in cents
    personalised = Column(Boolean, nullable=False, default=False)
    perishable = Column(Boolean, nullable=False, default=False)
    gift_wrap = Column(Boolean, nullable=False, default=False)

    order = relationship("Order", back_populates="lines")


class TrackingEvent(Base):
    __tablename__ = "tracking_events"

    id = Column(Integer, primary_key=True)
    order_id = Column(ForeignKey("orders.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(UtcDateTime, nullable=False)
    label = Column(String(200), nullable=False)
    place = Column(String(100), nullable=True)

    order = relationship("Order", back_populates="tracking_events")


class LoyaltyMovement(Base):
    __tablename__ = "loyalty_movements"

    id = Column(Integer, primary_key=True)
    customer_id = Column(ForeignKey("customers.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(UtcDateTime, nullable=False)
    points = Column(Integer, nullable=False)  # earned (> 0) or spent (< 0)
    label = Column(String(200), nullable=False)
    order_id = Column(ForeignKey("orders.id", ondelete="SET NULL"), nullable=True, index=True)

    customer = relationship("Customer", back_populates="loyalty_movements")
    order = relationship("Order")


class CustomerRequest(Base):
    """A request passed on to customer service (a ticket), linked to an order and the
    conversation it came from."""

    __tablename__ = "customer_requests"

    id = Column(Integer, primary_key=True)
    kind = Column(String(32), nullable=False)  # RequestKind.value
    order_id = Column(ForeignKey("orders.id"), nullable=False, index=True)
    conversation_id = Column(String(320), nullable=False, index=True)
    details = Column(Text, nullable=False)
    attachments = Column(JsonList, nullable=False, default=list)  # URLs
    status = Column(String(32), nullable=False, default=NEW_REQUEST_STATUS)
    created_at = Column(UtcDateTime, nullable=False)

    order = relationship("Order", back_populates="requests")
