"""A customer logged in on the shop's site, end to end behind the channel: the trained model
reads each message, `action_respond` runs in this process with its real client of the order
backend, which serves the demo shop in its own process (as `make run` starts it).

The channel's part (verifying the site's token, putting the customer's e-mail in the message's
metadata under CUSTOMER_KEY) is tested with the widget's channel; here the metadata is what the
channel would give the action.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import respond
from actions.respond import ActionRespond
from cadomaestro.channels.inbound import CUSTOMER_KEY
from cadomaestro.replies.account import NO_ORDERS, not_in_account

pytestmark = pytest.mark.asyncio
CLAIRE, LUCAS = "claire.martin@example.fr", "lucas.moreau@example.fr"
CLAIRE_ORDERS = ["KQZPTRBWE", "BTRXQWMPL", "DFGTRHYJK"]  # newest first
SHORT_DATE = r"(1er|\d{1,2}) [a-zéû.]+"


class Chat:
    """One conversation: each message parsed by the model, answered by action_respond, its
    slots and the bot's texts kept for the next, as the Rasa server keeps them."""

    def __init__(self, agent, customer_email: Any = None) -> None:
        self.agent = agent
        self.sender = f"logged-in-{uuid.uuid4().hex}"
        self.metadata: dict[str, Any] = {"client": self.sender}
        if customer_email is not None:
            self.metadata[CUSTOMER_KEY] = customer_email
        self.slots: dict[str, Any] = {}
        self.events: list[dict[str, Any]] = []

    async def say(self, text: str) -> list[dict[str, Any]]:
        parse = await self.agent.parse_message(text)
        parse["metadata"] = dict(self.metadata)
        self.events.append({"event": "user", "text": text, "parse_data": parse})
        tracker = Tracker(self.sender, dict(self.slots), parse, list(self.events), False, None,
                          {}, "action_listen")  # fmt: skip
        dispatcher = CollectingDispatcher()
        for event in await ActionRespond().run(dispatcher, tracker, {}):
            if event["event"] == "slot":
                self.slots[event["name"]] = event["value"]
        self.events += [{"event": "bot", "text": m.get("text")} for m in dispatcher.messages]
        return dispatcher.messages


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def responses(messages: list[dict[str, Any]]) -> list[str]:
    return [m["response"] for m in messages if m.get("response")]


@pytest_asyncio.fixture
async def backend(orders_backend, monkeypatch) -> AsyncIterator[None]:
    """action_respond's client pointed at the test stack's order backend."""
    monkeypatch.setenv("ORDERS_API_URL", orders_backend.url)
    monkeypatch.setenv("ORDERS_API_KEY", orders_backend.api_key)
    monkeypatch.setenv("ORDERS_API_TIMEOUT_S", "5")
    monkeypatch.setattr(respond, "_client", None)
    yield
    await respond.orders_client().close()


async def test_the_customer_picks_an_order_and_the_question_is_answered(agent, backend) -> None:
    chat = Chat(agent, CLAIRE)
    offered = await chat.say("où est mon colis ?")
    buttons = offered[-1]["buttons"]
    assert [b["payload"] for b in buttons] == CLAIRE_ORDERS
    assert re.fullmatch(rf"KQZPTRBWE · {SHORT_DATE} · Paiement accepté", buttons[0]["title"])
    assert re.fullmatch(rf"DFGTRHYJK · {SHORT_DATE}( \d{{4}})? · Livré", buttons[2]["title"])
    assert not {"utter_ask_reference_commande", "utter_ask_preuve_commande"} & set(
        responses(offered)
    )

    answer = await chat.say(buttons[0]["payload"])  # the click sends the payload as text
    assert responses(answer)[0] == "utter_commande_retrouvee"
    assert "« Paiement accepté »" in texts(answer) and "expédition prévue le" in texts(answer)

    points = await chat.say("combien j'ai de points ?")
    assert texts(points).startswith("Vous avez 1\u202f350 maestros")


async def test_points_at_once_without_any_order(agent, backend) -> None:
    answer = await Chat(agent, LUCAS).say("combien j'ai de points ?")
    assert texts(answer).startswith("Vous avez 2\u202f100 maestros")
    assert not any(m.get("buttons") for m in answer)


async def test_a_reference_of_their_own_and_one_of_someone_else(agent, backend) -> None:
    chat = Chat(agent, CLAIRE)
    others = await chat.say("où en est ma commande HZPRKDNVM ?")  # Julien's
    assert others[0]["text"] == not_in_account("HZPRKDNVM")
    assert [b["payload"] for b in others[-1]["buttons"]] == CLAIRE_ORDERS
    for secret in ("préparation", "Bordeaux", "Plaque"):
        assert secret not in texts(others)
    own = await chat.say("et la commande DFGTRHYJK ?")
    assert responses(own)[0] == "utter_commande_retrouvee" and "« Livré »" in texts(own)


async def test_a_customer_unknown_to_the_backend_has_no_orders(agent, backend) -> None:
    answer = await Chat(agent, "nouveau.client@example.fr").say("où est mon colis ?")
    assert NO_ORDERS in texts(answer) and responses(answer)[-1] == "utter_parler_humain"


@pytest.mark.parametrize("metadata_value", [None, "pas une adresse", 42])
async def test_anonymous_visitors_are_identified_as_before(agent, backend, metadata_value) -> None:
    chat = Chat(agent, metadata_value)
    assert responses(await chat.say("où est mon colis ?"))[-1] == "utter_ask_reference_commande"
    assert responses(await chat.say("KQZPTRBWE")) == ["utter_ask_preuve_commande"]
    answer = await chat.say(CLAIRE)
    assert responses(answer)[0] == "utter_commande_retrouvee"
