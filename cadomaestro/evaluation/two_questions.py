"""Messages of two questions (tests/realistic/two_questions/), read by a trained model: how often
both topics are found, and how often a second one is found where the message asks one.

    python -m cadomaestro.evaluation.two_questions [--model models/cadomaestro.tar.gz]

A development set: `second_question_bar` (config.yml) was chosen on it. It counts what the NLU
finds; the dialogue answers a second topic only after a general answer (actions/conversation.py).
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cadomaestro import paths
from cadomaestro.evaluation.metrics import DEFAULT_MODEL, predict
from cadomaestro.nlu.topics import SECOND_QUESTION_KEY, top_topic

TWO_QUESTIONS = paths.REALISTIC / "two_questions"
# A: two independent questions; B: a second question that only points back at the first; C: one
# question and a remark.
KINDS = {"A": "two questions", "B": "a question pointing back", "C": "a question and a remark"}


@dataclass(frozen=True)
class TwoQuestions:
    kind: str
    text: str
    first: str
    second: str | None


def load(folder: Path = TWO_QUESTIONS) -> list[TwoQuestions]:
    return [
        TwoQuestions(e["kind"], e["text"], e["first"], e.get("second"))
        for path in sorted(folder.glob("*.yml"))
        for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []
    ]


def outcome(message: TwoQuestions, parse: dict[str, Any]) -> str:
    """`clarified` (no topic answered); for two questions `both`, `first only` (the first
    topic one of the two, no second) or `wrong`; for one question `one` or `extra` (a second
    topic found)."""
    first = top_topic(parse)
    if first is None:
        return "clarified"
    second = (parse.get(SECOND_QUESTION_KEY) or {}).get("name")
    if message.second is None:
        return "extra" if second else "one"
    asked = {message.first, message.second}
    if second is None:
        return "first only" if first in asked else "wrong"
    return "both" if {first, second} == asked else "wrong"


def tally(messages: Sequence[TwoQuestions], parses: Sequence[dict[str, Any]]) -> dict[str, Counter]:
    counts: dict[str, Counter] = {kind: Counter() for kind in KINDS}
    for message, parse in zip(messages, parses, strict=True):
        counts[message.kind][outcome(message, parse)] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cadomaestro.evaluation.two_questions")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    messages = load()
    parses = asyncio.run(predict(args.model, [m.text for m in messages]))
    for kind, counts in tally(messages, parses).items():
        total = sum(counts.values())
        figures = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
        print(f"{kind} ({KINDS[kind]}, {total}): {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
