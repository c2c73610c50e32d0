"""The import format: the documented example parses; each kind of mistake is refused with the
line, the JSON path and what was expected."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

import pytest

from cadomaestro.backend.importing import DocumentError, parse_file, parse_text
from cadomaestro.backend.money import cents_from_text, text_from_cents
from cadomaestro.rules.delivery import ShippingMethod
from cadomaestro.rules.orders import OrderStatus
from tests.backend.samples import EXAMPLE, line_of


def test_the_documented_example_parses() -> None:
    document = parse_text(EXAMPLE, "example.json")
    (customer,) = document.customers
    assert (customer.email, customer.loyalty_points) == ("claire.martin@example.fr", 1350)
    assert customer.loyalty_points_expire_on == date(2027, 6, 30)
    (order,) = document.orders
    assert order.reference == "KQZPTRBWE" and order.status is OrderStatus.PAIEMENT_ACCEPTE
    assert order.shipping_method is ShippingMethod.COLISSIMO_DOMICILE
    assert order.placed_at == datetime(2026, 11, 20, 14, 42, tzinfo=timezone.utc)
    assert order.placed_at.utcoffset() == timedelta(hours=1)  # the offset as written
    assert order.paid_at is None and order.shipped_at is None
    assert (order.postcode, order.city, order.country) == ("69003", "Lyon", "FR")
    (item,) = order.items
    assert (item.name, item.unit_price_cents, item.personalised, item.gift_wrap) == (
        "Mug personnalisé", 1990, True, False)  # fmt: skip
    assert [e.place for e in order.tracking_events] == ["Veauche"]


def test_optional_keys_and_normalisation() -> None:
    doc = json.loads(EXAMPLE)
    order = doc["orders"][0]
    order.update(reference="kqzptrbwe", paid_at="2026-11-20T14:45:00Z")
    order["customer_email"] = "Claire.Martin@Example.FR"
    order["shipping_address"]["country"] = "fr"
    order["items"][0]["gift_wrap"] = True
    parsed = parse_text(json.dumps(doc), "x.json").orders[0]
    assert (parsed.reference, parsed.customer_email, parsed.country) == (
        "KQZPTRBWE", "claire.martin@example.fr", "FR")  # fmt: skip
    assert parsed.paid_at == datetime(2026, 11, 20, 14, 45, tzinfo=timezone.utc)
    assert parsed.items[0].gift_wrap is True


@pytest.mark.parametrize(
    ("text", "cents"), [("19.90", 1990), ("19.9", 1990), ("0", 0), ("7", 700), ("0.05", 5)]
)
def test_prices_become_integer_cents(text: str, cents: int) -> None:
    assert cents_from_text(text) == cents
    assert cents_from_text(text_from_cents(cents)) == cents


# --- mistakes: (mutation of the example, where the error points, path, words of the message) ---

Doc = dict
ORDER = ("orders", 0)
ITEM = ("orders", 0, "items", 0)


def setting(path: tuple, key: str, value) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        target = doc
        for step in path:
            target = target[step]
        target[key] = value

    return mutate


def removing(path: tuple, key: str) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        target = doc
        for step in path:
            target = target[step]
        del target[key]

    return mutate


def second_order(**changes) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        order = copy.deepcopy(doc["orders"][0])
        order.update(changes)
        doc["orders"].append(order)

    return mutate


def second_customer(doc: Doc) -> None:
    doc["customers"].append(dict(doc["customers"][0], first_name="Clara"))


CASES = [
    # (id, mutation, (needle, occurrence[, lines after it]) locating the expected line, path,
    #  words of the message)
    ("unknown status", setting(ORDER, "status", "foo"), ('"status": "foo"', 1),
     "orders[0].status", "statut inconnu « foo » (valeurs possibles : en_attente_de_paiement"),
    ("status not a string", setting(ORDER, "status", 3), ('"status": 3', 1),
     "orders[0].status", "statut inconnu 3"),
    ("unknown shipping method", setting(ORDER, "shipping_method", "la_poste"),
     ('"la_poste"', 1), "orders[0].shipping_method", "mode de livraison inconnu « la_poste »"),
    ("naive datetime", setting(ORDER, "placed_at", "2026-11-20T15:42:00"),
     ('"placed_at"', 1), "orders[0].placed_at", "fuseau horaire manquant"),
    ("naive event datetime", lambda d: d["orders"][0]["tracking_events"][0].update(
        at="2026-11-21T09:10:00"), ('"at"', 1), "orders[0].tracking_events[0].at",
     "fuseau horaire manquant"),
    ("not a datetime", setting(ORDER, "shipped_at", "hier"), ('"hier"', 1),
     "orders[0].shipped_at", "attendu : date et heure ISO 8601"),
    ("impossible datetime", setting(ORDER, "delivered_at", "2026-02-30T10:00:00+01:00"),
     ('"delivered_at"', 1), "orders[0].delivered_at", "date ou heure impossible"),
    ("missing key", removing(("orders", 0, "options"), "surprise"), ('"options": {', 1),
     "orders[0].options.surprise", "clé obligatoire manquante"),
    ("missing nullable key", removing(ORDER, "tracking_number"), ('"reference"', 1, -1),
     "orders[0].tracking_number", "clé obligatoire manquante"),
    ("unknown key", setting(ORDER, "trackng_url", None), ('"trackng_url"', 1),
     "orders[0].trackng_url", "clé inconnue « trackng_url »"),
    ("unknown top-level key", setting((), "products", []), ('"products"', 1),
     "products", "clé inconnue"),
    ("price with a comma", setting(ITEM, "unit_price_ttc", "19,90"), ('"19,90"', 1),
     "orders[0].items[0].unit_price_ttc", "attendu : prix TTC"),
    ("price with 3 decimals", setting(ITEM, "unit_price_ttc", "19.901"), ('"19.901"', 1),
     "orders[0].items[0].unit_price_ttc", "2 décimales au plus"),
    ("negative price", setting(ITEM, "unit_price_ttc", "-1.00"), ('"-1.00"', 1),
     "orders[0].items[0].unit_price_ttc", "≥ 0"),
    ("price as a number", setting(ITEM, "unit_price_ttc", 19.9), ('19.9', 1),
     "orders[0].items[0].unit_price_ttc", "trouvé : 19.9"),
    ("quantity as a boolean", setting(ITEM, "quantity", True), ('"quantity": true', 1),
     "orders[0].items[0].quantity", "attendu : nombre entier ; trouvé : true"),
    ("quantity zero", setting(ITEM, "quantity", 0), ('"quantity": 0', 1),
     "orders[0].items[0].quantity", "entier entre 1"),
    ("quantity as a float", setting(ITEM, "quantity", 1.0), ('"quantity": 1.0', 1),
     "orders[0].items[0].quantity", "nombre entier"),
    ("boolean as a string", setting(ITEM, "perishable", "false"), ('"perishable"', 1),
     "orders[0].items[0].perishable", "booléen"),
    ("bad email", setting(("customers", 0), "email", "claire.martin"), ('"claire.martin"', 1),
     "customers[0].email", "adresse e-mail"),
    ("short reference", setting(ORDER, "reference", "KQZPTRBW"), ('"KQZPTRBW"', 1),
     "orders[0].reference", "référence de 9 lettres"),
    ("reference with a digit", setting(ORDER, "reference", "KQZPTRBW1"), ('"KQZPTRBW1"', 1),
     "orders[0].reference", "référence de 9 lettres"),
    ("country of 3 letters", setting(("orders", 0, "shipping_address"), "country", "FRA"),
     ('"FRA"', 1), "orders[0].shipping_address.country", "code pays ISO à 2 lettres"),
    ("empty postcode", setting(("orders", 0, "shipping_address"), "postcode", " "),
     ('"postcode"', 1), "orders[0].shipping_address.postcode", "chaîne de caractères non vide"),
    ("no items", setting(ORDER, "items", []), ('"items"', 1), "orders[0].items",
     "tableau non vide"),
    ("bad date", setting(("customers", 0), "loyalty_points_expire_on", "30/06/2027"),
     ('"30/06/2027"', 1), "customers[0].loyalty_points_expire_on", "date AAAA-MM-JJ"),
    ("negative points", setting(("customers", 0), "loyalty_points", -5), ('-5', 1),
     "customers[0].loyalty_points", "entier entre 0"),
    ("customers not an array", setting((), "customers", {}), ('"customers"', 1),
     "customers", "attendu : tableau ; trouvé : un objet"),
    ("duplicate reference", second_order(), ('"reference": "KQZPTRBWE"', 2),
     "orders[1].reference", "commande en double « KQZPTRBWE » (déjà à la ligne"),
    ("duplicate customer", second_customer, ('"email": "claire.martin@example.fr"', 2),
     "customers[1].email", "client en double"),
    ("first order valid, second not", second_order(reference="BTRXQWMPL", status="livree"),
     ('"livree"', 1), "orders[1].status", "statut inconnu « livree »"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "needle", "path", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_mistakes_are_located(mutate, needle, path, words, tmp_path) -> None:
    doc = json.loads(EXAMPLE)
    mutate(doc)
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    file = tmp_path / "orders.json"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        parse_file(file)
    line = line_of(text, *needle[:2]) + (needle[2] if len(needle) > 2 else 0)
    assert (caught.value.line, caught.value.path) == (line, path)
    assert words in caught.value.problem
    assert str(caught.value).startswith(f"{file}:{line}: {path}: ")


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ('"tracking_number": null,', '"tracking_number": null', '"options"'),  # missing comma
        ('"quantity": 1,', '"quantity": 1,,', '"quantity"'),
        ('"Mug personnalisé"', '"Mug personnalisé', '"Mug'),  # unterminated string
        ('"unit_price_ttc": "19.90"', '"unit_price_ttc": 19.90.1', '"unit_price_ttc"'),
    ],
)
def test_malformed_json_is_located(old: str, new: str, needle: str) -> None:
    text = EXAMPLE.replace(old, new)
    assert text != EXAMPLE
    with pytest.raises(DocumentError, match=r"^in\.json:\d+: JSON invalide") as caught:
        parse_text(text, "in.json")
    assert caught.value.line == line_of(text, needle)


def test_duplicate_json_keys_are_refused() -> None:
    text = EXAMPLE.replace(
        '"status": "paiement_accepte",', '"status": "livre", "status": "annule",'
    )
    with pytest.raises(DocumentError, match="clé en double") as caught:
        parse_text(text, "in.json")
    assert (caught.value.line, caught.value.path) == (line_of(text, '"annule"'), "orders[0].status")


def test_root_must_be_an_object() -> None:
    with pytest.raises(DocumentError, match=r"^in\.json:2: un objet JSON est attendu"):
        parse_text("\n[]", "in.json")


def test_a_file_that_is_not_utf8_is_refused(tmp_path) -> None:
    file = tmp_path / "latin1.json"
    file.write_bytes(EXAMPLE.encode("latin-1"))
    with pytest.raises(DocumentError, match="UTF-8") as caught:
        parse_file(file)
    assert caught.value.line == line_of(EXAMPLE, "Mug personnalisé")


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ('"Mug personnalisé"', '"Mug\\u0000 personnalisé"', "orders[0].items[0].name"),  # NUL
        ('"Lyon"', '"Lyon\\ud800"', "orders[0].shipping_address.city"),  # lone surrogate
        ('"Claire"', '"\\udfffClaire"', "customers[0].first_name"),
    ],
)
def test_strings_a_database_cannot_store_are_located(old: str, new: str, path: str) -> None:
    """Valid JSON escapes, but PostgreSQL refuses NUL and UTF-8 cannot encode a lone surrogate."""
    text = EXAMPLE.replace(old, new, 1)
    with pytest.raises(DocumentError) as caught:
        parse_text(text, "in.json")
    assert (caught.value.line, caught.value.path) == (line_of(text, new), path)
    assert caught.value.problem.startswith("caractère interdit : caractère nul (\\u0000)")
