"""What every channel gets from cadomaestro/channels/base.py: the client pseudonym, the message's
metadata, and a turn that reports its failure instead of raising."""

from __future__ import annotations

import asyncio
import dataclasses

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from cadomaestro.channels.base import CustomerChannel
from cadomaestro.channels.inbound import CLIENT_KEY, CUSTOMER_KEY, Inbound, inbound_from
from cadomaestro.server.settings import ServerSettings


def channel(secret: bytes = b"s" * 32) -> CustomerChannel:
    settings = ServerSettings.from_env({"TRACKER_CACHE_SIZE": "0"})
    return CustomerChannel(dataclasses.replace(settings, client_key_secret=secret))


def test_client_key_is_stable_per_secret_and_client_and_reveals_nothing() -> None:
    key = channel().client_key("203.0.113.7")
    assert key == channel().client_key("203.0.113.7") and len(key) == 24
    assert key != channel().client_key("203.0.113.8")
    assert key != channel(b"t" * 32).client_key("203.0.113.7")
    assert "203" not in key


def test_from_credentials_reads_the_settings_then(monkeypatch) -> None:
    monkeypatch.setenv("CLIENT_KEY_SECRET", "x" * 20)
    built = CustomerChannel.from_credentials(None)
    assert isinstance(built, CustomerChannel) and built.settings.client_key_secret == b"x" * 20


def test_user_message_carries_the_pseudonym_and_the_channel_name() -> None:
    base = channel()
    inbound = Inbound("conv-1", "bonjour", {"page": "/panier"})
    message = base.user_message(inbound, CollectingOutputChannel(), "198.51.100.1")
    assert message.text == "bonjour" and message.sender_id == "conv-1"
    assert message.metadata == {"page": "/panier", CLIENT_KEY: base.client_key("198.51.100.1")}
    assert message.input_channel == CustomerChannel.name()


def test_only_the_channel_says_who_is_logged_in() -> None:
    base = channel()
    claimed = inbound_from("conv-1", "bonjour", {CUSTOMER_KEY: "x@y.fr", CLIENT_KEY: "moi"})
    visitor = base.user_message(claimed, CollectingOutputChannel(), "198.51.100.1")
    assert CUSTOMER_KEY not in visitor.metadata
    assert visitor.metadata[CLIENT_KEY] == base.client_key("198.51.100.1")
    known = base.user_message(claimed, CollectingOutputChannel(), "198.51.100.1", "a@b.fr")
    assert known.metadata[CUSTOMER_KEY] == "a@b.fr"


def test_run_turn_reports_failures_instead_of_raising() -> None:
    message = UserMessage("bonjour", CollectingOutputChannel(), "conv-1")

    async def works(_: UserMessage) -> None:
        return None

    async def fails(_: UserMessage) -> None:
        raise RuntimeError("boom")

    assert asyncio.run(CustomerChannel.run_turn(works, message)) is True
    assert asyncio.run(CustomerChannel.run_turn(fails, message)) is False
