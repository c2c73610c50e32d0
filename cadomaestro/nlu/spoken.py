"""Proofs said aloud: a phone's dictation, or a customer typing as they would say it, writes an
e-mail as « sophie point petit arobase example point fr » and a postcode as « treize zéro zéro
un », « soixante-neuf zéro zéro trois » or « quarante-quatre mille ». This module reads them back
(« sophie.petit@example.fr », « 13001 », « 69003 », « 44000 »). Only what reads as one whole
e-mail, or as exactly five digits, is read: « deux mugs » or « quinze jours » are no proof.
"""

from __future__ import annotations

import re

from cadomaestro.nlu.normalize import strip_accents

# E-mail: words joined by « point », « tiret », « underscore » around « arobase ».
_JOINERS = {"point": ".", "tiret": "-", "underscore": "_", "tiret du bas": "_", "tiret bas": "_"}
_JOINER = r"(?:point|tiret du bas|tiret bas|tiret|underscore)"
_PART = r"[a-z0-9]+"
_SPOKEN_EMAIL = re.compile(
    rf"\b({_PART}(?:\s+{_JOINER}\s+{_PART})*)\s+(?:arobase|arobas|at)\s+"
    rf"({_PART}(?:\s+{_JOINER}\s+{_PART})*\s+point\s+[a-z]{{2,}})\b"
)
_JOINED = re.compile(rf"\s+({_JOINER})\s+")
# Typed as said but with the symbols: « sophie.petit arobase example.fr ».
_HALF_SPOKEN = re.compile(r"\b([\w.+-]+)\s+(?:arobase|arobas)\s+([\w-]+(?:\.[\w-]+)+)\b")


def spoken_email(text: str) -> str | None:
    """The e-mail said in `text` (lower case), if any."""
    folded = strip_accents(text.lower())
    found = _SPOKEN_EMAIL.search(folded)
    if found:
        local, domain = (
            _JOINED.sub(lambda m: _JOINERS[m.group(1)], part) for part in found.groups()
        )
        return f"{local}@{domain}"
    found = _HALF_SPOKEN.search(folded)
    return f"{found.group(1)}@{found.group(2)}" if found else None


_UNITS = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9,
}  # fmt: skip
_TEENS = {
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
}  # fmt: skip
_TENS = {
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}  # fmt: skip
_NUMBER_WORD = re.compile(
    r"\b(?:"
    + "|".join(
        sorted({*_UNITS, *_TEENS, *_TENS, "et", "cent", "cents", "mille"}, key=len, reverse=True)
    )
    + r")\b"  # fmt: skip
)


def _teen(words: list[str]) -> tuple[int, int] | None:
    """« onze » … « seize », « dix », « dix sept » … « dix neuf »."""
    if not words or words[0] not in _TEENS:
        return None
    if words[0] == "dix" and len(words) > 1 and words[1] in ("sept", "huit", "neuf"):
        return 10 + _UNITS[words[1]], 2
    return _TEENS[words[0]], 1


def _below_hundred(words: list[str]) -> tuple[int, int] | None:
    """(value, words read) of the number below 100 that `words` start with: « trois »,
    « treize », « dix sept », « quarante quatre », « vingt et un », « soixante et onze »,
    « soixante dix neuf », « quatre vingt », « quatre vingt seize »."""
    if not words:
        return None
    if words[:2] in (["quatre", "vingt"], ["quatre", "vingts"]):
        tens, read = 80, 2
    elif words[0] in _TENS:
        tens, read = _TENS[words[0]], 1
    elif words[0] in _UNITS:
        return _UNITS[words[0]], 1
    else:
        return _teen(words)
    if words[read : read + 1] == ["et"]:
        read += 1  # vingt et un, soixante et onze
    teen = _teen(words[read:]) if tens in (60, 80) else None
    if teen:
        return tens + teen[0], read + teen[1]
    if len(words) > read and words[read] in _UNITS and words[read] != "zero":
        return tens + _UNITS[words[read]], read + 1
    return None if words[read - 1] == "et" else (tens, read)


def _value(words: list[str]) -> int | None:
    """The value of a whole number below 1000 said in `words` (« deux cent trois », « onze »;
    nothing: 0)."""
    value, index = 0, 0
    if words[index : index + 1] in (["cent"], ["cents"]):
        value, index = 100, 1
    elif len(words) > 1 and words[0] in _UNITS and words[1] in ("cent", "cents"):
        value, index = _UNITS[words[0]] * 100, 2
    if index == len(words):
        return value
    number = _below_hundred(words[index:])
    if number is None or index + number[1] != len(words):
        return None
    return value + number[0]


def _digits(words: list[str]) -> str | None:
    """The digits a run of number words says. Group by group: « treize zero zero un » ->
    « 13001 », « soixante quinze zero onze » -> « 75011 », « quarante quatre cent » ->
    « 44100 »; as a number around « mille »: « quarante quatre mille » -> « 44000 »,
    « soixante quinze mille onze » -> « 75011 ». None when a word does not fit."""
    if "mille" in words:
        at = words.index("mille")
        thousands, rest = _value(words[:at]), _value(words[at + 1 :])
        if not thousands or rest is None:
            return None
        return str(thousands * 1000 + rest)
    digits, index = "", 0
    while index < len(words):
        word = words[index]
        if word == "zero":
            digits, index = digits + "0", index + 1
            continue
        if word in ("cent", "cents"):
            digits, index = digits + "100", index + 1
            continue
        number = _below_hundred(words[index:])
        if number is None:
            return None
        value, read = number
        after = words[index + read : index + read + 1]
        if after in (["cent"], ["cents"]) and value < 10:
            digits, index = digits + f"{value}00", index + read + 1  # « deux cents »
            continue
        digits += str(value)
        index += read
    return digits or None


def spoken_postcode(text: str) -> str | None:
    """The five-digit postcode said in words in `text`, if any (the first run of number words
    that says exactly five digits)."""
    folded = strip_accents(text.lower()).replace("-", " ")
    words = re.findall(r"[a-z]+|\d+", folded)
    run: list[str] = []
    for word in [*words, ""]:
        if word and _NUMBER_WORD.fullmatch(word):
            run.append(word)
            continue
        while run and run[-1] == "et":
            run.pop()
        while run and run[0] == "et":
            run.pop(0)
        digits = _digits(run) if run else None
        if digits and len(digits) == 5 and digits[:2] != "00":
            return digits
        run = []
    return None
