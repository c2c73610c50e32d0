"""Find order references in free text.

The shop's references are 9 letters, printed in capitals on confirmation emails (`KQZPTRBWE`).
Customers type them in any case amid a sentence, so a 9-letter word is taken for a reference
unless it is a known French word ("livraison", "commandes" and "COMMANDES" are words, not
references). Which words are known is the caller's business (spaCy's vocabulary in the pipeline).
Typed in lower case, a reference must also contain three consonants in a row: chat French has
unknown 9-letter words ("degressif" without its accent, "jretrouve") but they rarely have such a
run, while 91 % of random 9-letter strings do (measured on 100 000 random strings).

A reference may also be typed in two or three groups (« KQZ PTR BWE », « c'est la nbv cxw
qsd », « KQZ-PTR-BWE »): `find_order_references_in_groups` takes consecutive groups of at least
3 letters that make 9 with a consonant run, each with at most one vowel, as random groups
mostly have and words rarely do (« est barree », « jmets quoi », « MON MOLKKY »), and at most
one of them a known word, without a vowel (« ptr » of « kqz ptr bwe » is one of spaCy's words;
« nul asdfgh », « jvends des » are no references). Four in ten random references typed in
three groups pass (measured on 10 000): the others are read only when asked for or announced
(actions/respond.py), as before. None of the 32 000 messages of the training data and the
development sets, as typed or in capitals, has a false one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

REFERENCE_LENGTH = 9
_CANDIDATE = re.compile(r"(?<![^\W_])[A-Za-z]{9}(?![^\W_])")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{3}")
# A group of a reference typed in groups: 3 to 6 letters, a whole word; and what may separate
# two groups (spaces, or a dot or a dash with or without spaces).
_GROUP = re.compile(r"(?<![^\W_])[A-Za-z]{3,6}(?![^\W_])")
_BETWEEN = re.compile(r"\s*[.-]\s*|\s+")
_VOWELS = frozenset("aeiouy")


def _vowels(group: str) -> int:
    return sum(letter in _VOWELS for letter in group.lower())


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


def find_order_references_in_groups(
    text: str, is_known_word: Callable[[str], bool], *, lenient: bool = False
) -> list[ReferenceMatch]:
    """The references typed in groups in `text` (see the module's docstring). Where two
    readings overlap, the one with fewer known words wins (« bjr nbv cxw qsd » is NBVCXWQSD, not
    BJRNBVCXW), then the one typed in capitals. `lenient`, where a reference is expected
    (the whole message when it is asked for, or right after « commande »): groups in capitals,
    or one with a consonant run, whatever their vowels."""
    candidates: list[tuple[tuple[int, bool, int], ReferenceMatch]] = []
    for run in _runs_of_groups(text):
        for first in range(len(run)):
            for count in (2, 3):
                groups = run[first : first + count]
                if len(groups) < count:
                    break
                words = [group.group() for group in groups]
                compact = "".join(words)
                if len(compact) != REFERENCE_LENGTH:
                    continue
                known = [word for word in words if is_known_word(word.lower())]
                if len(known) > 1 or any(_vowels(word) for word in known):
                    continue
                if lenient:
                    if not (compact.isupper() or any(has_consonant_run(w) for w in words)):
                        continue
                elif not has_consonant_run(compact) or any(_vowels(w) > 1 for w in words):
                    continue
                match = ReferenceMatch(groups[0].start(), groups[-1].end(), compact.upper())
                # Fewer known words first, then one typed in capitals, as printed.
                candidates.append(((len(known), not compact.isupper(), match.start), match))
    chosen: list[ReferenceMatch] = []
    for _, match in sorted(candidates, key=lambda candidate: candidate[0]):
        if not any(match.start < other.end and other.start < match.end for other in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda match: match.start)


def _runs_of_groups(text: str) -> list[list[re.Match[str]]]:
    """The groups of letters of `text`, in runs where only separators stand between them."""
    runs: list[list[re.Match[str]]] = []
    for group in _GROUP.finditer(text):
        if runs and _BETWEEN.fullmatch(text[runs[-1][-1].end() : group.start()]):
            runs[-1].append(group)
        else:
            runs.append([group])
    return runs


def order_references(text: str, is_known_word: Callable[[str], bool]) -> list[ReferenceMatch]:
    """The references in `text`, typed in one word or in groups, in the order typed."""
    single = find_order_references(text, is_known_word)
    grouped = [
        match
        for match in find_order_references_in_groups(text, is_known_word)
        if not any(match.start < other.end and other.start < match.end for other in single)
    ]
    return sorted(single + grouped, key=lambda match: match.start)
