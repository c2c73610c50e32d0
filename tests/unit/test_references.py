import pytest

from cadomaestro.nlu.references import find_order_references

KNOWN_WORDS = {"livraison", "commandes", "recherche", "transport", "entrepot", "attends"}


def values(text: str) -> list[str]:
    return [m.value for m in find_order_references(text, KNOWN_WORDS.__contains__)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ma commande KQZPTRBWE n'est pas arrivée", ["KQZPTRBWE"]),
        ("commande kqzptrbwe", ["KQZPTRBWE"]),  # typed in lower case
        ("bjr jretrouve plus mon bon", []),  # unknown SMS word, no consonant run
        ("prix degressif ?", []),  # unaccented word missing from the vocabulary
        ("commande DEGRESSIF", ["DEGRESSIF"]),  # in capitals, as printed: a reference
        ("ref: KqZpTrBwE.", ["KQZPTRBWE"]),
        ("KQZPTRBWE et XMPLDWQAZ", ["KQZPTRBWE", "XMPLDWQAZ"]),
        ("où en est ma livraison", []),  # 9-letter French word
        ("MES COMMANDES", []),  # shouted word is still a word
        ("KQZPTRBWEX", []),  # 10 letters
        ("KQZPTRBW", []),  # 8 letters
        ("KQZPTRBWE1", []),  # glued to a digit: not a 9-letter word
        ("éKQZPTRBWE", []),  # glued to an accented letter
        ("", []),
        # « l'entrepôt » typed without its apostrophe nor accent is a word, not a reference
        ("recup a lentrepot, pas du chene. DFGTRHYJK 42160", ["DFGTRHYJK"]),
        ("recup a lentrepot", []),
        ("LENTREPOT", ["LENTREPOT"]),  # in capitals, as printed
        ("jlattends depuis 10j la", []),  # « j'l'attends »: two elisions
        ("jlkqzptrb", ["JLKQZPTRB"]),  # no word after them
        # one in capitals, as printed: the other, in lower case, is a word
        ("bkwxtrplm KQZPTRBWE", ["KQZPTRBWE"]),
    ],
)
def test_find_order_references(text: str, expected: list[str]) -> None:
    assert values(text) == expected


def test_match_offsets_point_at_the_reference() -> None:
    text = "bonjour, colis KQZPTRBWE perdu"
    (match,) = find_order_references(text, KNOWN_WORDS.__contains__)
    assert text[match.start : match.end] == "KQZPTRBWE"


def test_a_word_typed_without_its_accents_is_a_word() -> None:
    import numpy as np
    import spacy

    from cadomaestro.nlu.components import known_word

    vocab = spacy.blank("fr").vocab
    vocab.set_vector("répondrez", np.ones(3, dtype="float32"))
    known = known_word(vocab)
    assert known("répondrez") and known("repondrez") and not known("kqzptrbwe")
