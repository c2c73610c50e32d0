"""Importing files into the database: upserts, one transaction, nothing imported on error."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from cadomaestro.backend.database import session_factory
from cadomaestro.backend.errors import OrderNotFound
from cadomaestro.backend.importing import DocumentError, ImportSummary, import_file
from cadomaestro.backend.models import Customer, CustomerRequest, Order, OrderLine, TrackingEvent
from cadomaestro.backend.payloads import NewRequest, Proof
from cadomaestro.backend.serialize import order_to_dict
from cadomaestro.backend.service import create_request, owned_order
from cadomaestro.rules.requests import RequestKind
from tests.backend.samples import EXAMPLE, NOW, line_of


def _write(tmp_path: Path, doc: dict | str, name: str = "orders.json") -> Path:
    file = tmp_path / name
    text = doc if isinstance(doc, str) else json.dumps(doc, indent=2, ensure_ascii=False)
    file.write_text(text, encoding="utf-8")
    return file


def _counts(engine: Engine) -> dict[str, int]:
    with session_factory(engine)() as session:
        return {
            model.__tablename__: session.execute(
                select(func.count()).select_from(model)
            ).scalar_one()
            for model in (Customer, Order, OrderLine, TrackingEvent, CustomerRequest)
        }


def _order(engine: Engine, reference: str) -> dict:
    with session_factory(engine)() as session:
        order = session.execute(select(Order).where(Order.reference == reference)).scalar_one()
        return order_to_dict(order)


def test_import_the_example_then_look_it_up(engine, tmp_path) -> None:
    summary = import_file(engine, _write(tmp_path, EXAMPLE))
    assert summary == ImportSummary(customers_created=1, orders_created=1)
    with session_factory(engine)() as session:
        order = owned_order(session, Proof(" kqzptrbwe ", email="CLAIRE.martin@example.fr "))
        data = order_to_dict(order)
        for wrong in (Proof("KQZPTRBWE", postcode="75011"), Proof("AAAAAAAAA", postcode="69003")):
            with pytest.raises(OrderNotFound):
                owned_order(session, wrong)
    assert data["status"] == "paiement_accepte" and data["status_label"] == "Paiement accepté"
    assert data["placed_at"] == "2026-11-20T14:42:00+00:00"
    assert data["items"] == [
        {"sku": "MUG-PERSO", "name": "Mug personnalisé", "quantity": 1, "unit_price_ttc": "19.90",
         "personalised": True, "perishable": False, "gift_wrap": False}
    ]  # fmt: skip
    assert data["tracking_events"] == [
        {"at": "2026-11-21T08:10:00+00:00", "label": "Colis pris en charge", "place": "Veauche"}
    ]
    assert data["customer"] == {"first_name": "Claire"}


def test_reimport_updates_without_duplicating(engine, tmp_path) -> None:
    import_file(engine, _write(tmp_path, EXAMPLE))
    with session_factory(engine)() as session, session.begin():  # a request to keep
        new = NewRequest(Proof("KQZPTRBWE", postcode="69003"), RequestKind.MODIFICATION,
                         conversation_id="c1", details="Changer le coffret")  # fmt: skip
        create_request(session, new, now=NOW)

    doc = json.loads(EXAMPLE)
    doc["customers"][0]["loyalty_points"] = 1500
    order = doc["orders"][0]
    order["status"] = "expedie"
    order["shipped_at"] = "2026-11-21T10:00:00+01:00"
    order["tracking_number"] = "6A23918475260"
    order["items"] = [
        {"sku": "COFFRET-THE", "name": "Coffret thé", "quantity": 2, "unit_price_ttc": "24.50",
         "personalised": False, "perishable": False},
        {"sku": "BOUGIE", "name": "Bougie parfumée", "quantity": 1, "unit_price_ttc": "18",
         "personalised": False, "perishable": False, "gift_wrap": True},
    ]  # fmt: skip
    order["tracking_events"].append(
        {"at": "2026-11-22T09:00:00+01:00", "label": "Colis en transit", "place": None}
    )
    summary = import_file(engine, _write(tmp_path, doc))

    assert summary == ImportSummary(customers_updated=1, orders_updated=1)
    assert _counts(engine) == {"customers": 1, "orders": 1, "order_lines": 2,
                               "tracking_events": 2, "customer_requests": 1}  # fmt: skip
    data = _order(engine, "KQZPTRBWE")
    assert (data["status"], data["tracking_number"]) == ("expedie", "6A23918475260")
    assert data["shipped_at"] == "2026-11-21T09:00:00+00:00"
    items = [(i["name"], i["quantity"], i["unit_price_ttc"], i["gift_wrap"]) for i in data["items"]]
    assert items == [("Coffret thé", 2, "24.50", False), ("Bougie parfumée", 1, "18.00", True)]
    assert [e["label"] for e in data["tracking_events"]] == [
        "Colis pris en charge", "Colis en transit"]  # fmt: skip
    with session_factory(engine)() as session:
        customer = session.execute(select(Customer)).scalar_one()
        assert customer.loyalty_points == 1500


def test_orders_may_belong_to_a_customer_already_in_the_database(engine, tmp_path) -> None:
    import_file(engine, _write(tmp_path, EXAMPLE))
    doc = json.loads(EXAMPLE)
    second = copy.deepcopy(doc["orders"][0])
    second.update(reference="BTRXQWMPL", customer_email="Claire.Martin@example.fr")
    summary = import_file(engine, _write(tmp_path, {"customers": [], "orders": [second]}))
    assert summary == ImportSummary(orders_created=1)
    assert _counts(engine)["customers"] == 1


def _second_order(**changes) -> dict:
    doc = json.loads(EXAMPLE)
    order = copy.deepcopy(doc["orders"][0])
    order.update({"reference": "BTRXQWMPL", **changes})
    doc["orders"].append(order)
    return doc


BAD_SECOND_ORDERS = [
    # (id, document whose first order is valid, needle of the error line, path, words)
    ("unknown status", _second_order(status="perdu"), ('"perdu"', 1), "orders[1].status",
     "statut inconnu"),
    ("naive datetime", _second_order(placed_at="2026-11-20T15:42:00"), ('"2026-11-20T15:42:00"', 1),
     "orders[1].placed_at", "fuseau horaire manquant"),
    ("unknown customer", _second_order(customer_email="nobody@example.fr"),
     ('"nobody@example.fr"', 1), "orders[1].customer_email", "client inconnu « nobody@"),
    ("duplicate reference", _second_order(reference="KQZPTRBWE"), ('"KQZPTRBWE"', 2),
     "orders[1].reference", "commande en double"),
    ("bad price", _second_order(items=[{"sku": "A", "name": "B", "quantity": 1,
     "unit_price_ttc": "1.999", "personalised": False, "perishable": False}]),
     ('"1.999"', 1), "orders[1].items[0].unit_price_ttc", "2 décimales au plus"),
    ("unknown key", _second_order(note="x"), ('"note"', 1), "orders[1].note", "clé inconnue"),
    ("missing key", {**_second_order(), "orders": [json.loads(EXAMPLE)["orders"][0], {
     k: v for k, v in json.loads(EXAMPLE)["orders"][0].items() if k != "status"}]},
     ('"reference"', 2, -1), "orders[1].status", "clé obligatoire manquante"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("doc", "needle", "path", "words"),
    [case[1:] for case in BAD_SECOND_ORDERS],
    ids=[case[0] for case in BAD_SECOND_ORDERS],
)
def test_an_invalid_file_imports_nothing(engine, tmp_path, doc, needle, path, words) -> None:
    file = _write(tmp_path, doc)
    with pytest.raises(DocumentError) as caught:
        import_file(engine, file)
    text = file.read_text(encoding="utf-8")
    line = line_of(text, *needle[:2]) + (needle[2] if len(needle) > 2 else 0)
    assert (caught.value.line, caught.value.path) == (line, path)
    assert str(caught.value).startswith(f"{file}:{line}: {path}: ") and words in str(caught.value)
    assert set(_counts(engine).values()) == {0}


def test_an_invalid_file_changes_nothing_already_there(engine, tmp_path) -> None:
    import_file(engine, _write(tmp_path, EXAMPLE))
    doc = _second_order(customer_email="nobody@example.fr")
    doc["orders"][0]["status"] = "annule"  # valid change, before the invalid order
    doc["customers"][0]["first_name"] = "Clarisse"
    with pytest.raises(DocumentError, match="client inconnu"):
        import_file(engine, _write(tmp_path, doc))
    assert _order(engine, "KQZPTRBWE")["status"] == "paiement_accepte"
    assert _order(engine, "KQZPTRBWE")["customer"] == {"first_name": "Claire"}
    assert _counts(engine)["orders"] == 1


def test_imported_times_keep_their_instant(engine, tmp_path) -> None:
    import_file(engine, _write(tmp_path, EXAMPLE))
    with session_factory(engine)() as session:
        order = session.execute(select(Order)).scalar_one()
        assert order.placed_at == datetime.fromisoformat("2026-11-20T15:42:00+01:00")
        assert order.placed_at.tzinfo == timezone.utc
