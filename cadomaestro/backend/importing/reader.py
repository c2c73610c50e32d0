"""Read an import file: decode it, parse it with line numbers (located_json), check it against
the schema, refuse duplicates, and convert it into records. Nothing here touches the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cadomaestro.backend.importing import located_json
from cadomaestro.backend.importing.located_json import LocatedDict, LocatedList
from cadomaestro.backend.importing.parsers import DocumentError, Location
from cadomaestro.backend.importing.records import (
    CustomerData,
    Document,
    ItemData,
    OrderData,
    TrackingEventData,
)
from cadomaestro.backend.importing.schema import DOCUMENT


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
        customer_email_at=where.key("customer_email", raw.line_of("customer_email")),
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
    """The second occurrence of a key (`key` of the items of `array_name`) is an error that
    points to it and names the line of the first."""
    first_line: dict[str, int] = {}
    for i, value in enumerate(keys):
        line = raw[i].line_of(key)
        if value in first_line:
            where = root.key(array_name, raw.line).index(i, raw[i].line).key(key, line)
            raise where.error(f"{what} en double « {value} » (déjà à la ligne {first_line[value]})")
        first_line[value] = line
