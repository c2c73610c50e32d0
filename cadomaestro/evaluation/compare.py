"""`make eval`: this project's pipeline against two baselines on the realistic set (the
headline) and on the held-out set, the conversation evaluation (tests/dialogues/test/, replayed
against a stack of its own), the cross-validation of the pipeline, confusion matrices, in one
Markdown report.

The three systems, each scored by the same `Report` (cadomaestro/evaluation/metrics.py):
- this pipeline: the trained model (models/cadomaestro.tar.gz, config.yml);
- TF-IDF + logistic regression (cadomaestro/evaluation/baselines.py), trained here in seconds;
- Rasa's default NLU pipeline without spaCy (baseline_rasa_default.yml beside this module),
  trained NLU-only by Make (models/baseline-rasa-default.tar.gz).
"""

from __future__ import annotations

import argparse
import logging
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path

import structlog
import yaml

from cadomaestro import paths
from cadomaestro.evaluation.baseline_model import trained_on_today_s_data
from cadomaestro.evaluation.baselines import trained_baseline, training_examples
from cadomaestro.evaluation.crossval import FoldResult, cross_validate
from cadomaestro.evaluation.crossval import to_markdown as cross_validation_markdown
from cadomaestro.evaluation.declining import replay_out_of_scope
from cadomaestro.evaluation.declining import to_markdown as declining_markdown
from cadomaestro.evaluation.dialogues import evaluate_split, running_assistant
from cadomaestro.evaluation.dialogues import to_markdown as dialogue_markdown
from cadomaestro.evaluation.label_review import TEST_REVIEW, apply_reviews, load_reviews
from cadomaestro.evaluation.metrics import (
    DEFAULT_MODEL,
    Report,
    build_report,
    evaluate,
    load_heldout,
    rescore,
)
from cadomaestro.evaluation.plot import plot_report

DEFAULT_BASELINE_MODEL = paths.MODELS / "baseline-rasa-default.tar.gz"
OURS = "this pipeline"
NO_BASELINE = (
    "Rasa's default pipeline (cadomaestro/evaluation/baseline_rasa_default.yml) is not scored: "
    "its model is not trained (`make baseline` trains it; a 100-epoch DIET takes hours on 2 cores)."
)
WORST_TOPICS = 10


@dataclass(frozen=True)
class System:
    name: str
    description: str
    report: Report


# Columns of the comparison: heading, value, and whether the best value is the highest.
Column = tuple[str, Callable[[Report], float], bool]
COLUMNS: tuple[Column, ...] = (
    ("intent accuracy", lambda r: r.intent_accuracy, True),
    ("macro-F1, intents", lambda r: r.macro_f1_intents, True),
    ("full-label accuracy", lambda r: r.label_accuracy, True),
    ("macro-F1, full labels", lambda r: r.macro_f1_labels, True),
    ("FAQ top-1", lambda r: r.retrieval_accuracy, True),
    ("out-of-scope fallback", lambda r: r.out_of_scope_fallback_rate, True),
    ("in-scope clarification", lambda r: r.in_scope_fallback_rate, False),
)
# What "the best of the systems" is judged on (the issue: accuracy and macro-F1).
HEADLINE = ("intent accuracy", "macro-F1, intents", "full-label accuracy", "macro-F1, full labels")


def best_systems(systems: Sequence[System], column: Column) -> list[str]:
    """The names of the systems with the best value of `column` (several when tied)."""
    _, value, highest = column
    values = {s.name: value(s.report) for s in systems}
    finite = [v for v in values.values() if not math.isnan(v)]
    if not finite:
        return []
    best = max(finite) if highest else min(finite)
    return [name for name, v in values.items() if round(v, 3) == round(best, 3)]


def comparison_markdown(systems: Sequence[System]) -> str:
    lines = [
        "| system | " + " | ".join(heading for heading, _, _ in COLUMNS) + " |",
        "|---" * (len(COLUMNS) + 1) + "|",
    ]
    for system in systems:
        cells = []
        for column in COLUMNS:
            value = column[1](system.report)
            cell = f"{value:.3f}"
            if system.name in best_systems(systems, column):
                cell = f"**{cell}**"
            cells.append(cell)
        lines.append(f"| {system.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def verdict(systems: Sequence[System]) -> str:
    """Which system is best on the headline metrics, in one sentence; ties (equal to 3
    decimals) are named."""
    losses: list[str] = []
    ties: dict[str, list[str]] = {}
    for column in COLUMNS:
        if column[0] not in HEADLINE:
            continue
        best = best_systems(systems, column)
        if OURS not in best:
            losses.append(f"{column[0]} ({', '.join(best)})")
        for name in best:
            if name != OURS:
                ties.setdefault(name, []).append(column[0])
    if losses:
        return f"{OURS.capitalize()} is NOT the best on: " + "; ".join(losses) + "."
    count = {2: "two", 3: "three"}.get(len(systems), str(len(systems)))
    sentence = f"{OURS.capitalize()} is the best of the {count} on accuracy and macro-F1"
    for name, headings in ties.items():
        where = "all of them" if len(headings) == len(HEADLINE) else ", ".join(headings)
        sentence += f"; tied with {name} on {where}"
    return sentence + "."


def worst_topics_markdown(system: System, n: int = WORST_TOPICS) -> str:
    worst = system.report.worst_topics(n)
    lines = [
        f"### {system.name}",
        "",
        "| topic | correct | accuracy | predicted instead |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {s.topic} | {s.correct}/{s.total} | {s.accuracy:.2f} | {s.main_confusion} |"
        for s in worst
    ] or ["| no error | | | |"]
    return "\n".join(lines) + "\n"


def fallback_threshold(config: Path = paths.CONFIG) -> float:
    """The TopicFallbackClassifier's threshold in config.yml."""
    pipeline = yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]
    [component] = [c for c in pipeline if c["name"].endswith("TopicFallbackClassifier")]
    return float(component["threshold"])


def definitions(report: Report) -> list[str]:
    oos = len(report.out_of_scope)
    return [
        "- **intent accuracy** / **macro-F1, intents**: over intents (`faq`, `colis_perdu`, "
        "`greet`…; the topics of a retrieval intent merged into it).",
        "- **full-label accuracy** / **macro-F1, full labels**: over full labels "
        "(`faq/pays_livraison`, `colis_perdu/livre_non_recu`, `greet`…; each topic a class). "
        "Macro-F1 is the unweighted mean of the per-label F1 over the labels that are expected "
        "or predicted at least once.",
        "- **FAQ top-1**: right topic, over the examples of retrieval intents (FAQ and order "
        "problems).",
        f"- **out-of-scope fallback**: share of the {oos} out-of-scope examples not answered "
        "with a topic: predicted `out_of_scope`, or the system would ask for clarification "
        f"(this pipeline: TopicFallbackClassifier, threshold {fallback_threshold()} on intent × "
        "selector confidence; Rasa default: FallbackClassifier, 0.3 and ambiguity 0.1; "
        "TF-IDF + LR: the same rule as Rasa's default applied to its probabilities).",
        "- **in-scope clarification**: share of the other examples for which the system would "
        "ask for clarification (lower is better, given the out-of-scope fallback).",
        "- Accuracy and F1 are top-1, whatever the fallback rule would do.",
    ]


@dataclass(frozen=True)
class Section:
    """One evaluation set, scored for every system."""

    title: str
    about: str
    systems: list[System]


def section_markdown(section: Section) -> list[str]:
    ours = section.systems[0].report
    lines = [
        f"## {section.title}",
        "",
        f"{section.about} {len(ours.predictions)} examples, {len(ours.per_topic)} labels.",
        "",
        *[f"- **{s.name}**: {s.description}" for s in section.systems],
        "",
        comparison_markdown(section.systems),
        verdict(section.systems),
        "",
        f"### Worst {WORST_TOPICS} topics per system",
        "",
        "Topics with at least one error, lowest accuracy first (then most errors); "
        "“predicted instead” gives the two most frequent wrong predictions.",
        "",
    ]
    return lines + [worst_topics_markdown(s).replace("### ", "#### ") for s in section.systems]


def build_markdown(
    sections: Sequence[Section],
    dialogues: str,
    folds: Sequence[FoldResult],
    plots: Sequence[Path],
    lr_train_seconds: float,
    folds_requested: int,
) -> str:
    """The report; `plots` are files next to it."""
    ours = sections[0].systems[0].report
    lines = ["# Evaluation of the assistant's understanding", ""]
    for section in sections:
        lines += section_markdown(section)
    lines += ["## Definitions", "", *definitions(ours), f"- TF-IDF + LR trained in "
              f"{lr_train_seconds:.0f} s.", "", dialogues]  # fmt: skip
    title = "## Cross-validation of this pipeline"
    if folds:
        lines.append(cross_validation_markdown(folds, title))
    elif folds_requested:
        lines.append(f"{title}\n\n{folds_requested} folds: running…\n")
    else:
        lines.append(f"{title}\n\nskipped (FOLDS=0)\n")
    lines += ["## Confusion matrices of this pipeline (realistic set)", ""]
    lines += [f"![{plot.stem}]({plot.name})" for plot in plots]
    lines += ["", ours.to_markdown("## This pipeline on the realistic set, in detail")]
    return "\n".join(lines)


def _trained(path: Path, up_to_date: bool) -> str:
    """When the model was trained: `trained 2026-11-25 12:57 UTC`; and, unless `up_to_date`,
    that its figures are those of other training data than data/ holds now."""
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    # Rasa writes `datetime.utcnow()`: a naive time in UTC.
    stamp = LocalModelStorage.metadata_from_archive(path).trained_at.replace(tzinfo=timezone.utc)
    stale = "" if up_to_date else " — from other training data than data/ holds now"
    return f"trained {stamp:%Y-%m-%d %H:%M} UTC{stale}"


def _ours_up_to_date(model: Path) -> bool:
    """Make retrains the model when data/ changes: up to date unless data/ is newer."""
    return model.stat().st_mtime >= max(p.stat().st_mtime for p in paths.DATA.rglob("*.yml"))


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    parser = argparse.ArgumentParser(prog="python -m cadomaestro.evaluation")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--baseline-model", type=Path, default=DEFAULT_BASELINE_MODEL)
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds; 0: skip")
    parser.add_argument("--out", type=Path, default=paths.REPORTS / "eval.md")
    parser.add_argument(
        "--no-dialogues", action="store_true", help="skip the conversations (no stack started)"
    )
    args = parser.parse_args(argv)

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.monotonic()
    lr = trained_baseline(training_examples())
    lr_train_seconds = time.monotonic() - started
    ours_trained = _trained(args.model, _ours_up_to_date(args.model))
    # Rasa's default pipeline takes hours on 2 cores once the data is large (DIET, 100 epochs):
    # without its model the report says so instead of scoring it (`make baseline` trains it).
    has_baseline = args.baseline_model.exists()
    baseline_trained = (
        _trained(args.baseline_model, trained_on_today_s_data(args.baseline_model))
        if has_baseline
        else ""
    )
    written = load_heldout(paths.REALISTIC / "test")
    reviews = load_reviews()
    sections = []
    for title, about, examples in (
        ("Realistic messages (the headline)",
         "tests/realistic/test/: written the way customers type, apart from the training data, "
         "never trained on nor tuned against (choices are made on tests/realistic/dev/); "
         f"labels as reviewed in {TEST_REVIEW.relative_to(paths.ROOT)} "
         f"({sum(r.label != r.written for r in reviews)} relabelled, "
         f"{sum(bool(r.also) for r in reviews)} with another right topic too).",
         apply_reviews(written, reviews)),
        ("Held-out set",
         "tests/heldout/: the first held-out set, closer to the training data's phrasing.",
         load_heldout()),
    ):  # fmt: skip
        progress(f"{title}: parsing {len(examples)} examples")
        sections.append(Section(title, about if has_baseline else f"{about} {NO_BASELINE}", [
            System(OURS, f"config.yml ({args.model}, {ours_trained})",
                   evaluate(args.model, examples)),
            System("TF-IDF + LR",
                   "TF-IDF of words and character n-grams, logistic regression over full "
                   "labels (cadomaestro/evaluation/baselines.py)",
                   build_report(lr.predict(examples))),
            *([System("Rasa default (no spaCy)",
                      "Rasa's default NLU pipeline, "
                      "cadomaestro/evaluation/baseline_rasa_default.yml "
                      f"({args.baseline_model}, {baseline_trained})",
                      evaluate(args.baseline_model, examples))] if has_baseline else []),
        ]))  # fmt: skip
    # The same predictions against the labels as their writer gave them.
    sections.insert(1, Section(
        "Realistic messages, the writer's labels",
        "The same messages and predictions, scored against the labels as written (before the "
        "review).",
        [System(s.name, s.description, rescore(s.report, written)) for s in sections[0].systems],
    ))  # fmt: skip
    plots = plot_report(sections[0].systems[0].report.predictions, args.out.parent, "confusion",
                        OURS)  # fmt: skip
    dialogues = "## Conversations\n\nskipped (--no-dialogues)\n"
    if not args.no_dialogues:
        progress("replaying the conversations of tests/dialogues/test/ against a stack of its own")
        with running_assistant() as url:
            results = evaluate_split("test", url)
            progress("sending the realistic set's out-of-scope messages alone, each a conversation")
            declined = replay_out_of_scope(url, "test")
        dialogues = (
            dialogue_markdown(results, "## Conversations (tests/dialogues/test/, the demo shop)")
            + "\n"
            + declining_markdown(declined, "test")
        )
    # The quick parts first: the cross-validation takes minutes.
    args.out.write_text(
        build_markdown(sections, dialogues, [], plots, lr_train_seconds, args.folds),
        encoding="utf-8",
    )
    folds: list[FoldResult] = []
    if args.folds:
        progress(f"first parts written to {args.out}; {args.folds}-fold cross-validation")
        folds = cross_validate(args.folds, progress=progress)
    text = build_markdown(sections, dialogues, folds, plots, lr_train_seconds, args.folds)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {args.out}")
    return 0
