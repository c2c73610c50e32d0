"""The HTTP API on the demo shop, through a real server (aiohttp's TestServer)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.engine import Engine

from cadomaestro.backend.app import create_app
from cadomaestro.backend.database import make_engine
from cadomaestro.backend.settings import BackendSettings
from cadomaestro.rules.requests import RequestKind
from tests.backend.samples import API_KEY

KEY = {"X-API-Key": API_KEY}
SETTINGS = BackendSettings(api_key=API_KEY)
ORDER_NOT_FOUND = {
    "error": "order_not_found",
    "message": "Aucune commande ne correspond à ces informations.",
}
pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def client(demo_engine: Engine) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(create_app(SETTINGS, demo_engine))) as client:
        yield client


async def post(client: TestClient, path: str, body, headers=KEY) -> tuple[int, dict]:
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    response = await client.post(path, data=data, headers=headers)
    assert response.content_type == "application/json"
    return response.status, await response.json()


@pytest.mark.parametrize(
    "proof",
    [
        {"email": "claire.martin@example.fr"},
        {"email": "  Claire.MARTIN@example.FR "},
        {"postcode": "69003"},
        {"postcode": "69 003"},
        {"postcode": "69003", "email": None},  # null counts as absent
    ],
)
async def test_lookup_by_email_or_postcode(client, proof) -> None:
    status, body = await post(client, "/v1/orders/lookup", {"reference": "kqzptrbwe ", **proof})
    assert status == 200
    order = body["order"]
    assert (order["reference"], order["status"], order["status_label"]) == (
        "KQZPTRBWE", "paiement_accepte", "Paiement accepté")  # fmt: skip
    assert order["customer"] == {"first_name": "Claire"}
    assert order["shipping_address"] == {"postcode": "69003", "city": "Lyon", "country": "FR"}
    assert [(i["name"], i["unit_price_ttc"], i["personalised"]) for i in order["items"]] == [
        ("Mug personnalisé", "19.90", True), ("Coffret thé", "24.50", False)]  # fmt: skip
    assert set(order) == {
        "reference", "status", "status_label", "placed_at", "paid_at", "shipped_at",
        "delivered_at", "shipping_method", "shipping_address", "tracking_number", "options",
        "items", "tracking_events", "customer"}  # fmt: skip
    assert order["placed_at"].endswith("+00:00") and order["shipped_at"] is None
    assert order["options"] == {"gift_wrap": False, "message_card": False, "surprise": False,
                                "return_1eur": False}  # fmt: skip


async def test_tracking_events_oldest_first(client) -> None:
    proof = {"reference": "PLKMJNHBG", "email": "lucas.moreau@example.fr"}
    _, body = await post(client, "/v1/orders/lookup", proof)
    events = body["order"]["tracking_events"]
    assert events[0]["label"] == "Colis pris en charge"
    assert events[-1]["label"] == "Retour à l'expéditeur"
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)
    assert body["order"]["tracking_number"] == "CP123456785FR"


async def test_unknown_order_and_wrong_proof_get_identical_404s(client) -> None:
    bodies = set()
    for proof in (
        {"reference": "AAAAAAAAA", "email": "claire.martin@example.fr"},  # unknown reference
        {"reference": "KQZPTRBWE", "email": "julien.bernard@example.fr"},  # someone else's
        {"reference": "KQZPTRBWE", "postcode": "75011"},  # wrong postcode
        {"reference": "KQZPTRBWE-", "postcode": "69003"},
    ):
        for path in ("/v1/orders/lookup", "/v1/loyalty/lookup"):
            response = await client.post(path, json=proof, headers=KEY)
            assert response.status == 404
            bodies.add(await response.read())
    assert len(bodies) == 1
    assert json.loads(bodies.pop()) == ORDER_NOT_FOUND


@pytest.mark.parametrize(
    "headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": API_KEY + "x"}, {"X-Api-Key": ""}]
)
@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/v1/orders/lookup"), ("POST", "/v1/loyalty/lookup"), ("POST", "/v1/requests"),
     ("GET", "/v1/requests?reference=KQZPTRBWE"), ("POST", "/v1/customers/lookup")],
)  # fmt: skip
async def test_v1_needs_the_api_key(client, headers, method, path) -> None:
    body = {"reference": "KQZPTRBWE", "postcode": "69003"}
    if path == "/v1/customers/lookup":
        body = {"email": "claire.martin@example.fr"}
    response = await client.request(method, path, json=body, headers=headers)
    assert response.status == 401
    assert (await response.json())["error"] == "unauthorized"


async def test_the_key_header_is_case_insensitive(client) -> None:
    status, _ = await post(client, "/v1/orders/lookup",
                           {"reference": "KQZPTRBWE", "postcode": "69003"},
                           headers={"x-api-key": API_KEY})  # fmt: skip
    assert status == 200


BAD_PROOFS = [
    ("not JSON", "{reference: KQZPTRBWE}", "JSON valide"),
    ("empty body", "", "JSON valide"),
    ("array", "[]", "objet JSON"),
    ("string", '"KQZPTRBWE"', "objet JSON"),
    ("missing reference", {"email": "claire.martin@example.fr"}, "« reference » est obligatoire"),
    ("both proofs", {"reference": "KQZPTRBWE", "email": "claire.martin@example.fr",
                     "postcode": "69003"}, "pas les deux"),
    ("no proof", {"reference": "KQZPTRBWE"}, "(« email ») ou"),
    ("reference not a string", {"reference": 123, "postcode": "69003"}, "chaîne"),
    ("email not a string", {"reference": "KQZPTRBWE", "email": ["a"]}, "« email » doit"),
    ("postcode a number", {"reference": "KQZPTRBWE", "postcode": 69003}, "« postcode » doit"),
    ("empty reference", {"reference": " ", "postcode": "69003"}, "vide"),
    ("too long", {"reference": "K" * 321, "postcode": "69003"}, "320"),
    ("unknown field", {"reference": "KQZPTRBWE", "postcode": "69003", "name": "x"},
     "Champ inconnu « name »"),
]  # fmt: skip


@pytest.mark.parametrize("path", ["/v1/orders/lookup", "/v1/loyalty/lookup"])
@pytest.mark.parametrize(
    ("body", "words"), [c[1:] for c in BAD_PROOFS], ids=[c[0] for c in BAD_PROOFS]
)
async def test_invalid_bodies_are_400(client, path, body, words) -> None:
    status, answer = await post(client, path, body)
    assert status == 400
    assert answer["error"] == "invalid_request" and words in answer["message"]


async def test_a_body_too_large_is_a_json_error(client) -> None:
    status, answer = await post(client, "/v1/orders/lookup", " " * 200_000)
    assert status == 413 and answer["error"] == "invalid_request"


async def test_loyalty_lookup(client) -> None:
    status, body = await post(client, "/v1/loyalty/lookup",
                              {"reference": "DFGTRHYJK", "postcode": "42 160"})  # fmt: skip
    assert status == 200
    loyalty = body["loyalty"]
    assert loyalty["points"] == 1350 and loyalty["expires_on"] > "2027-06-01"
    moments = [m["at"] for m in loyalty["movements"]]
    assert moments == sorted(moments, reverse=True)  # newest first
    assert {m["order_reference"] for m in loyalty["movements"]} >= {"KQZPTRBWE", "DFGTRHYJK"}
    assert sum(m["points"] for m in loyalty["movements"]) == 1350
    proof = {"reference": "FGHJKLMNB", "email": "sophie.petit@example.fr"}
    _, sophie = await post(client, "/v1/loyalty/lookup", proof)
    assert (sophie["loyalty"]["points"], sophie["loyalty"]["expires_on"]) == (0, None)


async def test_create_requests_then_list_them(client) -> None:
    first = {"reference": "KQZPTRBWE", "email": "claire.martin@example.fr",
             "kind": "modification", "conversation_id": "conv-1",
             "details": "Remplacer le coffret thé par un coffret chocolats."}  # fmt: skip
    status, body = await post(client, "/v1/requests", first)
    assert status == 201
    created = body["request"]
    assert isinstance(created["id"], int)
    assert {k: v for k, v in created.items() if k not in ("id", "created_at")} == {
        "kind": "modification", "order_reference": "KQZPTRBWE", "conversation_id": "conv-1",
        "details": first["details"], "attachments": [], "status": "nouvelle"}  # fmt: skip
    assert created["created_at"].endswith("+00:00")
    second = {"reference": "fghjklmnb", "postcode": "44000", "kind": "sav",
              "conversation_id": "conv-1", "details": "Bougie cassée.",
              "attachments": ["https://example.fr/photo-1.jpg"]}  # fmt: skip
    status, body = await post(client, "/v1/requests", second)
    assert status == 201 and body["request"]["attachments"] == second["attachments"]

    listed = await client.get("/v1/requests", params={"conversation_id": "conv-1"}, headers=KEY)
    requests = (await listed.json())["requests"]
    assert [r["order_reference"] for r in requests] == ["FGHJKLMNB", "KQZPTRBWE"]  # newest first
    by_order = await client.get("/v1/requests", params={"reference": "kqzptrbwe"}, headers=KEY)
    assert [r["id"] for r in (await by_order.json())["requests"]] == [created["id"]]
    both_filters = {"reference": "KQZPTRBWE", "conversation_id": "other"}
    both = await client.get("/v1/requests", params=both_filters, headers=KEY)
    assert (await both.json())["requests"] == []


async def test_every_request_kind_is_accepted(client) -> None:
    for kind in RequestKind:
        body = {"reference": "HZPRKDNVM", "postcode": "33000", "kind": kind.value,
                "conversation_id": "c", "details": ""}  # fmt: skip
        status, body = await post(client, "/v1/requests", body)
        assert (status, body["request"]["kind"]) == (201, kind.value)


VALID_REQUEST = {"reference": "KQZPTRBWE", "postcode": "69003", "kind": "annulation",
                 "conversation_id": "c", "details": "Annuler, svp."}  # fmt: skip
BAD_REQUESTS = [
    ("invalid kind", {"kind": "remboursement"}, "Type de demande inconnu « remboursement »"),
    ("kind missing", {"kind": None}, "« kind » est obligatoire"),
    ("details too long", {"details": "x" * 5001}, "5000"),
    ("details not a string", {"details": 12}, "« details » doit"),
    ("conversation missing", {"conversation_id": None}, "« conversation_id » est obligatoire"),
    ("attachments not a list", {"attachments": "https://x"}, "attachments"),
    ("attachment not a string", {"attachments": [1]}, "attachments"),
    ("unknown field", {"priority": "haute"}, "Champ inconnu « priority »"),
    ("no proof", {"postcode": None}, "(« email ») ou"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "words"), [c[1:] for c in BAD_REQUESTS], ids=[c[0] for c in BAD_REQUESTS]
)
async def test_invalid_requests_are_400(client, changes, words) -> None:
    body = {k: v for k, v in {**VALID_REQUEST, **changes}.items() if v is not None}
    status, answer = await post(client, "/v1/requests", body)
    assert (status, answer["error"]) == (400, "invalid_request")
    assert words in answer["message"]


async def test_a_request_needs_a_valid_proof(client) -> None:
    status, body = await post(client, "/v1/requests", {**VALID_REQUEST, "postcode": "75001"})
    assert (status, body) == (404, ORDER_NOT_FOUND)
    listed = await client.get("/v1/requests", params={"reference": "KQZPTRBWE"}, headers=KEY)
    assert (await listed.json())["requests"] == []


@pytest.mark.parametrize("query", [{}, {"reference": ""}, {"order": "KQZPTRBWE"}])
async def test_listing_needs_a_filter(client, query) -> None:
    response = await client.get("/v1/requests", params=query, headers=KEY)
    assert response.status == 400 and (await response.json())["error"] == "invalid_request"


async def test_health_and_unknown_routes(client) -> None:
    response = await client.get("/health")
    assert (response.status, await response.json()) == (200, {"status": "ok"})
    missing = await client.get("/nowhere")
    assert (missing.status, (await missing.json())["error"]) == (404, "not_found")
    wrong_method = await client.put("/health")
    assert wrong_method.status == 405 and "GET" in wrong_method.headers["Allow"]
    assert (await wrong_method.json())["error"] == "method_not_allowed"


async def test_openapi_documents_every_route(client) -> None:
    response = await client.get("/openapi.json")
    spec = await response.json()
    assert spec["openapi"].startswith("3.0")
    documented = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    served = {
        (route.method, route.resource.canonical)
        for route in client.server.app.router.routes()
        if route.method != "HEAD"
    }
    assert documented == served
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert "200" in operation["responses"] or "201" in operation["responses"]
            if path.startswith("/v1/"):
                assert {"400", "401"} <= set(operation["responses"]), (method, path)
    schemas = spec["components"]["schemas"]
    assert schemas["RequestKind"]["enum"] == [kind.value for kind in RequestKind]
    assert len(schemas["OrderStatus"]["enum"]) == 8 and len(schemas["ShippingMethod"]["enum"]) == 8


async def test_unreachable_database_is_503(tmp_path) -> None:
    engine = make_engine("postgresql://nobody@127.0.0.1:1/nothing")
    async with TestClient(TestServer(create_app(SETTINGS, engine))) as client:
        health = await client.get("/health")
        assert health.status == 503 and (await health.json())["error"] == "unavailable"
        proof = {"reference": "KQZPTRBWE", "postcode": "69003"}
        lookup = await client.post("/v1/orders/lookup", json=proof, headers=KEY)
        assert lookup.status == 503
        assert (await lookup.json())["message"].startswith("Le service des commandes")
    engine.dispose()


async def test_unexpected_errors_are_500_json_without_personal_data(demo_engine, caplog) -> None:
    app = create_app(SETTINGS, demo_engine)

    async def broken(request: web.Request) -> web.Response:
        body = await request.json()
        raise RuntimeError(f"cannot handle {body['email']} {body['postcode']}")

    app.router.add_post("/v1/broken", broken)
    async with TestClient(TestServer(app)) as client:
        with caplog.at_level(logging.DEBUG):
            body = {"email": "claire.martin@example.fr", "postcode": "69003"}
            response = await client.post("/v1/broken", json=body, headers=KEY)
        assert response.status == 500
        assert (await response.json())["error"] == "internal_error"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "RuntimeError" in logged and "/v1/broken" in logged
    assert "claire" not in logged and "69003" not in logged


async def test_a_body_nested_too_deep_is_refused(client) -> None:
    deep = {"reference": "KQZPTRBWE", "postcode": "69003", "details": "x"}
    for _ in range(40):
        deep = {"details": deep}
    status, answer = await post(client, "/v1/orders/lookup", deep)
    assert (status, answer["error"]) == (400, "invalid_request")
    assert "imbrique" in answer["message"]


async def test_without_an_engine_the_app_opens_and_migrates_its_database(tmp_path) -> None:
    database = tmp_path / "state" / "orders.db"
    settings = BackendSettings(database_url=f"sqlite:///{database}", api_key=API_KEY)
    async with TestClient(TestServer(create_app(settings))) as client:
        health = await client.get("/health")
        assert (health.status, await health.json()) == (200, {"status": "ok"})
        proof = {"reference": "KQZPTRBWE", "postcode": "69003"}
        assert (await post(client, "/v1/orders/lookup", proof)) == (404, ORDER_NOT_FOUND)
    assert database.exists()


async def test_an_api_key_is_required() -> None:
    with pytest.raises(ValueError, match="API key"):
        create_app(BackendSettings(api_key=""))
