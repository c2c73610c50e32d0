"""Facts a customer needs from an FAQ paragraph: phone numbers, numbers and hours, page paths.

An answer is faithful when it keeps every fact of its source paragraph. Facts are compared in a
normal form so that the answer may write "04 81 64 00 80" where the source wrote "0481640080",
"48h" where it wrote "48 heures", or "16h" where it wrote "16h00".
"""

from __future__ import annotations

import re

_PHONE = re.compile(
    r"(?:\(\+33\)\s?)?\b0\d(?:[ .]?\d{2}){4}\b|\b0 ?8\d{2}(?: ?\d{3}){2}\b|\b3631\b"
)
_PATH = re.compile(r"(?:https?://)?www\.[^\s,;)]+|(?<![\w.€])/[a-z][\w-]*(?:/[\w.-]+)*")
_TIME = re.compile(r"\b(\d{1,2}) ?h ?(\d{2})\b")
_NUMBER = re.compile(r"\d+(?:,\d+)?")
_LIST_NUMBERING = re.compile(r"^\s*\d+\.\s", re.MULTILINE)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def extract_facts(text: str) -> set[str]:
    """Return the normalised facts of a text (see module docstring)."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = _LIST_NUMBERING.sub(" ", text)
    facts: set[str] = set()
    for match in _PHONE.finditer(text):
        digits = _digits(match.group())
        facts.add("phone:" + (digits[2:] if digits.startswith("33") else digits))
    text = _PHONE.sub(" ", text)
    for match in _PATH.finditer(text):
        path = re.sub(r"^https?://", "", match.group().rstrip(".").lower())
        facts.add("path:" + path)
    text = _PATH.sub(" ", text)
    for match in _TIME.finditer(text):
        hour, minutes = match.groups()
        facts.add(f"number:{int(hour)}" if minutes == "00" else f"time:{int(hour)}h{minutes}")
    text = _TIME.sub(" ", text)
    for match in _NUMBER.finditer(text):
        value = match.group()
        facts.add("number:" + (value if "," in value else str(int(value))))
    return facts


def missing_facts(source: str, answer: str) -> set[str]:
    """Facts of the source that the answer does not keep."""
    return extract_facts(source) - extract_facts(answer)
