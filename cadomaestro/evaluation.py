"""Held-out evaluation of the trained model: intent accuracy, FAQ retrieval top-1, per topic.

`make eval` prints the report and writes it to reports/; the test suite asserts the floors.
A prediction is the intent DIET ranked first, and for retrieval intents the response key its
response selector ranked first, so `faq/pays_livraison` is right only when both are. Whether the
fallback classifier would rather ask for clarification is reported separately: a clarification
is not a wrong answer, and top-1 accuracy measures the model, not the threshold.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import structlog
import yaml

from cadomaestro.faq.corpus import RETRIEVAL_INTENTS
from cadomaestro.nlu.topics import rank_topics

ROOT = Path(__file__).resolve().parents[1]
HELDOUT_DIR = ROOT / "tests" / "heldout"
DEFAULT_MODEL = ROOT / "models" / "cadomaestro.tar.gz"
INTENT_FLOOR = 0.92
RETRIEVAL_FLOOR = 0.90


@dataclass(frozen=True)
class Example:
    text: str
    intent: str  # full intent: `faq/pays_livraison` or `greet`


@dataclass(frozen=True)
class Prediction:
    example: Example
    intent: str  # top-ranked intent other than `nlu_fallback`
    full_intent: str  # intent plus response key for retrieval intents
    confidence: float
    fallback: bool  # the assistant would ask for clarification instead of answering
    suggestions: tuple[str, ...] = ()  # the topics a clarification would offer (top 3)

    @property
    def correct(self) -> bool:
        return self.full_intent == self.example.intent


def load_heldout(directory: Path = HELDOUT_DIR) -> list[Example]:
    examples = []
    for path in sorted(directory.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block["examples"].splitlines():
                text = line.strip()
                if text.startswith("- "):
                    examples.append(Example(text[2:].strip(), block["intent"]))
    return examples


def prediction_from_parse(example: Example, parse: dict[str, Any]) -> Prediction:
    ranking = [r for r in parse.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
    top = ranking[0] if ranking else {}
    intent = top.get("name") or ""
    full_intent = intent
    if intent in RETRIEVAL_INTENTS:
        selector = (parse.get("response_selector") or {}).get(intent) or {}
        full_intent = (selector.get("response") or {}).get("intent_response_key") or intent
    fallback = (parse.get("intent") or {}).get("name") == "nlu_fallback"
    suggestions = tuple(key for key, _ in rank_topics(parse, RETRIEVAL_INTENTS)[:3])
    return Prediction(
        example, intent, full_intent, float(top.get("confidence") or 0.0), fallback, suggestions
    )


async def predict(model_path: Path, texts: Iterable[str]) -> list[dict[str, Any]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model_path))
    return [await agent.parse_message(text) for text in texts]


@dataclass
class Report:
    predictions: list[Prediction]
    per_topic: dict[str, tuple[int, int]] = field(default_factory=dict)  # correct, total

    @property
    def intent_accuracy(self) -> float:
        """Top-1 intent right (for retrieval intents: the intent, whatever the topic)."""
        ok = sum(p.intent == p.example.intent.split("/")[0] for p in self.predictions)
        return ok / len(self.predictions)

    @property
    def retrieval_accuracy(self) -> float:
        """Top-1 topic right, over the examples of retrieval intents (FAQ and order problems)."""
        retrieval = [p for p in self.predictions if "/" in p.example.intent]
        return sum(p.correct for p in retrieval) / len(retrieval)

    @property
    def fallback_rate(self) -> float:
        """Share of messages for which the assistant asks for clarification."""
        return sum(p.fallback for p in self.predictions) / len(self.predictions)

    @property
    def wrong_answer_rate(self) -> float:
        """Share of messages answered (no clarification) with the wrong topic or intent."""
        return sum(not p.fallback and not p.correct for p in self.predictions) / len(
            self.predictions
        )

    @property
    def clarification_recovery(self) -> float:
        """Share of clarifications on FAQ topics whose buttons offer the right topic."""
        asked = [p for p in self.predictions if p.fallback and "/" in p.example.intent]
        if not asked:
            return 1.0
        return sum(p.example.intent in p.suggestions for p in asked) / len(asked)

    def confusions(self) -> list[tuple[str, str, int]]:
        pairs = Counter(
            (p.example.intent, p.full_intent) for p in self.predictions if not p.correct
        )
        return [(gold, pred, n) for (gold, pred), n in pairs.most_common()]

    def to_markdown(self) -> str:
        lines = [
            "# Held-out evaluation",
            "",
            f"- examples: {len(self.predictions)}",
            f"- intent accuracy: {self.intent_accuracy:.3f} (floor {INTENT_FLOOR})",
            f"- FAQ retrieval top-1: {self.retrieval_accuracy:.3f} (floor {RETRIEVAL_FLOOR})",
            f"- clarification (fallback) rate: {self.fallback_rate:.3f}",
            f"- answered with a wrong topic: {self.wrong_answer_rate:.3f}",
            f"- clarifications whose buttons offer the right topic: "
            f"{self.clarification_recovery:.3f}",
            "",
            "## Per topic (worst first)",
            "",
            "| topic | correct | total | accuracy |",
            "|---|---|---|---|",
        ]
        for topic, (ok, total) in sorted(
            self.per_topic.items(), key=lambda item: (item[1][0] / item[1][1], item[0])
        ):
            lines.append(f"| {topic} | {ok} | {total} | {ok / total:.2f} |")
        lines += ["", "## Confusions (expected → predicted)", ""]
        lines += [f"- {gold} → {pred}: {n}" for gold, pred, n in self.confusions()] or ["none"]
        lines += ["", "## Misclassified examples", ""]
        lines += [
            f"- `{p.example.text}`: {p.example.intent} → {p.full_intent} ({p.confidence:.2f})"
            + (" — clarification asked" if p.fallback else "")
            for p in self.predictions
            if not p.correct
        ] or ["none"]
        return "\n".join(lines) + "\n"


def build_report(predictions: list[Prediction]) -> Report:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p in predictions:
        counts[p.example.intent][1] += 1
        counts[p.example.intent][0] += p.correct
    return Report(predictions, {k: (v[0], v[1]) for k, v in counts.items()})


def evaluate(model_path: Path = DEFAULT_MODEL, examples: list[Example] | None = None) -> Report:
    examples = load_heldout() if examples is None else examples
    parses = asyncio.run(predict(model_path, [e.text for e in examples]))
    return build_report(
        [prediction_from_parse(e, p) for e, p in zip(examples, parses, strict=True)]
    )


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    parser = argparse.ArgumentParser(prog="python -m cadomaestro.evaluation")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "eval.md")
    args = parser.parse_args(argv)
    report = evaluate(args.model)
    text = report.to_markdown()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
