"""A conversation as a Rasa end-to-end test story (tests/conversations/, run by `make test` with
`rasa test core --e2e --fail-on-prediction-errors`): pure, over the conversation's events as the
console reads them (Rasa event dicts, conversations.py) and its corrections (review.py).

Each customer message becomes a `user:` step (its identifiers replaced by fictional ones and
annotated, found as the training export finds them: identifiers.personal_spans; the other
entities its parse found annotated inline) and an `intent:`: the agents' correction when there
is one (a new topic proposed is no label: the assistant's reading stays), else what the
assistant understood (an FAQ topic as its full response key, `faq/pays_livraison`); then the
actions the assistant ran (`action_respond`), without Rasa's bookkeeping (`action_listen`,
session starts). A correction is of the message at its index only if it recorded the same text:
a sender id outlives its conversations (a WhatsApp number), so one recorded for an older
conversation is ignored, with a comment.

A message the assistant did not understand (`nlu_fallback`) and no agent corrected makes no
meaningful test (expecting a misunderstanding would fail the day the model understands it), so
such a conversation is refused, with the messages to correct first (`StoryError`).

The story is named after the console, the conversation's date, its channel and a short hash of
its sender id salted with its first event's time: never the sender id itself (on Messenger and
WhatsApp a page-scoped id or a phone number), which a plain hash would not hide (phone numbers
are few enough to try them all).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timezone
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from cadomaestro import paths
from cadomaestro.console import training
from cadomaestro.console.conversations import FALLBACK_INTENT, channel_of, reading
from cadomaestro.console.identifiers import (
    EMAIL,
    MARKUP,
    REFERENCE,
    Span,
    markup,
    personal_spans,
    rewrite,
)
from cadomaestro.console.review import Correction
from cadomaestro.nlu.normalize import normalize_text, strip_accents

DEFAULT_FILE = paths.CONVERSATION_TESTS / "test_console_stories.yml"
HEADER = (
    "# Conversation tests exported from the agent console (`python -m cadomaestro.console story`\n"
    "# or a conversation's story.yml): real conversations, each customer message expected to be\n"
    "# understood as the agents corrected it (else as the assistant did), then answered by the\n"
    "# dialogue. Identifiers are fictional. Run by `make test` (rasa test core --e2e).\n"
)
# Rasa's bookkeeping, not the assistant's doing.
SKIPPED_ACTIONS = frozenset(
    {"action_listen", "action_session_start", "action_extract_slots", "action_unlikely_intent"}
)
STORY_PREFIX = "  - story: "
IGNORED_CORRECTION = (
    "      # a correction in the console was of another message at this place (an older"
    " conversation of this sender id): ignored"
)
_NEEDS_QUOTES = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class StoryError(ValueError):
    """Why a conversation cannot be exported as a test (French, for the agent)."""


def _quoted(text: str) -> str:
    """A YAML scalar as test_stories.yml writes them: in double quotes, or single quotes when
    the text has double quotes (an entity's JSON), escaped by PyYAML when it has to be."""
    if _NEEDS_QUOTES.search(text):
        dumped = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1_000_000)
        return dumped.removesuffix("\n...\n").rstrip("\n")
    if '"' in text:
        return "'" + text.replace("'", "''") + "'"
    return '"' + text.replace("\\", "\\\\") + '"'


def _first_time(events: Iterable[Mapping[str, Any]]) -> float | None:
    times = [e["timestamp"] for e in events if isinstance(e.get("timestamp"), (int, float))]
    return min(times) if times else None


def story_id(sender_id: str, events: Sequence[Mapping[str, Any]]) -> str:
    """A short hash of the sender id, salted with the conversation's first moment."""
    first = _first_time(events)
    return hashlib.sha256(f"{sender_id}|{first!r}".encode()).hexdigest()[:10]


def story_name(sender_id: str, events: Sequence[Mapping[str, Any]]) -> str:
    first = _first_time(events)
    date = datetime.fromtimestamp(first, tz=timezone.utc).date().isoformat() if first else "undated"
    return f"Console conversation of {date} ({channel_of(sender_id)} {story_id(sender_id, events)})"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _folded(text: str) -> str:
    """As the pipeline's TextNormalizer reads it (config.yml: accents folded), in lower case."""
    return strip_accents(normalize_text(text)).lower()


@lru_cache(maxsize=4)
def _known_words(root: Path) -> frozenset[str]:
    """The training data's words (training.known_words), read once per checkout: a console
    runs on one checkout, and a deploy restarts it. Unreadable: none, so that every word that
    could be a reference is taken for one (hidden rather than copied)."""
    try:
        return training.known_words(root)
    except (training.ExportError, OSError, yaml.YAMLError):
        return frozenset()


def _user_text(event: Mapping[str, Any], is_known_word: Callable[[str], bool]) -> str:
    """The message with its identifiers fictional and annotated (identifiers.personal_spans,
    as the training export does: never only those its parse found) and the other entities its
    parse found annotated. The parse's positions are in the text as the pipeline read it
    (normalised: spaces collapsed, accents folded); the message as typed is kept when it has
    the same length, else its normalised form (so that the positions hold). Raises ValueError
    if an entity is not where its parse says."""
    raw = str(event.get("text") or "")
    given = event.get("parse_data")
    parse: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    read = parse.get("text")
    text = raw if not isinstance(read, str) or len(read) == len(raw) else normalize_text(raw)
    # A reference's value as the pipeline's extractor gives it: in capitals.
    spans = [dataclasses.replace(s, value=text[s.start : s.end].upper()) if s.entity == REFERENCE
             else s for s in personal_spans(text, is_known_word)]  # fmt: skip
    for entity in parse.get("entities") or []:
        if not isinstance(entity, Mapping):
            continue
        start, end, name = entity.get("start"), entity.get("end"), entity.get("entity")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(name, str)):
            continue
        surface = text[start:end]
        if isinstance(read, str) and _folded(surface) != read[start:end].lower():
            raise ValueError(f"entity {name} not at {start}:{end}")
        value = entity.get("value")
        # after the personal spans, which win where both are; an identifier the parse found
        # and they did not is hidden all the same
        spans.append(Span(start, end, name, None if value is None else str(value),
                          personal=name in (REFERENCE, EMAIL)))  # fmt: skip
    rewritten, entities = rewrite(text, spans)
    return markup(rewritten, entities)


def _applies(correction: Correction, text: str) -> bool:
    """Whether a correction is of this message: one recorded at the same place for another
    text was of an older conversation with the same sender id (a WhatsApp or Messenger id is
    the customer's for good; the assistant deletes old conversations)."""
    return correction.text == text


def story(
    sender_id: str,
    events: Sequence[Mapping[str, Any]],
    corrections: Iterable[Correction],
    root: Path = paths.ROOT,
) -> str:
    """The story of one conversation, as an item of a test file's `stories:` list; `root`:
    the checkout whose training data tells a word from an order reference."""
    by_index = {c.message_index: c for c in corrections}
    known = _known_words(root)
    lines: list[str] = []
    problems: list[str] = []
    index = -1
    for event in events:
        kind = event.get("event")
        if kind == "user":
            index += 1
            raw = str(event.get("text") or "")
            number = f"message n° {index + 1} « {_short(raw)} »"
            correction = by_index.get(index)
            if correction is not None and not _applies(correction, raw):
                lines.append(IGNORED_CORRECTION)
                correction = None
            understood = reading(event.get("parse_data")).label
            label = correction.label if correction and correction.label else understood
            if correction and correction.label:
                lines.append(f"      # corrected in the console (the assistant understood "
                             f"{understood})")  # fmt: skip
            elif correction and correction.proposed_topic:
                topic = _short(correction.proposed_topic, 120)
                lines.append(f"      # a new topic proposed in the console: {topic}")
            elif label in (None, FALLBACK_INTENT):
                problems.append(f"{number} : non compris par l’assistant, pas encore corrigé")
                continue
            if not raw.strip():  # a photo without words: what it meant, no text to read
                lines.append(f"      - intent: {label}")
                continue
            if MARKUP.search(raw):
                problems.append(f"{number} : Rasa y lirait une annotation d’entité")
                continue
            try:
                text = _user_text(event, known.__contains__)
            except ValueError:
                problems.append(f"{number} : ses entités ne sont pas où l’analyse les place")
                continue
            lines.append(f"      - user: {_quoted(text)}")
            lines.append(f"        intent: {label}")
        elif kind == "action" and index >= 0 and event.get("name") not in SKIPPED_ACTIONS:
            lines.append(f"      - action: {event.get('name')}")
    if index < 0:
        raise StoryError("Cette conversation n’a aucun message du client.")
    if problems:
        raise StoryError(
            "Cette conversation ne peut pas encore devenir un test : "
            + " ; ".join(problems)
            + ". Corrigez ces messages dans la conversation, puis exportez-la à nouveau."
        )
    head = [f"{STORY_PREFIX}{story_name(sender_id, events)}", "    steps:"]
    return "\n".join(head + lines) + "\n"


def story_file(block: str) -> str:
    """A test file holding one story."""
    return f'{HEADER}version: "3.1"\n\nstories:\n{block}'


def _name(block: str) -> str:
    first = block.split("\n", 1)[0]
    return str(yaml.safe_load(first[len(STORY_PREFIX) :]))


def with_story(existing: str | None, block: str) -> str:
    """The test file `existing` (None: none yet) with `block` in place of the story of the same
    name, or added at its end."""
    if not existing or not existing.strip():
        return story_file(block)
    lines = existing.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith(STORY_PREFIX)]
    head = "".join(lines[: starts[0]] if starts else lines)
    blocks = ["".join(lines[a:b]).rstrip("\n") + "\n" for a, b in pairwise([*starts, len(lines)])]
    name = _name(block)
    replaced = [block if _name(b) == name else b for b in blocks]
    if name not in {_name(b) for b in blocks}:
        replaced.append(block)
    if not head.endswith("\n"):
        head += "\n"
    content = head + "\n".join(replaced)
    try:
        names = [s.get("story") for s in yaml.safe_load(content).get("stories") or []]
    except (yaml.YAMLError, AttributeError):
        names = []
    if names.count(name) != 1 or len(names) != len(replaced):
        raise StoryError(
            "Le fichier de tests n’a pas la forme attendue (« stories: » puis des "
            "« - story: » indentés de deux espaces) : ajoutez ce test à la main."
        )
    return content
