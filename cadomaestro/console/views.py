"""The console's pages: thin handlers that call accounts.py / the conversation store in a worker
thread and render a template (French; Jinja2 escapes everything a customer wrote)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import quote

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from cadomaestro.console import accounts, review
from cadomaestro.console.conversations import CUSTOMER, Turn, summarize, time_of, transcript
from cadomaestro.console.filters import FLAGS, KINDS, Filters
from cadomaestro.console.keys import (
    CONVERSATIONS,
    COOKIE,
    LOGIN_BY_ACCOUNT,
    LOGIN_BY_ADDRESS,
    SESSIONS,
    SETTINGS,
)
from cadomaestro.console.models import ADMIN, AuditEntry, now
from cadomaestro.console.retention import oldest_shown
from cadomaestro.console.store import UNREADABLE
from cadomaestro.console.todo import LOW_CONFIDENCE, least_understood

PAGE_SIZE = 50
TODO_DAYS = 30
AUDIT_PAGE = 100
READING = timedelta(minutes=30)  # reopening a conversation within it is audited once
TODO_SHOWN = 50  # messages shown of each group of the to-do list
T = TypeVar("T")
log = logging.getLogger(__name__)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def next_page(value: str) -> str:
    """Where to go after logging in: a path of the console only (never another site)."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value[:2000]
    return "/"


@aiohttp_jinja2.template("login.html")
async def login_page(request: web.Request) -> dict[str, Any]:
    return {"next": next_page(request.query.get("next", ""))}


async def login(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    email = str(form.get("email", "")).strip().lower()[:254]
    password = str(form.get("password", ""))[:1024]
    address = request.remote or "unknown"
    by_account, by_address = request.app[LOGIN_BY_ACCOUNT], request.app[LOGIN_BY_ADDRESS]
    wait = max(by_account.retry_after(email), by_address.retry_after(address))
    if wait:
        minutes = -(-int(wait) // 60)
        message = (
            f"Trop de tentatives : réessayez dans {minutes} minute{'s' if minutes > 1 else ''}."
        )
        return _login_again(request, message, status=429, email=email)
    sessions, settings = request.app[SESSIONS], request.app[SETTINGS]

    def check() -> str | None:
        with sessions.begin() as session:
            agent = accounts.authenticate(session, email, password)
            if agent is None:
                accounts.audit(session, None, "login_failed", email)
                return None
            accounts.audit(session, agent.id, "login")
            return accounts.open_session(session, agent)

    token = await asyncio.to_thread(check)
    if token is None:
        by_account.record_failure(email)
        by_address.record_failure(address)
        return _login_again(
            request, "Adresse e-mail ou mot de passe incorrect.", status=401, email=email
        )
    response = web.HTTPSeeOther(next_page(str(form.get("next", ""))))
    response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/",
                        secure=settings.secure_cookies)  # fmt: skip
    return response


def _login_again(request: web.Request, error: str, status: int, email: str = "") -> web.Response:
    context = {"error": error, "email": email, "next": next_page(request.query.get("next", ""))}
    return aiohttp_jinja2.render_template("login.html", request, context, status=status)


async def logout(request: web.Request) -> web.StreamResponse:
    sessions = request.app[SESSIONS]
    token = request.cookies.get(COOKIE)

    agent_id = request["agent"]["id"]

    def close() -> None:
        with sessions.begin() as session:
            accounts.close_session(session, token)
            accounts.audit(session, agent_id, "logout")

    await asyncio.to_thread(close)
    response = web.HTTPSeeOther("/login")
    response.del_cookie(COOKIE, path="/")
    return response


async def in_console_db(request: web.Request, work: Callable[[Session], T]) -> T:
    """`work` in a transaction of the console's database, in a worker thread. Two agents doing
    the same at once may both find nothing and both insert: the second insert breaks a unique
    constraint, and `work` runs once more, in a new transaction, where it finds the row."""
    sessions = request.app[SESSIONS]

    def run() -> T:
        with sessions.begin() as session:
            return work(session)

    try:
        return await asyncio.to_thread(run)
    except IntegrityError:
        return await asyncio.to_thread(run)


def shown_since(request: web.Request, since: datetime | None) -> datetime:
    """The start of a period as asked, never before what the retention keeps shown."""
    floor = oldest_shown(now(), request.app[SETTINGS].retention_days)
    return max(since, floor) if since else floor


def _page_number(request: web.Request) -> int:
    page_arg = request.query.get("page", "")
    return max(1, int(page_arg)) if page_arg.isdigit() and len(page_arg) < 7 else 1


@aiohttp_jinja2.template("conversations.html")
async def conversations(request: web.Request) -> dict[str, Any]:
    chosen = Filters.from_query(request.query)
    if chosen.topic:  # typed as the list shows it, or its title
        chosen = replace(chosen, topic=review.resolve_label(chosen.topic) or chosen.topic)
    page = _page_number(request)
    store = request.app[CONVERSATIONS]
    since = shown_since(request, chosen.since_at)
    period = (since, chosen.until_at, chosen.channel or None, chosen.q or None)
    error = None
    try:
        if chosen.on_summaries:  # over the period's summaries (store.py's limit)
            every = await asyncio.to_thread(store.summaries, *period)
            marks = None
            if chosen.on_marks:
                ids = [summary.sender_id for summary in every]
                marks = await in_console_db(request, lambda s: review.marks(s, ids))
            kept = [summary for summary in every if chosen.keeps(summary, marks)]
            found, total = kept[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], len(kept)
        else:
            found, total = await asyncio.to_thread(
                store.latest, PAGE_SIZE, (page - 1) * PAGE_SIZE, *period
            )
    except SQLAlchemyError as failure:  # not created yet (no conversation), or down
        log.warning("conversations not read: %s", type(failure).__name__)
        found, total, error = [], 0, UNREADABLE
    shown = [summary.sender_id for summary in found]

    def marks_and_suggestions(session: Session) -> tuple[review.Marks, list[str]]:
        return review.marks(session, shown), review.tag_suggestions(session)

    marks, suggestions = await in_console_db(request, marks_and_suggestions)
    return {"conversations": found, "total": total, "page": page, "filters": chosen,
            "flags": FLAGS, "pages": max(1, -(-total // PAGE_SIZE)), "error": error,
            "marks": marks, "labels": review.labels(), "kinds": KINDS,
            "suggestions": suggestions}  # fmt: skip


async def conversation_events(request: web.Request) -> tuple[str, list[dict[str, Any]]]:
    """The conversation of the URL's sender id and its events (404 if it has none)."""
    sender = request.match_info["sender"][:255]
    try:
        events = await asyncio.to_thread(request.app[CONVERSATIONS].events, sender)
    except SQLAlchemyError as failure:
        log.warning("conversation not read: %s", type(failure).__name__)
        raise web.HTTPServiceUnavailable(text=UNREADABLE) from None
    last = max((at for event in events if (at := time_of(event))), default=None)
    if not events or (last and last < shown_since(request, None)):  # or beyond the retention
        raise web.HTTPNotFound(text="Cette conversation n’existe pas.")
    return sender, events


async def conversation(request: web.Request) -> web.StreamResponse:
    sender, events = await conversation_events(request)
    agent_id = request["agent"]["id"]

    def record_and_read(session: Session) -> tuple[review.ConversationReview, list[str]]:
        accounts.audit_once(session, agent_id, "open_transcript", sender, READING)
        return review.conversation_review(session, sender), review.tag_suggestions(session)

    reviewed, suggestions = await in_console_db(request, record_and_read)
    return _conversation_page(request, sender, events, reviewed, suggestions)


def _conversation_page(
    request: web.Request,
    sender: str,
    events: list[dict[str, Any]],
    reviewed: review.ConversationReview,
    suggestions: list[str],
    error: str | None = None,
    kept: dict[str, str] | None = None,
) -> web.Response:
    context = {"summary": summarize(sender, events), "turns": transcript(events),
               "review": reviewed, "suggestions": suggestions, "labels": review.labels(),
               "error": error, "kept": kept or {}}  # fmt: skip
    return aiohttp_jinja2.render_template(
        "conversation.html", request, context, status=400 if error else 200
    )


def _message(turns: list[Turn], index_arg: str) -> Turn:
    """The customer message of the URL's index."""
    if index_arg.isdigit() and len(index_arg) < 7:
        for turn in turns:
            if turn.kind == CUSTOMER and turn.index == int(index_arg):
                return turn
    raise web.HTTPNotFound(text="Ce message n’existe pas.")


async def change_review(request: web.Request) -> web.StreamResponse:
    """Every change agents make to a conversation (the form's `what`): mark reviewed or not,
    add or remove a tag, add a note, flag a message, correct its meaning. Back to the
    conversation (its message's anchor); a refused change shows the page with the reason."""
    sender, events = await conversation_events(request)
    form = await request.post()
    what = str(form.get("what", ""))
    agent_id = request["agent"]["id"]
    anchor = ""

    def value(name: str) -> str:
        return str(form.get(name, ""))

    if what in ("flag", "unflag", "correct", "uncorrect"):
        message = _message(transcript(events), value("index"))
        index = message.index or 0
        anchor = f"#message-{index}"
        predicted = message.reading.label if message.reading else None
        changes: dict[str, Callable[[Session], object]] = {
            "flag": lambda s: review.set_flag(s, agent_id, sender, index, True),
            "unflag": lambda s: review.set_flag(s, agent_id, sender, index, False),
            "correct": lambda s: review.correct(s, agent_id, sender, index, message.text,
                                                predicted, value("label"), value("proposed")),
            "uncorrect": lambda s: review.remove_correction(s, agent_id, sender, index),
        }  # fmt: skip
    else:
        changes = {
            "reviewed": lambda s: review.set_reviewed(s, agent_id, sender, True),
            "unreviewed": lambda s: review.set_reviewed(s, agent_id, sender, False),
            "tag": lambda s: review.add_tag(s, agent_id, sender, value("tag")),
            "untag": lambda s: review.remove_tag(s, agent_id, sender, value("tag")),
            "note": lambda s: review.add_note(s, agent_id, sender, value("note")),
        }
    if what not in changes:
        raise web.HTTPBadRequest(text="Modification inconnue.")
    try:
        await in_console_db(request, changes[what])
    except review.ReviewError as refused:

        def read(session: Session) -> tuple[review.ConversationReview, list[str]]:
            return review.conversation_review(session, sender), review.tag_suggestions(session)

        reviewed, suggestions = await in_console_db(request, read)
        kept = {
            "index": value("index"),
            "label": value("label"),
            "proposed": value("proposed"),
            "note": value("note"),
        }  # what the agent typed, shown again with the reason
        return _conversation_page(
            request, sender, events, reviewed, suggestions, str(refused), kept
        )
    raise web.HTTPSeeOther(f"/conversations/{quote(sender, safe=':')}{anchor}")


@aiohttp_jinja2.template("todo.html")
async def todo(request: web.Request) -> dict[str, Any]:
    """The messages understood least over the period (default: the last 30 days)."""
    chosen = Filters.from_query(request.query)
    since = shown_since(request, chosen.since_at or now() - timedelta(days=TODO_DAYS))
    threshold = chosen.threshold or LOW_CONFIDENCE
    store, error = request.app[CONVERSATIONS], None
    try:
        conversations = await asyncio.to_thread(
            store.events_of_period, since, chosen.until_at, chosen.channel or None
        )
    except SQLAlchemyError as failure:
        log.warning("conversations not read: %s", type(failure).__name__)
        conversations, error = {}, UNREADABLE
    corrected = await in_console_db(request, review.corrected_messages)
    groups = await asyncio.to_thread(
        least_understood, conversations, corrected, threshold, since, chosen.until_at
    )
    return {"groups": groups, "filters": chosen, "since": since, "threshold": threshold,
            "error": error, "shown": TODO_SHOWN}  # fmt: skip


@aiohttp_jinja2.template("audit.html")
async def audit_log(request: web.Request) -> dict[str, Any]:
    if request["agent"]["role"] != ADMIN:
        raise web.HTTPForbidden(text="Réservé aux administrateurs.")

    page, action = _page_number(request), request.query.get("action", "")[:50]
    target = request.query.get("target", "").strip()[:255]

    def read(session: Session) -> tuple[list[dict[str, Any]], int]:
        query = select(AuditEntry)
        if action:
            query = query.where(AuditEntry.action == action)
        if target:
            query = query.where(AuditEntry.target.contains(target, autoescape=True))
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        entries = session.scalars(
            query.order_by(AuditEntry.id.desc()).offset((page - 1) * AUDIT_PAGE).limit(AUDIT_PAGE)
        )
        return [{"at": e.at, "agent": e.agent.email if e.agent else "—", "action": e.action,
                 "target": e.target or ""} for e in entries], total  # fmt: skip

    entries, total = await in_console_db(request, read)
    pages = max(1, -(-total // AUDIT_PAGE))
    query = {key: value for key, value in (("action", action), ("target", target)) if value}
    return {"entries": entries, "total": total, "page": page, "pages": pages,
            "action": action, "target": target, "query": query}  # fmt: skip
