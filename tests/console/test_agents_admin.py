"""Agent management by admins (cadomaestro/console/admin_views.py, accounts.py): admins only,
a generated password shown once and never stored, logged or put in a URL, role changes,
deactivation ending the agent's sessions at once, password resets, the guards that keep an
active admin, CSRF, the audit log — on SQLite and PostgreSQL, through a real HTTP server."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from cadomaestro.backend.database import session_factory
from cadomaestro.console import accounts
from cadomaestro.console.models import ADMIN, AGENT, Agent, AuditEntry, WebSession
from tests.console.support import PASSWORD, log_in, run

AGENT_EMAIL, ADMIN_EMAIL = "agent@cadomaestro.fr", "admin@cadomaestro.fr"
SECRET = re.compile(r'<code class="secret">([^<]+)</code>')


@asynccontextmanager
async def browser(client: TestClient) -> AsyncIterator[aiohttp.ClientSession]:
    """Another browser (cookies of its own) on the same console."""
    origin = str(client.make_url("/").origin())
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    async with aiohttp.ClientSession(base_url=origin, cookie_jar=jar) as session:
        yield session


def agent_id(engine, email: str) -> int:
    with session_factory(engine)() as session:
        return session.scalar(select(Agent.id).where(Agent.email == email))


def agent_row(engine, email: str) -> Agent:
    with session_factory(engine)() as session:
        return session.scalar(select(Agent).where(Agent.email == email))


def audit_entries(engine) -> list[tuple[str, str | None, str | None]]:
    with session_factory(engine)() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(e.action, e.target, e.agent.email if e.agent else None) for e in entries]


def sessions_of(engine, email: str) -> int:
    with session_factory(engine)() as session:
        query = select(WebSession).join(Agent).where(Agent.email == email)
        return len(session.scalars(query).all())


async def login_status(client, email: str, password: str) -> int:
    answer = await client.post(
        "/login", data={"email": email, "password": password}, allow_redirects=False
    )
    return answer.status


def test_agents_are_refused_every_admin_route(console_engine, settings) -> None:
    target = agent_id(console_engine, ADMIN_EMAIL)
    posts = ["/agents", f"/agents/{target}/role", f"/agents/{target}/deactivate",
             f"/agents/{target}/reactivate", f"/agents/{target}/password"]  # fmt: skip

    async def scenario(client: TestClient) -> None:
        for method, path in [("GET", "/agents"), *(("POST", path) for path in posts)]:
            answer = await client.request(method, path, allow_redirects=False)  # no session
            assert answer.status == 303, path
            assert answer.headers["Location"].split("?")[0] == "/login", path
        csrf = await log_in(client, AGENT_EMAIL)
        listed = await client.get("/agents")
        assert listed.status == 403 and "Réservé aux administrateurs." in await listed.text()
        form = {"csrf": csrf, "email": "x@cadomaestro.fr", "name": "X", "role": ADMIN}
        for path in posts:
            answer = await client.post(path, data=form, allow_redirects=False)
            assert answer.status == 403, path
            assert "Réservé aux administrateurs." in await answer.text(), path

    run(console_engine, settings, scenario)
    admin = agent_row(console_engine, ADMIN_EMAIL)
    assert admin.active and admin.role == ADMIN
    assert agent_row(console_engine, "x@cadomaestro.fr") is None
    assert [entry[0] for entry in audit_entries(console_engine)] == ["login"]


def test_the_list_shows_every_agent_accessibly(console_engine, settings) -> None:
    async def scenario(client: TestClient) -> None:
        await log_in(client, ADMIN_EMAIL)
        page = await client.get("/agents")
        text = await page.text()
        assert page.status == 200
        assert "<caption>" in text and '<th scope="col">Dernière activité</th>' in text
        assert '<th scope="row">agent@cadomaestro.fr</th>' in text and "Agnès" in text
        assert '<th scope="row">admin@cadomaestro.fr</th>' in text and "administrateur" in text
        assert "C’est vous." in text  # no role or deactivation form for oneself
        # the agent's role, deactivation and password forms; the admin's own password form
        assert text.count('action="/agents/') == 4
        for field in ("new-email", "new-name", "new-role"):
            assert f'<label for="{field}">' in text and f'id="{field}"' in text
        assert text.count('name="csrf"') >= 6

    run(console_engine, settings, scenario)


def test_an_admin_creates_an_agent_who_logs_in_with_the_password_shown_once(
    console_engine, settings, caplog
) -> None:
    caplog.set_level(logging.DEBUG)

    async def scenario(client: TestClient) -> str:
        csrf = await log_in(client, ADMIN_EMAIL)
        answer = await client.post(
            "/agents", data={"csrf": csrf, "email": " Noemie@CadoMaestro.fr ", "name": "Noémie",
                             "role": AGENT}, allow_redirects=False,
        )  # fmt: skip
        text = await answer.text()
        assert answer.status == 200 and not answer.history  # rendered, not redirected
        assert answer.headers["Cache-Control"] == "no-store"
        assert "Agent créé : Noémie" in text and "une seule fois" in text
        password = SECRET.search(text).group(1)
        assert len(password) >= accounts.MIN_PASSWORD_CHARS
        listed = await (await client.get("/agents")).text()
        assert "noemie@cadomaestro.fr" in listed and password not in listed
        async with browser(client) as other:
            assert await login_status(other, "noemie@cadomaestro.fr", password) == 303
            assert (await other.get("/", allow_redirects=False)).status == 200
            assert (await other.get("/agents")).status == 403  # an agent, not an admin
        return password

    password = run(console_engine, settings, scenario)
    created = agent_row(console_engine, "noemie@cadomaestro.fr")
    assert created.role == AGENT and created.active and created.name == "Noémie"
    assert created.password_hash.startswith("$argon2id$") and password not in created.password_hash
    assert ("create_agent", "noemie@cadomaestro.fr", ADMIN_EMAIL) in audit_entries(console_engine)
    assert password not in caplog.text  # nor in the access log, nor anywhere logged


@pytest.mark.parametrize(
    ("email", "name", "role", "message"),
    [
        (AGENT_EMAIL, "Autre", AGENT, "Un agent a déjà l’adresse agent@cadomaestro.fr."),
        ("pas-une-adresse", "Autre", AGENT, "Adresse e-mail invalide"),
        ("autre@cadomaestro.fr", "  ", AGENT, "Le nom de l’agent est obligatoire."),
        ("autre@cadomaestro.fr", "N" * 101, AGENT, "au plus 100 caractères"),
        ("autre@cadomaestro.fr", "Autre", "root", "Rôle inconnu"),
    ],
)
def test_a_wrong_form_is_said_in_french_on_the_form(
    console_engine, settings, email, name, role, message
) -> None:
    async def scenario(client: TestClient) -> None:
        csrf = await log_in(client, ADMIN_EMAIL)
        answer = await client.post(
            "/agents", data={"csrf": csrf, "email": email, "name": name, "role": role}
        )
        text = await answer.text()
        assert answer.status == 400 and message in text and 'role="alert"' in text
        assert f'value="{email}"' in text  # what was typed is kept
        assert SECRET.search(text) is None

    run(console_engine, settings, scenario)
    with session_factory(console_engine)() as session:
        assert len(session.scalars(select(Agent)).all()) == 2
    assert "create_agent" not in [entry[0] for entry in audit_entries(console_engine)]


def test_a_role_change_applies_at_the_agents_next_request(console_engine, settings) -> None:
    target = agent_id(console_engine, AGENT_EMAIL)

    async def scenario(client: TestClient) -> None:
        async with browser(client) as agent:
            await log_in(agent, AGENT_EMAIL)
            assert (await agent.get("/audit")).status == 403
            csrf = await log_in(client, ADMIN_EMAIL)
            answer = await client.post(
                f"/agents/{target}/role", data={"csrf": csrf, "role": ADMIN},
                allow_redirects=False,
            )  # fmt: skip
            assert answer.status == 303 and answer.headers["Location"] == "/agents?done=role"
            done = await (await client.get(answer.headers["Location"])).text()
            assert "Rôle modifié" in done and 'role="status"' in done
            assert (await agent.get("/audit")).status == 200  # the same session, now an admin
            unknown = await client.post(
                f"/agents/{target}/role", data={"csrf": csrf, "role": "root"}
            )
            assert unknown.status == 400 and "Rôle inconnu" in await unknown.text()
            missing = await client.post("/agents/999999/role", data={"csrf": csrf, "role": AGENT})
            assert missing.status == 404

    run(console_engine, settings, scenario)
    assert agent_row(console_engine, AGENT_EMAIL).role == ADMIN
    assert ("change_role", AGENT_EMAIL, ADMIN_EMAIL) in audit_entries(console_engine)


def test_deactivation_logs_the_agent_out_at_once_and_forbids_login(
    console_engine, settings
) -> None:
    target = agent_id(console_engine, AGENT_EMAIL)

    async def scenario(client: TestClient) -> None:
        async with browser(client) as agent:
            await log_in(agent, AGENT_EMAIL)
            assert (await agent.get("/", allow_redirects=False)).status == 200
            csrf = await log_in(client, ADMIN_EMAIL)
            answer = await client.post(
                f"/agents/{target}/deactivate", data={"csrf": csrf}, allow_redirects=False
            )
            assert answer.headers["Location"] == "/agents?done=deactivated"
            assert sessions_of(console_engine, AGENT_EMAIL) == 0
            refused = await agent.get("/", allow_redirects=False)  # the cookie it still holds
            assert refused.status == 303 and refused.headers["Location"].split("?")[0] == "/login"
            assert await login_status(agent, AGENT_EMAIL, PASSWORD) == 401
            listed = await (await client.get("/agents")).text()
            assert f'action="/agents/{target}/reactivate"' in listed
            back = await client.post(
                f"/agents/{target}/reactivate", data={"csrf": csrf}, allow_redirects=False
            )
            assert back.headers["Location"] == "/agents?done=reactivated"
            assert await login_status(agent, AGENT_EMAIL, PASSWORD) == 303

    run(console_engine, settings, scenario)
    actions = audit_entries(console_engine)
    assert ("deactivate_agent", AGENT_EMAIL, ADMIN_EMAIL) in actions
    assert ("reactivate_agent", AGENT_EMAIL, ADMIN_EMAIL) in actions


def test_a_password_reset_ends_the_old_password_and_the_sessions(console_engine, settings) -> None:
    target = agent_id(console_engine, AGENT_EMAIL)

    async def scenario(client: TestClient) -> None:
        async with browser(client) as agent:
            await log_in(agent, AGENT_EMAIL)
            csrf = await log_in(client, ADMIN_EMAIL)
            answer = await client.post(
                f"/agents/{target}/password", data={"csrf": csrf}, allow_redirects=False
            )
            text = await answer.text()
            assert answer.status == 200 and "Nouveau mot de passe d’Agnès" in text
            password = SECRET.search(text).group(1)
            assert (await agent.get("/", allow_redirects=False)).status == 303
            assert await login_status(agent, AGENT_EMAIL, PASSWORD) == 401
            assert await login_status(agent, AGENT_EMAIL, password) == 303
            assert password not in await (await client.get("/agents")).text()

    run(console_engine, settings, scenario)
    assert ("reset_password", AGENT_EMAIL, ADMIN_EMAIL) in audit_entries(console_engine)


def test_an_admin_can_neither_demote_nor_deactivate_themself(console_engine, settings) -> None:
    me = agent_id(console_engine, ADMIN_EMAIL)

    async def scenario(client: TestClient) -> None:
        csrf = await log_in(client, ADMIN_EMAIL)
        demoted = await client.post(f"/agents/{me}/role", data={"csrf": csrf, "role": AGENT})
        assert demoted.status == 409
        assert "retirer votre propre rôle d’administrateur" in await demoted.text()
        gone = await client.post(f"/agents/{me}/deactivate", data={"csrf": csrf})
        assert gone.status == 409
        assert "désactiver votre propre compte" in await gone.text()
        assert (await client.get("/agents")).status == 200  # still logged in, still an admin

    run(console_engine, settings, scenario)
    admin = agent_row(console_engine, ADMIN_EMAIL)
    assert admin.role == ADMIN and admin.active
    assert [entry[0] for entry in audit_entries(console_engine)] == ["login"]


def test_the_last_active_admin_stays_when_two_admins_demote_each_other_at_once(
    console_engine,
) -> None:
    """Each admin may demote the other, but not both: the second change, waiting for the first
    (PostgreSQL: the admins' rows locked; SQLite: one writer at a time), is refused."""
    sessions = session_factory(console_engine)
    with sessions.begin() as session:
        second = accounts.create_agent(session, "admin2@cadomaestro.fr", "Bea", PASSWORD, ADMIN)
    first, second_id = agent_id(console_engine, ADMIN_EMAIL), second.id
    errors: list[Exception] = []

    def demote_first() -> None:
        try:
            with sessions.begin() as session:
                accounts.change_role(session, second_id, first, AGENT)
        except accounts.NotAllowed as error:
            errors.append(error)

    with sessions.begin() as session:
        accounts.change_role(session, first, second_id, AGENT)  # not committed yet
        other = threading.Thread(target=demote_first)
        other.start()
        time.sleep(0.5)
    other.join(timeout=10)
    assert len(errors) == 1
    with sessions() as session:
        admins = session.scalars(select(Agent.email).where(Agent.role == ADMIN)).all()
    assert admins == [ADMIN_EMAIL]


def test_only_an_active_admin_changes_agents(console_engine) -> None:
    """Whoever calls accounts.py: only an active admin changes agents, and of two admins either
    may demote the other, never both (the concurrent case: the test above)."""
    sessions = session_factory(console_engine)
    admin, agent = agent_id(console_engine, ADMIN_EMAIL), agent_id(console_engine, AGENT_EMAIL)
    with sessions.begin() as session, pytest.raises(accounts.NotAllowed, match="Réservé"):
        accounts.deactivate(session, agent, admin)  # an agent acting
    with sessions.begin() as session:
        accounts.change_role(session, admin, agent, ADMIN)
    with sessions.begin() as session:  # now two admins: either may demote the other
        accounts.change_role(session, agent, admin, AGENT)
    with sessions.begin() as session, pytest.raises(accounts.NotAllowed, match="Réservé"):
        accounts.change_role(session, admin, agent, AGENT)  # no longer an admin


def test_changes_need_the_csrf_token(console_engine, settings) -> None:
    target = agent_id(console_engine, AGENT_EMAIL)

    async def scenario(client: TestClient) -> None:
        await log_in(client, ADMIN_EMAIL)
        form = {"email": "x@cadomaestro.fr", "name": "X", "role": AGENT}
        for path, data in [("/agents", form), (f"/agents/{target}/deactivate", {}),
                           (f"/agents/{target}/role", {"role": ADMIN}),
                           (f"/agents/{target}/password", {"csrf": "x" * 43})]:  # fmt: skip
            answer = await client.post(path, data=data, allow_redirects=False)
            assert answer.status == 403 and "CSRF" in await answer.text(), path

    run(console_engine, settings, scenario)
    agent = agent_row(console_engine, AGENT_EMAIL)
    assert agent.active and agent.role == AGENT
    assert agent_row(console_engine, "x@cadomaestro.fr") is None
    assert [entry[0] for entry in audit_entries(console_engine)] == ["login"]
