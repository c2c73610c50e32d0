"""The console keeps nothing about a conversation longer than the assistant keeps the conversation
(RETENTION_DAYS, one setting for both: cadomaestro.server.retention deletes a conversation N days
after its last event).

`purge` removes, from the console's own tables:
- what agents added to conversations (reviews, tags, notes, message flags, corrections) when the
  conversation's last event is more than N days old, or the conversation store no longer holds
  it (deleted by the assistant's retention, or by hand); looked up in the store in chunks,
  read-only;
- the audit log's entries more than N days old, whole (who, what, on which conversation): the
  log then covers the same N days as the conversations, and an entry naming a conversation (a
  WhatsApp one names a phone number) lives at most N days after it was written;
- sessions that have ended (idle for longer than CONSOLE_SESSION_IDLE_S, or their agent
  deactivated), which would otherwise stay until their cookie came back.

It runs when the console starts (before it serves) and then every day (`daily`, an aiohttp
cleanup context), and on demand (`python -m cadomaestro.console retention`); the log says how
many rows went from each table, nothing of what they held. `oldest_shown` is where the
console's view of the conversations stops, whatever the store still holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web
from sqlalchemy import delete, or_, select, union
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from cadomaestro.console.keys import CONVERSATIONS, SESSIONS, SETTINGS
from cadomaestro.console.models import (
    Agent,
    Annotation,
    AuditEntry,
    Flag,
    Note,
    Review,
    Tag,
    WebSession,
    now,
)
from cadomaestro.console.store import ConversationStore

log = logging.getLogger(__name__)

EVERY_S = 24 * 3600
# The console's tables keyed by a conversation (the assistant's sender id).
BY_CONVERSATION = (Review, Tag, Note, Flag, Annotation)
CHUNK = 500


@dataclass(frozen=True)
class Removed:
    """What a purge removed: `conversations` whose rows went, and rows deleted per table."""

    days: int
    conversations: int
    rows: dict[str, int]

    def log_line(self) -> str:
        tables = ", ".join(f"{table} {count}" for table, count in self.rows.items())
        return (
            f"console retention ({self.days} days): rows of {self.conversations} conversations "
            f"removed; rows deleted: {tables}"
        )

    def report(self) -> str:
        """For whoever runs `python -m cadomaestro.console retention` (French)."""
        lines = [
            f"Rétention ({self.days} jours) : {self.conversations} conversation(s) retirée(s) "
            "de la console.",
            "Lignes supprimées :",
            *(f"  {table} : {count}" for table, count in self.rows.items()),
        ]
        return "\n".join(lines)


def oldest_shown(now: datetime, days: int) -> datetime:
    """The console shows no conversation whose last event is before this moment (the start of
    the period its list may cover), even if the store still holds it."""
    return now - timedelta(days=days)


def expired(
    conversations: Collection[str], held: Mapping[str, datetime], cutoff: datetime
) -> set[str]:
    """Of `conversations`, those the store no longer holds (not in `held`, sender id → last
    event) or whose last event is before `cutoff`."""
    return {c for c in conversations if c not in held or held[c] < cutoff}


def conversation_ids(session: Session) -> set[str]:
    """Every conversation the console's tables mention."""
    query = union(*(select(table.conversation_id) for table in BY_CONVERSATION))
    return set(session.execute(query).scalars())


def delete_expired(
    session: Session, conversations: Collection[str], cutoff: datetime, idle_s: float, at: datetime
) -> dict[str, int]:
    """Delete the rows of `conversations`, the audit entries before `cutoff` and the sessions
    that have ended by `at`; rows deleted per table."""
    rows: dict[str, int] = {}

    def remove(table: Any, *conditions: ColumnElement) -> None:  # a model of models.py
        query = delete(table).where(*conditions).execution_options(synchronize_session=False)
        deleted = session.execute(query).rowcount
        rows[table.__tablename__] = rows.get(table.__tablename__, 0) + deleted

    chosen = sorted(conversations)
    for table in BY_CONVERSATION:
        rows[table.__tablename__] = 0
        for start in range(0, len(chosen), CHUNK):
            remove(table, table.conversation_id.in_(chosen[start : start + CHUNK]))
    inactive = select(Agent.id).where(Agent.active.is_(False))
    idle_since = at - timedelta(seconds=idle_s)
    remove(WebSession, or_(WebSession.last_seen_at < idle_since, WebSession.agent_id.in_(inactive)))
    remove(AuditEntry, AuditEntry.at < cutoff)
    return rows


def purge(
    sessions: sessionmaker,
    store: ConversationStore,
    days: int,
    idle_s: float,
    at: datetime | None = None,
) -> Removed:
    """Apply the retention to the console's database (`sessions`), checking the conversations in
    `store`. Three steps, so that SQLite's write lock (the console takes it when a transaction
    begins) is not held while the store is read: the conversations mentioned, their last events
    in the store, then one transaction deleting. A store that cannot be read raises (nothing is
    deleted: an unreachable store is not an empty one)."""
    at = at or now()
    cutoff = oldest_shown(at, days)
    with sessions() as session:
        mentioned = conversation_ids(session)
    held = store.last_events(mentioned) if mentioned else {}
    gone = expired(mentioned, held, cutoff)
    with sessions.begin() as session:
        rows = delete_expired(session, gone, cutoff, idle_s, at)
    return Removed(days=days, conversations=len(gone), rows=rows)


async def _apply(app: web.Application) -> None:
    settings = app[SETTINGS]
    try:
        removed = await asyncio.to_thread(
            purge, app[SESSIONS], app[CONVERSATIONS], settings.retention_days,
            settings.session_idle_s,
        )  # fmt: skip
    except Exception as error:  # the store or the database is down: tried again tomorrow
        log.error("console retention not applied: %s", type(error).__name__)
        return
    log.info(removed.log_line())


async def daily(app: web.Application) -> AsyncIterator[None]:
    """An aiohttp cleanup context (after the one that opens the database): the retention applied
    before the console serves, then every day until it stops."""
    await _apply(app)

    async def every_day() -> None:
        while True:
            await asyncio.sleep(EVERY_S)
            await _apply(app)

    task = asyncio.create_task(every_day())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
