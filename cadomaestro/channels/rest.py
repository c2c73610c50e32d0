"""The REST channel (`POST /webhooks/rest/webhook`), replacing Rasa's RestInput where it breaks:
requests are checked first and refused with a 4xx and a French message; a missing sender is
refused instead of landing in a shared "default" conversation; a turn that fails answers the
apology with the contacts instead of an empty list (all through cadomaestro.channels.base).

The client pseudonym is made from the client's IP address. Behind a reverse proxy, let Sanic
read the real address (SANIC_PROXIES_COUNT, SANIC_REAL_IP_HEADER).
"""

from __future__ import annotations

from rasa.core.channels.channel import CollectingOutputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from cadomaestro.channels.base import CustomerChannel, OnNewMessage
from cadomaestro.channels.inbound import Rejected, parse_rest_body


class RestInput(CustomerChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
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
            collector = CollectingOutputChannel()
            address = request.remote_addr or request.ip or "unknown"
            message = self.user_message(inbound, collector, address)
            if await self.run_turn(on_new_message, message):
                return response.json(collector.messages)
            # Whatever was answered from a blank conversation is dropped.
            return response.json(self.apology(request.app.ctx.agent.domain, inbound.sender))

        return self.with_retention(webhook)
