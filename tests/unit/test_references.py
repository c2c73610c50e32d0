import pytest

from cadomaestro.nlu.references import find_order_references

KNOWN_WORDS = {"livraison", "commandes", "recherche", "transport", "entrepot"}


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
