"""endpoints.yml keeps conversations in whatever SQL database TRACKER_STORE_URL names."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from tests import postgres
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'conversations.db'}"
        return
    if not postgres.available():
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but initdb/pg_ctl are not in PATH")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed")
    with postgres.throwaway_postgres(free_port()) as url:
        yield url


def test_conversation_round_trips_through_the_configured_store(
    tracker_store_url: str, monkeypatch
) -> None:
    monkeypatch.setenv("TRACKER_STORE_URL", tracker_store_url)
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://localhost:5055/webhook")
    domain = Domain.load(str(ROOT / "domain.yml"))
    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store")
    store = TrackerStore.create(config, domain)
    assert isinstance(store, SQLTrackerStore)
    assert str(store.engine.url).startswith(tracker_store_url.split("://")[0])

    events = [
        ActionExecuted("action_listen"),
        UserUttered("vous livrez en Belgique ?", {"name": "faq", "confidence": 0.9}),
        BotUttered("CadoMaestro livre essentiellement sur le continent européen…"),
    ]
    asyncio.run(store.save(DialogueStateTracker.from_events("client-1", events)))
    # a second store (another server process) reads the same conversation back
    again = TrackerStore.create(config, domain)
    tracker = asyncio.run(again.retrieve("client-1"))
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == [
        "vous livrez en Belgique ?"
    ]
    assert any(isinstance(e, BotUttered) for e in tracker.events)
