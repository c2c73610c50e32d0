"""The agents' to-do list: the customer messages the assistant understood least, grouped by the
topic they were closest to. Pure.

A message is on the list when it is not corrected yet and
- Rasa did not understand it (`nlu_fallback`), or
- its intent's confidence is below the threshold, or
- the assistant answered it with close topics (`utter_clarify`) and the customer did not pick
  one of them (conversations.messages' `unresolved`).
Groups come largest first; in a group, the least confident message first.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cadomaestro.console.conversations import Message, messages

LOW_CONFIDENCE = 0.6
NO_TOPIC = ""  # the group of messages no topic was close to


@dataclass(frozen=True)
class Item:
    conversation_id: str
    index: int
    at: datetime | None
    text: str
    confidence: float  # of the likeliest intent (0 if none)
    label: str | None  # what the assistant filed it under
    reasons: tuple[str, ...]  # "fallback", "low_confidence", "unresolved"


@dataclass(frozen=True)
class Group:
    topic: str  # the closest FAQ topic, NO_TOPIC if none
    items: tuple[Item, ...]


def reasons(message: Message, threshold: float) -> tuple[str, ...]:
    read = message.reading
    found = []
    if read.fallback:
        found.append("fallback")
    if read.intent is None or read.intent.confidence < threshold:
        found.append("low_confidence")
    if message.unresolved:
        found.append("unresolved")
    return tuple(found)


def least_understood(
    conversations: Mapping[str, Sequence[Mapping[str, Any]]],
    corrected: Collection[tuple[str, int]] = (),
    threshold: float = LOW_CONFIDENCE,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[Group]:
    """`conversations`: sender id -> its events (all of them: a message's index counts from the
    conversation's start); `corrected`: (sender id, message index) of the messages agents
    already corrected; only the messages sent in [since, until) are listed."""
    groups: dict[str, list[Item]] = {}
    for sender, events in conversations.items():
        for message in messages(events):
            if message.at is None or (since and message.at < since):
                continue
            if until and message.at >= until:
                continue
            why = reasons(message, threshold)
            if not why or (sender, message.index) in corrected:
                continue
            read = message.reading
            topic = read.topic.name if read.topic else NO_TOPIC
            confidence = read.intent.confidence if read.intent else 0.0
            item = Item(
                sender, message.index, message.at, message.text, confidence, read.label, why
            )
            groups.setdefault(topic, []).append(item)
    ordered = [
        Group(topic, tuple(sorted(items, key=lambda i: (i.confidence, i.conversation_id, i.index))))
        for topic, items in groups.items()
    ]
    return sorted(ordered, key=lambda g: (-len(g.items), g.topic == NO_TOPIC, g.topic))
