"""How the console writes numbers and times for French agents (cadomaestro/console/formats.py)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from cadomaestro.console import formats


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (lambda: formats.integer(12345), "12\u202f345"),
        (lambda: formats.integer(7), "7"),
        (lambda: formats.decimal(2.5), "2,5"),
        (lambda: formats.decimal(3.0), "3"),
        (lambda: formats.decimal(1234.25, 2), "1\u202f234,25"),
        (lambda: formats.percent(0.125), "12,5\u202f%"),
        (lambda: formats.percent(1.0), "100\u202f%"),
        (lambda: formats.percent(1 / 3), "33,3\u202f%"),
        (lambda: formats.percent(None), "—"),
    ],
    ids=["thousands", "integer", "decimal", "no ,0", "two digits", "percent", "100 %", "third",
         "no rate"],
)  # fmt: skip
def test_french_numbers(number, expected: str) -> None:
    assert number() == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 12, 4, 2, 59, tzinfo=timezone.utc), "04/12/2026 03:59"),  # winter: +1
        (datetime(2026, 7, 14, 22, 30, tzinfo=timezone.utc), "15/07/2026 00:30"),  # summer: +2
        (datetime(2026, 12, 4, 2, 59), "04/12/2026 03:59"),  # naive (SQLite): UTC
        (None, ""),
    ],
)
def test_times_in_the_shops_time_zone(moment, expected: str) -> None:
    assert formats.local(moment) == expected


def test_confidences_with_a_decimal_comma() -> None:
    assert formats.confidence(0.5871) == "0,59" and formats.confidence(1.0) == "1,00"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Emma", "d’Emma"), ("Lucas", "de Lucas"), ("Élodie", "d’Élodie"), ("Hugo", "d’Hugo")],
)
def test_french_elision(name: str, expected: str) -> None:
    assert formats.of(name) == expected
