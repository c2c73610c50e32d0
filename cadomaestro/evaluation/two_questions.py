"""Messages of two questions (tests/realistic/two_questions_dev.yml), read by a trained model:
how often the second question's topic is found, and how often one is found where there is none.

    python -m cadomaestro.evaluation.two_questions [--model models/cadomaestro.tar.gz]

A development set: `second_question_bar` (config.yml) was chosen on it.
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
from cadomaestro.nlu.topics import SECOND_QUESTION_KEY

TWO_QUESTIONS = paths.REALISTIC / "two_questions_dev.yml"
# A: two independent questions; B: a second question that only points back at the first; C: one
# question and a remark.
KINDS = {"A": "two questions", "B": "a question pointing back", "C": "a question and a remark"}


@dataclass(frozen=True)
class TwoQuestions:
    kind: str
    text: str
    first: str
    second: str | None


def load(path: Path = TWO_QUESTIONS) -> list[TwoQuestions]:
    return [
        TwoQuestions(e["kind"], e["text"], e["first"], e.get("second"))
        for e in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


def outcome(message: TwoQuestions, parse: dict[str, Any]) -> str:
    """`both` (the two topics), `second wrong`, `none` (no second topic) or, where the message
    asks one question, `one` or `extra`."""
    found = (parse.get(SECOND_QUESTION_KEY) or {}).get("name")
    if message.second is None:
        return "extra" if found else "one"
    if not found:
        return "none"
    intent = (parse.get("intent") or {}).get("name")
    selected = ((parse.get("response_selector") or {}).get(intent) or {}).get("response") or {}
    first = selected.get("intent_response_key")
    return "both" if {first, found} == {message.first, message.second} else "second wrong"


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
