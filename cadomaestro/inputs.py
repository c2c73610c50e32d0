"""Checks on what comes from outside (customers' messages, API bodies, import files), shared by
the channels, the order API and the importer so that each rule is written once.

Pure functions. Each caller turns an `InvalidInput` into its own answer (a 4xx with a French
message, an import error with its line).
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

# Deeper JSON than this is refused: nobody sends it, and recursion on it can crash a parser.
MAX_JSON_DEPTH = 32
_KEPT_CONTROLS = "\t\n\r"


class InvalidInput(ValueError):
    """Input refused before use; `reason` says why, for the caller to phrase."""

    NOT_UTF8 = "not_utf8"
    NOT_JSON = "not_json"
    NOT_OBJECT = "not_object"
    TOO_LARGE = "too_large"
    TOO_DEEP = "too_deep"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def clean_text(text: str) -> str:
    """`text` without control characters (tabs and line breaks kept) and lone UTF-16
    surrogates: what no customer types, but breaks the NLU or the stores."""
    return "".join(
        ch for ch in text if ch in _KEPT_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cs")
    )


_ADDRESS_CHARS = r"[^@\s<>()\[\],;:\"]"
_EMAIL = re.compile(rf"{_ADDRESS_CHARS}{{1,64}}@{_ADDRESS_CHARS}{{1,255}}\.[A-Za-z]{{2,63}}")


def is_email(value: Any) -> bool:
    """An e-mail address as a logged-in customer's token carries it (the channel and the
    actions read it with this one rule)."""
    return isinstance(value, str) and _EMAIL.fullmatch(value.strip()) is not None


def storable(text: str) -> bool:
    """No NUL (PostgreSQL refuses it) and no lone UTF-16 surrogate (not encodable as UTF-8)."""
    return "\x00" not in text and not any("\ud800" <= ch <= "\udfff" for ch in text)


def json_depth(value: Any) -> int:
    """How deeply objects and arrays nest in `value` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[Any] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth + 1)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def json_object(
    raw: bytes | str, *, max_bytes: int | None = None, max_depth: int = MAX_JSON_DEPTH
) -> dict[str, Any]:
    """`raw` (UTF-8) as a JSON object no deeper than `max_depth` and, when bytes, no larger than
    `max_bytes`."""
    if isinstance(raw, bytes):
        if max_bytes is not None and len(raw) > max_bytes:
            raise InvalidInput(InvalidInput.TOO_LARGE)
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(InvalidInput.NOT_UTF8) from None
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        raise InvalidInput(InvalidInput.NOT_JSON) from None
    if not isinstance(value, dict):
        raise InvalidInput(InvalidInput.NOT_OBJECT)
    if json_depth(value) > max_depth:
        raise InvalidInput(InvalidInput.TOO_DEEP)
    return value
