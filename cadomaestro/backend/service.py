"""What the API does, without HTTP: find an order the caller proves to own, describe it (and its
customer's loyalty account) as plain data, and record requests for customer service."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cadomaestro.backend.models import Customer, CustomerRequest, Order
from cadomaestro.backend.money import text_from_cents
from cadomaestro.rules.orders import OrderStatus
from cadomaestro.rules.requests import NEW_REQUEST_STATUS, RequestKind


def normalise_reference(reference: str) -> str:
    return reference.strip().upper()


def _without_spaces(text: str) -> str:
    return "".join(text.split()).upper()


def find_owned_order(
    session: Session, reference: str, *, email: str | None = None, postcode: str | None = None
) -> Order | None:
    """The order `reference` if the proof matches it (its customer's e-mail, whatever the case, or
    its delivery postcode, whatever the spaces); None otherwise, without saying which part failed.
    Exactly one proof is required."""
    if (email is None) == (postcode is None):
        raise ValueError("give exactly one proof: email or postcode")
    order = session.execute(
        select(Order)
        .where(Order.reference == normalise_reference(reference))
        .options(selectinload(Order.customer))
    ).scalar_one_or_none()
    if order is None:
        return None
    if email is not None:
        owned = order.customer.email == email.strip().lower()
    else:
        owned = _without_spaces(order.shipping_postcode) == _without_spaces(postcode or "")
    return order if owned else None


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def order_to_dict(order: Order) -> dict[str, Any]:
    return {
        "reference": order.reference,
        "status": order.status,
        "status_label": OrderStatus.from_code(order.status).label,
        "placed_at": _moment(order.placed_at),
        "paid_at": _moment(order.paid_at),
        "shipped_at": _moment(order.shipped_at),
        "delivered_at": _moment(order.delivered_at),
        "shipping_method": order.shipping_method,
        "shipping_address": {
            "postcode": order.shipping_postcode,
            "city": order.shipping_city,
            "country": order.shipping_country,
        },
        "tracking_number": order.tracking_number,
        "options": {
            "gift_wrap": order.option_gift_wrap,
            "message_card": order.option_message_card,
            "surprise": order.option_surprise,
            "return_1eur": order.option_return_1eur,
        },
        "items": [
            {
                "sku": line.sku,
                "name": line.name,
                "quantity": line.quantity,
                "unit_price_ttc": text_from_cents(line.unit_price_cents),
                "personalised": line.personalised,
                "perishable": line.perishable,
                "gift_wrap": line.gift_wrap,
            }
            for line in order.lines
        ],
        "tracking_events": [
            {"at": _moment(event.at), "label": event.label, "place": event.place}
            for event in order.tracking_events  # oldest first
        ],
        "customer": {"first_name": order.customer.first_name},
    }


def loyalty_to_dict(customer: Customer) -> dict[str, Any]:
    expires = customer.loyalty_points_expire_on
    return {
        "points": customer.loyalty_points,
        "expires_on": expires.isoformat() if expires else None,
        "movements": [
            {
                "at": _moment(movement.at),
                "points": movement.points,
                "label": movement.label,
                "order_reference": movement.order.reference if movement.order else None,
            }
            for movement in customer.loyalty_movements  # newest first
        ],
    }


def request_to_dict(request: CustomerRequest) -> dict[str, Any]:
    return {
        "id": request.id,
        "kind": request.kind,
        "order_reference": request.order.reference,
        "conversation_id": request.conversation_id,
        "details": request.details,
        "attachments": list(request.attachments),
        "status": request.status,
        "created_at": _moment(request.created_at),
    }


def create_request(
    session: Session,
    order: Order,
    *,
    kind: RequestKind,
    conversation_id: str,
    details: str,
    attachments: list[str],
    now: datetime,
) -> CustomerRequest:
    """Record a request for customer service about `order` (status "nouvelle")."""
    request = CustomerRequest(
        kind=kind.value,
        order=order,
        conversation_id=conversation_id,
        details=details,
        attachments=list(attachments),
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
