"""The base of the project's input channels: what every channel does, whatever carries the
customer's messages (HTTP, socket.io, Meta's webhooks).

- Built by Rasa from credentials.yml through `from_credentials`, which reads the server's
  settings from the environment then (never at import).
- Installs the server's patches once (cadomaestro.server.failures, speedups).
- Its subclasses check what arrives with cadomaestro.channels.inbound; it gives each client a
  pseudonym for the order backend's limits (`client_key`: a keyed hash, not reversible without
  the secret), carried in the message's metadata.
- Runs the turn (`run_turn`) and reports whether it failed, so that the channel answers the
  apology with the contacts (`apology`) instead of whatever a failed turn produced. Logs name the
  error's type, never the customer's words.

A platform's channel only translates its format: parse its requests into `Inbound` messages and
send the answers.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import (
    CollectingOutputChannel,
    InputChannel,
    OutputChannel,
    UserMessage,
)
from rasa.shared.core.domain import Domain

from cadomaestro.channels import transcript
from cadomaestro.channels.inbound import CLIENT_KEY, CUSTOMER_KEY, Inbound
from cadomaestro.media.store import LocalMediaStore
from cadomaestro.server import failures, retention, speedups
from cadomaestro.server.settings import ServerSettings

log = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class ResponseCollector(CollectingOutputChannel):
    """Rasa's collector, keeping which domain response each message comes from
    (cadomaestro.channels.transcript: the widget offers to attach a photo after the photo
    prompt)."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        count, response_name = len(self.messages), message.get(transcript.RESPONSE_KEY)
        await super().send_response(recipient_id, message)
        if response_name:
            for collected in self.messages[count:]:
                collected[transcript.RESPONSE_KEY] = response_name


class CustomerChannel(InputChannel):
    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        failures.install(settings.action_timeout_s)
        speedups.install()

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(ServerSettings.from_env())

    def with_retention(self, blueprint: Any) -> Any:
        """The channel's blueprint, starting the retention of conversations and photos once the
        server runs (once per server, whatever the channels: cadomaestro.server.retention)."""
        media, days = LocalMediaStore(self.settings.media_folder), self.settings.retention_days

        @blueprint.listener("after_server_start")
        async def keep_only_recent(app: Any, _: Any) -> None:
            retention.start(app, media, days)

        return blueprint

    def client_key(self, client: str) -> str:
        """A stable pseudonym of a client (an address, a platform's user id)."""
        secret = self.settings.client_key_secret
        return hmac.new(secret, client.encode(), hashlib.sha256).hexdigest()[:24]

    def user_message(
        self,
        inbound: Inbound,
        output: OutputChannel,
        client: str,
        customer: str | None = None,
        message_id: str | None = None,
    ) -> UserMessage:
        """The message for Rasa, with the client's pseudonym in its metadata, and the e-mail of
        a customer the channel knows to be logged in on the shop's site (values the client sent
        under those keys were dropped by the checks)."""
        metadata = {**inbound.metadata, CLIENT_KEY: self.client_key(client)}
        if customer:
            metadata[CUSTOMER_KEY] = customer
        return UserMessage(
            inbound.text, output, inbound.sender, input_channel=self.name(), metadata=metadata,
            message_id=message_id,
        )  # fmt: skip

    @staticmethod
    async def run_turn(on_new_message: OnNewMessage, message: UserMessage) -> bool:
        """Handle one message; False when the turn failed (an exception, or a conversation that
        could not be read or saved): the channel then answers `apology` instead."""
        failures.new_turn()
        try:
            await on_new_message(message)
        except (Exception, asyncio.CancelledError) as error:
            log.error("message not processed: %s", type(error).__name__)
            return False
        if failures.turn_failed():
            log.error("message not processed: the conversation store failed")
            return False
        return True

    @staticmethod
    def apology(domain: Domain, recipient_id: str) -> list[dict[str, Any]]:
        """The apology with the contacts, as messages for `recipient_id`."""
        return failures.apology_messages(domain, recipient_id)
