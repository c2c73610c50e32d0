"""The socket.io channel of the website's chat widget (`/socket.io`), replacing Rasa's
SocketIOInput, which never awaits `enter_room` under python-socketio 5 (so with session
persistence no answer ever reached the page: RasaHQ/rasa#13027) and skips the REST channel's
checks.

The protocol, one socket per page (the widget's side: widget/src):
- `session_request` `{"session_id"?: str, "token"?: str}` → `session_confirm` `{"session_id",
  "history", "welcome"}`. The session id is the conversation's secret, kept by the browser
  (cadomaestro.channels.sessions). A known id whose conversation is still open gets its history
  (the bubbles shown so far, from the stored events: cadomaestro.channels.transcript); an
  unknown, malformed or expired one (no message for longer than the domain's session
  expiration), or one held under another customer than the token's (a customer logged out or
  in on this browser), gets a new id and an empty history. `welcome` is what the widget shows first
  (cadomaestro.widget.welcome). The socket joins the conversation's room, so every tab of the
  conversation gets the answers. A `token` from the shop's site names a logged-in customer
  (cadomaestro.widget.tokens); a bad one leaves the visitor anonymous.
- `user_uttered` `{"message": str, "metadata"?: {"page_url"?: str, "attachments"?: [{"id"}]}}`
  → `typing` `{"typing": true}`, then one `bot_uttered` `{"from": "bot", "text",
  "quick_replies"?, "accepts_photo"?}` per bubble and `typing` false, to the room; the customer's
  own message goes to the other tabs as `customer_uttered`. A turn that fails gets the apology
  with the contacts. Attachments are photos this conversation uploaded (cadomaestro.widget.routes):
  the actions get their address for agents.
- Anything else, or a bad payload (checked as the REST channel checks its body:
  cadomaestro.channels.inbound), gets `error_message` `{"error", "message"}` (French) and nothing
  reaches Rasa.

Origins: only WIDGET_ORIGINS may open a socket (unset: the assistant's own origin, i.e. the demo
page; `*` only for a local demo). The client pseudonym is made from the socket's address.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rasa.core.channels.socketio import SocketBlueprint
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from cadomaestro.channels import transcript
from cadomaestro.channels.base import CustomerChannel, OnNewMessage, ResponseCollector
from cadomaestro.channels.inbound import MAX_BODY_BYTES, Rejected, inbound_from
from cadomaestro.channels.sessions import (
    logged_in_as,
    new_session_id,
    open_conversation,
    sender_of,
)
from cadomaestro.media.store import LocalMediaStore, MediaStore, attachment, is_media_id
from cadomaestro.replies.topics import HANDOVER_BUTTON
from cadomaestro.widget import routes, tokens
from cadomaestro.widget.welcome import welcome

log = logging.getLogger(__name__)

MAX_PAGE_URL_CHARS = 2048
MAX_ATTACHMENTS = 5

NOT_AN_OBJECT = Rejected(400, "invalid_event", "Le message reçu n’est pas dans le bon format.")
NO_SESSION = Rejected(
    400, "session_required", "La discussion n’est pas ouverte : rechargez la page, s’il vous plaît."
)
UNKNOWN_EVENT = Rejected(400, "unknown_event", "Ce type de message n’est pas pris en charge.")
UNAVAILABLE = Rejected(
    503, "unavailable",
    "La discussion est momentanément indisponible : réessayez dans quelques instants, s’il vous "
    "plaît.",
)  # fmt: skip
BAD_ATTACHMENT = Rejected(
    400, "invalid_attachment",
    "Je ne retrouve pas la photo jointe : pourriez-vous l’envoyer à nouveau ?",
)  # fmt: skip


def page_metadata(data: dict[str, Any]) -> dict[str, Any]:
    """What the widget may tell the actions about the page, from the event's `metadata`: the
    page's address without query nor fragment (anything else is dropped)."""
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        return {}
    page_url = metadata.get("page_url")
    if not isinstance(page_url, str) or not page_url.startswith(("http://", "https://")):
        return {}
    # Without its query and fragment, which may carry personal data (an e-mail, a reset token).
    parts = urlsplit(page_url[:MAX_PAGE_URL_CHARS])
    return {"page_url": urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))}


def attachments(
    data: dict[str, Any], store: MediaStore, sender: str, public_url: str
) -> list[dict[str, str]]:
    """The photos the event attaches (`metadata.attachments`: `[{"id"}]`), each one uploaded
    by this conversation, as `{"id", "url"}` (the address agents open); or BAD_ATTACHMENT."""
    metadata = data.get("metadata")
    given = metadata.get("attachments") if isinstance(metadata, dict) else None
    if given is None:
        return []
    if not isinstance(given, list) or len(given) > MAX_ATTACHMENTS:
        raise BAD_ATTACHMENT
    found = []
    for item in given:
        media_id = item.get("id") if isinstance(item, dict) else None
        stored = store.info(media_id) if is_media_id(media_id) else None
        if stored is None or stored.conversation != sender:
            raise BAD_ATTACHMENT
        found.append(attachment(stored, public_url))
    return found


class SocketIOInput(CustomerChannel):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        settings = self.settings
        store = LocalMediaStore(settings.media_folder)
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=settings.widget_origins or None,  # None: own origin only
            max_http_buffer_size=MAX_BODY_BYTES,
        )
        webhook = _Blueprint(sio, "/socket.io", "cadomaestro_socketio", __name__)
        offered = _Offered()
        webhook.ctx.widget = routes.blueprint(settings, store)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def refuse(sid: str, rejected: Rejected) -> None:
            await sio.emit("error_message", rejected.body(), to=sid)

        @sio.on("connect")
        async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> None:
            # engine.io's REMOTE_ADDR is always 127.0.0.1 under Sanic: ask Sanic (which reads
            # SANIC_PROXIES_COUNT / SANIC_REAL_IP_HEADER behind a proxy, as for REST).
            request = environ.get("sanic.request")
            address = request and (request.remote_addr or request.ip)
            await sio.save_session(sid, {"client": address or "unknown"})

        @sio.on("session_request")
        async def session_request(sid: str, data: Any = None, *_: Any) -> None:
            if data is not None and not isinstance(data, dict):
                await refuse(sid, NOT_AN_OBJECT)
                return
            data = data or {}
            try:
                events = await open_conversation(webhook.ctx.app, data.get("session_id"))
            except Exception as error:  # the conversation store is down, no model loaded
                log.error("history not read: %s", type(error).__name__)
                await refuse(sid, UNAVAILABLE)
                return
            customer = tokens.customer_email(data.get("token"), settings.widget_token_secret)
            if events is not None and logged_in_as(events) != customer:
                events = None  # someone else on this browser (logged out, or in): a new one
            if events is None:
                session_id, shown = new_session_id(), []
            else:
                session_id, shown = data["session_id"], transcript.history(events)
            sender = sender_of(session_id)
            session = await sio.get_session(sid)
            if session.get("sender"):
                await sio.leave_room(sid, session["sender"])
            await sio.save_session(sid, {**session, "sender": sender, "customer": customer})
            await sio.enter_room(sid, sender)
            confirm = {
                "session_id": session_id,
                "history": shown,
                "welcome": welcome(settings.retention_days),
            }
            await sio.emit("session_confirm", confirm, to=sid)

        @sio.on("user_uttered")
        async def user_uttered(sid: str, data: Any = None, *_: Any) -> None:
            session = await sio.get_session(sid)
            sender = session.get("sender")
            if not sender:
                await refuse(sid, NO_SESSION)
                return
            if not isinstance(data, dict):
                await refuse(sid, NOT_AN_OBJECT)
                return
            try:
                # The store reads a file per photo: off the event loop.
                photos = await asyncio.to_thread(
                    attachments, data, store, sender, settings.public_url
                )
                metadata = {**page_metadata(data), **({"attachments": photos} if photos else {})}
                text = data.get("message")
                if photos and isinstance(text, str) and not text.strip():
                    text = transcript.PHOTO_TEXT
                inbound = inbound_from(sender, text, metadata)
            except Rejected as rejected:
                await refuse(sid, rejected)
                return
            # The other tabs show a clicked button's title, as the history does.
            shown = offered.titles(sender).get(inbound.text, inbound.text)
            await sio.emit(
                "customer_uttered", transcript.bubble(shown, sender=transcript.CUSTOMER),
                room=sender, skip_sid=sid,
            )  # fmt: skip
            await sio.emit("typing", {"typing": True}, room=sender)
            try:
                collector = ResponseCollector()
                message = self.user_message(
                    inbound, collector, session["client"], session.get("customer")
                )
                if await self.run_turn(on_new_message, message):
                    answers = collector.messages
                else:  # whatever a failed turn produced is dropped
                    answers = self.apology(webhook.ctx.app.ctx.agent.domain, sender)
                bubbles = transcript.answer_bubbles(answers)
                offered.remember(sender, bubbles)
                for bubble in bubbles:
                    await sio.emit("bot_uttered", bubble, room=sender)
            except Exception as error:  # no model loaded, say: never a silent page
                log.error("message not answered: %s", type(error).__name__)
                await refuse(sid, UNAVAILABLE)
            finally:
                await sio.emit("typing", {"typing": False}, room=sender)

        @sio.on("*")
        async def anything_else(event: str, sid: str, *_: Any) -> None:
            await refuse(sid, UNKNOWN_EVENT)

        return self.with_retention(webhook)


class _Offered:
    """The buttons last offered in each recent conversation (payload → title), so that a click
    shows its title in the other tabs; the welcome's button in any conversation."""

    SIZE = 4096

    def __init__(self) -> None:
        self._titles: OrderedDict[str, dict[str, str]] = OrderedDict()
        self._welcome = {HANDOVER_BUTTON["payload"]: HANDOVER_BUTTON["title"]}

    def titles(self, sender: str) -> dict[str, str]:
        return {**self._welcome, **self._titles.get(sender, {})}

    def remember(self, sender: str, bubbles: list[dict[str, Any]]) -> None:
        replies = bubbles[-1].get("quick_replies", []) if bubbles else []
        self._titles[sender] = {reply["payload"]: reply["title"] for reply in replies}
        self._titles.move_to_end(sender)
        while len(self._titles) > self.SIZE:
            self._titles.popitem(last=False)


class _Blueprint(SocketBlueprint):
    """Rasa's blueprint attaching the socket.io server to Sanic, keeping the app (`ctx.app`:
    the handlers need its agent, the domain and the conversation store), and adding the widget's
    HTTP routes (cadomaestro.widget.routes)."""

    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        self.ctx.app = app
        super().register(app, options)
        app.blueprint(self.ctx.widget)
