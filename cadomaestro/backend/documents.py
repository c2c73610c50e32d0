"""The JSON import format: parsed strictly into plain data, or refused with the first problem
located as `file.json:LINE: json.path: what was expected`.

    {"customers": [{"email", "first_name", "last_name", "loyalty_points",
                    "loyalty_points_expire_on"}],
     "orders": [{"reference", "customer_email", "status", "placed_at", "paid_at"?, "shipped_at",
                 "delivered_at", "shipping_method",
                 "shipping_address": {"postcode", "city", "country"}, "tracking_number",
                 "options": {"gift_wrap", "message_card", "surprise", "return_1eur"},
                 "items": [{"sku", "name", "quantity", "unit_price_ttc", "personalised",
                            "perishable", "gift_wrap"?}],
                 "tracking_events": [{"at", "label", "place"}]}]}

Every key is required except those marked `?`; unknown keys are refused (they are typos).
Datetimes are ISO 8601 with an offset, dates YYYY-MM-DD, prices decimal strings ("19.90").
Whether an order's customer exists in the database is checked by the importer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column

from cadomaestro.backend import located_json
from cadomaestro.backend.located_json import LocatedDict, LocatedList
from cadomaestro.backend.models import Customer, Order, OrderLine, TrackingEvent
from cadomaestro.backend.money import cents_from_text
from cadomaestro.rules.delivery import ShippingMethod
from cadomaestro.rules.orders import OrderStatus

MAX_INT = 2**31 - 1  # PostgreSQL `integer`
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
REFERENCE_PATTERN = re.compile(r"[A-Za-z]{9}")
COUNTRY_PATTERN = re.compile(r"[A-Za-z]{2}")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
DATETIME_PATTERN = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(?P<offset>Z|[+-]\d{2}:\d{2})?"
)


class DocumentError(ValueError):
    """The first problem found in an import file."""

    def __init__(self, source: str, line: int | None, path: str | None, problem: str) -> None:
        self.source, self.line, self.path, self.problem = source, line, path, problem
        where = source if line is None else f"{source}:{line}"
        super().__init__(f"{where}: {path}: {problem}" if path else f"{where}: {problem}")


@dataclass(frozen=True)
class Location:
    source: str
    line: int
    path: str

    def error(self, problem: str) -> DocumentError:
        return DocumentError(self.source, self.line, self.path, problem)


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


# --- value parsers: (value, where) -> parsed value, or raise where.error(...) -------------------

Parser = Callable[[Any, Location], Any]
_ABSENT = object()


def _found(value: Any) -> str:
    """How a wrong value is shown in a message."""
    if isinstance(value, str):
        return f"« {value if len(value) <= 60 else value[:57] + '…'} »"
    if isinstance(value, dict):
        return "un objet"
    if isinstance(value, list):
        return "un tableau"
    return json.dumps(value)  # null, true, 12, 19.9


def _expected(where: Location, expected: str, value: Any) -> DocumentError:
    return where.error(f"attendu : {expected} ; trouvé : {_found(value)}")


def text(max_length: int) -> Parser:
    """A non-empty string (surrounding spaces removed) of at most `max_length` characters."""

    def parse(value: Any, where: Location) -> str:
        if not isinstance(value, str) or not value.strip():
            raise _expected(where, "chaîne de caractères non vide", value)
        value = value.strip()
        if len(value) > max_length:
            raise where.error(
                f"attendu : {max_length} caractères au plus ; trouvé : {len(value)} caractères"
            )
        return value

    return parse


def column_text(column: Column) -> Parser:
    """A non-empty string that fits `column` (a String column of the models)."""
    return text(column.type.length)


def integer(minimum: int) -> Parser:
    def parse(value: Any, where: Location) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _expected(where, "nombre entier", value)
        if not minimum <= value <= MAX_INT:
            raise _expected(where, f"entier entre {minimum} et {MAX_INT}", value)
        return value

    return parse


def boolean(value: Any, where: Location) -> bool:
    if not isinstance(value, bool):
        raise _expected(where, "booléen (true ou false)", value)
    return value


def email(value: Any, where: Location) -> str:
    value = column_text(Customer.email)(value, where)
    if not EMAIL_PATTERN.fullmatch(value):
        raise _expected(where, "adresse e-mail", value)
    return value.lower()


def reference(value: Any, where: Location) -> str:
    if not isinstance(value, str) or not REFERENCE_PATTERN.fullmatch(value):
        raise _expected(where, "référence de 9 lettres", value)
    return value.upper()


def status(value: Any, where: Location) -> OrderStatus:
    codes = [s.code for s in OrderStatus]
    if not isinstance(value, str) or value not in codes:
        raise where.error(
            f"statut inconnu {_found(value)} (valeurs possibles : {', '.join(codes)})"
        )
    return OrderStatus.from_code(value)


def shipping_method(value: Any, where: Location) -> ShippingMethod:
    values = [m.value for m in ShippingMethod]
    if not isinstance(value, str) or value not in values:
        raise where.error(
            f"mode de livraison inconnu {_found(value)} (valeurs possibles : {', '.join(values)})"
        )
    return ShippingMethod(value)


def timestamp(value: Any, where: Location) -> datetime:
    expected = "date et heure ISO 8601 avec fuseau horaire (ex. 2026-11-20T15:42:00+01:00)"
    match = DATETIME_PATTERN.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise _expected(where, expected, value)
    if match["offset"] is None:
        raise where.error(
            f"fuseau horaire manquant ; attendu : {expected} ; trouvé : {_found(value)}"
        )
    try:
        return datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        raise where.error(f"date ou heure impossible {_found(value)}") from None


def calendar_date(value: Any, where: Location) -> date:
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        raise _expected(where, "date AAAA-MM-JJ", value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise where.error(f"date impossible {_found(value)}") from None


def country(value: Any, where: Location) -> str:
    if not isinstance(value, str) or not COUNTRY_PATTERN.fullmatch(value):
        raise _expected(where, "code pays ISO à 2 lettres (ex. FR)", value)
    return value.upper()


def price(value: Any, where: Location) -> int:
    try:
        if isinstance(value, str):
            return cents_from_text(value)
    except ValueError:
        pass
    raise _expected(
        where, 'prix TTC en chaîne décimale ≥ 0, 2 décimales au plus (ex. "19.90")', value
    )


def nullable(parse: Parser) -> Parser:
    return lambda value, where: None if value is None else parse(value, where)


def optional(parse: Parser, default: Any) -> Parser:
    """A key that may be left out (then `default`)."""

    def parse_optional(value: Any, where: Location) -> Any:
        return default if value is _ABSENT else parse(value, where)

    parse_optional.optional = True  # type: ignore[attr-defined]
    return parse_optional


def obj(fields: dict[str, Parser]) -> Callable[[Any, Location], dict[str, Any]]:
    """A JSON object with exactly `fields` (those made `optional` may be left out)."""

    def parse(value: Any, where: Location) -> dict[str, Any]:
        if not isinstance(value, LocatedDict):
            raise _expected(where, "objet", value)
        if value.duplicate_keys:
            key = value.duplicate_keys[0]
            raise _at(where, value.line_of(key), key).error("clé en double")
        result: dict[str, Any] = {}
        for key, item in value.items():
            if key not in fields:
                expected = ", ".join(fields)
                raise _at(where, value.line_of(key), key).error(
                    f"clé inconnue « {key} » (clés possibles : {expected})"
                )
            result[key] = fields[key](item, _at(where, value.line_of(key), key))
        for key, parse_field in fields.items():
            if key in result:
                continue
            if not getattr(parse_field, "optional", False):
                raise _at(where, value.line, key).error("clé obligatoire manquante")
            result[key] = parse_field(_ABSENT, _at(where, value.line, key))
        return result

    return parse


def array(parse_item: Parser, *, non_empty: bool = False) -> Parser:
    def parse(value: Any, where: Location) -> list[Any]:
        if not isinstance(value, LocatedList):
            raise _expected(where, "tableau", value)
        if non_empty and not value:
            raise _expected(where, "tableau non vide", value)
        return [
            parse_item(item, Location(where.source, value.line_of(i), f"{where.path}[{i}]"))
            for i, item in enumerate(value)
        ]

    return parse


def _at(where: Location, line: int, key: str) -> Location:
    return Location(where.source, line, f"{where.path}.{key}" if where.path else key)


# --- the format ---------------------------------------------------------------------------------

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


def parse_text(text: str, source: str) -> Document:
    """Parse and validate an import document; `source` names it in error messages."""
    try:
        raw = located_json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentError(
            source, error.lineno, None, f"JSON invalide : {error.msg} (colonne {error.colno})"
        ) from None
    root = Location(source, getattr(raw, "line", 1), "")
    if not isinstance(raw, LocatedDict):
        raise DocumentError(source, root.line, None, "un objet JSON est attendu à la racine")
    parsed = DOCUMENT(raw, root)
    customers = [CustomerData(**fields) for fields in parsed["customers"]]
    _refuse_duplicates(
        [c.email for c in customers], raw["customers"], root, "customers", "email", "client"
    )
    orders = [
        _order_data(fields, raw["orders"][i], Location(source, 0, f"orders[{i}]"))
        for i, fields in enumerate(parsed["orders"])
    ]
    _refuse_duplicates(
        [o.reference for o in orders], raw["orders"], root, "orders", "reference", "commande"
    )
    return Document(source, tuple(customers), tuple(orders))


def parse_file(path: str | Path) -> Document:
    """Read and parse an import file (UTF-8); errors name the file as given."""
    source = str(path)
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DocumentError(source, line, None, "le fichier n'est pas en UTF-8") from None
    return parse_text(text, source)


def _order_data(fields: dict[str, Any], raw: LocatedDict, where: Location) -> OrderData:
    address, options = fields["shipping_address"], fields["options"]
    return OrderData(
        reference=fields["reference"],
        customer_email=fields["customer_email"],
        customer_email_at=_at(where, raw.line_of("customer_email"), "customer_email"),
        status=fields["status"],
        placed_at=fields["placed_at"],
        paid_at=fields["paid_at"],
        shipped_at=fields["shipped_at"],
        delivered_at=fields["delivered_at"],
        shipping_method=fields["shipping_method"],
        postcode=address["postcode"],
        city=address["city"],
        country=address["country"],
        tracking_number=fields["tracking_number"],
        gift_wrap=options["gift_wrap"],
        message_card=options["message_card"],
        surprise=options["surprise"],
        return_1eur=options["return_1eur"],
        items=tuple(_item_data(item) for item in fields["items"]),
        tracking_events=tuple(TrackingEventData(**event) for event in fields["tracking_events"]),
    )


def _item_data(fields: dict[str, Any]) -> ItemData:
    return ItemData(
        sku=fields["sku"],
        name=fields["name"],
        quantity=fields["quantity"],
        unit_price_cents=fields["unit_price_ttc"],
        personalised=fields["personalised"],
        perishable=fields["perishable"],
        gift_wrap=fields["gift_wrap"],
    )


def _refuse_duplicates(
    keys: list[str], raw: LocatedList, root: Location, array_name: str, key: str, what: str
) -> None:
    first_line: dict[str, int] = {}
    for i, value in enumerate(keys):
        line = raw[i].line_of(key)
        if value in first_line:
            raise Location(root.source, line, f"{array_name}[{i}].{key}").error(
                f"{what} en double « {value} » (déjà à la ligne {first_line[value]})"
            )
        first_line[value] = line
