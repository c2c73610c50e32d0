import pytest

from cadomaestro.nlu.proofs import references_outside_emails
from cadomaestro.nlu.references import find_order_references, order_references

KNOWN_WORDS = {"livraison", "commandes", "recherche", "transport", "entrepot", "attends"}
# Words of a vocabulary for the references typed in groups (spaCy's has « ptr » and « svp »).
GROUP_WORDS = {"mon", "compte", "argent", "svp", "urgent", "ptr", "des", "nul", "est", "la", "bjr"}


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bonjour, c'est la KQZ PTR BWE", ["KQZPTRBWE"]),  # « ptr » a word without a vowel
        ("cest la kqz ptr bwe merci", ["KQZPTRBWE"]),
        ("KQZ-PTR-BWE", ["KQZPTRBWE"]),
        ("nbv.cxw.qsd", ["NBVCXWQSD"]),
        ("commande KQZP TRBWE svp", ["KQZPTRBWE"]),  # two groups
        ("WXC VBN QSD et KQZPTRBWE", ["WXCVBNQSD", "KQZPTRBWE"]),  # in the order typed
        ("ma commande KQZPTRBWE", ["KQZPTRBWE"]),  # one word, as before
        # words: two known words, a known word with a vowel, groups with two vowels
        ("ajouter une adresse sur mon compte", []),
        ("JE VEUX MON ARGENT", []),
        ("SVP URGENT", []),
        ("gros nul asdfgh", []),
        ("jvends des bijoux", []),
        ("ma rue est barree", []),
        ("il en est ou mon molkky", []),
        ("jmets quoi", []),
        ("KQZ PTR BWEX", []),  # 10 letters
        ("KQ ZPT RBWE", []),  # a group of 2 letters
        ("akqz ptr bwe", []),  # the groups must make the reference: 10 letters here
        # a short word without a vowel before the groups is not one of them
        ("bjr nbv cxw qsd", ["NBVCXWQSD"]),
        ("svp kqz ptr bwe", ["KQZPTRBWE"]),
        ("xyz KQZ PTR BWE", ["KQZPTRBWE"]),  # an unknown group too: the capitals win
        ("KQZ  PTR  BWE", ["KQZPTRBWE"]),  # spaces, or a dash with spaces
        ("KQZ - PTR - BWE", ["KQZPTRBWE"]),
    ],
)
def test_references_typed_in_groups(text: str, expected: list[str]) -> None:
    assert [m.value for m in order_references(text, GROUP_WORDS.__contains__)] == expected


def test_a_grouped_reference_spans_its_groups() -> None:
    text = "c'est la KQZ PTR BWE merci"
    (match,) = order_references(text, GROUP_WORDS.__contains__)
    assert text[match.start : match.end] == "KQZ PTR BWE"


def test_no_reference_inside_an_email_address() -> None:
    text = "ma cde: KQZ PTR BWE, mail: ab.cde@nbv.cxw.qsd ou xyzqwrtpl@mail.fr"
    found = references_outside_emails(text, GROUP_WORDS.__contains__)
    assert [m.value for m in found] == ["KQZPTRBWE"]
    assert [m.value for m in order_references(text, GROUP_WORDS.__contains__)] != ["KQZPTRBWE"]
