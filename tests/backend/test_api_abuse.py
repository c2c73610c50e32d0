"""The order API under hostile input and enumeration, through a real server (aiohttp's
TestServer) on SQLite and PostgreSQL: never a 500, never a hint of which part of a proof was
wrong, and failed attempts limited per client."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.engine import Engine

from cadomaestro.backend.app import create_app
from cadomaestro.backend.settings import BackendSettings
from tests.backend.samples import API_KEY

pytestmark = pytest.mark.asyncio
KEY = {"X-API-Key": API_KEY}
RIGHT = {"reference": "KQZPTRBWE", "email": "claire.martin@example.fr"}
LIMIT = 3


@pytest_asyncio.fixture
async def client(demo_engine: Engine) -> AsyncIterator[TestClient]:
    settings = BackendSettings(api_key=API_KEY, proof_limit=LIMIT, key_limit=LIMIT)
    app = create_app(settings, demo_engine)
    async with TestClient(TestServer(app)) as client:
        yield client


async def call(client: TestClient, path: str, data: bytes | dict, headers=KEY) -> tuple[int, dict]:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    headers = {**headers, "Content-Type": "application/json"}
    response = await client.post(path, data=raw, headers=headers)
    assert response.content_type == "application/json"
    answer = await response.json()
    assert set(answer) != {"error", "message"} or answer["message"].strip(), answer
    return response.status, answer


HOSTILE = [
    ("non-UTF-8 bytes", b'{"reference": "KQZPTRBWE", "email": "caf\xe9@example.fr"}', 400),
    ("NUL in reference", {"reference": "KQZ\x00PTRBWE", "postcode": "69003"}, 400),
    ("SQL in reference", {"reference": "KQZPTRBWE' OR '1'='1", "postcode": "69003"}, 404),
    ("SQL drop", {"reference": "'; DROP TABLE orders; --", "email": "a@b.fr"}, 404),
    ("SQL in email", {"reference": "KQZPTRBWE", "email": "x' OR 1=1 --@example.fr"}, 404),
    ("LIKE wildcard", {"reference": "%", "postcode": "%"}, 404),
    ("HTML in email", {"reference": "KQZPTRBWE", "email": "<script>alert(1)</script>"}, 404),
    ("emoji reference", {"reference": "🎁🎁🎁", "postcode": "69003"}, 404),
    ("control characters", {"reference": "\x1b[31mKQZ", "postcode": "\x07"}, 404),
    ("lone surrogate", b'{"reference": "\\ud800", "postcode": "69003"}', 400),
    ("reference an object", {"reference": {"$ne": None}, "postcode": "69003"}, 400),
    ("reference a list", {"reference": ["KQZPTRBWE"], "postcode": "69003"}, 400),
    ("reference a boolean", {"reference": True, "postcode": "69003"}, 400),
    ("postcode null", {"reference": "KQZPTRBWE", "postcode": None}, 400),
    ("deeply nested", b'{"reference": ' + b"[" * 5000 + b"]" * 5000 + b"}", 400),
    ("huge number", b'{"reference": 1e999999, "postcode": "69003"}', 400),
]  # fmt: skip


@pytest.mark.parametrize("path", ["/v1/orders/lookup", "/v1/loyalty/lookup"])
@pytest.mark.parametrize(("body", "status"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
async def test_hostile_input_gets_a_4xx_json_answer_and_the_server_keeps_serving(
    client, path, body, status
) -> None:
    assert (await call(client, path, body))[0] == status
    # the database is intact and the right proof still works (one failure is under the limit)
    found, answer = await call(client, "/v1/orders/lookup", RIGHT)
    assert found == 200 and answer["order"]["reference"] == "KQZPTRBWE"


async def test_hostile_request_details_are_stored_as_text(client) -> None:
    details = "<img src=x onerror=alert(1)> '; DROP TABLE requests; -- 🎁 " + "é" * 4000
    body = {**RIGHT, "kind": "annulation", "conversation_id": "c-1", "details": details}
    status, answer = await call(client, "/v1/requests", body)
    assert status == 201 and answer["request"]["details"] == details


async def test_failed_proofs_are_limited_per_client(client) -> None:
    alice, mallory = {**KEY, "X-Client-Key": "alice"}, {**KEY, "X-Client-Key": "mallory"}
    wrong = [
        {"reference": "AAAAAAAAA", "email": "claire.martin@example.fr"},  # unknown reference
        {"reference": "KQZPTRBWE", "email": "julien.bernard@example.fr"},  # wrong email
        {"reference": "KQZPTRBWE", "postcode": "75011"},  # wrong postcode
    ]
    answers = [await call(client, "/v1/orders/lookup", proof, mallory) for proof in wrong]
    assert {json.dumps(a) for _, a in answers} == {json.dumps(answers[0][1])}  # identical
    assert all(status == 404 for status, _ in answers)
    # blocked now, even with the right proof, on every route that takes a proof
    for path, body in [
        ("/v1/orders/lookup", RIGHT),
        ("/v1/loyalty/lookup", RIGHT),
        ("/v1/requests", {**RIGHT, "kind": "annulation", "conversation_id": "c", "details": "x"}),
    ]:
        response = await client.post(path, json=body, headers=mallory)
        assert response.status == 429
        assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
        assert (await response.json())["error"] == "too_many_attempts"
    # another client is not affected, nor is a caller naming no client
    assert (await call(client, "/v1/orders/lookup", RIGHT, alice))[0] == 200
    assert (await call(client, "/v1/orders/lookup", RIGHT, KEY))[0] == 200


async def test_successes_do_not_count(client) -> None:
    for _ in range(LIMIT * 3):
        assert (await call(client, "/v1/orders/lookup", RIGHT))[0] == 200


async def test_wrong_api_keys_are_limited_per_address(client) -> None:
    for _ in range(LIMIT):
        assert (await call(client, "/v1/orders/lookup", RIGHT, {"X-API-Key": "guess"}))[0] == 401
    status, answer = await call(client, "/v1/orders/lookup", RIGHT, KEY)
    assert (status, answer["error"]) == (429, "too_many_attempts")
