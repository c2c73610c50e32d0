import pytest

from cadomaestro.nlu.proofs import proof_in, reference_in, without_identifiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KQZPTRBWE", "KQZPTRBWE"),
        ("c'est la KQZPTRBWE merci", "KQZPTRBWE"),
        ("kqzptrbwe", "KQZPTRBWE"),  # lower case, with consonant runs: upper-cased
        ("KqZpTrBwE.", "KQZPTRBWE"),
        ("ref : KQZPTRBWE et XMPLDWQAZ", "KQZPTRBWE"),  # the first one
        ("livraison", None),  # a lower-case word: no run of three consonants
        ("je ne la trouve pas", None),
        ("KQZPTRBW", None),  # 8 letters
        ("KQZPTRBWEX", None),  # 10 letters
        ("KQZPTRBWE1", None),  # glued to a digit
        ("69003", None),
        ("", None),
    ],
)
def test_reference_in(text: str, expected: str | None) -> None:
    assert reference_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("claire.martin@example.fr", "claire.martin@example.fr"),
        ("Claire.Martin@Example.FR", "claire.martin@example.fr"),  # lower-cased
        ("mon mail c'est claire+cado@mail.example.com.", "claire+cado@mail.example.com"),
        ("jean-paul_d@orange.fr, merci", "jean-paul_d@orange.fr"),
        ("69003 ou claire@example.fr", "claire@example.fr"),  # an email wins over a postcode
        ("69003", "69003"),
        ("69 003", "69003"),  # spaces removed
        ("code postal 75011 Paris", "75011"),
        ("1000 Bruxelles", "1000"),  # Belgian 4-digit postcode
        ("97400", "97400"),
        ("690031", None),  # six digits: not a postcode
        ("6", None),
        ("claire@", None),
        ("je ne sais plus", None),
        ("", None),
    ],
)
def test_proof_in(text: str, expected: str | None) -> None:
    assert proof_in(text) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [("Bonjour, KQZPTRBWE claire.martin@example.fr, je veux annuler", "KQZPTRBWE",
      "Bonjour, je veux annuler"),
     ("changer ladresse de kqz ptr bwe, nouvelle adresse 3 rue Neuve 69003", "KQZPTRBWE",
      "changer ladresse de, nouvelle adresse 3 rue Neuve 69003"),
     ("KQZ-PTR-BWE : annulez la svp", "KQZPTRBWE", "annulez la svp"),
     # another reference, or none known: kept (only the verified order's is taken out)
     ("annulez WXCVBNQSD aussi", "KQZPTRBWE", "annulez WXCVBNQSD aussi"),
     ("je veux annuler , merci", None, "je veux annuler, merci"),
     ("claire.martin@example.fr. Je voudrais Léonie au lieu de Léna", None,
      "Je voudrais Léonie au lieu de Léna")],
)  # fmt: skip
def test_without_identifiers(text: str, reference: str | None, expected: str) -> None:
    assert without_identifiers(text, reference) == expected
