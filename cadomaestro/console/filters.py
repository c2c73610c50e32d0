"""The conversation list's filters, read from the page's query string (so they stay in the URL:
shareable, the back button works) and written back for the pagination links. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime, time, timedelta, timezone
from urllib.parse import urlencode

from cadomaestro.console.conversations import CHANNELS, Summary
from cadomaestro.console.review import Marks, tag_name
from cadomaestro.rules.requests import RequestKind

# The flags a conversation may be filtered on: (query name, label, summary test).
FLAGS: tuple[tuple[str, str], ...] = (
    ("handover", "conseiller demandé ou proposé"),
    ("handover_asked", "conseiller demandé par le client"),
    ("clarified", "clarification"),
    ("fallback", "incompris"),
    ("identified", "commande identifiée"),
    ("identification_failed", "identification échouée"),
    ("request", "demande au service client"),
    ("flagged", "message signalé par un agent"),
)
MAX_TEXT = 200
MAX_LABEL = 120
REVIEWED = {"yes": True, "no": False}  # the `reviewed` filter's values
# The kinds of request to customer service (RequestKind), as agents read them.
KINDS = {
    RequestKind.MODIFICATION.value: "Modification (articles, adresse)",
    RequestKind.ANNULATION.value: "Annulation",
    RequestKind.PERSONNALISATION.value: "Correction d’une personnalisation",
    RequestKind.EMBALLAGE_CARTE.value: "Emballage cadeau ou carte",
    RequestKind.CHANGEMENT_PAIEMENT.value: "Changement de moyen de paiement",
    RequestKind.PRECISIONS_LIVRAISON.value: "Précisions pour la livraison",
    RequestKind.ENQUETE_TRANSPORTEUR.value: "Enquête auprès du transporteur",
    RequestKind.SAV.value: "Service après-vente (produit abîmé, manquant, non conforme)",
}


@dataclass(frozen=True)
class Filters:
    channel: str = ""
    q: str = ""
    since: str = ""  # YYYY-MM-DD, inclusive
    until: str = ""  # YYYY-MM-DD, inclusive
    max_confidence: str = ""  # the lowest confidence in the conversation below this
    handover: bool = False
    handover_asked: bool = False
    clarified: bool = False
    fallback: bool = False
    identified: bool = False
    identification_failed: bool = False
    request: bool = False
    flagged: bool = False
    topic: str = ""  # a topic or intent a customer message was filed under
    kind: str = ""  # a kind of request to customer service (RequestKind)
    tag: str = ""
    reviewed: str = ""  # "yes", "no" or "" (either)

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
            topic=query.get("topic", "").strip()[:MAX_LABEL],
            kind=query.get("kind", "") if query.get("kind", "") in KINDS else "",
            tag=tag_name(query.get("tag", "")),
            reviewed=query.get("reviewed", "") if query.get("reviewed", "") in REVIEWED else "",
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
    def threshold(self) -> float | None:
        """The confidence threshold asked (`max_confidence`), if any."""
        return _confidence(self.max_confidence)

    @property
    def on_summaries(self) -> bool:
        """Whether some filter needs the conversations' summaries (not only SQL)."""
        return bool(self.max_confidence or self.topic or self.kind or self.on_marks) or any(
            getattr(self, name) for name, _ in FLAGS
        )

    @property
    def on_marks(self) -> bool:
        """Whether some filter needs what agents added (tags, reviews, flags)."""
        return bool(self.tag or self.reviewed or self.flagged)

    def keeps(self, summary: Summary, marks: Marks | None = None) -> bool:
        """Whether `summary` passes the filters; `marks` (of at least this conversation) is
        needed when `on_marks`."""
        if self.topic and self.topic not in summary.topics:
            return False
        if self.kind and self.kind not in summary.request_kinds:
            return False
        if self.on_marks:
            if marks is None:
                raise ValueError("the tag and reviewed filters need the conversations' marks")
            if self.tag and self.tag not in marks.tags.get(summary.sender_id, ()):
                return False
            if self.reviewed and (summary.sender_id in marks.reviewed) != REVIEWED[self.reviewed]:
                return False
            if self.flagged and summary.sender_id not in marks.flagged:
                return False
        threshold = self.threshold
        if threshold is not None and not (
            summary.lowest_confidence is not None and summary.lowest_confidence < threshold
        ):
            return False
        tests = {
            "handover": summary.handover,
            "handover_asked": summary.handover_asked,
            "clarified": summary.clarified,
            "fallback": summary.fallback,
            "identified": summary.identified,
            "identification_failed": summary.identification_failed,
            "request": bool(summary.requests),
            "flagged": True,  # checked above, with the marks
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
    """A YYYY-MM-DD day of a year the shop can have conversations in (1970-2999)."""
    try:
        day = datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return None
    return day if 1970 <= day.year <= 2999 else None


def _confidence(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if 0 < number <= 1 else None
