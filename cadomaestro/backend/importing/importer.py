"""Import a parsed document into the database: customers upserted by e-mail, orders by reference
(their lines and tracking events replaced, their customer requests kept), all in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import InstrumentedAttribute

from cadomaestro.backend.database import session_factory
from cadomaestro.backend.importing.reader import parse_file
from cadomaestro.backend.importing.records import CustomerData, Document, OrderData
from cadomaestro.backend.models import Customer, Order, OrderLine, TrackingEvent

T = TypeVar("T")
CHUNK = 500  # values per IN (...) query, well under SQLite's limit on parameters


@dataclass(frozen=True)
class ImportSummary:
    customers_created: int = 0
    customers_updated: int = 0
    orders_created: int = 0
    orders_updated: int = 0

    def __str__(self) -> str:
        return (
            f"clients créés : {self.customers_created}, "
            f"clients mis à jour : {self.customers_updated}, "
            f"commandes créées : {self.orders_created}, "
            f"commandes mises à jour : {self.orders_updated}"
        )


def import_file(engine: Engine, path: str | Path) -> ImportSummary:
    """Parse `path` and import it in one transaction; raises DocumentError (nothing imported)."""
    return import_parsed(engine, parse_file(path))


def import_parsed(engine: Engine, document: Document) -> ImportSummary:
    """Import a parsed document in one transaction; DocumentError: nothing imported."""
    with session_factory(engine)() as session, session.begin():
        return import_document(session, document)


def import_document(session: Session, document: Document) -> ImportSummary:
    """Upsert `document` within the session's transaction (the caller commits or rolls back).

    Raises DocumentError, before writing anything, when an order's customer is neither in the
    document nor in the database."""
    file_emails = {c.email for c in document.customers}
    order_emails = {o.customer_email for o in document.orders}
    customers = _by_key(session, Customer, Customer.email, file_emails | order_emails)
    known = customers.keys() | file_emails
    for order_data in document.orders:
        if order_data.customer_email not in known:
            raise order_data.customer_email_at.error(
                f"client inconnu « {order_data.customer_email} » : absent de la liste "
                "« customers » du fichier et de la base"
            )
    customers_created, customers_updated = _upsert_customers(session, document, customers)
    orders_created, orders_updated = _upsert_orders(session, document, customers)
    session.flush()
    return ImportSummary(customers_created, customers_updated, orders_created, orders_updated)


def _upsert_customers(
    session: Session, document: Document, customers: dict[str, Customer]
) -> tuple[int, int]:
    """Create or update the document's customers (added to `customers`, by e-mail); (created,
    updated)."""
    created = updated = 0
    for data in document.customers:
        customer = customers.get(data.email)
        if customer is None:
            customer = customers[data.email] = Customer(email=data.email)
            session.add(customer)
            created += 1
        else:
            updated += 1
        _fill_customer(customer, data)
    return created, updated


def _upsert_orders(
    session: Session, document: Document, customers: dict[str, Customer]
) -> tuple[int, int]:
    """Create or update the document's orders; (created, updated)."""
    orders = _by_key(session, Order, Order.reference, {o.reference for o in document.orders})
    created = updated = 0
    for data in document.orders:
        order = orders.get(data.reference)
        if order is None:
            order = Order(reference=data.reference)
            session.add(order)
            created += 1
        else:
            updated += 1
        _fill_order(session, order, data, customers[data.customer_email])
    return created, updated


def _fill_customer(customer: Customer, data: CustomerData) -> None:
    customer.first_name = data.first_name
    customer.last_name = data.last_name
    customer.loyalty_points = data.loyalty_points
    customer.loyalty_points_expire_on = data.loyalty_points_expire_on


def _fill_order(session: Session, order: Order, data: OrderData, customer: Customer) -> None:
    order.customer = customer
    order.status = data.status.code
    order.placed_at = data.placed_at
    order.paid_at = data.paid_at
    order.shipped_at = data.shipped_at
    order.delivered_at = data.delivered_at
    order.shipping_method = data.shipping_method.value
    order.shipping_postcode = data.postcode
    order.shipping_city = data.city
    order.shipping_country = data.country
    order.tracking_number = data.tracking_number
    order.option_gift_wrap = data.gift_wrap
    order.option_message_card = data.message_card
    order.option_surprise = data.surprise
    order.option_return_1eur = data.return_1eur
    if order.lines or order.tracking_events:
        # delete the old rows before inserting new ones: (order_id, position) is unique
        order.lines.clear()
        order.tracking_events.clear()
        session.flush()
    order.lines.extend(
        OrderLine(
            position=position,
            sku=item.sku,
            name=item.name,
            quantity=item.quantity,
            unit_price_cents=item.unit_price_cents,
            personalised=item.personalised,
            perishable=item.perishable,
            gift_wrap=item.gift_wrap,
        )
        for position, item in enumerate(data.items)
    )
    order.tracking_events.extend(
        TrackingEvent(at=event.at, label=event.label, place=event.place)
        for event in data.tracking_events
    )


def _by_key(
    session: Session, model: type[T], column: InstrumentedAttribute, keys: Iterable[str]
) -> dict[str, T]:
    """The rows of `model` whose `column` is one of `keys`, by that key."""
    found: dict[str, T] = {}
    for chunk in _chunks(sorted(keys), CHUNK):
        for row in session.execute(select(model).where(column.in_(chunk))).scalars():
            found[getattr(row, column.key)] = row
    return found


def _chunks(values: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
