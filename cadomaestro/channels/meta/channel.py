"""The base of the Meta channels (Messenger, WhatsApp Cloud API), on the channels' common base.

Routes (under `/webhooks/<platform>/`): `GET webhook` answers Meta's verification
(cadomaestro.channels.meta.signature); `POST webhook` takes a delivery: over MAX_WEBHOOK_BYTES →
413; a missing or wrong `X-Hub-Signature-256` → 403 and nothing read; malformed JSON or a shape
that is not Meta's → 400 (logged with the part that is wrong, never the customer's words);
else 200 at once, and every message of the delivery is handled afterwards, in order per customer
(cadomaestro.channels.meta.queues).

Handling a message: a message already answered (its id is in the conversation's stored events,
so also after a restart; or handled by this process moments ago) is skipped, as Meta delivers at
least once; it is marked read with the typing indicator on; a button's payload, or a number or
title typed back for the choices last offered, is what the assistant reads; a photo is fetched,
checked and kept in the media store like the widget's (cadomaestro.media), and reaches the
actions as an attachment; other kinds (audio, video, stickers…) get a short French answer. The
turn runs as on every channel (apology when it fails), and the answers go out shaped for the
platform (cadomaestro.channels.meta.outbound) through the Graph API
(cadomaestro.channels.meta.graph), which retries what can be retried and never breaks the
conversation.

Conversation ids are `<platform>:<the customer's platform id>`; the same gives the client
pseudonym for the order backend's limits. A channel whose settings are missing is not enabled:
its routes do not exist, and the log says which variables to set.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, ClassVar

from rasa.shared.core.events import BotUttered, Event, UserUttered
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from cadomaestro.channels import transcript
from cadomaestro.channels.base import CustomerChannel, OnNewMessage, ResponseCollector
from cadomaestro.channels.inbound import Rejected, inbound_from
from cadomaestro.channels.meta.graph import GraphClient, TooLarge
from cadomaestro.channels.meta.model import Batch, Bubble, Choice, Incoming, MalformedPayload
from cadomaestro.channels.meta.outbound import chosen_payload, payload_of
from cadomaestro.channels.meta.queues import CustomerQueues
from cadomaestro.channels.meta.signature import (
    SIGNATURE_HEADER,
    valid_signature,
    verification_challenge,
)
from cadomaestro.inputs import InvalidInput, json_object
from cadomaestro.media.images import BadImage, too_large
from cadomaestro.media.store import LocalMediaStore, MediaStore, attachment, keep_photo
from cadomaestro.server import failures
from cadomaestro.server.settings import MetaApp

log = logging.getLogger(__name__)

MAX_WEBHOOK_BYTES = 1024 * 1024
STOP_WAIT_S = 10  # how long a stopping server finishes the messages Meta already delivered
RECENT_IDS = 10_000  # message ids this process handled, beside those in the stored events

UNSUPPORTED = (
    "Je ne peux lire que les messages écrits et les photos : pourriez-vous m’écrire votre "
    "question ?"
)
PHOTO_NOT_RECEIVED = "Je n’ai pas pu récupérer votre photo : pourriez-vous la renvoyer ?"


def already_answered(events: list[Event], message_id: str) -> bool:
    return any(isinstance(e, UserUttered) and e.message_id == message_id for e in events)


def last_offered(events: list[Event]) -> tuple[Choice, ...]:
    """The choices of the assistant's last message, if the customer has not written since."""
    for event in reversed(events):
        if isinstance(event, UserUttered):
            return ()
        if isinstance(event, BotUttered):
            replies = transcript.quick_replies(event.data.get("buttons"))
            if replies:
                return tuple(Choice(r["title"], r["payload"]) for r in replies)
    return ()


def platform_bubbles(answers: list[dict[str, Any]]) -> list[Bubble]:
    """The turn's answers as the platform's messages: consecutive paragraphs in one message
    (split again at the platform's limit), a message with choices on its own."""
    bubbles: list[Bubble] = []
    for shown in transcript.answer_bubbles(answers):
        choices = tuple(Choice(r["title"], r["payload"]) for r in shown.get("quick_replies", []))
        if bubbles and not bubbles[-1].choices and not choices:
            bubbles[-1] = Bubble(f"{bubbles[-1].text}\n\n{shown['text']}")
        else:
            bubbles.append(Bubble(shown["text"], choices))
    return bubbles


@dataclass(frozen=True)
class _Tools:
    """What handling a message uses, made once per channel."""

    graph: GraphClient
    quick: GraphClient  # one quick try: read receipts, typing indicators
    media: MediaStore
    on_new_message: OnNewMessage


class MetaChannel(CustomerChannel):
    platform: ClassVar[str]
    variables: ClassVar[tuple[str, ...]]

    @classmethod
    def name(cls) -> str:
        return cls.platform

    # What each platform defines.
    def meta_app(self) -> MetaApp | None:
        raise NotImplementedError

    def parse(self, body: Any) -> Batch:
        raise NotImplementedError

    def bodies(self, customer: str, bubble: Bubble) -> list[dict[str, Any]]:
        raise NotImplementedError

    def messages_path(self) -> str:
        raise NotImplementedError

    async def acknowledge(self, graph: GraphClient, incoming: Incoming) -> None:
        """Mark the message read, and show the typing indicator."""
        raise NotImplementedError

    async def image(self, graph: GraphClient, incoming: Incoming, max_bytes: int) -> bytes | None:
        raise NotImplementedError

    async def delivery(self, app: Sanic, batch: Batch) -> None:
        """What the platform says of the messages sent (nothing by default)."""

    # The routes and the handling, the same for both.
    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint(f"cadomaestro_{self.platform}", __name__)
        settings = self.meta_app()
        if settings is None:
            log.info("%s is not enabled: set %s", self.platform, ", ".join(self.variables))
            return webhook
        graph_url, version = self.settings.graph_url, self.settings.graph_version
        graph = GraphClient(graph_url, version, settings.access_token)
        # Read receipts and typing indicators: one quick try, never holding the answer back.
        quick = GraphClient(graph_url, version, settings.access_token, timeout_s=3, attempts=1)
        media = LocalMediaStore(self.settings.media_folder)
        tools = _Tools(graph, quick, media, on_new_message)
        recent: OrderedDict[str, None] = OrderedDict()

        async def handle(item: tuple[Sanic, Incoming]) -> None:
            app, incoming = item
            if incoming.message_id in recent:
                return
            await self._handle(app, tools, incoming)
            recent[incoming.message_id] = None
            while len(recent) > RECENT_IDS:
                recent.popitem(last=False)

        queues: CustomerQueues[tuple[Sanic, Incoming]] = CustomerQueues(handle)

        @webhook.listener("before_server_stop")
        async def finish(app: Sanic, _: Any) -> None:
            # Meta has had its 200 for these: answered before stopping, within a bound.
            try:
                await asyncio.wait_for(queues.drain(), STOP_WAIT_S)
            except asyncio.TimeoutError:
                log.warning("%s: messages still pending at stop", self.platform)
            await graph.close()
            await quick.close()

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            query = {key: request.args.get(key) for key in request.args}
            challenge = verification_challenge(query, settings.verify_token)
            if challenge is None:
                return response.text("Forbidden", status=403)
            return response.text(challenge)

        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            # Read no more than the limit, whatever the request says of its length.
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_WEBHOOK_BYTES:
                return response.json({"error": "body_too_large"}, status=413)
            body = bytearray()
            while (chunk := await request.stream.read()) is not None:
                body += chunk
                if len(body) > MAX_WEBHOOK_BYTES:
                    return response.json({"error": "body_too_large"}, status=413)
            signature = request.headers.get(SIGNATURE_HEADER)
            if not valid_signature(bytes(body), signature, settings.app_secret):
                log.warning("%s webhook refused: bad signature", self.platform)
                return response.json({"error": "invalid_signature"}, status=403)
            try:
                batch = self.parse(json_object(bytes(body), max_bytes=MAX_WEBHOOK_BYTES))
            except (InvalidInput, MalformedPayload) as error:
                log.warning("%s webhook refused: %s", self.platform, error)
                return response.json({"error": "invalid_payload"}, status=400)
            except (ValueError, TypeError, OverflowError, RecursionError) as error:
                log.warning("%s webhook refused: %s", self.platform, type(error).__name__)
                return response.json({"error": "invalid_payload"}, status=400)
            if batch.statuses:
                request.app.add_task(self.delivery(request.app, batch))
            for incoming in batch.messages:
                queues.submit(incoming.customer, (request.app, incoming))
            return response.text("EVENT_RECEIVED")

        return self.with_retention(webhook)

    async def _handle(self, app: Sanic, tools: _Tools, incoming: Incoming) -> None:
        """Answer one message; whatever fails, the customer gets the apology (Meta has had its
        200 and will not send the message again)."""
        sender = f"{self.platform}:{incoming.customer}"
        try:
            await self._answer(app, tools, incoming, sender)
        except Exception as error:  # the conversation store down, no model loaded…
            log.error("%s message not answered: %s", self.platform, type(error).__name__)
            apology = platform_bubbles(failures.apology_messages(app.ctx.agent.domain, sender))
            await self.send(tools.graph, incoming.customer, apology)

    async def _answer(self, app: Sanic, tools: _Tools, incoming: Incoming, sender: str) -> None:
        graph, media = tools.graph, tools.media
        agent = app.ctx.agent
        if not agent.is_ready() or agent.tracker_store is None:
            raise RuntimeError("no model loaded")
        failures.new_turn()
        tracker = await agent.tracker_store.retrieve(sender)
        if failures.turn_failed():
            raise ConnectionError("the conversation store could not be read")
        events = list(tracker.events) if tracker else []
        if already_answered(events, incoming.message_id):
            return
        await self.acknowledge(tools.quick, incoming)

        async def say(text: str) -> None:
            await self.send(graph, incoming.customer, [Bubble(text)])

        if incoming.unsupported:
            await say(UNSUPPORTED)
            return
        offered = last_offered(events)
        text = incoming.text or ""
        if incoming.payload:
            # A button of an older message, which no longer resolves: its title, as typed.
            text = payload_of(incoming.payload, offered) or text or incoming.payload
        elif offered:
            text = chosen_payload(text, offered) or text
        metadata: dict[str, Any] = {}
        if incoming.image:
            limit = self.settings.media_max_bytes
            try:
                data = await self.image(graph, incoming, limit)
                if data is None:
                    await say(PHOTO_NOT_RECEIVED)
                    return
                stored = await keep_photo(media, data, sender, limit)
            except TooLarge:
                await say(too_large(limit).message)
                return
            except BadImage as bad:
                await say(bad.message)
                return
            metadata["attachments"] = [attachment(stored, self.settings.public_url)]
            text = text or transcript.PHOTO_TEXT
        try:
            inbound = inbound_from(sender, text, metadata)
        except Rejected as rejected:
            await say(rejected.message)
            return
        collector = ResponseCollector()
        message = self.user_message(inbound, collector, sender, message_id=incoming.message_id)
        if await self.run_turn(tools.on_new_message, message):
            answers = collector.messages
        else:
            answers = self.apology(agent.domain, sender)
        await self.send(graph, incoming.customer, platform_bubbles(answers))

    async def send(self, graph: GraphClient, customer: str, bubbles: list[Bubble]) -> bool:
        """Send the messages in order; False if the customer could not be reached (then nothing
        more is tried). A message Meta refuses (logged by the client) is skipped, and the next
        ones still go: the conversation goes on."""
        delivered = True
        for bubble in bubbles:
            for body in self.bodies(customer, bubble):
                result = await graph.post(self.messages_path(), body)
                if result.status is None or result.undeliverable or result.outside_window:
                    return False
                delivered = delivered and result.ok
        return delivered
