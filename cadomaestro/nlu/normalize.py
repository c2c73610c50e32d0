"""Normalise French chat text before tokenisation.

Phone keyboards type typographic apostrophes (’), chat apps insert non-breaking and narrow spaces
before « ? » and « : », and copy-paste brings ligatures, full-width letters, zero-width and control
characters. All of them are mapped to the plain forms the training data uses, so that "j’ai" and
"j'ai" are one token sequence. « ah bon » loses its « bon », which reads as a voucher.
`strip_accents` folds diacritics: the pipeline applies it too (config.yml, `fold_accents`), since
a third of customers type without accents and folding both training and incoming text measured
better than keeping them (docs/understanding.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_APOSTROPHES = "\u2019\u2018\u02bc\u00b4\u0060\u2032\u201b\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_TRANSLATION = str.maketrans(
    {
        **{c: "'" for c in _APOSTROPHES},
        **{c: '"' for c in _DOUBLE_QUOTES},
        **{c: "-" for c in _DASHES},
    }
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# « ah bon ? » is surprise, not a voucher (« bon de réduction », « bon d'achat »): the word is
# dropped after the interjection (no training example has it there).
_SURPRISE = re.compile(
    r"\b(ah+|oh+|ha+)\s+bon\b(?!\s*(d|de|du|des|anniversaire|appetit|appétit|courage|voyage|"
    r"week|we|cadeau|achat|plan|retour)\b)",
    re.IGNORECASE,
)
_WHITESPACE = re.compile(r"\s+")
# An elided word typed without its apostrophe: « ladresse », « jattends », « quaucun » (qu').
# Elision happens before a vowel or a mute h; the rest must be at least 3 letters.
_ELIDED = re.compile(r"(qu|[cdjlmnst])([aeiouyhàâäéèêëîïôöûüÿœæ][^\W\d_]{2,})", re.IGNORECASE)


def normalize_text(text: str) -> str:
    """Return `text` with Unicode variants mapped to plain forms and whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in text
    )
    text = _SURPRISE.sub(r"\1", text.translate(_TRANSLATION))
    return _WHITESPACE.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    """`text` without diacritics ("délai" -> "delai", "Noël" -> "Noel")."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    )


def split_elision(word: str, is_variant: Callable[[str, str], bool]) -> tuple[str, str] | None:
    """« ladresse » -> ("l'", "adresse"): the two words an elision typed without its apostrophe
    stands for, when `is_variant(word, rest)` (lower case) says the word is a spelling of its
    rest (the pipeline asks spaCy's vectors, cadomaestro/nlu/components.py); else None.
    « lorsque », « large » or « dire » stay whole: they are words of their own."""
    match = _ELIDED.fullmatch(word)
    if not match or not is_variant(word.lower(), match[2].lower()):
        return None
    return f"{match[1]}'", match[2]
