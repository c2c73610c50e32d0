"""The API's request bodies and query strings, checked before anything touches the database
and turned into the service's inputs (`Proof`, `NewRequest`, `CustomerLookup`). Every problem raises
`InvalidRequest` with a French message meant for the caller."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cadomaestro import inputs
from cadomaestro.backend.errors import InvalidRequest
from cadomaestro.inputs import InvalidInput, storable
from cadomaestro.rules.requests import RequestKind

MAX_STRING = 320  # reference, email, postcode, conversation_id
MAX_DETAILS = 5000
MAX_ATTACHMENTS = 20
MAX_ATTACHMENT = 2048  # characters of one attachment URL
PROOF_KEYS = ("reference", "email", "postcode")
NEW_REQUEST_KEYS = (*PROOF_KEYS, "kind", "conversation_id", "details", "attachments")
REQUEST_FILTER_KEYS = ("reference", "conversation_id")
CUSTOMER_LOOKUP_KEYS = ("email", "limit")
# How many of a customer's orders /v1/customers/lookup returns, by default and at most.
DEFAULT_RECENT_ORDERS = 5
MAX_RECENT_ORDERS = 20
# What the caller reads for each reason inputs.json_object refuses a body.
NOT_JSON = "Le corps de la requête n'est pas un JSON valide."
BODY_PROBLEMS = {
    InvalidInput.NOT_UTF8: NOT_JSON,
    InvalidInput.NOT_JSON: NOT_JSON,
    InvalidInput.NOT_OBJECT: "Le corps de la requête doit être un objet JSON.",
    InvalidInput.TOO_LARGE: "Le corps de la requête est trop volumineux.",
    InvalidInput.TOO_DEEP: "Le corps de la requête imbrique trop d'objets ou de tableaux.",
}


@dataclass(frozen=True)
class Proof:
    """An order reference and one proof of ownership: the e-mail or the delivery postcode."""

    reference: str
    email: str | None = None
    postcode: str | None = None

    def __post_init__(self) -> None:
        if (self.email is None) == (self.postcode is None):
            raise ValueError("give exactly one proof: email or postcode")


@dataclass(frozen=True)
class NewRequest:
    """A request for customer service about an order the caller proves to own."""

    proof: Proof
    kind: RequestKind
    conversation_id: str
    details: str
    attachments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CustomerLookup:
    """A customer by e-mail, with their `limit` most recent orders."""

    email: str
    limit: int = DEFAULT_RECENT_ORDERS


def json_object(raw: bytes) -> dict[str, Any]:
    """The body (UTF-8) as a JSON object, not nested deeper than any request needs. Its size is
    limited before it is read (create_app's client_max_size: 413)."""
    try:
        return inputs.json_object(raw)
    except InvalidInput as error:
        raise InvalidRequest(BODY_PROBLEMS[error.reason]) from None


def _refuse_unknown_keys(given: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in given:
        if key not in allowed:
            raise InvalidRequest(
                f"Champ inconnu « {key} » (champs possibles : {', '.join(allowed)})."
            )


def _optional_string(
    body: Mapping[str, Any], key: str, *, max_length: int = MAX_STRING, allow_empty: bool = False
) -> str | None:
    """`body[key]` as a string; None when absent or null."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidRequest(f"Le champ « {key} » doit être une chaîne de caractères.")
    if len(value) > max_length:
        raise InvalidRequest(f"Le champ « {key} » ne doit pas dépasser {max_length} caractères.")
    if not storable(value):
        raise InvalidRequest(f"Le champ « {key} » contient des caractères invalides.")
    if not allow_empty and not value.strip():
        raise InvalidRequest(f"Le champ « {key} » ne doit pas être vide.")
    return value


def _string(
    body: Mapping[str, Any], key: str, *, max_length: int = MAX_STRING, allow_empty: bool = False
) -> str:
    """`body[key]` as a string; absent or null is refused."""
    value = _optional_string(body, key, max_length=max_length, allow_empty=allow_empty)
    if value is None:
        raise InvalidRequest(f"Le champ « {key} » est obligatoire.")
    return value


def proof(body: Mapping[str, Any], allowed: tuple[str, ...] = PROOF_KEYS) -> Proof:
    """`{"reference", "email"}` or `{"reference", "postcode"}`: exactly one proof (null counts
    as absent)."""
    _refuse_unknown_keys(body, allowed)
    reference = _string(body, "reference")
    email = _optional_string(body, "email")
    postcode = _optional_string(body, "postcode")
    if email is not None and postcode is not None:
        raise InvalidRequest("Indiquez soit « email », soit « postcode », pas les deux.")
    if email is None and postcode is None:
        raise InvalidRequest(
            "Indiquez l'adresse e-mail (« email ») ou le code postal de livraison (« postcode »)."
        )
    return Proof(reference=reference, email=email, postcode=postcode)


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
    if any(not a.strip() or len(a) > MAX_ATTACHMENT or not storable(a) for a in attachments):
        raise InvalidRequest(
            f"Chaque pièce jointe doit être une adresse non vide de {MAX_ATTACHMENT} caractères "
            "au plus."
        )
    return NewRequest(owned, kind, conversation_id, details, attachments)


def customer_lookup(body: Mapping[str, Any]) -> CustomerLookup:
    """`{"email"}` and an optional `limit` (1 to MAX_RECENT_ORDERS; null counts as absent)."""
    _refuse_unknown_keys(body, CUSTOMER_LOOKUP_KEYS)
    email = _string(body, "email")
    limit = body.get("limit")
    if limit is None:
        limit = DEFAULT_RECENT_ORDERS
    # JSON's true is a Python int: refused like any other non-integer.
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_RECENT_ORDERS:
        raise InvalidRequest(
            f"Le champ « limit » doit être un nombre entier de 1 à {MAX_RECENT_ORDERS}."
        )
    return CustomerLookup(email=email, limit=limit)


def request_filter(query: Mapping[str, str]) -> tuple[str | None, str | None]:
    """`?reference=…` and/or `?conversation_id=…`: at least one."""
    _refuse_unknown_keys(query, REQUEST_FILTER_KEYS)
    reference = _optional_string(query, "reference")
    conversation_id = _optional_string(query, "conversation_id")
    if reference is None and conversation_id is None:
        raise InvalidRequest("Indiquez « reference » ou « conversation_id » dans l'adresse.")
    return reference, conversation_id
