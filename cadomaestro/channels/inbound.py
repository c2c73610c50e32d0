"""What a channel accepts from a customer's client: checked before anything reaches Rasa.

Pure functions, shared by the channels (through cadomaestro.channels.base). A bad request gets a
`Rejected` with a 4xx status and a French message for the client to show; a good one becomes an
`Inbound` message whose text is cleaned of what no customer types but breaks the pipeline or the
stores (cadomaestro.inputs.clean_text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cadomaestro.inputs import InvalidInput, clean_text, json_object

MAX_BODY_BYTES = 64 * 1024
MAX_MESSAGE_CHARS = 10_000
MAX_SENDER_CHARS = 128
# Keys of the metadata that only the server sets (a client's own value is dropped): the client's
# pseudonym, and the e-mail of a customer logged in on the shop's site (from a token the channel
# verified: cadomaestro.widget.tokens).
CLIENT_KEY = "client"
CUSTOMER_KEY = "customer_email"
SERVER_KEYS = frozenset({CLIENT_KEY, CUSTOMER_KEY})
# Conversation ids that other channels make (`web:<hash of the widget's secret>`, and Meta's
# platforms to come): refused from the REST channel, so that it can never join them.
RESERVED_SENDER_PREFIXES = ("web:", "messenger:", "whatsapp:")

_SENDER = re.compile(rf"[\w.:@+-]{{1,{MAX_SENDER_CHARS}}}")


@dataclass(frozen=True)
class Inbound:
    sender: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


class Rejected(Exception):
    """A request the channel refuses: `status` (4xx), a stable `code`, a French `message`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(code)
        self.status, self.code, self.message = status, code, message

    def body(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message}


BODY_TOO_LARGE = (413, "body_too_large", "La requête est trop volumineuse.")
INVALID_ENCODING = (400, "invalid_encoding", "Le corps de la requête doit être encodé en UTF-8.")
INVALID_JSON = (
    400,
    "invalid_json",
    'Le corps de la requête doit être un objet JSON : {"sender": "…", "message": "…"}.',
)
INVALID_SENDER = (
    400,
    "invalid_sender",
    "Le champ « sender » (identifiant de la conversation) doit être un texte de 1 à "
    f"{MAX_SENDER_CHARS} lettres, chiffres ou signes . _ : @ + -.",
)
INVALID_MESSAGE = (400, "invalid_message", "Le champ « message » doit être un texte.")
INVALID_METADATA = (400, "invalid_metadata", "Le champ « metadata » doit être un objet JSON.")


def message_too_long(length: int) -> Rejected:
    return Rejected(
        413,
        "message_too_long",
        f"Votre message est trop long ({length:,} caractères) : pourriez-vous le raccourcir à "
        f"{MAX_MESSAGE_CHARS:,} caractères au plus ?".replace(",", "\u202f"),
    )


_REFUSALS = {
    InvalidInput.TOO_LARGE: BODY_TOO_LARGE,
    InvalidInput.NOT_UTF8: INVALID_ENCODING,
    InvalidInput.NOT_JSON: INVALID_JSON,
    InvalidInput.NOT_OBJECT: INVALID_JSON,
    InvalidInput.TOO_DEEP: INVALID_JSON,
}


def json_body(body: bytes) -> dict[str, Any]:
    """A request's body as a JSON object, or `Rejected`."""
    try:
        return json_object(body, max_bytes=MAX_BODY_BYTES)
    except InvalidInput as invalid:
        raise Rejected(*_REFUSALS[invalid.reason]) from None


# Rasa reads a message starting with "/" as an intent given directly. The assistant's buttons send
# these; any other (« /restart » would wipe the conversation's state, failed proofs included) is
# read as plain text.
BUTTON_COMMANDS = ("affirm", "deny", "parler_humain")
_COMMAND = re.compile(r"/+([A-Za-z_]*)")


def without_commands(text: str) -> str:
    """`text`, unless it is a command other than the buttons': then without its slashes."""
    command = _COMMAND.match(text.lstrip())
    if command and command.group(1) not in BUTTON_COMMANDS:
        return text.lstrip().lstrip("/")
    return text


def parse_rest_body(body: bytes) -> Inbound:
    """The REST channel's body `{"sender": str, "message": str, "metadata"?: object}`."""
    data = json_body(body)
    sender = data.get("sender")
    if isinstance(sender, str) and sender.lower().startswith(RESERVED_SENDER_PREFIXES):
        raise Rejected(*INVALID_SENDER)
    return inbound_from(sender, data.get("message"), data.get("metadata"))


def inbound_from(sender: Any, message: Any, metadata: Any) -> Inbound:
    """Check the three fields a channel receives, whatever carried them."""
    if not isinstance(sender, str) or not _SENDER.fullmatch(sender):
        raise Rejected(*INVALID_SENDER)
    if not isinstance(message, str):
        raise Rejected(*INVALID_MESSAGE)
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise Rejected(*INVALID_METADATA)
    text = without_commands(clean_text(message))
    if len(text) > MAX_MESSAGE_CHARS:
        raise message_too_long(len(text))
    return Inbound(sender, text, {k: v for k, v in metadata.items() if k not in SERVER_KEYS})
