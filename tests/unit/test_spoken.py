"""Proofs said aloud (cadomaestro/nlu/spoken.py): what reads back as one e-mail or five digits,
and what must not."""

from __future__ import annotations

import pytest

from cadomaestro.nlu.spoken import spoken_email, spoken_postcode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("claire point martin arobase example point fr", "claire.martin@example.fr"),
        ("cest sophie sophie point petit arobase example point fr", "sophie.petit@example.fr"),
        ("julien arobase example point fr", "julien@example.fr"),
        ("jean tiret pierre arobase gmail point com", "jean-pierre@gmail.com"),
        ("jean underscore pierre arobase gmail point com", "jean_pierre@gmail.com"),
        ("Lucas Point Moreau Arobase Example Point FR merci", "lucas.moreau@example.fr"),
        ("sophie.petit arobase example.fr", "sophie.petit@example.fr"),
        ("rendez vous at home", None),
        ("arobase", None),
        ("mon mail c est claire point martin", None),  # no « arobase »: no e-mail
        ("le point relais est ferme", None),
    ],
)  # fmt: skip
def test_spoken_email(text: str, expected: str | None) -> None:
    assert spoken_email(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("code postal treize zero zero un", "13001"),
        ("soixante neuf zero zero trois elle arrive quand", "69003"),
        ("soixante-quinze zéro onze", "75011"),
        ("quarante quatre mille", "44000"),
        ("trente-trois mille", "33000"),
        ("soixante quinze mille onze", "75011"),
        ("quarante quatre cent", "44100"),
        ("ah non pardon quarante quatre deux cents", "44200"),
        ("neuf sept quatre zero zero", "97400"),
        ("quatre vingt dix sept mille", "97000"),
        ("vingt et un mille", "21000"),
        ("soixante et onze cent", "71100"),
        ("soixante dix sept zero zero zero", "77000"),
        ("soixante dix sept zero zero", None),  # four digits
        ("j ai un colis de deux mugs", None),
        ("quinze jours", None),
        ("dix sept cent quatre vingt", None),  # not five digits
        ("trois cent mille", None),  # six
        ("et et et", None),
        ("", None),
    ],
)
def test_spoken_postcode(text: str, expected: str | None) -> None:
    assert spoken_postcode(text) == expected
