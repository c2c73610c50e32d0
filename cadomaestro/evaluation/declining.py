"""Out-of-scope messages through the dialogue: what the customer gets.

The realistic set's figure « out-of-scope messages answered with a topic » is the NLU's: a
message read as anything but out of scope and not clarified counts, small talk included. The
dialogue reads more than the NLU's label: an insult read as « are you a bot? » gets the calm
answer and the contacts, an English message the English sentence (docs/order-conversations.md).
`make eval` also sends each out-of-scope message of the realistic test split, alone, as the first
message of its own conversation, to the assistant the conversations run on, and counts the
messages answered with a topic: some reply that is not one of the replies that answer no topic
(`NO_TOPIC_RESPONSES`: declining, small talk, a clarification's question, the contacts) nor the
greeting mirrored (« Bonsoir ! »).

    python -m cadomaestro.evaluation.dialogues --split dev --url REST_URL  # also the dev split's
"""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import aiohttp
import yaml

from cadomaestro import paths
from cadomaestro.evaluation.metrics import OUT_OF_SCOPE, load_heldout

# The domain's responses that answer no topic: declining, small talk, a clarification's
# question (its buttons only offer topics), the contacts and the apologies around them.
NO_TOPIC_RESPONSES = (
    "utter_out_of_scope", "utter_anglais", "utter_insulte", "utter_comprendre_agacement",
    "utter_parler_humain", "utter_handover", "utter_clarify", "utter_clarify_reformuler",
    "utter_greet", "utter_goodbye", "utter_thanks", "utter_iamabot", "utter_ask_question",
    "utter_no_problem",
)  # fmt: skip
# The greeting mirrored before the answer (« Bonsoir ! »; actions/conversation.py).
_GREETING = re.compile(r"\w+ !")
_SLOT = re.compile(r"\\\{\w+\\\}")  # a response's slot, once escaped: « {salutation} »
CONCURRENCY = 4


@lru_cache(maxsize=1)
def no_topic_replies() -> tuple[re.Pattern[str], ...]:
    """One pattern per paragraph of each of `NO_TOPIC_RESPONSES` (the REST channel sends a
    response's paragraphs as separate messages), its slots matching anything."""
    responses = yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8"))["responses"]
    patterns = []
    for name in NO_TOPIC_RESPONSES:
        for variant in responses[name]:
            for paragraph in str(variant.get("text") or "").split("\n\n"):
                if paragraph.strip():
                    escaped = _SLOT.sub(".+", re.escape(paragraph.strip()))
                    patterns.append(re.compile(escaped, re.DOTALL))
    return tuple(patterns)


def answers_a_topic(replies: Sequence[dict[str, Any]]) -> bool:
    """Whether some reply is neither one of the replies that answer no topic nor a greeting."""
    for reply in replies:
        text = str(reply.get("text") or "").strip()
        if not text or _GREETING.fullmatch(text):
            continue
        if not any(pattern.fullmatch(text) for pattern in no_topic_replies()):
            return True
    return False


@dataclass(frozen=True)
class Declining:
    messages: int
    answered: int  # answered with a topic


async def replay_messages(url: str, messages: Sequence[str]) -> Declining:
    """Each of `messages`, alone, as the first message of its own conversation."""
    limit = asyncio.Semaphore(CONCURRENCY)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:

        async def one(message: str) -> bool:
            body = {"sender": f"eval-oos-{uuid.uuid4().hex[:12]}", "message": message}
            async with limit, session.post(url, json=body) as response:
                if response.status != 200:  # no reply is no answer: the evaluation stops
                    raise RuntimeError(f"{url} answered {response.status}")
                return answers_a_topic(await response.json())

        answered = await asyncio.gather(*(one(m) for m in messages))
    return Declining(len(messages), sum(answered))


def replay_out_of_scope(url: str, split: str) -> Declining:
    """Each out-of-scope message of tests/realistic/<split>/, alone, through `url`."""
    examples = load_heldout(paths.REALISTIC / split)
    return asyncio.run(replay_messages(url, [e.text for e in examples if e.intent == OUT_OF_SCOPE]))


def to_markdown(result: Declining, split: str) -> str:
    return (
        f"### Out-of-scope messages through the dialogue\n\n"
        f"The {result.messages} out-of-scope messages of tests/realistic/{split}/, each sent "
        f"alone as a new conversation: **{result.answered} answered with a topic** (a reply "
        f"other than declining, small talk, a clarification's question or the contacts; "
        f"cadomaestro/evaluation/declining.py).\n"
    )
