"""The API's descriptions of orders, customers, loyalty accounts and requests as plain data (what
openapi.yaml documents). Call them inside the transaction: they read related rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cadomaestro.backend.models import Customer, CustomerRequest, Order
from cadomaestro.backend.money import text_from_cents
from cadomaestro.rules.orders import OrderStatus


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def order_to_dict(order: Order) -> dict[str, Any]:
    return {
        **order_summary_to_dict(order),
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


def order_summary_to_dict(order: Order) -> dict[str, Any]:
    """What a list of a customer's orders shows of each (the full order needs its proof)."""
    return {
        "reference": order.reference,
        "status": order.status,
        "status_label": OrderStatus.from_code(order.status).label,
        "placed_at": _moment(order.placed_at),
    }


def customer_to_dict(customer: Customer, orders: list[Order]) -> dict[str, Any]:
    return {
        "orders": [order_summary_to_dict(order) for order in orders],
        "loyalty": loyalty_to_dict(customer),
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
