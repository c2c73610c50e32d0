"""What the console shows of a conversation: its summary for the list and its transcript.

Pure functions over the events Rasa's SQL tracker store keeps (the JSON `data` of each row of
its `events` table, parsed), in the order they were stored. Shapes relied on (Rasa 3.6 and this
project's action server):

- `user`: `text` (as the channel passed it on), `timestamp`, `parse_data` with `intent`
  {name, confidence}, `intent_ranking`, `entities` [{entity, value}], `response_selector`
  {<retrieval intent>: {"response": {intent_response_key, confidence}, "ranking": [...]}}.
  A message Rasa did not understand has the intent `nlu_fallback` (its confidence is the
  threshold; the real candidates follow in `intent_ranking`).
- `bot`: `text`, `data.buttons` [{title, payload}], `metadata.utter_action` (the domain response
  it comes from, when it comes from one: `utter_clarify`, `utter_parler_humain`, …).
- `action`: `name`; `slot`: `name`, `value` (the action server's slots, domain.yml).

A sender id is one conversation, across Rasa's sessions (`session_started`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from cadomaestro.channels.transcript import RESPONSE_KEY, quick_replies
from cadomaestro.faq.corpus import RETRIEVAL_INTENTS
from cadomaestro.nlu.topics import rank_topics

WIDGET, MESSENGER, WHATSAPP, REST = "widget", "messenger", "whatsapp", "rest"
# Sender id prefix of each channel (cadomaestro/channels/inbound.py, RESERVED_SENDER_PREFIXES);
# any other sender id came through the REST channel.
CHANNEL_PREFIXES = {WIDGET: "web:", MESSENGER: "messenger:", WHATSAPP: "whatsapp:"}
CHANNELS = (WIDGET, MESSENGER, WHATSAPP, REST)
# What agents read, "" for every channel.
CHANNEL_TITLES = {
    "": "Tous les canaux",
    "widget": "Site (widget)",
    "messenger": "Messenger",
    "whatsapp": "WhatsApp",
    "rest": "API REST",
}

CUSTOMER, ASSISTANT, ACTION, SLOT = "customer", "assistant", "action", "slot"
FALLBACK_INTENT = "nlu_fallback"
HANDOVER_INTENT = "parler_humain"
CLARIFY = "utter_clarify"  # the close topics offered as buttons
NOT_UNDERSTOOD = frozenset({CLARIFY, "utter_clarify_reformuler"})
HANDOVER_RESPONSES = frozenset({"utter_handover", "utter_parler_humain"})
VERIFIED_SLOT = "commande_verifiee"
FAILURES_SLOT = "echecs_identification"
REQUEST_KIND_SLOT = "type_demande"
# Slot sets a transcript shows (the others are the dialogue's bookkeeping).
SHOWN_SLOTS = frozenset({VERIFIED_SLOT, FAILURES_SLOT, REQUEST_KIND_SLOT})
# « votre demande n° 12 pour la commande … » (cadomaestro/replies/requests.py)
REQUEST_NUMBER = re.compile(r"\bdemande n°\s*(\d+)")
HIDDEN_ACTIONS = frozenset({"action_listen"})
CANDIDATES = 2  # next candidates shown after the predicted intent and topic


def channel_of(sender_id: str) -> str:
    for channel, prefix in CHANNEL_PREFIXES.items():
        if sender_id.startswith(prefix):
            return channel
    return REST


def time_of(event: Mapping[str, Any]) -> datetime | None:
    timestamp = event.get("timestamp")
    if not isinstance(timestamp, (int, float)):
        return None
    return datetime.fromtimestamp(timestamp, tz=timezone.utc)


@dataclass(frozen=True)
class Candidate:
    name: str
    confidence: float


@dataclass(frozen=True)
class Reading:
    """What the NLU made of a customer message."""

    intent: Candidate | None  # the likeliest intent other than nlu_fallback
    intents: tuple[Candidate, ...]  # the next ones
    fallback: bool  # Rasa did not understand it (nlu_fallback)
    topic: Candidate | None
    topics: tuple[Candidate, ...]
    entities: tuple[tuple[str, str], ...]  # (entity, value)

    @property
    def label(self) -> str | None:
        """The topic or intent the message is filed under: the FAQ topic of a retrieval intent,
        else the intent as the dialogue saw it (`nlu_fallback` included)."""
        if self.fallback:
            return FALLBACK_INTENT
        if self.intent and self.intent.name in RETRIEVAL_INTENTS and self.topic:
            return self.topic.name
        return self.intent.name if self.intent else None


def _candidate(name: Any, confidence: Any) -> Candidate | None:
    if not isinstance(name, str) or not name:
        return None
    try:
        return Candidate(name, float(confidence or 0.0))
    except (TypeError, ValueError):
        return Candidate(name, 0.0)


def reading(parse_data: Any) -> Reading:
    """The intent (with the next candidates), the FAQ topic, the entities of a user event's
    `parse_data`. The topic of a retrieval intent is its response selector's choice, as the
    dialogue takes it (actions/respond.py); for any other intent (a fallback, small talk) the
    closest topics over every selector, as the clarification buttons are chosen
    (cadomaestro/nlu/topics.py, scores = intent × selector confidence)."""
    parse = parse_data if isinstance(parse_data, Mapping) else {}
    predicted = (parse.get("intent") or {}).get("name")
    ranking = [
        c
        for r in parse.get("intent_ranking") or []
        if isinstance(r, Mapping) and r.get("name") != FALLBACK_INTENT
        for c in [_candidate(r.get("name"), r.get("confidence"))]
        if c
    ]
    if not ranking and predicted and predicted != FALLBACK_INTENT:
        top = _candidate(predicted, (parse.get("intent") or {}).get("confidence"))
        ranking = [top] if top else []
    selector = (parse.get("response_selector") or {}).get(predicted) or {}
    if predicted in RETRIEVAL_INTENTS and isinstance(selector, Mapping):
        chosen = selector.get("response") or {}
        first = _candidate(chosen.get("intent_response_key"), chosen.get("confidence"))
        others = [
            c
            for r in selector.get("ranking") or []
            if isinstance(r, Mapping)
            for c in [_candidate(r.get("intent_response_key"), r.get("confidence"))]
            if c and (first is None or c.name != first.name)
        ]
        topics = ([first] if first else []) + others
    else:
        topics = [Candidate(key, score) for key, score in rank_topics(parse, RETRIEVAL_INTENTS)]
    entities = tuple(
        (str(e.get("entity")), str(e.get("value")))
        for e in parse.get("entities") or []
        if isinstance(e, Mapping) and e.get("entity")
    )
    return Reading(
        intent=ranking[0] if ranking else None,
        intents=tuple(ranking[1 : 1 + CANDIDATES]),
        fallback=predicted == FALLBACK_INTENT,
        topic=topics[0] if topics else None,
        topics=tuple(topics[1 : 1 + CANDIDATES]),
        entities=entities,
    )


def requests_in(text: str) -> tuple[int, ...]:
    """The request numbers an assistant's message gives (« demande n° 12 »)."""
    return tuple(int(number) for number in REQUEST_NUMBER.findall(text))


@dataclass(frozen=True)
class Turn:
    """One line of a transcript. `kind` says which fields are set:
    - customer: `text` exactly as typed, `clicked` (the title of the button whose payload the
      text is), `reading` (intent, topic, entities), `index` (its position among the
      conversation's customer messages, from 0: what agents' flags and corrections refer to);
    - assistant: `text`, `buttons` (titles), `response` (the domain response), `requests`;
    - action: `name`;
    - slot: `name`, `value`."""

    kind: str
    at: datetime | None
    text: str = ""
    clicked: str | None = None
    reading: Reading | None = None
    buttons: tuple[str, ...] = ()
    response: str | None = None
    requests: tuple[int, ...] = ()
    name: str | None = None
    value: Any = None
    index: int | None = None


def _worth_showing(name: Any, value: Any) -> bool:
    if name == FAILURES_SLOT:
        return isinstance(value, (int, float)) and value > 0
    return name in SHOWN_SLOTS and value not in (None, "")


def transcript(events: Iterable[Mapping[str, Any]]) -> list[Turn]:
    turns: list[Turn] = []
    customers = 0  # customer messages so far: the next one's index
    titles: dict[str, str] = {}  # payload -> title of the buttons last offered
    for event in events:
        kind = event.get("event")
        at = time_of(event)
        if kind == "user":
            text = str(event.get("text") or "")
            read = reading(event.get("parse_data"))
            turns.append(Turn(CUSTOMER, at, text, titles.get(text), read, index=customers))
            customers += 1
        elif kind == "bot":
            data = event.get("data") or {}
            text = str(event.get("text") or "")
            replies = quick_replies(data.get("buttons"))
            if text or replies:  # as the widget's history does (channels/transcript.py)
                titles = {reply["payload"]: reply["title"] for reply in replies}
            response = (event.get("metadata") or {}).get(RESPONSE_KEY)
            turns.append(
                Turn(
                    ASSISTANT,
                    at,
                    text,
                    buttons=tuple(reply["title"] for reply in replies),
                    response=response if isinstance(response, str) else None,
                    requests=requests_in(text),
                )
            )
        elif kind == "action" and event.get("name") not in HIDDEN_ACTIONS:
            turns.append(Turn(ACTION, at, name=str(event.get("name"))))
        elif kind == "slot" and _worth_showing(event.get("name"), event.get("value")):
            turns.append(Turn(SLOT, at, name=str(event["name"]), value=event.get("value")))
    return turns


@dataclass(frozen=True)
class Summary:
    """A conversation in the list. Flags, from the events:
    - clarified: the assistant offered the close topics as buttons (`utter_clarify`);
    - fallback: a customer message Rasa did not understand (`nlu_fallback`), or the assistant
      said it did not understand (`utter_clarify`, `utter_clarify_reformuler`);
    - handover: the customer asked for a person (`parler_humain`) or the assistant gave
      customer service's contacts (`utter_handover`, `utter_parler_humain`);
      handover_asked: the customer asked for it;
    - requests: the numbers of the requests to customer service the assistant confirmed
      (« demande n° N »), request_kinds their kinds (slot `type_demande`, "" if unknown);
    - identified: the order was verified (slot `commande_verifiee` set to a value);
      identification_failed: a reference and proof did not match (`echecs_identification` > 0).
    """

    sender_id: str
    channel: str
    started_at: datetime | None
    last_at: datetime | None
    customer_messages: int
    lowest_confidence: float | None
    topics: tuple[str, ...]
    clarified: bool
    fallback: bool
    handover: bool
    requests: tuple[int, ...]
    identified: bool
    identification_failed: bool
    first_text: str
    handover_asked: bool = False
    request_kinds: tuple[str, ...] = ()


def summarize(sender_id: str, events: Iterable[Mapping[str, Any]]) -> Summary:
    times: list[datetime] = []
    messages = 0
    lowest: float | None = None
    topics: list[str] = []
    clarified = fallback = handover = asked = identified = failed = False
    requests: list[int] = []
    kinds: list[str] = []
    kind_pending = ""
    first_text = ""
    for event in events:
        at = time_of(event)
        if at:
            times.append(at)
        kind = event.get("event")
        if kind == "user":
            messages += 1
            text = str(event.get("text") or "")
            first_text = first_text or text
            read = reading(event.get("parse_data"))
            if read.intent and (lowest is None or read.intent.confidence < lowest):
                lowest = read.intent.confidence
            label = read.label
            if label and label not in topics:
                topics.append(label)
            fallback |= read.fallback
            if read.intent and read.intent.name == HANDOVER_INTENT and not read.fallback:
                handover = asked = True
        elif kind == "bot":
            response = (event.get("metadata") or {}).get(RESPONSE_KEY)
            clarified |= response == CLARIFY
            fallback |= response in NOT_UNDERSTOOD
            handover |= response in HANDOVER_RESPONSES
            for number in requests_in(str(event.get("text") or "")):
                if number not in requests:
                    requests.append(number)
                    kinds.append(kind_pending)
        elif kind == "slot":
            name, value = event.get("name"), event.get("value")
            if name == VERIFIED_SLOT and value not in (None, ""):
                identified = True
            elif name == FAILURES_SLOT and isinstance(value, (int, float)) and value > 0:
                failed = True
            elif name == REQUEST_KIND_SLOT:
                kind_pending = str(value) if value else ""
    return Summary(
        sender_id=sender_id,
        channel=channel_of(sender_id),
        started_at=min(times) if times else None,
        last_at=max(times) if times else None,
        customer_messages=messages,
        lowest_confidence=lowest,
        topics=tuple(topics),
        clarified=clarified,
        fallback=fallback,
        handover=handover,
        requests=tuple(requests),
        identified=identified,
        identification_failed=failed,
        first_text=first_text,
        handover_asked=asked,
        request_kinds=tuple(kinds),
    )


@dataclass(frozen=True)
class Message:
    """A customer message and how the assistant dealt with it.
    - clarified: the assistant answered it with the close topics as buttons (`utter_clarify`);
    - unresolved: clarified, and the customer's next message was not one of the buttons offered
      (typed words, or no next message at all)."""

    index: int
    at: datetime | None
    text: str
    reading: Reading
    clarified: bool = False
    unresolved: bool = False


def messages(events: Iterable[Mapping[str, Any]]) -> list[Message]:
    found: list[Message] = []
    offered: frozenset[str] | None = None  # the clarification's buttons (payloads and titles)
    for event in events:
        kind = event.get("event")
        if kind == "user":
            text = str(event.get("text") or "")
            if offered is not None and found:
                found[-1] = _clarified(found[-1], unresolved=text not in offered)
                offered = None
            found.append(
                Message(len(found), time_of(event), text, reading(event.get("parse_data")))
            )
        elif kind == "bot" and (event.get("metadata") or {}).get(RESPONSE_KEY) == CLARIFY and found:
            replies = quick_replies((event.get("data") or {}).get("buttons"))
            offered = frozenset(r["payload"] for r in replies) | {r["title"] for r in replies}
    if offered is not None and found:
        found[-1] = _clarified(found[-1], unresolved=True)
    return found


def _clarified(message: Message, unresolved: bool) -> Message:
    return Message(message.index, message.at, message.text, message.reading, True, unresolved)
