"""Customers' identifiers in a message copied out of the console (training examples, test
stories): order references and e-mails are replaced by fictional ones, phone numbers by a
fictional number, and the entities are written in Rasa's inline markup.

The repository is no place for a customer's personal data, and what a message teaches or tests
does not depend on which reference or e-mail it gives. Each fictional value is derived from the
original (SHA-256), so that exporting twice writes the same text.

What is personal is found here, by `personal_spans`, for both exports: never only where the
assistant's parse found an entity (its e-mail regex, data/nlu/entities.yml, is narrower than
addresses customers type; a parse may come from an older model). The parse only adds
annotations.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cadomaestro.nlu.references import find_order_references

REFERENCE, EMAIL = "reference_commande", "email"
# French numbers as customers type them: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78;
# and any international number (+32 470 12 34 56, 0041 79 123 45 67).
PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+33 ?|0033 ?|0)[1-9](?:[ .-]?\d{2}){4}"
    r"|(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\d){6,13})(?!\d)"
)
# Anything that looks like an e-mail address, broader than any validator on purpose (an address
# missed is one copied into the repository): no space nor @ on either side of one @, no
# bracket, quote or list punctuation (`mail:jean@x.fr`, `(jean@x.fr)`), ending with a letter or
# a digit (not the sentence's full stop). `jean.dupont@mon_fai.fr` and `jean@gmail` are hidden.
_NOT_IN_ADDRESS = r"\s@<>()\[\]{}\"«»,;:"
EMAIL_ADDRESS = re.compile(rf"[^{_NOT_IN_ADDRESS}]+@[^{_NOT_IN_ADDRESS}]*[^\W_]")
# What Rasa reads as an entity annotation in an example or a test story's message.
MARKUP = re.compile(r"\[([^\]\n]+)\](?:\([^)\n]*\)|\{[^}\n]*\}|\[[^\]\n]*\])")
_CONSONANTS = "BCDFGHJKLMNPQRSTVWXZ"
_FIRST_NAMES = (
    "camille",
    "lucas",
    "lea",
    "hugo",
    "chloe",
    "louis",
    "manon",
    "jules",
    "ines",
    "nathan",
    "sarah",
    "theo",
    "julie",
    "adam",
    "emma",
    "paul",
)
_LAST_NAMES = (
    "martin",
    "bernard",
    "dubois",
    "thomas",
    "robert",
    "richard",
    "petit",
    "durand",
    "leroy",
    "moreau",
    "simon",
    "laurent",
    "lefebvre",
    "michel",
    "garcia",
    "roux",
)


def _digest(kind: str, original: str) -> bytes:
    return hashlib.sha256(f"{kind}:{original}".encode()).digest()


def fictional_reference(original: str) -> str:
    """Nine consonants (no French word, always read as a reference), in the case typed."""
    letters = "".join(_CONSONANTS[b % len(_CONSONANTS)] for b in _digest(REFERENCE, original)[:9])
    return letters.lower() if original.islower() else letters


def fictional_email(original: str) -> str:
    digest = _digest(EMAIL, original.lower())
    first, last = _FIRST_NAMES[digest[0] % 16], _LAST_NAMES[digest[1] % 16]
    return f"{first}.{last}@example.fr"


def fictional_phone(original: str) -> str:
    digits = "".join(f"{b % 100:02d}" for b in _digest("phone", original)[:2])
    return f"01 99 00 {digits[:2]} {digits[2:]}"


@dataclass(frozen=True)
class Span:
    """A part of a message: an entity to annotate (`entity`, with its `value` when it differs
    from the text), or personal data to replace (`personal`), or both."""

    start: int
    end: int
    entity: str | None = None
    value: str | None = None
    personal: bool = False


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    entity: str
    value: str | None  # None: the text itself


def _fictional(span: Span, surface: str) -> tuple[str, str | None]:
    """The replacement of a personal span and its entity value."""
    if span.entity == REFERENCE:
        fiction = fictional_reference(surface)
        return fiction, fiction.upper()
    if span.entity == EMAIL:
        fiction = fictional_email(surface)
        return fiction, None
    return fictional_phone(surface), None


def rewrite(text: str, spans: Iterable[Span]) -> tuple[str, list[Entity]]:
    """`text` with its personal spans replaced, and its entities' places in the new text.
    Overlapping spans: the first given wins (callers give them by priority)."""
    kept: list[Span] = []
    for span in spans:
        if 0 <= span.start < span.end <= len(text) and not any(
            span.start < other.end and other.start < span.end for other in kept
        ):
            kept.append(span)
    pieces: list[str] = []
    entities: list[Entity] = []
    position = 0
    for span in sorted(kept, key=lambda s: s.start):
        pieces.append(text[position : span.start])
        start = sum(len(piece) for piece in pieces)
        surface, value = text[span.start : span.end], span.value
        if span.personal:
            surface, fictional_value = _fictional(span, surface)
            value = fictional_value if span.value is not None else None
        pieces.append(surface)
        if span.entity:
            entities.append(Entity(start, start + len(surface), span.entity,
                                   None if value == surface else value))  # fmt: skip
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces), entities


def markup(text: str, entities: Iterable[Entity]) -> str:
    """`text` with its entities annotated as Rasa writes them: `[KQZPTRBWE](reference_commande)`,
    or `[Belgique]{"entity": "pays", "value": "BE"}` when the value is not the text."""
    pieces: list[str] = []
    position = 0
    for entity in sorted(entities, key=lambda e: e.start):
        surface = text[entity.start : entity.end]
        pieces.append(text[position : entity.start])
        if entity.value is None or entity.value == surface:
            pieces.append(f"[{surface}]({entity.entity})")
        else:
            attributes = json.dumps({"entity": entity.entity, "value": entity.value},
                                    ensure_ascii=False)  # fmt: skip
            pieces.append(f"[{surface}]{attributes}")
        position = entity.end
    pieces.append(text[position:])
    return "".join(pieces)


def personal_spans(text: str, is_known_word: Callable[[str], bool]) -> list[Span]:
    """Every customer identifier in `text`, each a personal span: e-mail addresses
    (EMAIL_ADDRESS, entity `email`), phone numbers (PHONE, no entity: the pipeline extracts
    none), order references as the pipeline finds them (cadomaestro.nlu.references, entity
    `reference_commande`; `is_known_word` tells a nine-letter word from a reference).
    By priority for `rewrite`: a reference-like word inside an address is the address."""
    spans = [Span(m.start(), m.end(), EMAIL, personal=True) for m in EMAIL_ADDRESS.finditer(text)]
    spans += [Span(m.start(), m.end(), personal=True) for m in PHONE.finditer(text)]
    spans += [
        Span(m.start, m.end, REFERENCE, personal=True)
        for m in find_order_references(text, is_known_word)
    ]
    return spans
