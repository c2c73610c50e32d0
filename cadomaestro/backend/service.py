"""What the API does, without HTTP: find an order the caller proves to own, and record and list
requests for customer service. Each function runs inside the caller's transaction and raises the
typed errors of errors.py; serialize.py describes the results."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session, selectinload

from cadomaestro.backend.errors import OrderNotFound
from cadomaestro.backend.models import CustomerRequest, Order
from cadomaestro.backend.payloads import NewRequest, Proof
from cadomaestro.rules.requests import NEW_REQUEST_STATUS


def normalise_reference(reference: str) -> str:
    return reference.strip().upper()


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
        owned = order.customer.email == proof.email.strip().lower()
    else:
        owned = _without_spaces(order.shipping_postcode) == _without_spaces(proof.postcode or "")
    if not owned:
        raise OrderNotFound()
    return order


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
