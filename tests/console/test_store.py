"""The console reads back conversations held through the REST channel with the real assistant
(trained model, action server, order backend), from the tracker store's SQLite file."""

from __future__ import annotations

import re
import sqlite3
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.engine import make_url

from cadomaestro.console.conversations import CUSTOMER, transcript
from cadomaestro.console.store import ConversationStore
from tests.integration.test_order_conversations import QUESTIONS, Chat

HOSTILE = "<script>alert('x')</script> 100% d’_accord \"ou\" '; DROP TABLE events; --"
TOKEN = uuid.uuid4().hex[:10]  # in this run's messages only


def chat(assistant, prefix: str) -> Chat:
    conversation = Chat(assistant)
    conversation.sender = f"{prefix}-{uuid.uuid4().hex}"
    return conversation


@pytest.fixture(scope="module")
def held(assistant) -> dict[str, Chat]:
    """Four conversations, in this order (the last one is the newest)."""
    faq = chat(assistant, "console-faq")
    faq.say(f"vous livrez en Belgique ? ÉTÉ {TOKEN}")
    time.sleep(0.05)
    hostile = chat(assistant, "console-hostile")
    hostile.say(HOSTILE)
    time.sleep(0.05)
    handover = chat(assistant, "console-handover")
    handover.say("je veux parler à un humain")
    time.sleep(0.05)
    order = chat(assistant, "console-order")
    order.identify("modifier_commande/modifier_annuler_commande", "KQZPTRBWE")
    order.confirmation = order.say("livrer plutôt au 12 rue des Lilas, 69003 Lyon")
    return {"faq": faq, "hostile": hostile, "handover": handover, "order": order}


@pytest.fixture(scope="module")
def store(assistant, held) -> ConversationStore:
    store = ConversationStore(f"sqlite:///{assistant.tracker_db}")
    yield store
    store.close()


def mine(summaries, held) -> list[str]:
    ours = {c.sender: name for name, c in held.items()}
    return [ours[s.sender_id] for s in summaries if s.sender_id in ours]


def test_newest_first_with_counts(store, held) -> None:
    summaries, total = store.latest(limit=1000)
    assert total >= 4 and len(summaries) == total
    assert mine(summaries, held) == ["order", "handover", "hostile", "faq"]
    lasts = [s.last_at for s in summaries]
    assert lasts == sorted(lasts, reverse=True)
    page, again = store.latest(limit=2, offset=1)
    assert again == total and [s.sender_id for s in page] == [s.sender_id for s in summaries[1:3]]


def test_period_and_channel(store, held) -> None:
    now = datetime.now(timezone.utc)
    recent, _ = store.latest(limit=1000, since=now - timedelta(hours=1), channel="rest")
    assert mine(recent, held) == ["order", "handover", "hostile", "faq"]
    assert all(s.channel == "rest" for s in recent)
    assert store.latest(since=now + timedelta(hours=1)) == ([], 0)
    assert store.latest(until=now - timedelta(days=3650)) == ([], 0)
    for channel in ("widget", "messenger", "whatsapp"):
        found, _ = store.latest(limit=1000, channel=channel)
        assert mine(found, held) == [] and all(s.channel == channel for s in found)
    with pytest.raises(ValueError):
        store.latest(channel="'; DROP TABLE events; --")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TOKEN.upper(), ["faq"]),
        ("été " + TOKEN, ["faq"]),  # case-insensitive beyond ASCII
        ("PARLER À UN HUMAIN", ["handover"]),
        ("<script>", ["hostile"]),
        ("100%", ["hostile"]),
        ("d’_accord", ["hostile"]),
        ('"ou"', ["hostile"]),
        ("'; DROP TABLE events; --", ["hostile"]),
        ("%", ["hostile"]),
        ("_", ["hostile"]),  # the only message of ours with one, though every event's JSON has
        ("vous_livrez", []),  # not a wildcard: « vous livrez » does not match
        ("100_", []),
        ("12 rue des Lilas", ["order"]),
        ("j’ai bien retrouvé votre commande", []),  # the assistant's words are not searched
        ("utter_", []),
    ],
    # The random token out of the names: pytest-xdist's workers must collect the same tests.
    ids=lambda value: re.sub(TOKEN, "token", value, flags=re.I) if isinstance(value, str) else None,
)
def test_text_search(store, held, text: str, expected: list[str]) -> None:
    found, total = store.latest(limit=1000, text=text)
    assert mine(found, held) == expected
    assert total == len(found)


def test_searching_changes_nothing(store, assistant, held) -> None:
    def count() -> int:
        with sqlite3.connect(assistant.tracker_db) as db:
            return db.execute("SELECT count(*) FROM events").fetchone()[0]

    before = count()
    store.latest(text="'; DROP TABLE events; --")
    store.latest(text="%'); DELETE FROM events; --")
    assert count() == before
    with store.engine.connect() as connection, pytest.raises(Exception, match="readonly"):
        connection.exec_driver_sql("DELETE FROM events")


def test_transcript_keeps_the_text_and_reads_the_intents(store, held) -> None:
    [hostile] = [t for t in transcript(store.events(held["hostile"].sender)) if t.kind == CUSTOMER]
    assert hostile.text == HOSTILE
    [faq] = [t for t in transcript(store.events(held["faq"].sender)) if t.kind == CUSTOMER]
    read = faq.reading
    assert read.intent.name == "faq" and 0.5 < read.intent.confidence <= 1
    assert len(read.intents) == 2
    assert all(c.confidence <= read.intent.confidence for c in read.intents)
    assert read.topic.name == "faq/pays_livraison"
    assert len(read.topics) == 2 and ("pays", "BE") in read.entities


def test_flags(store, held, assistant) -> None:
    summaries = {s.sender_id: s for s in store.summaries()}
    handover = summaries[held["handover"].sender]
    assert handover.handover and handover.handover_asked and "parler_humain" in handover.topics
    faq = summaries[held["faq"].sender]
    assert not faq.handover and not faq.identified and faq.requests == ()
    assert faq.topics == ("faq/pays_livraison",) and faq.customer_messages == 1
    assert faq.first_text.startswith("vous livrez en Belgique ?")
    order = held["order"]
    summary = summaries[order.sender]
    [request] = order.requests()
    assert summary.identified and not summary.identification_failed
    assert summary.requests == (request["id"],) and f"n° {request['id']}" in order.confirmation
    assert summary.request_kinds == ("modification",)
    assert summary.first_text == QUESTIONS["modifier_commande/modifier_annuler_commande"]
    assert summary.customer_messages == 4 and summary.lowest_confidence < 1
    assert summary.started_at <= summary.last_at


def test_identification_failed(store, assistant) -> None:
    failed = chat(assistant, "console-failed")
    # (words no other test sends: the stack's conversations are shared)
    failed.say("mon colis FGHJKLMNB est noté livré mais je n’ai rien reçu")
    failed.say("44100")  # a wrong postcode
    summary = store.summaries(text="FGHJKLMNB est noté")
    assert [(s.sender_id, s.identification_failed, s.identified) for s in summary] == [
        (failed.sender, True, False)
    ]


@pytest.fixture(params=["sqlite", "postgresql"])
def written(request, tmp_path):
    """A conversation written by Rasa's own SQLTrackerStore, on SQLite and PostgreSQL."""
    import asyncio
    import os

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from tests import postgres
    from tests.conftest import free_port

    def write(url: str) -> str:
        parsed = make_url(url)
        rasa_store = SQLTrackerStore(
            Domain.empty(), dialect=parsed.get_backend_name(), host=parsed.host,
            port=parsed.port, db=parsed.database, username=parsed.username,
            password=parsed.password,
        )  # fmt: skip
        events = [
            UserUttered(HOSTILE, {"name": "out_of_scope", "confidence": 0.45}, timestamp=100.0),
            BotUttered("Désolé…", metadata={"utter_action": "utter_out_of_scope"}, timestamp=101),
            UserUttered("Été 2024, ÉTÉ", {"name": "faq", "confidence": 0.9}, timestamp=102.0),
        ]
        asyncio.run(rasa_store.save(DialogueStateTracker.from_events("web:abc", events)))
        rasa_store.engine.dispose()
        return url

    if request.param == "sqlite":
        yield write(f"sqlite:///{tmp_path / 'conversations.db'}")
        return
    if not postgres.available():
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but initdb/pg_ctl are not in PATH")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed")
    with postgres.throwaway_postgres(free_port()) as url:
        yield write(url)


def test_on_each_database(written: str) -> None:
    store = ConversationStore(written)
    try:
        [summary], total = store.latest()
        assert total == 1 and summary.channel == "widget" and summary.first_text == HOSTILE
        assert summary.last_at == datetime.fromtimestamp(102, tz=timezone.utc)
        assert store.latest(channel="widget", text="été 2024")[1] == 1
        assert store.latest(text="'; DROP TABLE events; --")[1] == 1
        assert store.latest(text="%'); DELETE FROM events; --")[1] == 0
        assert store.latest(channel="rest") == ([], 0)
        assert store.latest(since=datetime(1970, 1, 1, 0, 1, 42)) == ([summary], 1)  # naive: UTC
        assert store.latest(since=datetime(1970, 1, 1, 0, 1, 43)) == ([], 0)
        texts = [t.text for t in transcript(store.events("web:abc")) if t.kind == CUSTOMER]
        assert texts == [HOSTILE, "Été 2024, ÉTÉ"]
        with store.engine.connect() as connection, pytest.raises(Exception, match="read.?only"):
            connection.exec_driver_sql("DELETE FROM events")
        assert store.latest()[1] == 1
    finally:
        store.close()
