"""The console's test fixtures: its database (migrated, with an agent and an admin) on SQLite
and PostgreSQL, and settings reading a conversation store holding one hostile message."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import Engine

from cadomaestro.backend.database import make_engine, migrate, session_factory
from cadomaestro.console.accounts import create_agent
from cadomaestro.console.app import MIGRATIONS
from cadomaestro.console.settings import ConsoleSettings
from cadomaestro.server.tracker_store import SQLTrackerStore
from tests.console.support import HOSTILE, PASSWORD


@pytest.fixture
def console_engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine, MIGRATIONS)
    with session_factory(engine).begin() as session:
        create_agent(session, "agent@cadomaestro.fr", "Agnès", PASSWORD)
        create_agent(session, "admin@cadomaestro.fr", "Adam", PASSWORD, role="admin")
    yield engine
    engine.dispose()


@pytest.fixture
def settings(tmp_path) -> ConsoleSettings:
    conversations = tmp_path / "conversations.db"
    store = SQLTrackerStore(Domain.empty(), db=str(conversations), dialect="sqlite")
    tracker = DialogueStateTracker.from_events(
        "web:hostile", [UserUttered(HOSTILE, {"name": "greet", "confidence": 0.4}),
                        BotUttered("Bonjour !")],
    )  # fmt: skip
    asyncio.run(store.save(tracker))
    base = ConsoleSettings.from_env({})
    return dataclasses.replace(base, conversations_url=f"sqlite:///{conversations}", login_limit=3)
