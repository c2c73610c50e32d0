"""The conversation list's filters, read from the page's query string (so they stay in the URL:
shareable, the back button works) and written back for the pagination links. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime, time, timedelta, timezone
from urllib.parse import urlencode

from cadomaestro.console.conversations import CHANNELS, Summary

# The flags a conversation may be filtered on: (query name, label, summary test).
FLAGS: tuple[tuple[str, str], ...] = (
    ("handover", "conseiller demandé ou proposé"),
    ("clarified", "clarification"),
    ("fallback", "incompris"),
    ("identified", "commande identifiée"),
    ("identification_failed", "identification échouée"),
    ("request", "demande au service client"),
)
MAX_TEXT = 200


@dataclass(frozen=True)
class Filters:
    channel: str = ""
    q: str = ""
    since: str = ""  # YYYY-MM-DD, inclusive
    until: str = ""  # YYYY-MM-DD, inclusive
    max_confidence: str = ""  # the lowest confidence in the conversation below this
    handover: bool = False
    clarified: bool = False
    fallback: bool = False
    identified: bool = False
    identification_failed: bool = False
    request: bool = False

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        """What the query asks, anything malformed ignored."""
        channel = query.get("channel", "")
        return cls(
            channel=channel if channel in CHANNELS else "",
            q=query.get("q", "").strip()[:MAX_TEXT],
            since=query.get("since", "") if _day(query.get("since", "")) else "",
            until=query.get("until", "") if _day(query.get("until", "")) else "",
            max_confidence=query.get("max_confidence", "")
            if _confidence(query.get("max_confidence", "")) is not None
            else "",
            **{name: query.get(name) == "1" for name, _ in FLAGS},
        )

    @property
    def since_at(self) -> datetime | None:
        day = _day(self.since)
        return datetime.combine(day, time(), timezone.utc) if day else None

    @property
    def until_at(self) -> datetime | None:
        day = _day(self.until)
        return datetime.combine(day + timedelta(days=1), time(), timezone.utc) if day else None

    @property
    def on_summaries(self) -> bool:
        """Whether some filter needs the conversations' summaries (not only SQL)."""
        return bool(self.max_confidence) or any(getattr(self, name) for name, _ in FLAGS)

    def keeps(self, summary: Summary) -> bool:
        threshold = _confidence(self.max_confidence)
        if threshold is not None and not (
            summary.lowest_confidence is not None and summary.lowest_confidence < threshold
        ):
            return False
        tests = {
            "handover": summary.handover,
            "clarified": summary.clarified,
            "fallback": summary.fallback,
            "identified": summary.identified,
            "identification_failed": summary.identification_failed,
            "request": bool(summary.requests),
        }
        return all(tests[name] for name, _ in FLAGS if getattr(self, name))

    def query(self, **changes: object) -> str:
        """The query string of these filters (with `changes`, e.g. page=2)."""
        values: dict[str, object] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value:
                values[field.name] = "1" if value is True else value
        values.update({key: value for key, value in changes.items() if value})
        return urlencode(values)


def _day(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return None


def _confidence(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if 0 < number <= 1 else None
