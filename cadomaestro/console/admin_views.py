"""Agent management by admins (`/agents`): the list of agents, and forms that create one, change
a role, deactivate or reactivate, reset a password. Thin handlers over accounts.py (its rules:
nobody demotes or deactivates themself, the last active admin stays). A generated password is
shown once, on the page answering the POST (status 200, `Cache-Control: no-store`), never put in
a URL or a log; the other changes answer with a redirect to the list (POST-redirect-GET)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from cadomaestro.console import accounts
from cadomaestro.console.accounts import AccountError, NotAllowed, UnknownAgent
from cadomaestro.console.models import ADMIN, AGENT, Agent
from cadomaestro.console.views import in_console_db

ROLE_LABELS = {AGENT: "agent", ADMIN: "administrateur"}
# What the list says after a change (`/agents?done=…`): fixed texts, nothing personal in the URL.
DONE = {
    "role": "Rôle modifié : il s’applique dès la prochaine page de l’agent.",
    "deactivated": "Agent désactivé : ses sessions sont fermées et il ne peut plus se connecter.",
    "reactivated": "Agent réactivé : il peut de nouveau se connecter.",
}


def _admin_id(request: web.Request) -> int:
    agent = request["agent"]
    if agent["role"] != ADMIN:
        raise web.HTTPForbidden(text="Réservé aux administrateurs.")
    return int(agent["id"])


async def _refused(request: web.Request, error: AccountError, **shown: Any) -> web.Response:
    """The list again with the error in French: 409 for a change the rules refuse, 400 for a
    form to correct; an unknown agent is a 404."""
    if isinstance(error, UnknownAgent):
        raise web.HTTPNotFound(text=str(error))
    status = 409 if isinstance(error, NotAllowed) else 400
    return await _page(request, status, error=str(error), **shown)


async def _page(request: web.Request, status: int = 200, **shown: Any) -> web.Response:
    listed = await in_console_db(request, accounts.list_agents)
    context = {"agents": listed, "roles": ROLE_LABELS, "form": {}, **shown}
    return aiohttp_jinja2.render_template("agents.html", request, context, status=status)


async def agents(request: web.Request) -> web.Response:
    _admin_id(request)
    return await _page(request, done=DONE.get(request.query.get("done", "")))


async def create(request: web.Request) -> web.Response:
    actor = _admin_id(request)
    form = await request.post()
    email = str(form.get("email", "")).strip()[:1000]
    name = str(form.get("name", "")).strip()[:1000]
    role = str(form.get("role", AGENT))

    def write(session: Session) -> tuple[str, str, str]:
        agent, password = accounts.add_agent(session, actor, email, name, role)
        return agent.email, agent.name, password

    try:  # two admins adding the same e-mail at once: the second is told it exists
        email, name, password = await in_console_db(request, write)
    except AccountError as error:
        kept = {"email": email[:254], "name": name[:100], "role": role}
        return await _refused(request, error, form=kept)
    shown = {"email": email, "name": name, "password": password, "created": True}
    return await _page(request, password=shown)


async def reset_password(request: web.Request) -> web.Response:
    actor, agent_id = _admin_id(request), int(request.match_info["agent_id"])

    def write(session: Session) -> tuple[str, str, str]:
        agent, password = accounts.reset_password(session, actor, agent_id)
        return agent.email, agent.name, password

    try:
        email, name, password = await in_console_db(request, write)
    except AccountError as error:
        return await _refused(request, error)
    shown = {"email": email, "name": name, "password": password, "created": False}
    return await _page(request, password=shown)


Change = Callable[[Session, int, int], Agent]


async def _change(request: web.Request, change: Change, done: str) -> web.StreamResponse:
    actor, agent_id = _admin_id(request), int(request.match_info["agent_id"])
    try:
        await in_console_db(request, lambda session: change(session, actor, agent_id))
    except AccountError as error:
        return await _refused(request, error)
    raise web.HTTPSeeOther(f"/agents?done={done}")


async def change_role(request: web.Request) -> web.StreamResponse:
    role = str((await request.post()).get("role", ""))

    def change(session: Session, actor: int, agent_id: int) -> Agent:
        return accounts.change_role(session, actor, agent_id, role)

    return await _change(request, change, "role")


async def deactivate(request: web.Request) -> web.StreamResponse:
    return await _change(request, accounts.deactivate, "deactivated")


async def reactivate(request: web.Request) -> web.StreamResponse:
    return await _change(request, accounts.reactivate, "reactivated")


ROUTES = [
    web.get("/agents", agents),
    web.post("/agents", create),
    web.post(r"/agents/{agent_id:\d{1,9}}/role", change_role),
    web.post(r"/agents/{agent_id:\d{1,9}}/deactivate", deactivate),
    web.post(r"/agents/{agent_id:\d{1,9}}/reactivate", reactivate),
    web.post(r"/agents/{agent_id:\d{1,9}}/password", reset_password),
]
