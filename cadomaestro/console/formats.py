"""How the console writes numbers and times for French agents: pure, shared by the pages (as
Jinja filters), the charts and the CSV exports.

Times are stored in UTC; agents read them in the shop's time zone (TIME_ZONE, Paris). The
dashboard's days are UTC days, and say so.
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

NARROW_SPACE = "\u202f"  # French thousands separator, and before « % »
TIME_ZONE = ZoneInfo("Europe/Paris")


def integer(value: int) -> str:
    """12 345 (a narrow no-break space between thousands)."""
    return f"{value:,}".replace(",", NARROW_SPACE)


def decimal(value: float, digits: int = 1) -> str:
    """2,5 — without a trailing ,0 (3, not 3,0)."""
    text = f"{value:,.{digits}f}".replace(",", NARROW_SPACE).replace(".", ",")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def percent(rate: float | None) -> str:
    """« 12,5 % » for 0.125; « — » when there is no rate (nothing to divide)."""
    return "—" if rate is None else f"{decimal(rate * 100)}{NARROW_SPACE}%"


def confidence(value: float) -> str:
    """0,59: a confidence with two decimals and a decimal comma."""
    return f"{value:.2f}".replace(".", ",")


def local(moment: datetime | None, pattern: str = "%d/%m/%Y %H:%M") -> str:
    """A stored moment in the shop's time zone (naive ones are UTC, as SQLite gives them back);
    "" for none."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(TIME_ZONE).strftime(pattern)


_ELIDING = tuple("aeiouyhàâäéèêëîïôöûüAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÜ")


def of(name: str) -> str:
    """« de Lucas », « d’Emma »: French elision before a vowel (or a mute h)."""
    return f"d’{name}" if name.startswith(_ELIDING) else f"de {name}"
