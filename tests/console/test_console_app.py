"""The agent console's access rules (cadomaestro/console/): every page and route behind a
session, CSRF on every state-changing request, Argon2 logins limited per account and address,
idle sessions ending, admin pages for admins, and the audit log — on SQLite and PostgreSQL,
through a real HTTP server on localhost."""

from __future__ import annotations

import asyncio
import dataclasses
import re
from urllib.parse import unquote

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from cadomaestro.backend.database import session_factory
from cadomaestro.console.app import ROUTES
from cadomaestro.console.keys import COOKIE
from cadomaestro.console.models import AuditEntry
from tests.console.support import PASSWORD, log_in, run

# A value for each variable part of the routes' paths.
SAMPLES = {"sender": "web:hostile", "agent_id": "1", "table": "indicateurs"}
PUBLIC = {("GET", "/health"), ("GET", "/login"), ("POST", "/login")}


def every_route() -> list[tuple[str, str]]:
    """Every route of the console (app.py's ROUTES), with sample values in its path."""
    found = []
    for route in ROUTES:
        path = re.sub(
            r"\{(\w+)(:(?:[^{}]|\{[^}]*\})*)?\}", lambda m: SAMPLES[m.group(1)], route.path
        )
        if (route.method, route.path) not in PUBLIC:
            found.append((route.method, path))
    return found


def test_every_route_needs_a_session(console_engine, settings) -> None:
    assert len(every_route()) >= 17  # the routes of every module, not only views.py's

    async def scenario(client: TestClient) -> None:
        for method, path in every_route():
            answer = await client.request(method, path, allow_redirects=False)
            assert answer.status == 303, path
            assert answer.headers["Location"].split("?")[0] == "/login", path
            api = await client.request(
                method, path, headers={"Accept": "application/json"}, allow_redirects=False
            )
            assert api.status == 401, path
        assert (await client.get("/login")).status == 200
        assert (await client.get("/static/console.css")).status == 200

    run(console_engine, settings, scenario)


def test_a_login_opens_a_session_with_a_safe_cookie(console_engine, settings) -> None:
    async def scenario(client: TestClient) -> None:
        answer = await client.post(
            "/login", data={"email": "Agent@CadoMaestro.fr", "password": PASSWORD},
            allow_redirects=False,
        )  # fmt: skip
        assert answer.status == 303
        cookie = answer.cookies[COOKIE]
        assert cookie["httponly"] and cookie["samesite"] == "Strict"
        page = await client.get("/")
        assert page.status == 200 and "Agnès" in await page.text()
        assert "default-src 'self'" in page.headers["Content-Security-Policy"]

    run(console_engine, settings, scenario)


def test_wrong_passwords_are_limited_per_account(console_engine, settings) -> None:
    async def scenario(client: TestClient) -> None:
        for _ in range(3):
            wrong = await client.post(
                "/login", data={"email": "agent@cadomaestro.fr", "password": "faux"}
            )
            assert wrong.status == 401 and "incorrect" in await wrong.text()
        right = await client.post(
            "/login", data={"email": "agent@cadomaestro.fr", "password": PASSWORD},
            allow_redirects=False,
        )  # fmt: skip
        assert right.status == 429 and "Trop de tentatives" in await right.text()
        other = await client.post(
            "/login", data={"email": "admin@cadomaestro.fr", "password": PASSWORD},
            allow_redirects=False,
        )  # fmt: skip
        assert other.status == 303  # another account from the same address still may

    run(console_engine, settings, scenario)


def test_state_changes_need_the_csrf_token(console_engine, settings) -> None:
    async def scenario(client: TestClient) -> None:
        csrf = await log_in(client)
        refused = await client.post("/logout", data={}, allow_redirects=False)
        assert refused.status == 403
        forged = await client.post("/logout", data={"csrf": "x" * 43}, allow_redirects=False)
        assert forged.status == 403
        assert (await client.get("/", allow_redirects=False)).status == 200  # still logged in
        out = await client.post("/logout", data={"csrf": csrf}, allow_redirects=False)
        assert out.status == 303
        assert (await client.get("/", allow_redirects=False)).status == 303  # logged out

    run(console_engine, settings, scenario)


def test_an_idle_session_ends(console_engine, settings) -> None:
    async def scenario(client: TestClient) -> None:
        await log_in(client)
        await asyncio.sleep(1.2)
        assert (await client.get("/", allow_redirects=False)).status == 303

    run(console_engine, dataclasses.replace(settings, session_idle_s=1.0), scenario)


def test_the_audit_log_is_for_admins(console_engine, settings) -> None:
    async def scenario(client: TestClient) -> None:
        await log_in(client)
        assert (await client.get("/audit")).status == 403
        client.session.cookie_jar.clear()
        await log_in(client, "admin@cadomaestro.fr")
        page = await client.get("/audit")
        text = await page.text()
        assert page.status == 200 and "agent@cadomaestro.fr" in text and "connexion" in text
        logins = await (await client.get("/audit", params={"action": "login"})).text()
        assert "2 entrées" in logins  # the agent's and the admin's
        none = await (await client.get("/audit", params={"action": "logout"})).text()
        assert "0 entrée " in none and "page 1 / 1" in none
        odd = await client.get("/audit", params={"target": "%' OR 1=1 --", "page": "999999"})
        assert odd.status == 200 and "0 entrée " in await odd.text()

    run(console_engine, settings, scenario)


def test_what_customers_wrote_is_shown_as_text_and_opening_is_audited(
    console_engine, settings
) -> None:
    async def scenario(client: TestClient) -> None:
        await log_in(client)
        listed = await (await client.get("/", params={"q": "' OR 1=1 --"})).text()
        assert "1 conversation " in listed and "&lt;script&gt;alert(1)&lt;/script&gt;" in listed
        page = await client.get("/conversations/web:hostile")
        text = await page.text()
        assert page.status == 200 and "<script>alert" not in text and "<img src=x" not in text
        assert "&lt;img src=x onerror=alert(2)&gt;" in text and "Salutation (greet) : 0,40" in text
        none = await (await client.get("/", params={"q": "%' OR '1'='1"})).text()
        assert "0 conversation " in none
        assert (await client.get("/conversations/web:inconnue")).status == 404
        low = await (await client.get("/", params={"max_confidence": "0.5"})).text()
        assert "1 conversation " in low and "confiance min. 0,40" in low
        assert "0 conversation " in await (await client.get("/?handover=1")).text()
        assert "0 conversation " in await (await client.get("/?max_confidence=0.4")).text()
        client.session.cookie_jar.clear()
        await log_in(client, "admin@cadomaestro.fr")
        audit = await (await client.get("/audit")).text()
        assert "ouverture d’une conversation" in audit and "web:hostile" in audit

    run(console_engine, settings, scenario)


def test_no_conversation_store_yet_is_said_not_a_crash(console_engine, settings, tmp_path) -> None:
    async def scenario(client: TestClient) -> None:
        await log_in(client)
        page = await client.get("/")
        assert page.status == 200 and "injoignable ou pas encore créée" in await page.text()
        assert (await client.get("/conversations/web:x")).status == 503

    missing = dataclasses.replace(settings, conversations_url=f"sqlite:///{tmp_path}/absent.db")
    run(console_engine, missing, scenario)


def test_logging_in_leads_to_the_page_asked_and_only_within_the_console(
    console_engine, settings
) -> None:
    async def scenario(client: TestClient) -> None:
        asked = await client.get("/todo?since=2026-12-01", allow_redirects=False)
        assert unquote(asked.headers["Location"]) == "/login?next=/todo?since=2026-12-01"
        for given, lands in [("/todo?since=2026-12-01", "/todo?since=2026-12-01"),
                             ("//evil.example/x", "/"), ("https://evil.example/", "/"),
                             ("/\\evil.example", "/")]:  # fmt: skip
            client.session.cookie_jar.clear()
            answer = await client.post(
                "/login", allow_redirects=False,
                data={"email": "agent@cadomaestro.fr", "password": PASSWORD, "next": given},
            )  # fmt: skip
            assert answer.headers["Location"] == lands, given
        await client.post("/logout", data={"csrf": await log_in(client)})

    run(console_engine, settings, scenario)
    with session_factory(console_engine)() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry))]
    assert actions.count("login") == 5 and actions.count("logout") == 1


def test_a_failed_login_keeps_the_address_and_is_audited(console_engine, settings) -> None:
    async def scenario(client: TestClient) -> None:
        answer = await client.post(
            "/login", data={"email": "agent@cadomaestro.fr", "password": "faux"}
        )
        assert answer.status == 401
        assert 'value="agent@cadomaestro.fr"' in await answer.text()

    run(console_engine, settings, scenario)
    with session_factory(console_engine)() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "login_failed"))
    assert entry.agent_id is None and entry.target == "agent@cadomaestro.fr"
