"""Realistic conversations driven through the REST channel, many at once: the load test
(tests/integration/test_load.py) and `make bench` (cadomaestro/bench.py) share them.

A conversation greets, asks FAQ questions (the corpus's own questions), goes through two order
problems (question, reference, e-mail: identification and a look-up in the demo shop), thanks
and says goodbye. Each turn is a `faq` or an `order` turn, so latencies can be split.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache

import aiohttp

from cadomaestro.backend.demo import demo_document
from cadomaestro.domain import responses
from cadomaestro.faq.corpus import load_corpus
from cadomaestro.replies.topics import needs_order

FAQ, ORDER = "faq", "order"
# Answers that mean the assistant failed to serve the turn (domain.yml's apologies).
FAILURE_RESPONSES = ("utter_service_indisponible", "utter_backend_indisponible")


@dataclass(frozen=True)
class Turn:
    text: str
    kind: str  # FAQ or ORDER


@dataclass(frozen=True)
class TurnResult:
    sender: str
    index: int
    kind: str
    latency_s: float
    error: str | None  # None when served: HTTP 200, at least one reply, no apology


@cache
def _questions() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The corpus's FAQ questions and its order-problem questions."""
    entries = load_corpus()
    faq = tuple(e.question for e in entries if not needs_order(e.full_intent))
    orders = tuple(e.question for e in entries if needs_order(e.full_intent))
    return faq, orders


@cache
def demo_proofs() -> tuple[tuple[str, str], ...]:
    """(reference, e-mail) of the demo shop's orders (cadomaestro/backend/demo.py)."""
    orders = demo_document(datetime.now(timezone.utc))["orders"]
    return tuple((o["reference"], o["customer_email"]) for o in orders)


@cache
def failure_texts() -> tuple[str, ...]:
    return tuple(responses()[name][0]["text"].split("\n\n")[0] for name in FAILURE_RESPONSES)


def conversation(seed: int) -> list[Turn]:
    """A 20-turn conversation, the same for the same seed."""
    rng = random.Random(seed)
    faq, problems = _questions()

    def order_block() -> list[Turn]:
        reference, email = rng.choice(demo_proofs())
        return [Turn(rng.choice(problems), ORDER), Turn(reference, ORDER), Turn(email, ORDER),
                Turn("merci", FAQ)]  # fmt: skip

    def questions(count: int) -> list[Turn]:
        return [Turn(question, FAQ) for question in rng.sample(faq, count)]

    return [Turn("bonjour", FAQ), *questions(4), *order_block(), *questions(4), *order_block(),
            *questions(2), Turn("au revoir", FAQ)]  # fmt: skip


def problem_in(status: int, replies: object) -> str | None:
    if status != 200:
        return f"HTTP {status}"
    if not isinstance(replies, list) or not replies:
        return "no reply"
    texts = " ".join(str(r.get("text", "")) for r in replies if isinstance(r, dict))
    if any(failure in texts for failure in failure_texts()):
        return "apology"
    return None


async def say(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> str | None:
    """Send one message; the problem with the answer, or None."""
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as response:
            replies = await response.json(content_type=None)
            return problem_in(response.status, replies)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
        return type(error).__name__


async def run_conversation(
    session: aiohttp.ClientSession, url: str, sender: str, turns: list[Turn]
) -> list[TurnResult]:
    results = []
    for index, turn in enumerate(turns):
        started = time.perf_counter()
        error = await say(session, url, sender, turn.text)
        results.append(TurnResult(sender, index, turn.kind, time.perf_counter() - started, error))
    return results


async def run_load(
    url: str, conversations: dict[str, list[Turn]], concurrency: int, timeout_s: float = 120
) -> tuple[list[TurnResult], float]:
    """Run the conversations (sender -> turns), `concurrency` at a time; the results and the
    wall-clock seconds."""
    limit = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=timeout_s)

    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(sender: str, turns: list[Turn]) -> list[TurnResult]:
            async with limit:
                return await run_conversation(session, url, sender, turns)

        started = time.perf_counter()
        done = await asyncio.gather(*(one(s, t) for s, t in conversations.items()))
        elapsed = time.perf_counter() - started
    return [result for results in done for result in results], elapsed
