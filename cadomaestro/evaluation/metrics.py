"""Held-out metrics and report of one system: intent accuracy, macro-F1, FAQ retrieval top-1,
out-of-scope fallback, per topic, confusions.

Every system `make eval` compares (cadomaestro/eval_compare.py) yields `Prediction` objects
scored by the same `Report`; the test suite asserts the floors on the trained model.
A Rasa model's prediction is the intent its classifier ranked first, and for retrieval intents
the response key ranked first within that intent, so `faq/pays_livraison` is right only when
both are.
Whether the fallback classifier would rather ask for clarification is reported separately: a
clarification is not a wrong answer, and top-1 accuracy measures the model, not the threshold.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from cadomaestro import paths
from cadomaestro.faq.corpus import RETRIEVAL_INTENTS
from cadomaestro.nlu.topics import rank_topics

HELDOUT_DIR = paths.HELDOUT
DEFAULT_MODEL = paths.MODEL
INTENT_FLOOR = 0.92
RETRIEVAL_FLOOR = 0.90
OUT_OF_SCOPE = "out_of_scope"
# Rasa's key for the response selector trained on all retrieval intents (no `retrieval_intent`).
DEFAULT_SELECTOR = "default"


@dataclass(frozen=True)
class Example:
    text: str
    intent: str  # full intent: `faq/pays_livraison` or `greet`
    # Other full labels whose answer is right too (a second question in the message; two FAQ
    # answers saying the same thing): set only by a review of the labels
    # (cadomaestro/evaluation/label_review.py).
    also: tuple[str, ...] = ()

    def accepts(self, label: str) -> bool:
        return label == self.intent or label in self.also


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
        return self.example.accepts(self.full_intent)

    @property
    def intent_correct(self) -> bool:
        labels = (self.example.intent, *self.example.also)
        return self.intent in {label.split("/")[0] for label in labels}

    @property
    def gold_intent(self) -> str:
        """The expected intent: the one predicted when it is one of those accepted."""
        return self.intent if self.intent_correct else self.example.intent.split("/")[0]

    @property
    def gold(self) -> str:
        """The expected full label: the one predicted when it is one of those accepted."""
        return self.full_intent if self.correct else self.example.intent


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
        # The selector of the intent, else the one for all retrieval intents, as Rasa's
        # retrieval actions (`utter_faq`) choose the answer.
        selectors = parse.get("response_selector") or {}
        selector = selectors.get(intent) or selectors.get(DEFAULT_SELECTOR) or {}
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


def macro_f1(pairs: Iterable[tuple[str, str]]) -> float:
    """Unweighted mean of the per-label F1 over (gold, predicted) pairs.

    The labels are those that are gold or predicted at least once (scikit-learn's
    `f1_score(average="macro")`): a label only ever predicted wrongly counts as an F1 of 0.
    F1 = 2 TP / (2 TP + FP + FN).
    """
    true_positives: Counter[str] = Counter()
    false_positives: Counter[str] = Counter()
    false_negatives: Counter[str] = Counter()
    for gold, predicted in pairs:
        if gold == predicted:
            true_positives[gold] += 1
        else:
            false_negatives[gold] += 1
            false_positives[predicted] += 1
    labels = set(true_positives) | set(false_positives) | set(false_negatives)
    if not labels:
        raise ValueError("no predictions to score")
    scores = [
        _f1(true_positives[label], false_positives[label], false_negatives[label])
        for label in labels
    ]
    return sum(scores) / len(scores)


def _f1(true_positives: int, false_positives: int, false_negatives: int) -> float:
    return 2 * true_positives / (2 * true_positives + false_positives + false_negatives)


@dataclass(frozen=True)
class TopicScore:
    topic: str  # a gold label: `faq/pays_livraison`, `greet`
    correct: int
    total: int
    confusions: tuple[tuple[str, int], ...] = ()  # wrong predictions, most frequent first

    @property
    def accuracy(self) -> float:
        return self.correct / self.total

    @property
    def main_confusion(self) -> str:
        """`faq/x (2), greet (1)`: the two most frequent wrong predictions."""
        return ", ".join(f"{label} ({n})" for label, n in self.confusions[:2])


def rank_topics_worst_first(scores: Iterable[TopicScore]) -> list[TopicScore]:
    """Lowest accuracy first; at equal accuracy, more errors first, then by name."""
    return sorted(scores, key=lambda s: (s.accuracy, s.correct - s.total, s.topic))


@dataclass
class Report:
    predictions: list[Prediction]
    per_topic: dict[str, tuple[int, int]] = field(default_factory=dict)  # correct, total

    @property
    def intent_accuracy(self) -> float:
        """Top-1 intent right (for retrieval intents: the intent, whatever the topic)."""
        return sum(p.intent_correct for p in self.predictions) / len(self.predictions)

    @property
    def label_accuracy(self) -> float:
        """Top-1 full label right: the intent, and the topic for retrieval intents."""
        return sum(p.correct for p in self.predictions) / len(self.predictions)

    @property
    def macro_f1_intents(self) -> float:
        """Macro-F1 over intents (`faq`, `colis_perdu`, `greet`…: topics merged)."""
        return macro_f1((p.gold_intent, p.intent) for p in self.predictions)

    @property
    def macro_f1_labels(self) -> float:
        """Macro-F1 over full labels (`faq/pays_livraison`, `greet`…: each topic a class)."""
        return macro_f1((p.gold, p.full_intent) for p in self.predictions)

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
    def out_of_scope(self) -> list[Prediction]:
        return [p for p in self.predictions if p.example.intent == OUT_OF_SCOPE]

    @property
    def out_of_scope_fallback_rate(self) -> float:
        """Share of out-of-scope messages not answered with a topic: predicted `out_of_scope`,
        or the system would ask for clarification."""
        messages = self.out_of_scope
        if not messages:
            return float("nan")
        return sum(p.intent == OUT_OF_SCOPE or p.fallback for p in messages) / len(messages)

    @property
    def in_scope_fallback_rate(self) -> float:
        """Share of the other messages for which the system would ask for clarification."""
        messages = [p for p in self.predictions if p.example.intent != OUT_OF_SCOPE]
        return sum(p.fallback for p in messages) / len(messages)

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
        return sum(any(map(p.example.accepts, p.suggestions)) for p in asked) / len(asked)

    def confusions(self) -> list[tuple[str, str, int]]:
        pairs = Counter(
            (p.example.intent, p.full_intent) for p in self.predictions if not p.correct
        )
        return [(gold, pred, n) for (gold, pred), n in pairs.most_common()]

    def topic_scores(self) -> list[TopicScore]:
        """Per gold label, worst first, with its wrong predictions."""
        wrong: dict[str, Counter[str]] = defaultdict(Counter)
        for p in self.predictions:
            if not p.correct:
                wrong[p.example.intent][p.full_intent] += 1
        return rank_topics_worst_first(
            TopicScore(
                topic,
                ok,
                total,
                tuple(sorted(wrong[topic].items(), key=lambda item: (-item[1], item[0]))),
            )
            for topic, (ok, total) in self.per_topic.items()
        )

    def worst_topics(self, n: int = 10) -> list[TopicScore]:
        """The n worst topics among those with at least one error."""
        return [s for s in self.topic_scores() if s.correct < s.total][:n]

    def summary_lines(self) -> list[str]:
        return [
            f"- examples: {len(self.predictions)}",
            f"- intent accuracy: {self.intent_accuracy:.3f} (floor {INTENT_FLOOR})",
            f"- FAQ retrieval top-1: {self.retrieval_accuracy:.3f} (floor {RETRIEVAL_FLOOR})",
            f"- clarification (fallback) rate: {self.fallback_rate:.3f}",
            f"- answered with a wrong topic: {self.wrong_answer_rate:.3f}",
            f"- clarifications whose buttons offer the right topic: "
            f"{self.clarification_recovery:.3f}",
        ]

    def to_markdown(self, title: str = "# Held-out evaluation") -> str:
        """The report; `title`'s level (`#`, `##`…) sets the level of the sections below it."""
        section = "#" * (len(title) - len(title.lstrip("#")) + 1)
        lines = [title, "", *self.summary_lines()]
        lines += [
            "",
            f"{section} Per topic (worst first)",
            "",
            "| topic | correct | total | accuracy |",
            "|---|---|---|---|",
        ]
        for score in self.topic_scores():
            lines.append(
                f"| {score.topic} | {score.correct} | {score.total} | {score.accuracy:.2f} |"
            )
        lines += ["", f"{section} Confusions (expected → predicted)", ""]
        lines += [f"- {gold} → {pred}: {n}" for gold, pred, n in self.confusions()] or ["none"]
        lines += ["", f"{section} Misclassified examples", ""]
        lines += [
            f"- `{p.example.text}`: {p.example.intent} → {p.full_intent} ({p.confidence:.2f})"
            + (" — clarification asked" if p.fallback else "")
            for p in self.predictions
            if not p.correct
        ] or ["none"]
        return "\n".join(lines) + "\n"


def build_report(predictions: Sequence[Prediction]) -> Report:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p in predictions:
        counts[p.example.intent][1] += 1
        counts[p.example.intent][0] += p.correct
    return Report(list(predictions), {k: (v[0], v[1]) for k, v in counts.items()})


def rescore(report: Report, examples: Sequence[Example]) -> Report:
    """The same predictions scored against other labels of the same messages, in order."""
    predictions = []
    for p, example in zip(report.predictions, examples, strict=True):
        if p.example.text != example.text:
            raise ValueError(f"not the same message: {p.example.text!r} / {example.text!r}")
        predictions.append(replace(p, example=example))
    return build_report(predictions)


def evaluate(model_path: Path = DEFAULT_MODEL, examples: list[Example] | None = None) -> Report:
    examples = load_heldout() if examples is None else examples
    parses = asyncio.run(predict(model_path, [e.text for e in examples]))
    return build_report(
        [prediction_from_parse(e, p) for e, p in zip(examples, parses, strict=True)]
    )
