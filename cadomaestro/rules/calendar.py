"""Business days in Europe/Paris: Monday-Friday except French public holidays, and the 16:00
shipping cut-off."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
SHIPPING_CUTOFF = time(16, 0)


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def french_public_holidays(year: int) -> frozenset[date]:
    """The 11 public holidays of mainland France."""
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),  # Jour de l'an
            easter + timedelta(days=1),  # Lundi de Pâques
            date(year, 5, 1),  # Fête du travail
            date(year, 5, 8),  # Victoire 1945
            easter + timedelta(days=39),  # Ascension
            easter + timedelta(days=50),  # Lundi de Pentecôte
            date(year, 7, 14),  # Fête nationale
            date(year, 8, 15),  # Assomption
            date(year, 11, 1),  # Toussaint
            date(year, 11, 11),  # Armistice
            date(year, 12, 25),  # Noël
        }
    )


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in french_public_holidays(day.year)


def next_day_where(day: date, accept: Callable[[date], bool]) -> date:
    """The first day strictly after `day` that `accept`s."""
    day += timedelta(days=1)
    while not accept(day):
        day += timedelta(days=1)
    return day


def next_business_day(day: date) -> date:
    return next_day_where(day, is_business_day)


def add_business_days(day: date, count: int) -> date:
    for _ in range(count):
        day = next_business_day(day)
    return day


def paris_time(moment: datetime) -> datetime:
    """`moment` in Europe/Paris; naive datetimes are refused (they hide time-zone bugs)."""
    if moment.tzinfo is None:
        raise ValueError("a time-zone-aware datetime is required")
    return moment.astimezone(PARIS)


def shipping_date(ordered_at: datetime) -> date:
    """Orders placed before 16:00 on a business day ship the same day; later ones, and those
    placed on a weekend or holiday, ship the next business day."""
    local = paris_time(ordered_at)
    if is_business_day(local.date()) and local.time() < SHIPPING_CUTOFF:
        return local.date()
    return next_business_day(local.date())
