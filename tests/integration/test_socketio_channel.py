"""The website widget's socket.io channel (cadomaestro/channels/socketio.py), against the running
assistant with a python-socketio client: answers reach the page, the conversation survives a
reload and reaches every tab, bad events get an error and lose nothing."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest
import socketio

from cadomaestro.channels.sessions import sender_of
from cadomaestro.replies.estimates import methods_to
from tests.faq_entries import faq_entries

ANSWERS = {e.full_intent: e.answer for e in faq_entries()}
TIMEOUT_S = 60
# engine.io's asyncio client needs aiohttp >= 3.10 for websockets (Rasa pins 3.9): long-polling
# here; the browser tests use websockets.
TRANSPORTS = ["polling"]


class Page:
    """One browser tab: a socket and what it received, event by event."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.url, self.headers = url, headers or {}
        self.client = socketio.AsyncClient(reconnection=False)
        self.received: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self.client.on("*", self._record)

    async def _record(self, event: str, data: Any = None) -> None:
        await self.received.put((event, data))

    async def open(self, session_id: str | None = None) -> dict[str, Any]:
        await self.client.connect(self.url, headers=self.headers, transports=TRANSPORTS)
        await self.client.emit("session_request", {"session_id": session_id})
        return await self.next("session_confirm")

    async def next(self, event: str) -> Any:
        while True:
            name, data = await asyncio.wait_for(self.received.get(), TIMEOUT_S)
            if name == event:
                return data

    async def say(self, text: str, **extra: Any) -> list[dict[str, Any]]:
        """Send a message; the bubbles answered until the typing indicator goes off."""
        while not self.received.empty():  # what an earlier turn (another tab's) left
            self.received.get_nowait()
        await self.client.emit("user_uttered", {"message": text, **extra})
        while await self.next("typing") != {"typing": True}:
            pass  # the end of another tab's turn, arrived late
        bubbles = []
        while True:
            name, data = await asyncio.wait_for(self.received.get(), TIMEOUT_S)
            if name == "typing" and data == {"typing": False}:
                return bubbles
            if name == "bot_uttered":
                bubbles.append(data)

    async def close(self) -> None:
        # The page goes away: without waiting for the pending long-poll (up to 25 s).
        await self.client.eio.disconnect(abort=True)


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def test_a_question_is_answered_in_bubbles(assistant) -> None:
    async def scenario() -> None:
        page = Page(assistant.base_url)
        confirm = await page.open()
        assert len(confirm["session_id"]) == 32 and confirm["history"] == []
        bubbles = await page.say("vous livrez en Belgique ?")
        served = methods_to("BE")  # the country named: whether it is served, after the answer
        assert [b["text"] for b in bubbles] == [
            *ANSWERS["faq/pays_livraison"].split("\n\n"),
            served,
        ]
        assert all(b["from"] == "bot" for b in bubbles)
        await page.close()

    run(scenario())


def test_the_conversation_survives_a_reload_and_reaches_every_tab(assistant) -> None:
    async def scenario() -> None:
        first = Page(assistant.base_url)
        session_id = (await first.open())["session_id"]
        await first.say("bonjour")
        asked = await first.say("ma commande n'est pas arrivée, je voudrais savoir où elle en est")
        assert asked
        await first.close()  # the page reloads
        again = Page(assistant.base_url)
        confirm = await again.open(session_id)
        assert confirm["session_id"] == session_id
        history = confirm["history"]
        assert [b["text"] for b in history if b["from"] == "customer"] == [
            "bonjour",
            "ma commande n'est pas arrivée, je voudrais savoir où elle en est",
        ]
        assert history[-1]["text"] == asked[-1]["text"]
        other_tab = Page(assistant.base_url)
        await other_tab.open(session_id)
        answer = await again.say("WXCVBNQSD")  # the reference the assistant asked for
        assert "adresse email" in answer[0]["text"]  # the proof is asked next: the thread held
        assert await other_tab.next("customer_uttered") == {"from": "customer", "text": "WXCVBNQSD"}
        assert await other_tab.next("bot_uttered") == answer[0]
        verified = await other_tab.say("julien.bernard@example.fr")
        assert "WXCVBNQSD" in verified[0]["text"]
        for page in (again, other_tab):
            await page.close()

    run(scenario())


def test_an_unknown_or_malformed_id_starts_a_new_conversation(assistant) -> None:
    async def scenario() -> None:
        ids = set()
        for asked in (None, "x" * 32, "not an id", 42, "A" * 31):
            page = Page(assistant.base_url)
            confirm = await page.open(asked)  # type: ignore[arg-type]
            assert confirm["history"] == [] and confirm["session_id"] != asked
            ids.add(confirm["session_id"])
            await page.close()
        assert len(ids) == 5

    run(scenario())


def test_the_store_keeps_a_hash_of_the_id_not_the_id(assistant) -> None:
    async def scenario() -> str:
        page = Page(assistant.base_url)
        session_id = (await page.open())["session_id"]
        await page.say("bonjour")
        await page.close()
        return session_id

    session_id = run(scenario())
    with sqlite3.connect(assistant.tracker_db) as db:
        senders = {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}
        stored = " ".join(row[0] for row in db.execute("SELECT data FROM events"))
    assert sender_of(session_id) in senders
    assert session_id not in senders and session_id not in stored


@pytest.mark.parametrize(
    ("event", "data", "error"),
    [
        ("user_uttered", "pas un objet", "invalid_event"),
        ("user_uttered", {"message": 42}, "invalid_message"),
        ("user_uttered", {"message": "a" * 20_000}, "message_too_long"),
        ("session_request", ["liste"], "invalid_event"),
        ("inconnu", {"x": 1}, "unknown_event"),
    ],
)
def test_bad_events_get_an_error_and_the_conversation_goes_on(
    assistant, event: str, data: Any, error: str
) -> None:
    async def scenario() -> None:
        page = Page(assistant.base_url)
        await page.open()
        await page.client.emit(event, data)
        refused = await page.next("error_message")
        assert refused["error"] == error and refused["message"]
        assert await page.say("bonjour")
        await page.close()

    run(scenario())


def test_extra_arguments_are_ignored(assistant) -> None:
    async def scenario() -> None:
        page = Page(assistant.base_url)
        await page.open()
        await page.client.emit("user_uttered", ({"message": "bonjour"}, "en trop", 3))
        assert (await page.next("bot_uttered"))["text"]
        await page.close()

    run(scenario())


def test_a_message_before_the_session_is_refused(assistant) -> None:
    async def scenario() -> None:
        page = Page(assistant.base_url)
        await page.client.connect(page.url, transports=TRANSPORTS)
        await page.client.emit("user_uttered", {"message": "bonjour"})
        assert (await page.next("error_message"))["error"] == "session_required"
        await page.close()

    run(scenario())


def test_only_allowed_origins_may_open_a_socket(assistant) -> None:
    async def scenario() -> None:
        stranger = Page(assistant.base_url, headers={"Origin": "https://evil.example"})
        with pytest.raises(socketio.exceptions.ConnectionError):
            await stranger.open()
        own = Page(assistant.base_url, headers={"Origin": assistant.base_url})
        assert (await own.open())["session_id"]
        await own.close()

    run(scenario())


def test_a_conversation_over_a_websocket_as_browsers_and_the_bench_talk(assistant) -> None:
    from cadomaestro.perf.loadgen import conversation
    from cadomaestro.perf.socketload import run_socket_conversation

    turns = conversation(7)[:8]  # a greeting, FAQ questions, an order problem
    results = run(run_socket_conversation(assistant.base_url, "ws", turns))
    assert [r.error for r in results] == [None] * len(turns)
