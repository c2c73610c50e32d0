"""The types shared by the Meta channels: what a webhook delivers once parsed
(cadomaestro.channels.meta.events), and what the assistant answers before it is shaped for a
platform (cadomaestro.channels.meta.outbound)."""

from __future__ import annotations

from dataclasses import dataclass, field

MESSENGER, WHATSAPP = "messenger", "whatsapp"


class MalformedPayload(ValueError):
    """A webhook body whose shape is not Meta's (answered 400). The message names the part that
    is wrong, never the customer's words."""


@dataclass(frozen=True)
class MediaRef:
    """An image a customer sent: a URL to download (Messenger), or a media id to resolve with
    the Graph API and download with the access token (WhatsApp)."""

    url: str | None = None
    media_id: str | None = None
    mime_type: str | None = None


@dataclass(frozen=True)
class Incoming:
    """One customer message of a webhook delivery."""

    platform: str  # MESSENGER or WHATSAPP
    customer: str  # Messenger's page-scoped id (PSID), WhatsApp's wa_id
    message_id: str  # Messenger's `mid`, WhatsApp's `wamid…` (postbacks: their `mid`)
    timestamp: float  # seconds since the epoch
    text: str | None = None  # what the customer typed (a photo's caption on WhatsApp)
    payload: str | None = None  # a button's payload: quick reply, postback, interactive reply
    image: MediaRef | None = None
    unsupported: str | None = None  # "audio", "video", "sticker", "location", "contacts"…


@dataclass(frozen=True)
class Status:
    """What became of a message the assistant sent (WhatsApp `statuses`)."""

    customer: str  # recipient_id
    message_id: str  # the sent message's wamid
    status: str  # "sent", "delivered", "read", "failed"
    timestamp: float
    error_code: int | None = None  # for "failed": Meta's error code


@dataclass(frozen=True)
class Batch:
    """Everything a delivery carries, in the order Meta sent it."""

    messages: list[Incoming] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)


@dataclass(frozen=True)
class Choice:
    title: str
    payload: str


@dataclass(frozen=True)
class Bubble:
    """One message of the assistant: its text, and the choices it offers (buttons)."""

    text: str
    choices: tuple[Choice, ...] = ()
