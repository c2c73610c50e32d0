"""Read an order reference or a proof of ownership (the order's email, or its delivery postcode)
from what a customer typed when asked for it."""

from __future__ import annotations

import re
from collections.abc import Callable

from cadomaestro.nlu.references import ReferenceMatch, find_order_references, order_references

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_POSTCODE = re.compile(r"(?<!\d)(\d{2}) ?(\d{2,3})(?!\d)")  # 69003, 69 003, 1000, 10115


def reference_in(text: str) -> str | None:
    """The order reference in `text`: the first one typed in capitals, else the first one.
    Without spaCy's vocabulary here, only the consonant-run test tells a lower-case reference
    from a word ("cherchais" passes it), hence the preference for capitals ("je cherchais
    KQZPTRBWE": `find_order_references` keeps the capitals)."""
    matches = find_order_references(text, is_known_word=lambda word: False)
    return matches[0].value if matches else None


def proof_in(text: str) -> str | None:
    """An email (lower case) or a postcode (without spaces) in `text`."""
    email = _EMAIL.search(text)
    if email:
        return email.group().lower()
    postcode = _POSTCODE.search(text)
    return "".join(postcode.groups()) if postcode else None


# Placeholder words that stand for identifiers in the intent classifier's input.
REFERENCE_PLACEHOLDER = "xxreference"
EMAIL_PLACEHOLDER = "xxemail"
POSTCODE_PLACEHOLDER = "xxcodepostal"
_FRENCH_POSTCODE = re.compile(r"(?<!\d)\d{5}(?!\d)")


def references_outside_emails(
    text: str, is_known_word: Callable[[str], bool]
) -> list[ReferenceMatch]:
    """The order references of `text` (in one word or in groups), none inside an e-mail
    address (« ab.cde@nbv.cxw.qsd »)."""
    emails = [(m.start(), m.end()) for m in _EMAIL.finditer(text)]
    return [
        match
        for match in order_references(text, is_known_word)
        if not any(start <= match.start < end for start, end in emails)
    ]


def without_identifiers(text: str, reference: str | None) -> str:
    """`text` without its e-mails and without `reference` (however typed: « kqz ptr bwe »), nor
    the punctuation their removal leaves dangling (« Bonjour, KQZPTRBWE a@b.fr, je veux
    annuler » -> « Bonjour, je veux annuler »). Postcodes stay: one may be part of what is
    asked (a new address)."""
    patterns = [_EMAIL]
    if reference:
        patterns.append(re.compile(r"(?i)\b" + r"[\s.-]?".join(map(re.escape, reference)) + r"\b"))
    for pattern in patterns:
        text = pattern.sub(" ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,;:])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)  # « Bonjour, , je »
    text = re.sub(r"^[\s.,;:]+", "", text)  # « claire.martin@example.fr. Je voudrais … »
    return text.strip(" ,;:")


def identifier_spans(text: str, is_known_word: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """(start, end, placeholder) of each order reference, email and French postcode in `text`."""
    spans = [(m.start(), m.end(), EMAIL_PLACEHOLDER) for m in _EMAIL.finditer(text)]
    spans += [
        (m.start, m.end, REFERENCE_PLACEHOLDER)
        for m in references_outside_emails(text, is_known_word)
    ]
    spans += [(m.start(), m.end(), POSTCODE_PLACEHOLDER) for m in _FRENCH_POSTCODE.finditer(text)]
    return spans
