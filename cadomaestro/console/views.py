"""The console's pages: thin handlers that call accounts.py / the conversation store in a worker
thread and render a template (French; Jinja2 escapes everything a customer wrote)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from cadomaestro.console import accounts
from cadomaestro.console.conversations import summarize, transcript
from cadomaestro.console.filters import FLAGS, Filters
from cadomaestro.console.keys import (
    CONVERSATIONS,
    COOKIE,
    LOGIN_BY_ACCOUNT,
    LOGIN_BY_ADDRESS,
    SESSIONS,
    SETTINGS,
)
from cadomaestro.console.models import ADMIN, AuditEntry

PAGE_SIZE = 50
UNREADABLE = (
    "La base des conversations est injoignable ou pas encore créée (aucune conversation) : "
    "réessayez dans quelques instants."
)
log = logging.getLogger(__name__)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


@aiohttp_jinja2.template("login.html")
async def login_page(request: web.Request) -> dict[str, Any]:
    return {}


async def login(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    email = str(form.get("email", "")).strip().lower()[:254]
    password = str(form.get("password", ""))[:1024]
    address = request.remote or "unknown"
    by_account, by_address = request.app[LOGIN_BY_ACCOUNT], request.app[LOGIN_BY_ADDRESS]
    wait = max(by_account.retry_after(email), by_address.retry_after(address))
    if wait:
        message = f"Trop de tentatives : réessayez dans {wait} secondes."
        return _login_again(request, message, status=429)
    sessions, settings = request.app[SESSIONS], request.app[SETTINGS]

    def check() -> str | None:
        with sessions.begin() as session:
            agent = accounts.authenticate(session, email, password)
            if agent is None:
                return None
            accounts.audit(session, agent.id, "login")
            return accounts.open_session(session, agent)

    token = await asyncio.to_thread(check)
    if token is None:
        by_account.record_failure(email)
        by_address.record_failure(address)
        return _login_again(request, "Adresse e-mail ou mot de passe incorrect.", status=401)
    response = web.HTTPSeeOther("/")
    response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/",
                        secure=settings.secure_cookies)  # fmt: skip
    return response


def _login_again(request: web.Request, error: str, status: int) -> web.Response:
    return aiohttp_jinja2.render_template("login.html", request, {"error": error}, status=status)


async def logout(request: web.Request) -> web.StreamResponse:
    sessions = request.app[SESSIONS]
    token = request.cookies.get(COOKIE)

    def close() -> None:
        with sessions.begin() as session:
            accounts.close_session(session, token)

    await asyncio.to_thread(close)
    response = web.HTTPSeeOther("/login")
    response.del_cookie(COOKIE, path="/")
    return response


@aiohttp_jinja2.template("conversations.html")
async def conversations(request: web.Request) -> dict[str, Any]:
    chosen = Filters.from_query(request.query)
    page_arg = request.query.get("page", "")
    page = max(1, int(page_arg)) if page_arg.isdigit() and len(page_arg) < 7 else 1
    store = request.app[CONVERSATIONS]
    period = (chosen.since_at, chosen.until_at, chosen.channel or None, chosen.q or None)
    error = None
    try:
        if chosen.on_summaries:  # the flags: over the period's summaries (store.py's limit)
            kept = [s for s in await asyncio.to_thread(store.summaries, *period) if chosen.keeps(s)]
            found, total = kept[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], len(kept)
        else:
            found, total = await asyncio.to_thread(
                store.latest, PAGE_SIZE, (page - 1) * PAGE_SIZE, *period
            )
    except SQLAlchemyError as failure:  # not created yet (no conversation), or down
        log.warning("conversations not read: %s", type(failure).__name__)
        found, total, error = [], 0, UNREADABLE
    return {"conversations": found, "total": total, "page": page, "filters": chosen,
            "flags": FLAGS, "pages": max(1, -(-total // PAGE_SIZE)), "error": error}  # fmt: skip


@aiohttp_jinja2.template("conversation.html")
async def conversation(request: web.Request) -> dict[str, Any]:
    sender = request.match_info["sender"][:255]
    try:
        events = await asyncio.to_thread(request.app[CONVERSATIONS].events, sender)
    except SQLAlchemyError as failure:
        log.warning("conversation not read: %s", type(failure).__name__)
        raise web.HTTPServiceUnavailable(text=UNREADABLE) from None
    if not events:
        raise web.HTTPNotFound(text="Cette conversation n’existe pas.")
    sessions, agent = request.app[SESSIONS], request["agent"]

    def record() -> None:
        with sessions.begin() as session:
            accounts.audit(session, agent["id"], "open_transcript", sender)

    await asyncio.to_thread(record)
    return {"summary": summarize(sender, events), "turns": transcript(events)}


@aiohttp_jinja2.template("audit.html")
async def audit_log(request: web.Request) -> dict[str, Any]:
    if request["agent"]["role"] != ADMIN:
        raise web.HTTPForbidden(text="Réservé aux administrateurs.")
    sessions = request.app[SESSIONS]

    def read() -> list[dict[str, Any]]:
        with sessions() as session:
            entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(500))
            return [{"at": e.at, "agent": e.agent.email if e.agent else "—", "action": e.action,
                     "target": e.target or ""} for e in entries]  # fmt: skip

    return {"entries": await asyncio.to_thread(read)}
