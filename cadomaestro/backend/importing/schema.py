"""The import format's fields: which keys each object has and how each value is checked (see
the package's docstring for the format). Lengths come from the database columns, codes from the
rules' enums, so neither is restated here."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm.attributes import InstrumentedAttribute

from cadomaestro.backend.importing.parsers import (
    Location,
    Parser,
    array,
    boolean,
    calendar_date,
    choice,
    expected,
    integer,
    nullable,
    obj,
    optional,
    pattern,
    text,
    timestamp,
)
from cadomaestro.backend.models import Customer, Order, OrderLine, TrackingEvent
from cadomaestro.backend.money import cents_from_text
from cadomaestro.rules.delivery import ShippingMethod
from cadomaestro.rules.orders import OrderStatus

EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
REFERENCE_PATTERN = re.compile(r"[A-Za-z]{9}")
COUNTRY_PATTERN = re.compile(r"[A-Za-z]{2}")


def column_text(column: InstrumentedAttribute) -> Parser[str]:
    """A non-empty string that fits `column` (a String column of the models)."""
    return text(column.type.length)


def email(value: Any, where: Location) -> str:
    value = column_text(Customer.email)(value, where)
    if not EMAIL_PATTERN.fullmatch(value):
        raise expected(where, "adresse e-mail", value)
    return value.lower()


def price(value: Any, where: Location) -> int:
    """A price in euros as a decimal string ("19.90"), in cents."""
    try:
        if isinstance(value, str):
            return cents_from_text(value)
    except ValueError:
        pass
    raise expected(
        where, 'prix TTC en chaîne décimale ≥ 0, 2 décimales au plus (ex. "19.90")', value
    )


reference = pattern(REFERENCE_PATTERN, "référence de 9 lettres")
country = pattern(COUNTRY_PATTERN, "code pays ISO à 2 lettres (ex. FR)")
status = choice("statut", {s.code: s for s in OrderStatus})
shipping_method = choice("mode de livraison", {m.value: m for m in ShippingMethod})

CUSTOMER = obj(
    {
        "email": email,
        "first_name": column_text(Customer.first_name),
        "last_name": column_text(Customer.last_name),
        "loyalty_points": integer(0),
        "loyalty_points_expire_on": nullable(calendar_date),
    }
)
ITEM = obj(
    {
        "sku": column_text(OrderLine.sku),
        "name": column_text(OrderLine.name),
        "quantity": integer(1),
        "unit_price_ttc": price,
        "personalised": boolean,
        "perishable": boolean,
        "gift_wrap": optional(boolean, False),
    }
)
TRACKING_EVENT = obj(
    {
        "at": timestamp,
        "label": column_text(TrackingEvent.label),
        "place": nullable(column_text(TrackingEvent.place)),
    }
)
ORDER = obj(
    {
        "reference": reference,
        "customer_email": email,
        "status": status,
        "placed_at": timestamp,
        "paid_at": optional(nullable(timestamp), None),
        "shipped_at": nullable(timestamp),
        "delivered_at": nullable(timestamp),
        "shipping_method": shipping_method,
        "shipping_address": obj(
            {
                "postcode": column_text(Order.shipping_postcode),
                "city": column_text(Order.shipping_city),
                "country": country,
            }
        ),
        "tracking_number": nullable(column_text(Order.tracking_number)),
        "options": obj(
            {
                "gift_wrap": boolean,
                "message_card": boolean,
                "surprise": boolean,
                "return_1eur": boolean,
            }
        ),
        "items": array(ITEM, non_empty=True),
        "tracking_events": array(TRACKING_EVENT),
    }
)
DOCUMENT = obj({"customers": array(CUSTOMER), "orders": array(ORDER)})
