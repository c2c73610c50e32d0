"""The assistant's conversations, read from Rasa's SQL tracker store (its `events` table), never
written: SQLite files are opened read-only, PostgreSQL sessions are read-only transactions.

Every query is SQLAlchemy Core with bound parameters. Rasa stores each event's JSON with
`json.dumps` defaults (non-ASCII characters escaped as `\\u00e9`), so the free-text search
narrows the rows in SQL on the ASCII parts of the search string, then matches the customer's
text itself, case-insensitively, in Python: the result is exact whatever the language.

Limits: a sender id is one conversation (across Rasa's sessions). `latest` with a text search,
and `summaries`, go through every conversation of the period in Python (one row per
conversation; messages are read only for the matches or the page): fine for months of a shop's
conversations; filters on the summaries' flags (confidence, handover, …) are meant to be applied
to `summaries` of a chosen period, capped at `max_conversations`.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.sql.elements import ColumnElement

from cadomaestro.console.conversations import (
    CHANNEL_PREFIXES,
    CHANNELS,
    REST,
    Summary,
    summarize,
)
from cadomaestro.server.statuses import delivery_statuses

# Rasa's SQLTrackerStore.SQLEvent, the columns the console reads.
_metadata = sa.MetaData()
EVENTS = sa.Table(
    "events",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)
MAX_CONVERSATIONS = 20_000
# What agents read when the store cannot be read.
UNREADABLE = (
    "La base des conversations est injoignable ou pas encore créée (aucune conversation) : "
    "réessayez dans quelques instants."
)
POSTGRES_CONNECT_TIMEOUT_S = 5
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def read_only_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        uri = f"file:{quote(str(parsed.database))}?mode=ro"
        return sa.create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            future=True,
            hide_parameters=True,
        )
    connect_args: dict[str, Any] = {}
    if parsed.drivername in ("postgresql", "postgresql+psycopg2"):
        connect_args = {
            "connect_timeout": POSTGRES_CONNECT_TIMEOUT_S,
            "options": "-c default_transaction_read_only=on",
        }
    return sa.create_engine(
        url, future=True, hide_parameters=True, pool_pre_ping=True, connect_args=connect_args
    )


def _epoch(moment: datetime) -> float:
    """A datetime as Rasa's timestamps (seconds since the epoch); naive means UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _channel_condition(channel: str | None) -> ColumnElement | None:
    if channel is None or channel == "":
        return None
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; one of {CHANNELS}")
    sender = EVENTS.c.sender_id
    if channel == REST:
        return sa.and_(*(~sender.startswith(p, autoescape=True) for p in CHANNEL_PREFIXES.values()))
    return sender.startswith(CHANNEL_PREFIXES[channel], autoescape=True)


def _json_fragments(text: str) -> list[str]:
    """The ASCII runs of `text`, lower-cased, as they appear in the stored JSON: each is in a
    stored event (lower-cased) whose text contains `text` case-insensitively."""
    return [json.dumps(run)[1:-1] for run in _ASCII_RUN.findall(text.lower())]


def _parse(data: str | None) -> dict[str, Any] | None:
    try:
        event = json.loads(data or "")
    except ValueError:
        return None
    return event if isinstance(event, dict) else None


class ConversationStore:
    """Reads conversations from the tracker store at `url` (TRACKER_STORE_URL)."""

    def __init__(self, url: str) -> None:
        self.engine = read_only_engine(url)

    def close(self) -> None:
        self.engine.dispose()

    def _conversations(
        self, since: datetime | None, until: datetime | None, channel: str | None
    ) -> sa.Select:
        """Sender ids with their last event's time, for conversations that had an event in
        [since, until) and came through `channel`."""
        last = sa.func.max(EVENTS.c.timestamp)
        query = sa.select(EVENTS.c.sender_id, last.label("last")).group_by(EVENTS.c.sender_id)
        condition = _channel_condition(channel)
        if condition is not None:
            query = query.where(condition)
        if since is not None:
            query = query.having(last >= _epoch(since))
        if until is not None:
            query = query.having(sa.func.min(EVENTS.c.timestamp) < _epoch(until))
        return query

    def _matching(self, text: str, conversations: sa.Select) -> set[str]:
        """The sender ids among `conversations` with a customer message containing `text`."""
        needle = text.lower()
        senders = conversations.with_only_columns(EVENTS.c.sender_id).subquery()
        query = sa.select(EVENTS.c.sender_id, EVENTS.c.data).where(
            EVENTS.c.type_name == "user",
            EVENTS.c.sender_id.in_(sa.select(senders.c.sender_id)),
            *(
                sa.func.lower(EVENTS.c.data).contains(fragment, autoescape=True)
                for fragment in _json_fragments(text)
            ),
        )
        found: set[str] = set()
        with self.engine.connect() as connection:
            for sender_id, data in connection.execute(query):
                if sender_id in found:
                    continue
                event = _parse(data)
                if event and needle in str(event.get("text") or "").lower():
                    found.add(sender_id)
        return found

    def _ordered(
        self,
        since: datetime | None,
        until: datetime | None,
        channel: str | None,
        text: str | None,
        limit: int | None,
        offset: int,
    ) -> tuple[list[str], int]:
        conversations = self._conversations(since, until, channel)
        newest_first = (sa.desc("last"), EVENTS.c.sender_id)
        with self.engine.connect() as connection:
            if not text:
                total = connection.execute(
                    sa.select(sa.func.count()).select_from(conversations.subquery())
                ).scalar_one()
                page = conversations.order_by(*newest_first).offset(offset)
                if limit is not None:
                    page = page.limit(limit)
                return [row.sender_id for row in connection.execute(page)], total
            ordered = [
                row.sender_id for row in connection.execute(conversations.order_by(*newest_first))
            ]
        matching = self._matching(text, conversations)
        found = [sender for sender in ordered if sender in matching]
        end = None if limit is None else offset + limit
        return found[offset:end], len(found)

    def latest(
        self,
        limit: int = 50,
        offset: int = 0,
        since: datetime | None = None,
        until: datetime | None = None,
        channel: str | None = None,
        text: str | None = None,
    ) -> tuple[list[Summary], int]:
        """A page of conversations, newest first (by their last event), and how many match:
        those with an event in [since, until), through `channel` (conversations.CHANNELS),
        with a customer message containing `text` (case-insensitive)."""
        senders, total = self._ordered(since, until, channel, text, max(limit, 0), max(offset, 0))
        return self._summaries(senders), total

    def summaries(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        channel: str | None = None,
        text: str | None = None,
        max_conversations: int = MAX_CONVERSATIONS,
    ) -> list[Summary]:
        """Every conversation of the period (newest first, at most `max_conversations`), for
        filters on their flags and for figures over the period."""
        senders, _ = self._ordered(since, until, channel, text, max_conversations, 0)
        return self._summaries(senders)

    def events_of_period(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        channel: str | None = None,
        max_conversations: int = MAX_CONVERSATIONS,
    ) -> dict[str, list[dict[str, Any]]]:
        """The events of every conversation of the period (newest first, at most
        `max_conversations`), by sender id: for the to-do list and the dashboard."""
        senders, _ = self._ordered(since, until, channel, None, max_conversations, 0)
        return self._events(senders)

    def events(self, sender_id: str) -> list[dict[str, Any]]:
        """A conversation's events in their order (Rasa's: by timestamp)."""
        return self._events([sender_id]).get(sender_id, [])

    def _events(self, senders: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        by_sender: dict[str, list[dict[str, Any]]] = {sender: [] for sender in senders}
        with self.engine.connect() as connection:
            for chunk in _chunks(list(senders), 500):
                query = (
                    sa.select(EVENTS.c.sender_id, EVENTS.c.data)
                    .where(EVENTS.c.sender_id.in_(chunk))
                    .order_by(EVENTS.c.sender_id, EVENTS.c.timestamp, EVENTS.c.id)
                )
                for sender_id, data in connection.execute(query):
                    event = _parse(data)
                    if event is not None:
                        by_sender[sender_id].append(event)
        return by_sender

    def _summaries(self, senders: Sequence[str]) -> list[Summary]:
        events = self._events(senders)
        return [summarize(sender, events[sender]) for sender in senders]

    def delivery_statuses(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        max_statuses: int = 200_000,
    ) -> list[dict[str, Any]] | None:
        """The WhatsApp delivery statuses recorded in [since, until) (cadomaestro.server.statuses:
        message_id, status, timestamp, error_code), oldest first, at most `max_statuses`; None
        when their table does not exist (no WhatsApp status received yet)."""
        table = delivery_statuses
        with self.engine.connect() as connection:
            if not sa.inspect(connection).has_table(table.name):
                return None
            query = sa.select(
                table.c.message_id, table.c.status, table.c.timestamp, table.c.error_code
            )
            if since is not None:
                query = query.where(table.c.timestamp >= _epoch(since))
            if until is not None:
                query = query.where(table.c.timestamp < _epoch(until))
            query = query.order_by(table.c.timestamp, table.c.id).limit(max(max_statuses, 0))
            return [dict(row._mapping) for row in connection.execute(query)]

    def last_events(self, sender_ids: Iterable[str]) -> dict[str, datetime]:
        """Of `sender_ids`, those the store still holds, with their last event's time (UTC):
        the console's retention (console/retention.py) drops what it keeps about the others."""
        found: dict[str, datetime] = {}
        with self.engine.connect() as connection:
            for chunk in _chunks(sorted(set(sender_ids)), 500):
                query = (
                    sa.select(EVENTS.c.sender_id, sa.func.max(EVENTS.c.timestamp))
                    .where(EVENTS.c.sender_id.in_(chunk))
                    .group_by(EVENTS.c.sender_id)
                )
                for sender_id, last in connection.execute(query):
                    found[sender_id] = datetime.fromtimestamp(last or 0, timezone.utc)
        return found


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
