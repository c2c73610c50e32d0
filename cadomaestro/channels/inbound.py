"""What a channel accepts from a customer's client: checked before anything reaches Rasa.

Pure functions, shared by the channels. A bad request gets a `Rejected` with a 4xx status and a
French message for the client to show; a good one becomes an `Inbound` message whose text is
cleaned of what no customer types but breaks the pipeline or the stores (NUL and other control
characters, lone UTF-16 surrogates).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

MAX_BODY_BYTES = 64 * 1024
MAX_MESSAGE_CHARS = 10_000
MAX_SENDER_CHARS = 128
# Keys of the metadata that only the server sets (a client's own value is replaced).
CLIENT_KEY = "client"

_KEPT_CONTROLS = "\t\n\r"
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


def clean_text(text: str) -> str:
    """`text` without control characters (tabs and line breaks kept) and lone surrogates."""
    return "".join(
        ch for ch in text if ch in _KEPT_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def parse_rest_body(body: bytes) -> Inbound:
    """The REST channel's body `{"sender": str, "message": str, "metadata"?: object}`."""
    if len(body) > MAX_BODY_BYTES:
        raise Rejected(*BODY_TOO_LARGE)
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected(*INVALID_ENCODING) from None
    try:
        data = json.loads(decoded)
    except ValueError:
        raise Rejected(*INVALID_JSON) from None
    if not isinstance(data, dict):
        raise Rejected(*INVALID_JSON)
    return inbound_from(data.get("sender"), data.get("message"), data.get("metadata"))


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
    text = clean_text(message)
    if len(text) > MAX_MESSAGE_CHARS:
        raise message_too_long(len(text))
    return Inbound(sender, text, {k: v for k, v in metadata.items() if k != CLIENT_KEY})
