"""Load with nothing lost: 50 conversations of 20 turns at once against the running stack (the
trained model, the action server, the order backend with the demo shop); every turn served,
and every message of every conversation in the tracker store, in order. Timings are not
asserted here: `make bench` measures them."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import uuid
from collections import Counter

from cadomaestro.perf.loadgen import ORDER, conversation, run_load

CONVERSATIONS = 50
TURNS = 20


def test_fifty_concurrent_conversations_of_twenty_turns_lose_nothing(assistant) -> None:
    run = uuid.uuid4().hex[:8]
    conversations = {f"load-{run}-{i:02d}": conversation(i) for i in range(CONVERSATIONS)}
    assert all(len(turns) == TURNS for turns in conversations.values())

    results, _ = asyncio.run(run_load(assistant.rest_url, conversations, CONVERSATIONS))

    assert len(results) == CONVERSATIONS * TURNS
    assert Counter(r.error for r in results if r.error) == Counter()
    assert sum(r.kind == ORDER for r in results) == CONVERSATIONS * 6  # two look-ups each
    with sqlite3.connect(assistant.tracker_db) as db:
        for sender, turns in conversations.items():
            rows = db.execute(
                "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
            ).fetchall()
            said = [json.loads(data)["text"] for kind, data in rows if kind == "user"]
            assert said == [turn.text for turn in turns], sender
            answered = sum(kind == "bot" for kind, _ in rows)
            assert answered >= TURNS, sender
