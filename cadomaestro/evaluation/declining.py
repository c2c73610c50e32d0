"""Out-of-scope messages through the dialogue: what the customer gets.

The realistic set's figure « out-of-scope messages answered with a topic » is the NLU's (the
issue's goal): a message read as anything but out of scope and not clarified counts, small talk
included. The dialogue reads more than the NLU's label: an insult read as « are you a bot? »
gets the calm answer and the contacts, an English message the English sentence; an unsure
message about « mon colis » asks for the order (docs/order-conversations.md). `make eval` also
sends each out-of-scope message of the realistic test split, alone, as the first message of its
own conversation, to the assistant the conversations run on, and counts the messages answered
with a topic: some reply that is not one of the replies that answer no topic
(`NO_TOPIC_RESPONSES`: declining, small talk, a clarification's question, the contacts) nor the
greeting mirrored (« Bonsoir ! »). A second figure beside the NLU's, not a replacement.

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

from cadomaestro import paths
from cadomaestro.dialogue.signals import MIRRORED_GREETINGS, mirrored
from cadomaestro.domain import responses
from cadomaestro.evaluation.dialogues import CONCURRENCY
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
GREETINGS_MIRRORED = frozenset(mirrored(greeting) for greeting in MIRRORED_GREETINGS)
_SLOT = re.compile(r"\\\{\w+\\\}")  # a response's slot, once escaped: « {salutation} »


@lru_cache(maxsize=1)
def no_topic_replies() -> tuple[re.Pattern[str], ...]:
    """One pattern for each of `NO_TOPIC_RESPONSES`'s texts and one for each of its paragraphs
    (the REST channel sends a text's paragraphs as separate messages, but a text with buttons
    whole), its slots matching anything."""
    texts = {
        part.strip()
        for name in NO_TOPIC_RESPONSES
        for variant in responses()[name]
        for text in [str(variant.get("text") or "")]
        for part in [text, *text.split("\n\n")]
        if part.strip()
    }
    return tuple(re.compile(_SLOT.sub(".+", re.escape(t)), re.DOTALL) for t in sorted(texts))


def answers_a_topic(replies: Sequence[dict[str, Any]]) -> bool:
    """Whether some reply is neither one of the replies that answer no topic nor a greeting
    mirrored; a reply without text but with something else (an image, a custom payload) counts
    as an answer."""
    for reply in replies:
        text = str(reply.get("text") or "").strip()
        if not text:
            if any(value for key, value in reply.items() if key != "recipient_id"):
                return True
            continue
        if text in GREETINGS_MIRRORED:
            continue
        if not any(pattern.fullmatch(text) for pattern in no_topic_replies()):
            return True
    return False


@dataclass(frozen=True)
class DecliningResult:
    messages: int
    answered: int  # answered with a topic
    failed: int = 0  # no reply (an HTTP error, a time-out): neither answered nor declined


async def replay_messages(url: str, messages: Sequence[str]) -> DecliningResult:
    """Each of `messages`, alone, as the first message of its own conversation."""
    limit = asyncio.Semaphore(CONCURRENCY)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:

        async def one(message: str) -> bool | None:
            body = {"sender": f"eval-oos-{uuid.uuid4().hex[:12]}", "message": message}
            try:
                async with limit, session.post(url, json=body) as response:
                    if response.status != 200:
                        return None
                    return answers_a_topic(await response.json())
            except (aiohttp.ClientError, asyncio.TimeoutError):
                return None

        outcomes = await asyncio.gather(*(one(m) for m in messages))
    return DecliningResult(
        len(messages), sum(o is True for o in outcomes), sum(o is None for o in outcomes)
    )


def replay_out_of_scope(url: str, split: str) -> DecliningResult:
    """Each out-of-scope message of tests/realistic/<split>/, alone, through `url`."""
    examples = load_heldout(paths.REALISTIC / split)
    return asyncio.run(replay_messages(url, [e.text for e in examples if e.intent == OUT_OF_SCOPE]))


def to_markdown(result: DecliningResult, split: str) -> str:
    failed = f" {result.failed} got no reply (HTTP error or time-out)." if result.failed else ""
    return (
        f"### Out-of-scope messages through the dialogue\n\n"
        f"The {result.messages} out-of-scope messages of tests/realistic/{split}/, each sent "
        f"alone as a new conversation: **{result.answered} answered with a topic** (a reply "
        f"other than declining, small talk, a clarification's question or the contacts; "
        f"cadomaestro/evaluation/declining.py). A second figure beside the NLU's (the "
        f"realistic set's « out-of-scope fallback »).{failed}\n"
    )
