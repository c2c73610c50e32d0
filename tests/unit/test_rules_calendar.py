from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from cadomaestro.rules.calendar import (
    add_business_days,
    easter_sunday,
    french_public_holidays,
    is_business_day,
    shipping_date,
)

PARIS = ZoneInfo("Europe/Paris")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
     (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25))],
)  # fmt: skip
def test_easter(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_2026_holidays() -> None:
    assert french_public_holidays(2026) == {
        date(2026, 1, 1), date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 8),
        date(2026, 5, 14), date(2026, 5, 25), date(2026, 7, 14), date(2026, 8, 15),
        date(2026, 11, 1), date(2026, 11, 11), date(2026, 12, 25),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("day", "business"),
    [
        (date(2026, 11, 25), True),  # Wednesday
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 11, 29), False),  # Sunday
        (date(2026, 11, 11), False),  # Armistice, a Wednesday
        (date(2026, 5, 14), False),  # Ascension, a Thursday
    ],
)
def test_is_business_day(day: date, business: bool) -> None:
    assert is_business_day(day) is business


@pytest.mark.parametrize(
    ("ordered_at", "ships_on"),
    [
        (paris(2026, 11, 25, 15, 59), date(2026, 11, 25)),  # Wednesday before the cut-off
        (paris(2026, 11, 25, 16, 0), date(2026, 11, 26)),  # at 16:00: next business day
        (paris(2026, 11, 27, 15, 0), date(2026, 11, 27)),  # Friday afternoon, before 16:00
        (paris(2026, 11, 27, 18, 30), date(2026, 11, 30)),  # Friday evening: Monday
        (paris(2026, 11, 28, 10, 0), date(2026, 11, 30)),  # Saturday: Monday
        (paris(2026, 11, 10, 17, 0), date(2026, 11, 12)),  # eve of Armistice: the 12th
        (paris(2026, 12, 24, 16, 30), date(2026, 12, 28)),  # Christmas Eve late: Monday 28th
        # 14:30 UTC is 15:30 in Paris in winter (UTC+1) but 16:30 in summer (UTC+2)
        (datetime(2026, 1, 14, 14, 30, tzinfo=timezone.utc), date(2026, 1, 14)),
        (datetime(2026, 7, 15, 14, 30, tzinfo=timezone.utc), date(2026, 7, 16)),
        # daylight-saving change, Sunday 29 March 2026: ships Monday
        (paris(2026, 3, 29, 3, 30), date(2026, 3, 30)),
    ],
)
def test_shipping_date(ordered_at: datetime, ships_on: date) -> None:
    assert shipping_date(ordered_at) == ships_on


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        shipping_date(datetime(2026, 11, 25, 10, 0))


def test_add_business_days_skips_weekends_and_holidays() -> None:
    assert add_business_days(date(2026, 11, 10), 2) == date(2026, 11, 13)  # over the 11th
    assert add_business_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # over the weekend
