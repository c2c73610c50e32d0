"""The console's retention (cadomaestro/console/retention.py): what agents added to conversations
older than RETENTION_DAYS, or that the conversation store no longer holds, goes; so do audit
entries older than that and ended sessions; recent ones stay; the counts are right, the log line
names nothing personal; at the console's start and from the command line — on SQLite and
PostgreSQL (the conversation store: SQLite)."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from datetime import datetime, timedelta, timezone

import pytest
from aiohttp.test_utils import TestServer
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from cadomaestro.backend.database import session_factory
from cadomaestro.console import __main__ as cli
from cadomaestro.console import retention
from cadomaestro.console.app import create_app
from cadomaestro.console.models import (
    Agent,
    Annotation,
    AuditEntry,
    Flag,
    Note,
    Review,
    Tag,
    WebSession,
)
from cadomaestro.console.store import ConversationStore
from cadomaestro.server.tracker_store import SQLTrackerStore

DAY_S = 24 * 3600
RECENT, OLD, GONE = "web:recent", "whatsapp:33612345678", "web:gone"
IDLE_S = 1800.0


@pytest.fixture
def store_url(tmp_path) -> str:
    """A conversation store holding a conversation of yesterday and one of 100 days ago."""
    path = tmp_path / "conversations.db"
    store = SQLTrackerStore(Domain.empty(), db=str(path), dialect="sqlite")
    for sender, age_days in ((RECENT, 1), (OLD, 100)):
        at = time.time() - age_days * DAY_S
        tracker = DialogueStateTracker.from_events(
            sender, [UserUttered("bonjour", {"name": "greet", "confidence": 0.9}, timestamp=at),
                     BotUttered("Bonjour !", timestamp=at + 1)],
        )  # fmt: skip
        asyncio.run(store.save(tracker))
    return f"sqlite:///{path}"


def seed(engine) -> None:
    """Rows about the three conversations in every table of the console, audit entries of
    today and of 100 days ago, and sessions: live, idle, of a deactivated agent."""
    at = datetime.now(timezone.utc)
    with session_factory(engine).begin() as session:
        agent = session.scalar(select(Agent).where(Agent.email == "agent@cadomaestro.fr"))
        admin = session.scalar(select(Agent).where(Agent.email == "admin@cadomaestro.fr"))
        for conversation in (RECENT, OLD, GONE):
            by = {"conversation_id": conversation, "agent_id": agent.id}
            session.add_all([
                Review(**by, reviewed_at=at),
                Tag(**by, name="colis abîmé", created_at=at),
                Tag(**by, name="urgent", created_at=at),
                Note(**by, text="À rappeler", created_at=at),
                Flag(**by, message_index=0, created_at=at),
                Annotation(**by, message_index=0, text="bonjour", label="faq/pays_livraison",
                           created_at=at, updated_at=at),
                AuditEntry(at=at, agent_id=agent.id, action="open_transcript", target=conversation),
            ])  # fmt: skip
        old = at - timedelta(days=100)
        session.add(AuditEntry(at=old, agent_id=agent.id, action="open_transcript", target=OLD))
        session.add(AuditEntry(at=old, agent_id=admin.id, action="login"))
        inactive = Agent(email="parti@cadomaestro.fr", name="Parti", password_hash="x",
                         role="agent", active=False, created_at=old)  # fmt: skip
        session.add(inactive)
        session.flush()
        for owner, token, seen in ((agent, "live", at), (agent, "idle", at - timedelta(hours=2)),
                                   (inactive, "gone", at)):  # fmt: skip
            session.add(WebSession(token_hash=token, csrf_token="c", agent_id=owner.id,
                                   created_at=seen, last_seen_at=seen))  # fmt: skip


def conversations_left(engine) -> dict[str, set[str]]:
    with session_factory(engine)() as session:
        return {table.__tablename__: set(session.scalars(select(table.conversation_id)))
                for table in retention.BY_CONVERSATION}  # fmt: skip


def left(engine, model) -> int:
    with session_factory(engine)() as session:
        return session.scalar(select(func.count()).select_from(model))


EXPECTED = {"reviews": 2, "tags": 4, "notes": 2, "message_flags": 2, "annotations": 2,
            "sessions": 2, "audit_log": 2}  # fmt: skip


def test_what_is_older_or_gone_from_the_store_is_removed_and_counted(
    console_engine, store_url
) -> None:
    seed(console_engine)
    store = ConversationStore(store_url)
    try:
        removed = retention.purge(session_factory(console_engine), store, 90, IDLE_S)
    finally:
        store.close()
    assert removed.conversations == 2 and removed.days == 90
    assert removed.rows == EXPECTED
    assert all(kept == {RECENT} for kept in conversations_left(console_engine).values())
    with session_factory(console_engine)() as session:
        tokens = set(session.scalars(select(WebSession.token_hash)))
        audit = session.scalars(select(AuditEntry)).all()
    assert tokens == {"live"}
    # Entries older than 90 days went whole; today's stay, whatever conversation they name.
    assert sorted(entry.target for entry in audit) == sorted([RECENT, OLD, GONE])
    line = removed.log_line()
    assert "reviews 2" in line and "audit_log 2" in line
    assert all(conversation not in line for conversation in (RECENT, OLD, GONE))
    # Nothing is left to remove.
    store = ConversationStore(store_url)
    try:
        again = retention.purge(session_factory(console_engine), store, 90, IDLE_S)
    finally:
        store.close()
    assert again.conversations == 0 and set(again.rows.values()) == {0}


def test_a_longer_retention_keeps_the_older_conversation(console_engine, store_url) -> None:
    seed(console_engine)
    store = ConversationStore(store_url)
    try:
        removed = retention.purge(session_factory(console_engine), store, 120, IDLE_S)
    finally:
        store.close()
    assert removed.conversations == 1  # the one the store no longer holds
    assert all(kept == {RECENT, OLD} for kept in conversations_left(console_engine).values())
    assert removed.rows["audit_log"] == 0  # 100 days old: within 120


def test_an_unreadable_store_deletes_nothing(console_engine, tmp_path) -> None:
    seed(console_engine)
    store = ConversationStore(f"sqlite:///{tmp_path / 'absent.db'}")
    try:
        with pytest.raises(SQLAlchemyError):
            retention.purge(session_factory(console_engine), store, 90, IDLE_S)
    finally:
        store.close()
    assert all(len(kept) == 3 for kept in conversations_left(console_engine).values())
    assert left(console_engine, AuditEntry) == 5 and left(console_engine, WebSession) == 3


def test_the_store_says_which_conversations_it_still_holds(store_url) -> None:
    store = ConversationStore(store_url)
    try:
        asked = [RECENT, OLD, GONE, *(f"web:{n}" for n in range(1200))]  # several chunks
        held = store.last_events(asked)
    finally:
        store.close()
    assert set(held) == {RECENT, OLD}
    age = datetime.now(timezone.utc) - held[OLD]
    assert timedelta(days=99) < age < timedelta(days=101)


def test_the_console_shows_nothing_older_than_the_retention() -> None:
    at = datetime(2026, 12, 4, 10, 30, tzinfo=timezone.utc)
    assert retention.oldest_shown(at, 90) == datetime(2026, 9, 5, 10, 30, tzinfo=timezone.utc)
    held = {RECENT: at - timedelta(days=1), OLD: at - timedelta(days=100)}
    assert retention.expired([RECENT, OLD, GONE], held, retention.oldest_shown(at, 90)) == {
        OLD, GONE}  # fmt: skip


def test_the_console_applies_it_when_it_starts(
    console_engine, database_url, store_url, settings, caplog
) -> None:
    seed(console_engine)
    caplog.set_level(logging.INFO, logger=retention.__name__)
    chosen = dataclasses.replace(settings, database_url=database_url, conversations_url=store_url)

    async def start_and_stop() -> None:
        server = TestServer(create_app(chosen))  # on its database URL: migrated, then purged
        await server.start_server()
        await server.close()

    asyncio.run(start_and_stop())
    assert all(kept == {RECENT} for kept in conversations_left(console_engine).values())
    [line] = [r.getMessage() for r in caplog.records if r.name == retention.__name__]
    assert "console retention (90 days): rows of 2 conversations removed" in line
    assert "whatsapp" not in line and "33612345678" not in line


def test_the_command_line_prints_what_it_removed(
    console_engine, database_url, store_url, monkeypatch, capsys
) -> None:
    seed(console_engine)
    monkeypatch.setenv("CONSOLE_DATABASE_URL", database_url)
    monkeypatch.setenv("TRACKER_STORE_URL", store_url)
    monkeypatch.setenv("RETENTION_DAYS", "90")
    assert cli.main(["retention"]) == 0
    out = capsys.readouterr().out
    assert "Rétention (90 jours) : 2 conversation(s) retirée(s) de la console." in out
    for table, count in EXPECTED.items():
        assert f"  {table} : {count}\n" in out
    assert all(kept == {RECENT} for kept in conversations_left(console_engine).values())
    monkeypatch.setenv("TRACKER_STORE_URL", "sqlite:////nonexistent/conversations.db")
    assert cli.main(["retention"]) == 1
    assert "rien n’a été fait" in capsys.readouterr().err
