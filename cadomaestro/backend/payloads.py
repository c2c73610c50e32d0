"""The API's request bodies and query strings, checked before anything touches the database.
Every problem raises `InvalidRequest` with a French message meant for the caller."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cadomaestro.rules.requests import RequestKind

MAX_STRING = 320  # reference, email, postcode, conversation_id
MAX_DETAILS = 5000
MAX_ATTACHMENTS = 20
MAX_ATTACHMENT = 2048  # characters of one attachment URL
PROOF_KEYS = ("reference", "email", "postcode")
NEW_REQUEST_KEYS = (*PROOF_KEYS, "kind", "conversation_id", "details", "attachments")
REQUEST_FILTER_KEYS = ("reference", "conversation_id")


class InvalidRequest(ValueError):
    """A request the API refuses (400 invalid_request)."""


@dataclass(frozen=True)
class Proof:
    """An order reference and one proof of ownership: the e-mail or the delivery postcode."""

    reference: str
    email: str | None = None
    postcode: str | None = None

    def as_kwargs(self) -> dict[str, str | None]:
        return {"email": self.email, "postcode": self.postcode}


@dataclass(frozen=True)
class NewRequest:
    proof: Proof
    kind: RequestKind
    conversation_id: str
    details: str
    attachments: list[str] = field(default_factory=list)


def json_object(raw: bytes) -> dict[str, Any]:
    """The body as a JSON object."""
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise InvalidRequest("Le corps de la requête n'est pas un JSON valide.") from None
    if not isinstance(body, dict):
        raise InvalidRequest("Le corps de la requête doit être un objet JSON.")
    return body


def _storable(value: str) -> bool:
    """No NUL (PostgreSQL refuses it) and no lone UTF-16 surrogate (not encodable as UTF-8)."""
    return "\x00" not in value and not any("\ud800" <= ch <= "\udfff" for ch in value)


def _refuse_unknown_keys(given: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in given:
        if key not in allowed:
            raise InvalidRequest(
                f"Champ inconnu « {key} » (champs possibles : {', '.join(allowed)})."
            )


def _string(
    body: Mapping[str, Any], key: str, *, max_length: int = MAX_STRING, required: bool = True,
    allow_empty: bool = False,
) -> str | None:  # fmt: skip
    """`body[key]` as a string; None when absent or null and not `required`."""
    value = body.get(key)
    if value is None:
        if required:
            raise InvalidRequest(f"Le champ « {key} » est obligatoire.")
        return None
    if not isinstance(value, str):
        raise InvalidRequest(f"Le champ « {key} » doit être une chaîne de caractères.")
    if len(value) > max_length:
        raise InvalidRequest(f"Le champ « {key} » ne doit pas dépasser {max_length} caractères.")
    if not _storable(value):
        raise InvalidRequest(f"Le champ « {key} » contient des caractères invalides.")
    if not allow_empty and not value.strip():
        raise InvalidRequest(f"Le champ « {key} » ne doit pas être vide.")
    return value


def proof(body: Mapping[str, Any], allowed: tuple[str, ...] = PROOF_KEYS) -> Proof:
    """`{"reference", "email"}` or `{"reference", "postcode"}`: exactly one proof (null counts
    as absent)."""
    _refuse_unknown_keys(body, allowed)
    reference = _string(body, "reference")
    email = _string(body, "email", required=False)
    postcode = _string(body, "postcode", required=False)
    if email is not None and postcode is not None:
        raise InvalidRequest("Indiquez soit « email », soit « postcode », pas les deux.")
    if email is None and postcode is None:
        raise InvalidRequest(
            "Indiquez l'adresse e-mail (« email ») ou le code postal de livraison (« postcode »)."
        )
    return Proof(reference=reference, email=email, postcode=postcode)  # type: ignore[arg-type]


def new_request(body: Mapping[str, Any]) -> NewRequest:
    """A proof plus `kind`, `conversation_id`, `details` and optional `attachments` (URLs)."""
    owned = proof(body, allowed=NEW_REQUEST_KEYS)
    kind_value = _string(body, "kind")
    try:
        kind = RequestKind(kind_value)
    except ValueError:
        raise InvalidRequest(
            f"Type de demande inconnu « {kind_value} » "
            f"(valeurs possibles : {', '.join(RequestKind.values())})."
        ) from None
    conversation_id = _string(body, "conversation_id")
    details = _string(body, "details", max_length=MAX_DETAILS, allow_empty=True)
    attachments = body.get("attachments")
    if attachments is None:
        attachments = []
    if not isinstance(attachments, list) or not all(isinstance(a, str) for a in attachments):
        raise InvalidRequest("Le champ « attachments » doit être une liste d'adresses (URL).")
    if len(attachments) > MAX_ATTACHMENTS:
        raise InvalidRequest(f"{MAX_ATTACHMENTS} pièces jointes au plus.")
    if any(not a.strip() or len(a) > MAX_ATTACHMENT or not _storable(a) for a in attachments):
        raise InvalidRequest(
            f"Chaque pièce jointe doit être une adresse non vide de {MAX_ATTACHMENT} caractères "
            "au plus."
        )
    return NewRequest(owned, kind, conversation_id, details, attachments)  # type: ignore[arg-type]


def request_filter(query: Mapping[str, str]) -> tuple[str | None, str | None]:
    """`?reference=…` and/or `?conversation_id=…`: at least one."""
    _refuse_unknown_keys(query, REQUEST_FILTER_KEYS)
    reference = _string(query, "reference", required=False)
    conversation_id = _string(query, "conversation_id", required=False)
    if reference is None and conversation_id is None:
        raise InvalidRequest("Indiquez « reference » ou « conversation_id » dans l'adresse.")
    return reference, conversation_id
