"""The REST channel (`POST /webhooks/rest/webhook`), with Rasa's RestInput replaced where it
breaks: requests are checked first (cadomaestro.channels.inbound) and refused with a 4xx and a
French message; a missing sender is refused instead of landing in a shared "default"
conversation; a turn that fails answers the apology with the contacts instead of an empty
list; and logs never quote the customer's text.

Each message's metadata gets `client`: a keyed hash of the client's IP address, so that the
order backend can limit failed order look-ups per client without storing addresses. Behind a
reverse proxy, let Sanic read the real address (SANIC_PROXIES_COUNT, SANIC_REAL_IP_HEADER).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from cadomaestro.channels import failures, speedups
from cadomaestro.channels.inbound import CLIENT_KEY, Rejected, parse_rest_body

log = logging.getLogger(__name__)

# Keys the client hash; without CLIENT_KEY_SECRET, a new key each start (limits then restart).
_SECRET = (os.environ.get("CLIENT_KEY_SECRET") or secrets.token_hex(32)).encode()


def client_key(address: str) -> str:
    """A stable pseudonym of a client address (not reversible without the secret)."""
    return hmac.new(_SECRET, address.encode(), hashlib.sha256).hexdigest()[:24]


class RestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self) -> None:
        failures.install()
        speedups.install()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("cadomaestro_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                inbound = parse_rest_body(request.body or b"")
            except Rejected as rejected:
                return response.json(rejected.body(), status=rejected.status)
            address = request.remote_addr or request.ip or "unknown"
            metadata = {**inbound.metadata, CLIENT_KEY: client_key(address)}
            collector = CollectingOutputChannel()
            message = UserMessage(
                inbound.text, collector, inbound.sender, input_channel=self.name(),
                metadata=metadata,
            )  # fmt: skip
            try:
                await on_new_message(message)
            except (Exception, asyncio.CancelledError) as error:
                log.error("message not processed: %s", type(error).__name__)
            else:
                if not failures.turn_failed():
                    return response.json(collector.messages)
                log.error("message not processed: the conversation store failed")
            # Whatever was answered from a blank conversation is dropped.
            domain = request.app.ctx.agent.domain
            return response.json(failures.apology_messages(domain, inbound.sender))

        return webhook
