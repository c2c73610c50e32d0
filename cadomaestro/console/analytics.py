"""The dashboard's figures over a period (UTC days) and a channel, computed from the
conversations' events (sender id -> its Rasa events, as `ConversationStore.events_of_period`
reads them) and the WhatsApp delivery statuses. Pure: no database, no web framework. The rules
of what a message or a conversation is come from conversations.py (`summarize`, `messages`,
`reading`); this module only counts.

The period is [since, until], whole days in UTC. A conversation here is what a sender id did in
the period (only its events of the period are read): a customer who writes again next month
counts again next month. Two bases, so that each figure means one thing:

- conversation figures are over the period's conversations in which the customer wrote at
  least once; the others (a widget opened and nothing typed, a message the assistant sent
  first) are counted apart (`silent`) and in no other figure;
- message figures are over the customers' messages sent in the period.

Figures:

- conversations per day: conversations whose first customer message of the period was sent
  that day; messages per day: customer messages sent that day.
- containment: conversations with neither a handover (asked or offered, below) nor an
  unresolved clarification.
- clarification: a customer message of the period the assistant answered with close topics
  as buttons (`utter_clarify`); left unresolved when the customer's next message was not one
  of the buttons offered (typed words instead), or the conversation ended there. Both from the
  same messages (conversations.messages' `clarified` and `unresolved`, read over every event of
  the conversation: the buttons or the answer may come after the period's end), so that a
  conversation left unresolved is always one clarified.
- not understood (fallback): conversations with a message Rasa did not understand
  (`nlu_fallback`) or in which the assistant said it did not understand (Summary.fallback);
  and, per message, the customer messages read as `nlu_fallback`.
- top topics: the FAQ topics (a retrieval intent's response key, `faq/pays_livraison`) the
  customer's messages were filed under (Reading.label), each counted once per conversation.
- top order problems: per conversation, each problem answered from the customer's order: the
  values of the slot `probleme` (the topic the action server keeps while it identifies the
  order: a topic of `colis_perdu`, `produit_defectueux`, `modifier_commande`,
  `points_fidelite`, or `suivi/commande` for « où en est ma commande ? »), and the topics of
  those four retrieval intents a customer message was filed under (the slot is never set when
  the order was already verified: the problem is answered at once). Once per conversation.
- handovers: asked by the customer: a message read as `parler_humain` (typed, or the
  « Parler à quelqu'un » button); offered by the assistant: it gave customer service's contacts
  (`utter_handover`, `utter_parler_humain`) in a conversation where the customer did not ask.
- requests to customer service by kind: each request the assistant confirmed
  (« demande n° N »), by the slot `type_demande` set before it ("" when unknown).
- identification: conversations where an order was verified (`commande_verifiee`), where a
  reference and proof did not match at least once (`echecs_identification` > 0), and where it
  failed without any order verified; rates over the conversations that tried (either).
- median turns: the median number of customer messages per conversation.
- delivery failures: WhatsApp messages (distinct message ids) with a `failed` status recorded
  in the period, out of the messages with any status recorded in the period; per day (of the
  first `failed` status) and by Meta's error code ("" when none was given).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cached_property
from typing import Any

from cadomaestro.console.conversations import (
    Message,
    Summary,
    messages,
    reading,
    summarize,
    time_of,
)
from cadomaestro.faq.corpus import RETRIEVAL_INTENTS

FAQ_INTENT = "faq"
# The retrieval intents of problems the order backend answers (cadomaestro/faq/corpus.py).
ORDER_INTENTS = tuple(intent for intent in RETRIEVAL_INTENTS if intent != FAQ_INTENT)
PROBLEM_SLOT = "probleme"  # actions/respond.py: State.problem
FAILED = "failed"  # a WhatsApp status (cadomaestro/server/statuses.py)

Events = Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class Period:
    """Whole UTC days, `since` to `until` included."""

    since: date
    until: date

    @cached_property
    def start(self) -> datetime:
        return datetime.combine(self.since, time(), timezone.utc)

    @cached_property
    def end(self) -> datetime:
        """The first moment after the period."""
        return datetime.combine(self.until + timedelta(days=1), time(), timezone.utc)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(
            self.since + timedelta(days=n) for n in range((self.until - self.since).days + 1)
        )

    def holds(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end


@dataclass(frozen=True)
class Count:
    name: str
    count: int


@dataclass(frozen=True)
class Day:
    day: date
    conversations: int
    messages: int


@dataclass(frozen=True)
class Delivery:
    """WhatsApp messages' delivery over the period."""

    messages: int  # distinct messages with a status recorded in the period
    failed: int  # of which with a `failed` status
    days: tuple[tuple[date, int], ...]  # failed messages per day
    errors: tuple[Count, ...]  # failed messages per error code, most frequent first


@dataclass(frozen=True)
class Figures:
    period: Period
    days: tuple[Day, ...]
    conversations: int
    silent: int  # the period's conversations without a customer message (not counted)
    messages: int  # customer messages sent in the period
    fallback_messages: int
    contained: int
    clarified: int
    unresolved: int  # clarified, and left unresolved
    fallback: int
    handover_asked: int
    handover_offered: int
    with_request: int  # conversations with a request to customer service
    requests: tuple[Count, ...]  # requests by kind, most frequent first
    identified: int
    identification_failed: int
    identification_lost: int  # failed, and no order verified
    median_turns: float | None
    topics: tuple[Count, ...]  # conversations per FAQ topic, most frequent first
    order_problems: tuple[Count, ...]  # conversations per order problem
    delivery: Delivery | None  # None when there is nothing to count them from

    @property
    def identification_tried(self) -> int:
        """Conversations where an order was verified or a proof failed."""
        return self.identified + self.identification_lost

    @property
    def handovers(self) -> int:
        return self.handover_asked + self.handover_offered

    @property
    def requests_total(self) -> int:
        return sum(count.count for count in self.requests)


def rate(part: int, whole: int) -> float | None:
    """part / whole, None when there is nothing to divide (no base, no rate)."""
    return part / whole if whole else None


def is_faq_topic(label: str | None, intents: Sequence[str] = RETRIEVAL_INTENTS) -> bool:
    """A response key of one of `intents` (`faq/pays_livraison`, `colis_perdu/colis_perdu`),
    not an intent (`greet`, `nlu_fallback`)."""
    intent, slash, key = (label or "").partition("/")
    return bool(slash and key) and intent in intents


def is_order_topic(label: str | None) -> bool:
    """A topic of the retrieval intents the order backend answers (`colis_perdu/…`)."""
    return is_faq_topic(label, ORDER_INTENTS)


def order_problems(events: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    """The order problems of a conversation, in the order they came up, each once: the values
    of the slot `probleme`, and the order topics customer messages were filed under."""
    found: list[str] = []
    for event in events:
        problem: str | None = None
        if event.get("event") == "slot" and event.get("name") == PROBLEM_SLOT:
            value = event.get("value")
            problem = value if isinstance(value, str) and value else None
        elif event.get("event") == "user" and _predicted(event) in ORDER_INTENTS:
            label = reading(event.get("parse_data")).label
            problem = label if is_order_topic(label) else None
        if problem and problem not in found:
            found.append(problem)
    return tuple(found)


def _predicted(event: Mapping[str, Any]) -> Any:
    """The intent Rasa predicted for a user event (read before the whole parse, which costs)."""
    parse = event.get("parse_data")
    intent = parse.get("intent") if isinstance(parse, Mapping) else None
    return intent.get("name") if isinstance(intent, Mapping) else None


@dataclass(frozen=True)
class _Conversation:
    """What a conversation did in the period."""

    active: bool  # it has an event in the period
    summary: Summary  # of its events in the period
    said: tuple[Message, ...]  # its customer messages sent in the period
    problems: tuple[str, ...]

    @property
    def day(self) -> date | None:
        """The day of its first customer message in the period."""
        first = min((m.at for m in self.said if m.at), default=None)
        return first.date() if first else None

    @property
    def clarified(self) -> bool:
        """A customer message of the period was answered with the close topics (even if the
        buttons came after the period's end, as its being resolved may)."""
        return any(m.clarified for m in self.said)

    @property
    def unresolved(self) -> bool:
        """A customer message of the period was clarified and left unresolved: one of those
        `clarified` counts, so that never more unresolved than clarified."""
        return any(m.unresolved for m in self.said)


def _conversation(sender_id: str, events: Events, period: Period) -> _Conversation:
    within = [event for event in events if period.holds(time_of(event))]
    # Over every event: whether a clarification was resolved may be told after the period.
    said = tuple(m for m in messages(events) if period.holds(m.at))
    return _Conversation(bool(within), summarize(sender_id, within), said, order_problems(within))


def _ranked(counter: Counter[str]) -> tuple[Count, ...]:
    """Most frequent first; ties by name, so the order never changes between two reads."""
    return tuple(Count(name, n) for name, n in sorted(counter.items(), key=lambda i: (-i[1], i[0])))


def delivery(statuses: Iterable[Mapping[str, Any]], period: Period) -> Delivery:
    """Delivery figures from status rows (message_id, status, timestamp, error_code)."""
    seen: set[str] = set()
    failures: dict[str, tuple[date, str]] = {}  # message id -> (day, error code) of its failure
    for status in sorted(statuses, key=lambda s: s.get("timestamp") or 0.0):
        at = time_of(status)
        if at is None or not period.holds(at):
            continue
        message = str(status.get("message_id") or "")
        seen.add(message)
        if status.get("status") == FAILED and message not in failures:
            code = status.get("error_code")
            failures[message] = (at.date(), "" if code is None else str(code))
    per_day = Counter(day for day, _ in failures.values())
    return Delivery(
        messages=len(seen),
        failed=len(failures),
        days=tuple((day, per_day[day]) for day in period.days),
        errors=_ranked(Counter(code for _, code in failures.values())),
    )


def figures(
    conversations: Mapping[str, Events],
    period: Period,
    statuses: Iterable[Mapping[str, Any]] | None = None,
) -> Figures:
    """Every figure of the dashboard; `statuses` None: no delivery figures."""
    read = [_conversation(sender, events, period) for sender, events in conversations.items()]
    counted = [c for c in read if c.summary.customer_messages]
    summaries = [c.summary for c in counted]
    said = [m for c in read for m in c.said]
    started = Counter(c.day for c in counted)
    per_day = Counter(m.at.date() for m in said if m.at)
    kinds: Counter[str] = Counter(kind for s in summaries for kind in s.request_kinds)
    topics: Counter[str] = Counter(t for s in summaries for t in s.topics if is_faq_topic(t))
    problems: Counter[str] = Counter(p for c in counted for p in c.problems)
    return Figures(
        period=period,
        days=tuple(Day(day, started[day], per_day[day]) for day in period.days),
        conversations=len(counted),
        silent=sum(1 for c in read if c.active) - len(counted),
        messages=len(said),
        fallback_messages=sum(1 for m in said if m.reading.fallback),
        contained=sum(1 for c in counted if not (c.summary.handover or c.unresolved)),
        clarified=sum(1 for c in counted if c.clarified),
        unresolved=sum(1 for c in counted if c.unresolved),
        fallback=sum(1 for s in summaries if s.fallback),
        handover_asked=sum(1 for s in summaries if s.handover_asked),
        handover_offered=sum(1 for s in summaries if s.handover and not s.handover_asked),
        with_request=sum(1 for s in summaries if s.requests),
        requests=_ranked(kinds),
        identified=sum(1 for s in summaries if s.identified),
        identification_failed=sum(1 for s in summaries if s.identification_failed),
        identification_lost=sum(
            1 for s in summaries if s.identification_failed and not s.identified
        ),
        median_turns=statistics.median(s.customer_messages for s in summaries)
        if summaries
        else None,
        topics=_ranked(topics),
        order_problems=_ranked(problems),
        delivery=None if statuses is None else delivery(statuses, period),
    )
