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


# --- The conversations kept in memory between turns (cadomaestro.server.tracker_store) -------


def _stores(url: str, domain: Domain, cache_size: int = 8) -> tuple:
    from cadomaestro.server.tracker_store import SQLTrackerStore as KeepingStore

    return KeepingStore(domain, host=url, cache_size=cache_size), SQLTrackerStore(domain, host=url)


def _turn(text: str, answer: str) -> list:
    return [
        UserUttered(text, {"name": "faq", "confidence": 0.9}),
        ActionExecuted("action_respond"),
        BotUttered(answer),
        ActionExecuted("action_listen"),
    ]


def _session_start() -> list:
    from rasa.shared.core.events import SessionStarted

    return [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
    ]


def _state(tracker: DialogueStateTracker | None) -> dict | None:
    from rasa.shared.core.trackers import EventVerbosity

    return None if tracker is None else tracker.current_state(EventVerbosity.ALL)


def _statements(store) -> list[str]:
    import sqlalchemy as sa

    seen: list[str] = []

    def record(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        seen.append(statement.split()[0])

    sa.event.listen(store.engine, "before_cursor_execute", record)
    return seen


@pytest.fixture
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def test_kept_conversations_read_and_write_as_rasa_s_store(
    tracker_store_url: str, domain: Domain
) -> None:
    keeping, rasa_store = _stores(tracker_store_url, domain)
    tracker = DialogueStateTracker.from_events("c", _session_start(), domain.slots)
    asyncio.run(keeping.save(tracker))
    for i in range(4):
        tracker = asyncio.run(keeping.retrieve("c"))
        assert _state(tracker) == _state(asyncio.run(rasa_store.retrieve("c")))
        for event in _turn(f"question {i}", f"réponse {i}"):
            tracker.update(event)
        asyncio.run(keeping.save(tracker))
    # every event written once, in order, as Rasa's store reads them back
    read = asyncio.run(rasa_store.retrieve("c"))
    assert [e.text for e in read.events if isinstance(e, UserUttered)] == [
        f"question {i}" for i in range(4)
    ]
    assert _state(asyncio.run(keeping.retrieve("c"))) == _state(read)


def test_a_kept_turn_reads_one_signature_and_saves_without_counting(
    tracker_store_url: str, domain: Domain
) -> None:
    keeping, _ = _stores(tracker_store_url, domain)
    asyncio.run(keeping.save(DialogueStateTracker.from_events("c", _session_start(), domain.slots)))
    asyncio.run(keeping.retrieve("c"))  # read from the store once
    statements = _statements(keeping)
    tracker = asyncio.run(keeping.retrieve("c"))
    assert statements == ["SELECT"]  # the signature only
    statements.clear()
    for event in _turn("bonjour", "Bonjour !"):
        tracker.update(event)
    asyncio.run(keeping.save(tracker))
    assert "SELECT" not in statements and "INSERT" in statements  # no count of the rows


def test_another_server_s_writes_and_deletions_are_seen(
    tracker_store_url: str, domain: Domain
) -> None:
    first, _ = _stores(tracker_store_url, domain)
    second, _ = _stores(tracker_store_url, domain)
    asyncio.run(first.save(DialogueStateTracker.from_events("c", _session_start(), domain.slots)))
    tracker = asyncio.run(first.retrieve("c"))
    for event in _turn("un", "1"):
        tracker.update(event)
    asyncio.run(first.save(tracker))
    # the next turn reaches the second server
    tracker = asyncio.run(second.retrieve("c"))
    for event in _turn("deux", "2"):
        tracker.update(event)
    asyncio.run(second.save(tracker))
    texts = [e.text for e in asyncio.run(first.retrieve("c")).events if isinstance(e, UserUttered)]
    assert texts == ["un", "deux"]
    # the conversation deleted from the store (retention): gone for the first server too
    import sqlalchemy as sa

    with second.engine.begin() as connection:
        connection.execute(sa.delete(second.SQLEvent.__table__))
    assert asyncio.run(first.retrieve("c")) is None


def test_what_a_failed_turn_added_is_not_read_back(tracker_store_url: str, domain: Domain) -> None:
    keeping, _ = _stores(tracker_store_url, domain)
    asyncio.run(keeping.save(DialogueStateTracker.from_events("c", _session_start(), domain.slots)))
    tracker = asyncio.run(keeping.retrieve("c"))
    for event in _turn("jamais enregistré", "?"):
        tracker.update(event)  # the turn failed before its save
    again = asyncio.run(keeping.retrieve("c"))
    assert again is not tracker
    assert not [e for e in again.events if isinstance(e, UserUttered)]
    for event in _turn("enregistré", "ok"):
        again.update(event)
    asyncio.run(keeping.save(again))
    texts = [
        e.text for e in asyncio.run(keeping.retrieve("c")).events if isinstance(e, UserUttered)
    ]
    assert texts == ["enregistré"]


def test_a_new_session_is_read_as_rasa_reads_it(tracker_store_url: str, domain: Domain) -> None:
    keeping, rasa_store = _stores(tracker_store_url, domain)
    tracker = DialogueStateTracker.from_events(
        "c", _session_start() + _turn("ancienne", "a"), domain.slots
    )
    asyncio.run(keeping.save(tracker))
    tracker = asyncio.run(keeping.retrieve("c"))
    import time

    time.sleep(0.01)  # sessions are told apart by their events' timestamps
    for event in _session_start() + _turn("nouvelle", "b"):
        tracker.update(event)
    asyncio.run(keeping.save(tracker))
    read = asyncio.run(keeping.retrieve("c"))
    assert [e.text for e in read.events if isinstance(e, UserUttered)] == ["nouvelle"]
    assert _state(read) == _state(asyncio.run(rasa_store.retrieve("c")))


def test_at_most_cache_size_conversations_are_kept(tracker_store_url: str, domain: Domain) -> None:
    keeping, _ = _stores(tracker_store_url, domain, cache_size=2)
    for name in ("a", "b", "c"):
        asyncio.run(
            keeping.save(DialogueStateTracker.from_events(name, _session_start(), domain.slots))
        )
        asyncio.run(keeping.retrieve(name))
    assert list(keeping._kept) == ["b", "c"]
    assert asyncio.run(keeping.retrieve("nobody")) is None
    assert list(keeping._kept) == ["b", "c"]  # an unknown conversation takes no room
    off, _ = _stores(tracker_store_url, domain, cache_size=0)
    assert _state(asyncio.run(off.retrieve("a"))) == _state(asyncio.run(keeping.retrieve("a")))
    assert not off._kept


def test_with_an_event_broker_every_event_is_published_once(tmp_path: Path, domain: Domain) -> None:
    import sqlalchemy as sa
    from rasa.core.brokers.sql import SQLEventBroker

    from cadomaestro.server.tracker_store import SQLTrackerStore as KeepingStore

    broker = SQLEventBroker(db=str(tmp_path / "broker.db"))
    url = f"sqlite:///{tmp_path / 'conversations.db'}"
    keeping = KeepingStore(domain, host=url, event_broker=broker, cache_size=8)
    asyncio.run(keeping.save(DialogueStateTracker.from_events("c", _session_start(), domain.slots)))
    for i in range(3):
        tracker = asyncio.run(keeping.retrieve("c"))
        for event in _turn(f"question {i}", f"réponse {i}"):
            tracker.update(event)
        statements = _statements(keeping)
        asyncio.run(keeping.save(tracker))
        assert statements.count("SELECT") == 1  # the broker's read of the conversation only
    with broker.engine.connect() as connection:
        published = connection.execute(sa.text("SELECT count(*) FROM events")).scalar()
    rasa_store = SQLTrackerStore(domain, host=url)
    assert published == len(asyncio.run(rasa_store.retrieve_full_tracker("c")).events) == 3 + 3 * 4
    assert _state(asyncio.run(keeping.retrieve("c"))) == _state(
        asyncio.run(rasa_store.retrieve("c"))
    )
