"""The socket.io channel of the website's chat widget (`/socket.io`), replacing Rasa's
SocketIOInput, which never awaits `enter_room` under python-socketio 5 (so with session
persistence no answer ever reached the page: RasaHQ/rasa#13027) and skips the REST channel's
checks.

The protocol, one socket per page:
- `session_request` `{"session_id"?: str}` → `session_confirm` `{"session_id", "history"}`. The
  session id is the conversation's secret, kept by the browser: 192 random bits made here,
  never derived from anything a stranger knows. The conversation's id in Rasa is a hash of it
  (`web:<hash>`), so the stored conversations do not hold the secret. A known id whose
  conversation is still open gets its history (the bubbles shown so far, from the stored
  events: cadomaestro.channels.transcript); an unknown, malformed or expired one (no message for
  longer than the domain's session expiration) gets a new id and an empty history. The socket
  joins the conversation's room, so every tab of the conversation gets the answers.
- `user_uttered` `{"message": str, "metadata"?: {"page_url"?: str}}` → `typing` `{"typing":
  true}`, then one `bot_uttered` `{"from": "bot", "text", "quick_replies"?}` per bubble and
  `typing` false, to the room; the customer's own message goes to the other tabs as
  `customer_uttered`. A turn that fails gets the apology with the contacts.
- Anything else, or a bad payload (checked as the REST channel checks its body:
  cadomaestro.channels.inbound), gets `error_message` `{"error", "message"}` (French) and nothing
  reaches Rasa.

Origins: only WIDGET_ORIGINS may open a socket (unset: the assistant's own origin, i.e. the demo
page; `*` only for a local demo). The client pseudonym is made from the socket's address.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.channels.socketio import SocketBlueprint
from rasa.shared.core.events import Event, UserUttered
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from cadomaestro.channels import transcript
from cadomaestro.channels.base import CustomerChannel, OnNewMessage
from cadomaestro.channels.inbound import MAX_BODY_BYTES, Rejected, inbound_from
from cadomaestro.server import failures

log = logging.getLogger(__name__)

SESSION_BYTES = 24  # 192 bits
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{32}")
SENDER_PREFIX = "web:"
MAX_PAGE_URL_CHARS = 2048

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


def new_session_id() -> str:
    return secrets.token_urlsafe(SESSION_BYTES)


def is_session_id(value: Any) -> bool:
    return isinstance(value, str) and _SESSION_ID.fullmatch(value) is not None


def sender_of(session_id: str) -> str:
    """The conversation's id in Rasa: a hash of the secret the browser keeps."""
    return SENDER_PREFIX + hashlib.sha256(session_id.encode()).hexdigest()[:40]


def widget_metadata(data: dict[str, Any]) -> dict[str, Any]:
    """What the widget may tell the actions about the page, from the event's `metadata`
    (anything else is dropped)."""
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        return {}
    page_url = metadata.get("page_url")
    if isinstance(page_url, str) and page_url.startswith(("http://", "https://")):
        return {"page_url": page_url[:MAX_PAGE_URL_CHARS]}
    return {}


def still_open(events: list[Event], expiration_minutes: float, now: float) -> bool:
    """Whether a stored conversation goes on: its customer's last message within the session
    expiration, as Rasa decides it (0: never expires)."""
    said = [event.timestamp for event in events if isinstance(event, UserUttered)]
    if not said:
        return False
    return not expiration_minutes or now - said[-1] < expiration_minutes * 60


class SocketIOInput(CustomerChannel):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        origins = self.settings.widget_origins
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=origins or None,  # None: the server's own origin only
            max_http_buffer_size=MAX_BODY_BYTES,
        )
        webhook = _Blueprint(sio, "/socket.io", "cadomaestro_socketio", __name__)

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
            asked = (data or {}).get("session_id")
            session_id, shown = new_session_id(), []
            if is_session_id(asked):
                try:
                    events = await self._stored_events(webhook.ctx.app, sender_of(asked))
                    expiration = _expiration_minutes(webhook.ctx.app)
                except Exception as error:  # the conversation store is down, no model loaded
                    log.error("history not read: %s", type(error).__name__)
                    await refuse(sid, UNAVAILABLE)
                    return
                if still_open(events, expiration, time.time()):
                    session_id, shown = asked, transcript.history(events)
            sender = sender_of(session_id)
            session = await sio.get_session(sid)
            if session.get("sender"):
                await sio.leave_room(sid, session["sender"])
            await sio.save_session(sid, {**session, "sender": sender})
            await sio.enter_room(sid, sender)
            await sio.emit("session_confirm", {"session_id": session_id, "history": shown}, to=sid)

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
                inbound = inbound_from(sender, data.get("message"), widget_metadata(data))
            except Rejected as rejected:
                await refuse(sid, rejected)
                return
            await sio.emit(
                "customer_uttered", transcript.bubble(inbound.text, sender=transcript.CUSTOMER),
                room=sender, skip_sid=sid,
            )  # fmt: skip
            await sio.emit("typing", {"typing": True}, room=sender)
            try:
                collector = CollectingOutputChannel()
                message = self.user_message(inbound, collector, session["client"])
                if await self.run_turn(on_new_message, message):
                    answers = collector.messages
                else:  # whatever a failed turn produced is dropped
                    answers = self.apology(webhook.ctx.app.ctx.agent.domain, sender)
                for bubble in transcript.answer_bubbles(answers):
                    await sio.emit("bot_uttered", bubble, room=sender)
            except Exception as error:  # no model loaded, say: never a silent page
                log.error("message not answered: %s", type(error).__name__)
                await refuse(sid, UNAVAILABLE)
            finally:
                await sio.emit("typing", {"typing": False}, room=sender)

        @sio.on("*")
        async def anything_else(event: str, sid: str, *_: Any) -> None:
            await refuse(sid, UNKNOWN_EVENT)

        return webhook

    @staticmethod
    async def _stored_events(app: Sanic, sender: str) -> list[Event]:
        tracker = await app.ctx.agent.tracker_store.retrieve(sender)
        # Rasa's fail-safe wrapper answers "no conversation" when the store is down: that must
        # not give the browser a new id (the conversation would be lost once the store is back).
        if failures.turn_failed():
            raise ConnectionError("the conversation store could not be read")
        return list(tracker.events) if tracker else []


def _expiration_minutes(app: Sanic) -> float:
    return float(app.ctx.agent.domain.session_config.session_expiration_time)


class _Blueprint(SocketBlueprint):
    """Rasa's blueprint attaching the socket.io server to Sanic, keeping the app (`ctx.app`):
    the handlers need its agent (the domain, the conversation store)."""

    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        self.ctx.app = app
        super().register(app, options)
