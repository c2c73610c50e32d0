"""The widget's conversations: the secret a browser keeps (its session id), the conversation it
names in Rasa, and whether that conversation is still open.

The session id is 192 random bits made here, never derived from anything a stranger knows. The
conversation's id in Rasa is a hash of it (`web:<hash>`), so the stored conversations do not hold
the secret. Shared by the socket.io channel and the widget's HTTP routes (photo uploads).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from typing import Any

from rasa.shared.core.events import Event, UserUttered
from sanic import Sanic

from cadomaestro.channels.inbound import CUSTOMER_KEY
from cadomaestro.server import failures

SESSION_BYTES = 24  # 192 bits
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{32}")
SENDER_PREFIX = "web:"


def new_session_id() -> str:
    return secrets.token_urlsafe(SESSION_BYTES)


def is_session_id(value: Any) -> bool:
    return isinstance(value, str) and _SESSION_ID.fullmatch(value) is not None


def sender_of(session_id: str) -> str:
    """The conversation's id in Rasa: a hash of the secret the browser keeps."""
    return SENDER_PREFIX + hashlib.sha256(session_id.encode()).hexdigest()[:40]


def still_open(events: list[Event], expiration_minutes: float, now: float) -> bool:
    """Whether a stored conversation goes on: its customer's last message within the session
    expiration, as Rasa decides it (0: never expires)."""
    said = [event.timestamp for event in events if isinstance(event, UserUttered)]
    if not said:
        return False
    return not expiration_minutes or now - said[-1] < expiration_minutes * 60


def logged_in_as(events: list[Event]) -> str | None:
    """The customer a conversation is held under: the e-mail its customer's last message was
    logged in with, None for an anonymous visitor."""
    said = [event for event in events if isinstance(event, UserUttered)]
    customer = (said[-1].metadata or {}).get(CUSTOMER_KEY) if said else None
    return customer if isinstance(customer, str) else None


async def open_conversation(app: Sanic, session_id: Any) -> list[Event] | None:
    """The stored events of the open conversation `session_id` names, or None (malformed,
    unknown or expired). Raises when the conversation store cannot be read, or no model is
    loaded: the caller says the chat is unavailable instead of starting a new conversation."""
    if not is_session_id(session_id):
        return None
    failures.new_turn()
    agent = app.ctx.agent
    tracker = await agent.tracker_store.retrieve(sender_of(session_id))
    # Rasa's fail-safe wrapper answers "no conversation" when the store is down: that must not
    # give the browser a new id (the conversation would be lost once the store is back).
    if failures.turn_failed():
        raise ConnectionError("the conversation store could not be read")
    events = list(tracker.events) if tracker else []
    expiration = float(agent.domain.session_config.session_expiration_time)
    return events if still_open(events, expiration, time.time()) else None
