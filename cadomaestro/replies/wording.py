"""French wording of dates, times, amounts and lists, without depending on the system locale."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from cadomaestro.rules.calendar import paris_time

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
# The usual French abbreviations (the short months keep their full name).
SHORT_MONTHS = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip


def french_date(day: date, *, weekday: bool = True, year: bool = False) -> str:
    """`jeudi 26 novembre` (with `year`: `jeudi 26 novembre 2026`); the 1st is `1er`."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]}"
    if weekday:
        text = f"{DAYS[day.weekday()]} {text}"
    return f"{text} {day.year}" if year else text


def french_short_date(day: date, *, year: bool = False) -> str:
    """`12 nov.` (with `year`: `12 nov. 2025`), for short labels such as buttons."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {SHORT_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def french_moment(moment: datetime) -> str:
    """`jeudi 26 novembre à 9h10`, in Paris time."""
    local = paris_time(moment)
    return f"{french_date(local.date())} à {local.hour}h{local.minute:02d}"


# Days said relative to today, as customers ask (« il arrive demain ? »).
_RELATIVE_DAYS = {0: "aujourd’hui", 1: "demain"}


def french_window(first: date, last: date, today: date | None = None) -> str:
    """`le jeudi 26 novembre`, or `entre le jeudi 26 et le vendredi 27 novembre`; with `today`,
    today and tomorrow said so: `entre demain, jeudi 26, et le vendredi 27 novembre`."""
    same_month = (first.year, first.month) == (last.year, last.month) and first != last
    said_first = french_date(first).rsplit(" ", 1)[0] if same_month else french_date(first)

    def day(when: date, said: str, comma: str = "") -> str:
        relative = _RELATIVE_DAYS.get((when - today).days) if today else None
        return f"{relative}, {said}{comma}" if relative else f"le {said}"

    if first == last:
        return day(first, french_date(first))
    return f"entre {day(first, said_first, ',')} et {day(last, french_date(last))}"


def french_number(value: int) -> str:
    """`1 350` (narrow no-break space as thousands separator, as French typography wants)."""
    return f"{value:,}".replace(",", "\u202f")


def french_list(items: Sequence[str]) -> str:
    """`a`, `a et b`, `a, b et c`."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} et {items[-1]}"


def quoted(text: str) -> str:
    return f"« {text} »"
