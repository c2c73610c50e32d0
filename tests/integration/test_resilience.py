"""Faults and enumeration, against a stack of its own: conversations on PostgreSQL (when its
server binaries are installed; CI requires them), the order backend behind a proxy the tests
can slow down, and a low limit of failed proofs per client (ORDERS_PROOF_LIMIT=4).

Each fault is played for real: a process stopped, the database server stopped, the backend
answering after the action server's timeout. The customer gets the apology with the contacts,
once, and the next message after recovery works.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cadomaestro.perf.loadgen import failure_texts
from cadomaestro.perf.stack import Stack, free_port
from tests import postgres
from tests.integration.delay_proxy import DelayProxy

PHONE = "04 81 64 00 80"
PROOF_LIMIT = 4
LOST = "Je pense que mon colis est perdu, que faire ?"
BELGIUM = "vous livrez en Belgique ?"


@dataclass
class Hardened:
    stack: Stack
    proxy: DelayProxy
    database: postgres.PostgresServer | None


@pytest.fixture(scope="module")
def hardened(tmp_path_factory) -> Iterator[Hardened]:
    database = None
    if postgres.available():
        database = postgres.PostgresServer(free_port())
        database.init()
        database.start()
    elif os.environ.get("REQUIRE_POSTGRES"):
        pytest.fail("REQUIRE_POSTGRES is set but initdb/pg_ctl are not in PATH")
    proxy = DelayProxy()
    proxy.start()
    url = database.url if database else None
    stack = Stack(
        tmp_path_factory.mktemp("hardened"),
        tracker_store_url=url,
        orders_database_url=url,
        orders_api_url=proxy.url,
        env={"ORDERS_API_TIMEOUT_S": "2", "ORDERS_PROOF_LIMIT": str(PROOF_LIMIT)},
    )
    proxy.target = stack.orders_url
    try:
        stack.start()
        yield Hardened(stack, proxy, database)
    finally:
        stack.stop()
        proxy.stop()
        if database:
            database.remove()


class Chat:
    """One conversation, from a client address of its own (127.0.0.x: all loopback)."""

    def __init__(self, hardened: Hardened, address: str = "127.0.0.1") -> None:
        self.stack, self.address = hardened.stack, address
        self.sender = f"resilience-{uuid.uuid4().hex}"

    def say(self, message: str) -> str:
        port = int(self.stack.rasa_url.rsplit(":", 1)[1])
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=60, source_address=(self.address, 0)
        )
        try:
            body = json.dumps({"sender": self.sender, "message": message})
            connection.request("POST", "/webhooks/rest/webhook", body,
                               {"Content-Type": "application/json"})  # fmt: skip
            response = connection.getresponse()
            assert response.status == 200
            replies = json.loads(response.read())
        finally:
            connection.close()
        assert replies, f"no reply to {message!r}"
        return "\n".join(reply.get("text", "") for reply in replies)


def assert_apologises_once(answer: str, apology: str) -> None:
    assert answer.count(apology) == 1, answer
    assert answer.count(PHONE) == 1, answer


def assert_serves_again(chat: Chat) -> None:
    """After recovery: an FAQ answer, then an order identified, in the same conversation."""
    assert "continent européen" in chat.say(BELGIUM)
    assert "référence" in chat.say(LOST)
    assert "adresse email" in chat.say("KQZPTRBWE")
    assert "j’ai bien retrouvé votre commande KQZPTRBWE" in chat.say("claire.martin@example.fr")


def test_action_server_down_then_back(hardened: Hardened) -> None:
    chat, stack = Chat(hardened), hardened.stack
    assert "CadoMaestro" in chat.say("bonjour")
    stack.actions.stop()
    try:
        assert_apologises_once(chat.say(BELGIUM), failure_texts()[0])
        assert_apologises_once(chat.say(LOST), failure_texts()[0])
    finally:
        stack.actions.start()
    assert_serves_again(chat)
    # the customer's words are not in the Rasa server's log (Rasa's own logging quotes them)
    assert "Belgique" not in (stack.folder / "rasa.log").read_text(errors="replace")


def test_order_backend_answering_after_the_timeout(hardened: Hardened) -> None:
    chat = Chat(hardened)
    assert "référence" in chat.say(LOST)
    assert "adresse email" in chat.say("KQZPTRBWE")
    hardened.proxy.delay_s = 3  # the action server gives up after 2 s
    try:
        assert_apologises_once(chat.say("claire.martin@example.fr"), failure_texts()[1])
    finally:
        hardened.proxy.delay_s = 0
    # asked again, the order is looked up with the reference and e-mail already given
    assert "j’ai bien retrouvé votre commande KQZPTRBWE" in chat.say(LOST)


def test_database_unavailable_then_back(hardened: Hardened) -> None:
    if hardened.database is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed")
    chat = Chat(hardened)
    assert "CadoMaestro" in chat.say("bonjour")
    hardened.database.stop()
    try:
        assert_apologises_once(chat.say(BELGIUM), failure_texts()[0])
    finally:
        hardened.database.start()
    assert_serves_again(chat)


def fail_proof(chat: Chat) -> str:
    chat.say("AAAAAAAAA")
    return chat.say("claire.martin@example.fr")


def test_enumeration_is_limited_per_conversation_and_per_client(hardened: Hardened) -> None:
    # One conversation: three failed proofs, then the contacts and no more attempts.
    first = Chat(hardened, "127.0.0.2")
    first.say(LOST)
    for _ in range(2):
        assert "Je ne trouve aucune commande" in fail_proof(first)
    assert PHONE in fail_proof(first)
    assert PHONE in first.say(LOST)  # a new question in this conversation: no new attempt
    # A new conversation from the same client: one more failure reaches the client's limit...
    second = Chat(hardened, "127.0.0.2")
    second.say(LOST)
    assert "Je ne trouve aucune commande" in fail_proof(second)
    # ...so even the right proof is refused, and the answer says what to do.
    second.say("KQZPTRBWE")
    refused = second.say("claire.martin@example.fr")
    assert "Trop de vérifications de commande ont échoué" in refused and PHONE in refused
    assert "KQZPTRBWE" not in refused
    # Another client is not affected.
    other = Chat(hardened, "127.0.0.3")
    other.say(LOST)
    other.say("KQZPTRBWE")
    assert "j’ai bien retrouvé votre commande KQZPTRBWE" in other.say("claire.martin@example.fr")


def test_the_stack_logs_no_personal_data(hardened: Hardened) -> None:
    logs = "\n".join(
        Path(service.log_path).read_text(errors="replace") for service in hardened.stack.services
    )
    assert "claire.martin@example.fr" not in logs


def test_widget_keeps_its_conversation_through_a_database_outage(hardened: Hardened) -> None:
    if hardened.database is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed")
    from tests.integration.test_socketio_channel import TRANSPORTS, Page

    url = hardened.stack.rasa_url

    async def scenario() -> None:
        page = Page(url)
        session_id = (await page.open())["session_id"]
        await page.say("bonjour")
        await page.close()
        hardened.database.stop()
        try:
            reloaded = Page(url)
            await reloaded.client.connect(url, transports=TRANSPORTS)
            await reloaded.client.emit("session_request", {"session_id": session_id})
            assert (await reloaded.next("error_message"))["error"] == "unavailable"
            await reloaded.close()
        finally:
            hardened.database.start()
        back = Page(url)
        confirm = await back.open(session_id)  # not a new conversation
        assert confirm["session_id"] == session_id
        assert [b["text"] for b in confirm["history"] if b["from"] == "customer"] == ["bonjour"]
        await back.close()

    asyncio.run(scenario())
