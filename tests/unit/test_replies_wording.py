from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from cadomaestro.replies.wording import (
    french_date,
    french_list,
    french_moment,
    french_number,
    french_short_date,
    french_window,
    quoted,
)

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("day", "kwargs", "expected"),
    [
        (date(2026, 11, 26), {}, "jeudi 26 novembre"),
        (date(2026, 12, 1), {}, "mardi 1er décembre"),  # the 1st is "1er"
        (date(2026, 12, 1), {"year": True}, "mardi 1er décembre 2026"),
        (date(2026, 11, 26), {"weekday": False}, "26 novembre"),
        (date(2027, 3, 31), {"weekday": False, "year": True}, "31 mars 2027"),
        (date(2026, 8, 15), {}, "samedi 15 août"),  # accented month
        (date(2026, 2, 1), {}, "dimanche 1er février"),
        (date(2026, 11, 23), {}, "lundi 23 novembre"),
        (date(2026, 1, 11), {}, "dimanche 11 janvier"),  # 11: not "1er"
    ],
)
def test_french_date(day: date, kwargs: dict, expected: str) -> None:
    assert french_date(day, **kwargs) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 26, 9, 10, tzinfo=PARIS), "jeudi 26 novembre à 9h10"),
        (datetime(2026, 11, 26, 16, 0, tzinfo=PARIS), "jeudi 26 novembre à 16h00"),
        (datetime(2026, 11, 26, 9, 5, tzinfo=PARIS), "jeudi 26 novembre à 9h05"),
        # UTC is shown in Paris time: +1 h in winter, +2 h in summer
        (datetime(2026, 1, 14, 14, 30, tzinfo=timezone.utc), "mercredi 14 janvier à 15h30"),
        (datetime(2026, 7, 15, 14, 30, tzinfo=timezone.utc), "mercredi 15 juillet à 16h30"),
        # late evening UTC is already the next day in Paris
        (datetime(2026, 11, 30, 23, 30, tzinfo=timezone.utc), "mardi 1er décembre à 0h30"),
    ],
)
def test_french_moment(moment: datetime, expected: str) -> None:
    assert french_moment(moment) == expected


def test_french_moment_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError):
        french_moment(datetime(2026, 11, 26, 9, 10))


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2026, 11, 26), date(2026, 11, 26), "le jeudi 26 novembre"),
        (date(2026, 11, 26), date(2026, 11, 27), "entre le jeudi 26 et le vendredi 27 novembre"),
        (date(2026, 11, 30), date(2026, 12, 1),
         "entre le lundi 30 novembre et le mardi 1er décembre"),
        (date(2026, 12, 1), date(2026, 12, 2), "entre le mardi 1er et le mercredi 2 décembre"),
        (date(2026, 12, 31), date(2027, 1, 4),
         "entre le jeudi 31 décembre et le lundi 4 janvier"),
        # same month number, different years: the month is said twice
        (date(2026, 1, 30), date(2027, 1, 4), "entre le vendredi 30 janvier et le lundi 4 janvier"),
    ],
)  # fmt: skip
def test_french_window(first: date, last: date, expected: str) -> None:
    assert french_window(first, last) == expected
    assert french_window(first, last, today=date(2026, 1, 1)) == expected  # (not near)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 25), "entre demain, jeudi 26, et le vendredi 27 novembre"),
        (date(2026, 11, 26), "entre aujourd’hui, jeudi 26, et demain, vendredi 27 novembre"),
        (date(2026, 11, 24), "entre le jeudi 26 et le vendredi 27 novembre"),
        (date(2026, 11, 27), "entre le jeudi 26 et aujourd’hui, vendredi 27 novembre"),
    ],
)  # fmt: skip
def test_french_window_says_today_and_tomorrow(today: date, expected: str) -> None:
    assert french_window(date(2026, 11, 26), date(2026, 11, 27), today) == expected
    one_day = french_window(date(2026, 11, 26), date(2026, 11, 26), date(2026, 11, 25))
    assert one_day == "demain, jeudi 26 novembre"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (15, "15"),
        (999, "999"),
        (1000, "1\u202f000"),
        (1350, "1\u202f350"),
        (1234567, "1\u202f234\u202f567"),
    ],
)
def test_french_number(value: int, expected: str) -> None:
    assert french_number(value) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b"], "a et b"),
        (["a", "b", "c"], "a, b et c"),
        (("a", "b", "c", "d"), "a, b, c et d"),  # any sequence
    ],
)
def test_french_list(items, expected: str) -> None:
    assert french_list(items) == expected


def test_quoted_uses_french_quotes() -> None:
    assert quoted("Expédié") == "« Expédié »"


@pytest.mark.parametrize(
    ("day", "year", "expected"),
    [(date(2026, 11, 12), False, "12 nov."), (date(2026, 5, 1), False, "1er mai"),
     (date(2026, 2, 28), False, "28 févr."), (date(2026, 8, 15), False, "15 août"),
     (date(2026, 3, 3), False, "3 mars"), (date(2026, 6, 30), False, "30 juin"),
     (date(2026, 7, 14), False, "14 juil."), (date(2026, 9, 9), False, "9 sept."),
     (date(2026, 12, 24), False, "24 déc."), (date(2026, 1, 2), False, "2 janv."),
     (date(2025, 11, 12), True, "12 nov. 2025")],
)  # fmt: skip
def test_french_short_date(day: date, year: bool, expected: str) -> None:
    assert french_short_date(day, year=year) == expected
