"""The demo shop: valid import format, every status and shipping method, realistic dates."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from cadomaestro.backend.database import session_factory
from cadomaestro.backend.demo import demo_document, seed_demo_if_empty
from cadomaestro.backend.importing import parse_text
from cadomaestro.backend.models import Customer, LoyaltyMovement, Order, OrderLine
from cadomaestro.paths import DOCS, DOMAIN
from cadomaestro.rules.delivery import ShippingMethod, method_available
from cadomaestro.rules.orders import OrderStatus
from tests.backend.samples import NOW

CLAIRE, JULIEN = "claire.martin@example.fr", "julien.bernard@example.fr"
SOPHIE, LUCAS = "sophie.petit@example.fr", "lucas.moreau@example.fr"
# The demo orders the assistant's tests and docs/order-conversations.md rely on.
EXPECTED = {
    # reference: (customer e-mail, status, method, postcode, country)
    "KQZPTRBWE": (CLAIRE, "paiement_accepte", "colissimo_domicile", "69003", "FR"),
    "BTRXQWMPL": (CLAIRE, "en_attente_de_paiement", "pickup_station", "75011", "FR"),
    "HZPRKDNVM": (JULIEN, "en_cours_de_preparation", "colissimo_point_relais", "33000", "FR"),
    "WXCVBNQSD": (JULIEN, "expedie", "colissimo_domicile", "59000", "FR"),
    "LMPQRTSVX": (SOPHIE, "expedie", "tnt_express_domicile", "13001", "FR"),
    "FGHJKLMNB": (SOPHIE, "livre", "colissimo_domicile", "44000", "FR"),
    "DFGTRHYJK": (CLAIRE, "livre", "retrait_entrepot", "42160", "FR"),
    "NBVCXWQSD": (LUCAS, "livre", "tnt_express_international", "10115", "DE"),
    "PLKMJNHBG": (LUCAS, "retour_expediteur", "colissimo_international", "97400", "FR"),
    "QSDFGHJKL": (JULIEN, "annule", "tnt_express_relais", "75015", "FR"),
    "ZXCVBNMLK": (SOPHIE, "rembourse", "colissimo_point_relais", "31000", "FR"),
}


@pytest.fixture(scope="module")
def document():
    return parse_text(json.dumps(demo_document(NOW)), "demo.json")


def test_demo_orders_are_the_documented_ones(document) -> None:
    got = {o.reference: (o.customer_email, o.status.code, o.shipping_method.value, o.postcode,
                         o.country) for o in document.orders}  # fmt: skip
    assert got == EXPECTED
    customers = {c.email: (c.first_name, c.last_name, c.loyalty_points) for c in document.customers}
    assert customers == {
        CLAIRE: ("Claire", "Martin", 1350),
        JULIEN: ("Julien", "Bernard", 420),
        SOPHIE: ("Sophie", "Petit", 0),
        LUCAS: ("Lucas", "Moreau", 2100),
    }


def test_demo_covers_every_status_method_and_kind_of_line(document) -> None:
    assert {o.status for o in document.orders} == set(OrderStatus)
    assert {o.shipping_method for o in document.orders} == set(ShippingMethod)
    items = [item for order in document.orders for item in order.items]
    assert any(i.personalised for i in items) and any(i.perishable for i in items)
    mixed = next(o for o in document.orders if o.reference == "FGHJKLMNB")
    assert {(i.name, i.personalised, i.perishable) for i in mixed.items} == {
        ("Coffret chocolats", False, True), ("Plaque gravée", True, False),
        ("Bougie parfumée", False, False)}  # fmt: skip


def test_demo_shipping_methods_serve_their_addresses(document) -> None:
    for order in document.orders:
        assert method_available(order.shipping_method, order.country, order.postcode), order


def test_demo_dates_are_relative_to_now(document) -> None:
    orders = {o.reference: o for o in document.orders}
    ago = lambda moment: NOW - moment  # noqa: E731
    assert timedelta(minutes=30) <= ago(orders["KQZPTRBWE"].placed_at) <= timedelta(hours=2)
    assert orders["KQZPTRBWE"].items[0].personalised
    assert ago(orders["BTRXQWMPL"].placed_at) == timedelta(hours=3)
    assert orders["HZPRKDNVM"].gift_wrap and orders["HZPRKDNVM"].items[0].personalised
    on_time = orders["WXCVBNQSD"]
    assert on_time.tracking_number and ago(on_time.shipped_at) == timedelta(days=1)
    assert len(on_time.tracking_events) == 2
    late = orders["LMPQRTSVX"]
    assert ago(late.shipped_at) == timedelta(days=9)
    assert (late.tracking_events[-1].label, ago(late.tracking_events[-1].at)) == (
        "Colis en transit", timedelta(days=8))  # fmt: skip
    delivered = orders["FGHJKLMNB"]
    assert ago(delivered.delivered_at) == timedelta(days=3)
    assert delivered.tracking_events[-1].label == "Colis livré"
    too_late = orders["DFGTRHYJK"]
    assert ago(too_late.delivered_at) == timedelta(days=120) and too_late.return_1eur
    assert too_late.city == "Andrézieux-Bouthéon"
    assert ago(orders["NBVCXWQSD"].delivered_at) == timedelta(days=20)
    assert orders["NBVCXWQSD"].return_1eur
    returned = orders["PLKMJNHBG"]
    assert ago(returned.shipped_at) == timedelta(days=15)
    assert returned.tracking_events[-1].label == "Retour à l'expéditeur"
    for order in document.orders:  # nothing in the future, events in order
        moments = [order.placed_at, order.paid_at, order.shipped_at, order.delivered_at]
        present = [m for m in moments if m is not None]
        assert present == sorted(present) and present[-1] <= NOW
        events = [e.at for e in order.tracking_events]
        assert events == sorted(events) and all(e <= NOW for e in events)
    expiry = next(
        c for c in document.customers if c.first_name == "Claire"
    ).loyalty_points_expire_on
    assert 6 * 30 <= (expiry - NOW.date()).days <= 8 * 30


def test_demo_follows_the_clock() -> None:
    later = datetime(2030, 3, 1, 8, 0, tzinfo=timezone.utc)
    orders = {o["reference"]: o for o in demo_document(later)["orders"]}
    placed = datetime.fromisoformat(orders["BTRXQWMPL"]["placed_at"])
    assert later - placed == timedelta(hours=3)


def test_seeding_twice_does_not_duplicate(engine) -> None:
    first = seed_demo_if_empty(engine, NOW)
    assert (first.customers_created, first.orders_created) == (4, len(EXPECTED))
    assert seed_demo_if_empty(engine, NOW + timedelta(days=1)) is None
    with session_factory(engine)() as session:
        count = lambda model: session.execute(  # noqa: E731
            select(func.count()).select_from(model)
        ).scalar_one()
        assert (count(Customer), count(Order)) == (4, len(EXPECTED))
        lines, movements = count(OrderLine), count(LoyaltyMovement)
    assert seed_demo_if_empty(engine, NOW) is None
    with session_factory(engine)() as session:
        assert session.execute(select(func.count()).select_from(OrderLine)).scalar_one() == lines
        assert (
            session.execute(select(func.count()).select_from(LoyaltyMovement)).scalar_one()
            == movements
        )


def test_demo_loyalty_history_explains_each_balance(demo_engine) -> None:
    with session_factory(demo_engine)() as session:
        for customer in session.execute(select(Customer)).scalars():
            movements = customer.loyalty_movements
            assert len(movements) >= 2
            assert sum(m.points for m in movements) == customer.loyalty_points
            moments = [m.at for m in movements]
            assert moments == sorted(moments, reverse=True)  # newest first
        claire = session.execute(
            select(Customer).where(Customer.email == "claire.martin@example.fr")
        ).scalar_one()
        earned = {m.order.reference: m.points for m in claire.loyalty_movements if m.order}
        assert earned["KQZPTRBWE"] == 666  # (19.90 + 24.50) € × 15, rounded down


def readme_demo_rows() -> list[tuple[str, str, str, str, str]]:
    """(reference, email, postcode, status label, method) of the docs' demo-orders table."""
    page = (DOCS / "order-conversations.md").read_text(encoding="utf-8")
    table = page.split("### Demo orders", 1)[1].split("\n\n")[2]
    rows = []
    for line in table.splitlines()[2:]:
        reference, proofs, status, method = (cell.strip() for cell in line.split("|")[1:5])
        email, postcode = (proof.strip() for proof in proofs.split("/"))
        rows.append((reference.strip("`"), email, postcode, status, method))
    return rows


def test_the_readme_lists_every_demo_order_with_its_real_proofs(document) -> None:
    rows = readme_demo_rows()
    assert sorted(row[0] for row in rows) == sorted(EXPECTED)
    for reference, email, postcode, status, _ in rows:
        customer, code, _, real_postcode, _ = EXPECTED[reference]
        assert (email, postcode) == (customer, real_postcode), reference
        label = status.split(" (")[0]  # "expédié (yesterday)"
        assert label.lower() == OrderStatus.from_code(code).label.lower(), reference


def test_the_example_reference_customers_are_shown_is_no_order() -> None:
    """The prompts show a reference as an example: a customer who copies it must not land on
    someone's order, and a demo conversation must not show a real one before its proof."""
    text = DOMAIN.read_text(encoding="utf-8")
    examples = set(re.findall(r"par exemple ([A-Z]{9})", text))
    assert examples
    assert not examples & {o["reference"] for o in demo_document(NOW)["orders"]}
