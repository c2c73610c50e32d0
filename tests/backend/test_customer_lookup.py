"""POST /v1/customers/lookup: a customer's recent orders and loyalty account by e-mail (for a
customer logged in on the shop's site), through a real server on SQLite and PostgreSQL.

The demo shop gives every customer two or three orders; three customers are added here: one
without orders, one with a single order, one with seven (imported out of date order, so that
"newest first" cannot come from the order of insertion).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
import pytest_asyncio
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.engine import Engine

from cadomaestro.backend.app import create_app
from cadomaestro.backend.database import session_factory
from cadomaestro.backend.importing import import_document, parse_text
from cadomaestro.backend.payloads import DEFAULT_RECENT_ORDERS, MAX_RECENT_ORDERS
from cadomaestro.backend.settings import BackendSettings
from tests.backend.samples import API_KEY, NOW

pytestmark = pytest.mark.asyncio
KEY = {"X-API-Key": API_KEY}
PATH = "/v1/customers/lookup"
PROOF_LIMIT = 2
CLAIRE = "claire.martin@example.fr"
NOBODY = "personne@example.fr"
EMMA, NINA, MARC = "emma.leroy@example.fr", "nina.faure@example.fr", "marc.durand@example.fr"
# Marc's orders, as (reference, days ago), in the (shuffled) order they are imported.
MARC_ORDERS = [("DURANDCCC", 3), ("DURANDAAA", 1), ("DURANDGGG", 7), ("DURANDEEE", 5),
               ("DURANDBBB", 2), ("DURANDFFF", 6), ("DURANDDDD", 4)]  # fmt: skip
MARC_NEWEST_FIRST = [reference for reference, _ in sorted(MARC_ORDERS, key=lambda o: o[1])]
CUSTOMER_NOT_FOUND = {
    "error": "customer_not_found",
    "message": "Aucun client ne correspond à cette adresse e-mail.",
}


def _customer(email: str, first: str, last: str) -> dict[str, Any]:
    return {"email": email, "first_name": first, "last_name": last, "loyalty_points": 0,
            "loyalty_points_expire_on": None}  # fmt: skip


def _order(reference: str, email: str, days_ago: int) -> dict[str, Any]:
    return {
        "reference": reference, "customer_email": email, "status": "livre",
        "placed_at": (NOW - timedelta(days=days_ago)).isoformat(),
        "shipped_at": (NOW - timedelta(days=days_ago, hours=-20)).isoformat(),
        "delivered_at": (NOW - timedelta(days=days_ago, hours=-40)).isoformat(),
        "shipping_method": "colissimo_domicile",
        "shipping_address": {"postcode": "69007", "city": "Lyon", "country": "FR"},
        "tracking_number": None,
        "options": {"gift_wrap": False, "message_card": False, "surprise": False,
                    "return_1eur": False},
        "items": [{"sku": "MUG", "name": "Mug", "quantity": 1, "unit_price_ttc": "12.00",
                   "personalised": False, "perishable": False}],
        "tracking_events": [],
    }  # fmt: skip


@pytest.fixture
def shop(demo_engine: Engine) -> Engine:
    """The demo shop plus customers with no order, one order and seven orders."""
    document = {
        "customers": [_customer(EMMA, "Emma", "Leroy"), _customer(NINA, "Nina", "Faure"),
                      _customer(MARC, "Marc", "Durand")],
        "orders": [_order("FAURENINA", NINA, 12),
                   *(_order(reference, MARC, days) for reference, days in MARC_ORDERS)],
    }  # fmt: skip
    with session_factory(demo_engine)() as session, session.begin():
        import_document(session, parse_text(json.dumps(document), "extra.json"))
    return demo_engine


@pytest_asyncio.fixture
async def client(shop: Engine) -> AsyncIterator[TestClient]:
    settings = BackendSettings(api_key=API_KEY, proof_limit=PROOF_LIMIT)
    async with TestClient(TestServer(create_app(settings, shop))) as client:
        yield client


async def post(client: TestClient, path: str, body: Any) -> tuple[int, dict]:
    data = body if isinstance(body, str) else json.dumps(body)
    response = await client.post(path, data=data, headers=KEY)
    assert response.content_type == "application/json"
    return response.status, await response.json()


async def test_the_recent_orders_newest_first_and_the_loyalty_account(client) -> None:
    status, body = await post(client, PATH, {"email": CLAIRE})
    assert status == 200 and set(body) == {"customer"}
    customer = body["customer"]
    assert set(customer) == {"orders", "loyalty"}
    orders = customer["orders"]
    assert [(o["reference"], o["status"], o["status_label"]) for o in orders] == [
        ("KQZPTRBWE", "paiement_accepte", "Paiement accepté"),  # placed an hour ago
        ("BTRXQWMPL", "en_attente_de_paiement", "En attente de paiement"),  # three hours ago
        ("DFGTRHYJK", "livre", "Livré"),  # 121 days ago
    ]
    assert all(set(o) == {"reference", "status", "status_label", "placed_at"} for o in orders)
    assert orders[0]["placed_at"] == (NOW - timedelta(hours=1)).isoformat()
    # the same loyalty account, in the same shape, as /v1/loyalty/lookup gives with a proof
    proof = {"reference": "DFGTRHYJK", "email": CLAIRE}
    assert (await post(client, "/v1/loyalty/lookup", proof))[1]["loyalty"] == customer["loyalty"]
    assert customer["loyalty"]["points"] == 1350


@pytest.mark.parametrize(
    ("body", "references"),
    [({"email": EMMA}, []),
     ({"email": NINA}, ["FAURENINA"]),
     ({"email": MARC}, MARC_NEWEST_FIRST[:DEFAULT_RECENT_ORDERS]),
     ({"email": MARC, "limit": None}, MARC_NEWEST_FIRST[:DEFAULT_RECENT_ORDERS]),
     ({"email": MARC, "limit": 3}, MARC_NEWEST_FIRST[:3]),
     ({"email": MARC, "limit": MAX_RECENT_ORDERS}, MARC_NEWEST_FIRST),
     ({"email": CLAIRE, "limit": 1}, ["KQZPTRBWE"]),
     ({"email": "  Claire.MARTIN@Example.FR "}, ["KQZPTRBWE", "BTRXQWMPL", "DFGTRHYJK"]),
     ({"email": "julien.bernard@example.fr"}, ["HZPRKDNVM", "WXCVBNQSD", "QSDFGHJKL"])],
)  # fmt: skip
async def test_which_orders_and_how_many(client, body, references) -> None:
    status, answer = await post(client, PATH, body)
    assert status == 200
    assert [o["reference"] for o in answer["customer"]["orders"]] == references


async def test_a_customer_without_orders_has_an_empty_list_and_their_points(client) -> None:
    _, answer = await post(client, PATH, {"email": EMMA})
    assert answer == {"customer": {"orders": [], "loyalty": {"points": 0, "expires_on": None,
                                                             "movements": []}}}  # fmt: skip


@pytest.mark.parametrize("email", [NOBODY, "claire.martin@example.f", "claire.martin", "%"])
async def test_an_unknown_email_is_404(client, email) -> None:
    assert await post(client, PATH, {"email": email}) == (404, CUSTOMER_NOT_FOUND)


BAD_BODIES = [
    ("not JSON", "{email: x}", "JSON valide"),
    ("array", "[]", "objet JSON"),
    ("no email", {}, "« email » est obligatoire"),
    ("email null", {"email": None}, "« email » est obligatoire"),
    ("email not a string", {"email": ["a@b.fr"]}, "« email » doit"),
    ("empty email", {"email": "  "}, "vide"),
    ("email too long", {"email": "a" * 321 + "@b.fr"}, "320"),
    ("limit zero", {"email": CLAIRE, "limit": 0}, "« limit »"),
    ("limit too high", {"email": CLAIRE, "limit": MAX_RECENT_ORDERS + 1}, "« limit »"),
    ("limit a string", {"email": CLAIRE, "limit": "5"}, "« limit »"),
    ("limit a float", {"email": CLAIRE, "limit": 2.5}, "« limit »"),
    ("limit a boolean", {"email": CLAIRE, "limit": True}, "« limit »"),
    ("a proof given", {"email": CLAIRE, "reference": "KQZPTRBWE"}, "Champ inconnu « reference »"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "words"), [c[1:] for c in BAD_BODIES], ids=[c[0] for c in BAD_BODIES]
)
async def test_invalid_bodies_are_400(client, body, words) -> None:
    status, answer = await post(client, PATH, body)
    assert (status, answer["error"]) == (400, "invalid_request")
    assert words in answer["message"]


async def test_unknown_emails_are_not_failed_proofs(client) -> None:
    """The route takes no proof: its 404s do not count towards the limit on failed proofs
    (which would then refuse the customer's right proofs)."""
    for _ in range(PROOF_LIMIT + 3):
        assert (await post(client, PATH, {"email": NOBODY}))[0] == 404
    right = {"reference": "KQZPTRBWE", "email": CLAIRE}
    assert (await post(client, "/v1/orders/lookup", right))[0] == 200
    # while failed proofs do count, on the same client
    wrong = {"reference": "KQZPTRBWE", "email": NOBODY}
    for _ in range(PROOF_LIMIT):
        assert (await post(client, "/v1/orders/lookup", wrong))[0] == 404
    assert (await post(client, "/v1/orders/lookup", right))[0] == 429
    assert (await post(client, PATH, {"email": CLAIRE}))[0] == 200  # not a proof: still served
