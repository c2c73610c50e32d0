"""What the API does, without HTTP: find an order the caller proves to own, a customer's recent
orders and loyalty account, and record and list requests for customer service. Each function
runs inside the caller's transaction and raises the typed errors of errors.py; serialize.py
describes the results."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session, selectinload

from cadomaestro.backend.errors import CustomerNotFound, OrderNotFound
from cadomaestro.backend.models import Customer, CustomerRequest, LoyaltyMovement, Order
from cadomaestro.backend.payloads import CustomerLookup, NewRequest, Proof
from cadomaestro.rules.requests import NEW_REQUEST_STATUS


def normalise_reference(reference: str) -> str:
    return reference.strip().upper()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _without_spaces(value: str) -> str:
    return "".join(value.split()).upper()


def check_database(session: Session) -> None:
    """Fails (with the database's own error) unless the database answers."""
    session.execute(text("SELECT 1")).scalar_one()


def owned_order(session: Session, proof: Proof) -> Order:
    """The order `proof.reference` if the proof matches it (its customer's e-mail, whatever the
    case, or its delivery postcode, whatever the spaces); OrderNotFound otherwise, without saying
    which part failed."""
    order = session.execute(
        select(Order)
        .where(Order.reference == normalise_reference(proof.reference))
        .options(selectinload(Order.customer))
    ).scalar_one_or_none()
    if order is None:
        raise OrderNotFound()
    if proof.email is not None:
        owned = order.customer.email == normalise_email(proof.email)
    else:
        owned = _without_spaces(order.shipping_postcode) == _without_spaces(proof.postcode or "")
    if not owned:
        raise OrderNotFound()
    return order


def customer_with_recent_orders(
    session: Session, lookup: CustomerLookup
) -> tuple[Customer, list[Order]]:
    """The customer whose e-mail is `lookup.email` (whatever the case), with their loyalty
    movements loaded, and their `lookup.limit` most recent orders, newest first;
    CustomerNotFound when no customer has that e-mail."""
    customer = session.execute(
        select(Customer)
        .where(Customer.email == normalise_email(lookup.email))
        .options(selectinload(Customer.loyalty_movements).selectinload(LoyaltyMovement.order))
    ).scalar_one_or_none()
    if customer is None:
        raise CustomerNotFound()
    orders = session.execute(
        select(Order)
        .where(Order.customer_id == customer.id)
        .order_by(Order.placed_at.desc(), Order.id.desc())
        .limit(lookup.limit)
    ).scalars()
    return customer, list(orders)


def create_request(session: Session, new: NewRequest, *, now: datetime) -> CustomerRequest:
    """Record a request for customer service (status "nouvelle") about the order `new.proof`
    proves the caller owns; OrderNotFound otherwise."""
    order = owned_order(session, new.proof)
    request = CustomerRequest(
        kind=new.kind.value,
        order=order,
        conversation_id=new.conversation_id,
        details=new.details,
        attachments=list(new.attachments),
        status=NEW_REQUEST_STATUS,
        created_at=now,
    )
    session.add(request)
    session.flush()  # assigns the id
    return request


def list_requests(
    session: Session, *, reference: str | None = None, conversation_id: str | None = None
) -> list[CustomerRequest]:
    """Requests about an order and/or from a conversation, newest first."""
    if reference is None and conversation_id is None:
        raise ValueError("filter by reference or conversation_id")
    query = select(CustomerRequest).options(selectinload(CustomerRequest.order))
    if reference is not None:
        query = query.join(CustomerRequest.order).where(
            Order.reference == normalise_reference(reference)
        )
    if conversation_id is not None:
        query = query.where(CustomerRequest.conversation_id == conversation_id)
    query = query.order_by(CustomerRequest.created_at.desc(), CustomerRequest.id.desc())
    return list(session.execute(query).scalars())
