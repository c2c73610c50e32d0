"""Find order references in free text.

The shop's references are 9 letters, printed in capitals on confirmation emails (`KQZPTRBWE`).
Customers type them in any case amid a sentence, so a 9-letter word is taken for a reference
unless it is a known French word ("livraison", "commandes" and "COMMANDES" are words, not
references). Which words are known is the caller's business (spaCy's vocabulary in the pipeline).
Typed in lower case, a reference must also contain three consonants in a row: chat French has
unknown 9-letter words ("degressif" without its accent, "jretrouve") but they rarely have such a
run, while 91 % of random 9-letter strings do (measured on 100 000 random strings).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

REFERENCE_LENGTH = 9
_CANDIDATE = re.compile(r"(?<![^\W_])[A-Za-z]{9}(?![^\W_])")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{3}")


@dataclass(frozen=True)
class ReferenceMatch:
    start: int
    end: int
    value: str  # canonical form: upper case


def has_consonant_run(word: str) -> bool:
    """Three consonants in a row, as random letters mostly have and French words rarely do."""
    return bool(_CONSONANT_RUN.search(word.lower()))


def find_order_references(text: str, is_known_word: Callable[[str], bool]) -> list[ReferenceMatch]:
    """The references in `text`. A word typed in lower case after an elided article or pronoun
    without its apostrophe (« lentrepot », « jattendais », « jlattends ») is no reference; nor
    is one in lower case when another is typed in capitals, as references are printed."""
    matches = []
    for match in _CANDIDATE.finditer(text):
        word = match.group()
        if is_known_word(word.lower()):
            continue
        if not word.isupper() and not has_consonant_run(word):
            continue
        if not word.isupper() and _elided(word.lower(), is_known_word):
            continue
        matches.append(ReferenceMatch(match.start(), match.end(), word.upper()))
    capitals = [m for m in matches if text[m.start : m.end].isupper()]
    return capitals or matches


_ELIDED = frozenset("cdjlmnst")  # c', d', j', l', m', n', s', t' typed without the apostrophe


def _elided(word: str, is_known_word: Callable[[str], bool]) -> bool:
    """A word after one or two elisions typed without their apostrophes (« lentrepot »,
    « jlattends » for « j'l'attends »)."""
    return word[0] in _ELIDED and (
        is_known_word(word[1:]) or (word[1] in _ELIDED and is_known_word(word[2:]))
    )
