"""Stratified k-fold cross-validation of this project's NLU pipeline (config.yml) on the training
data, to show how much the figures vary with the data a model is trained on.

Each fold trains an NLU-only model (`rasa.model_training.train_nlu`, the pipeline of config.yml
with its custom components) on the other folds' examples, with the same regexes, lookup tables,
synonyms and FAQ responses, and parses its own examples; the predictions are scored by the same
`Report` as the held-out set. Rasa's `rasa test nlu --cross-validation` is not used: it counts a
clarification (`nlu_fallback`) as a wrong intent and scores response selection apart from the
intent, unlike `Report`.

The config is copied once, so that every fold trains the same pipeline even if config.yml is
edited meanwhile; the copy, the models and Rasa's training cache go to a temporary folder,
removed afterwards.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cadomaestro import paths
from cadomaestro.evaluation.baselines import DATA_DIR, load_training_data
from cadomaestro.evaluation.metrics import (
    Example,
    Report,
    build_report,
    predict,
    prediction_from_parse,
)

CONFIG = paths.CONFIG
SEED = 42


def stratified_folds(labels: Sequence[str], k: int, seed: int = SEED) -> list[list[int]]:
    """Split the indexes of `labels` into k disjoint folds that together cover every index.

    Each label's indexes are shuffled and dealt round-robin, each label starting at the fold
    after the one where the previous label stopped: every label is spread over the folds to
    within one example, and fold sizes differ by at most one.
    """
    if k < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    by_label: dict[str, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        by_label[label].append(index)
    rng = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    position = 0
    for label in sorted(by_label):
        indexes = by_label[label]
        rng.shuffle(indexes)
        for index in indexes:
            folds[position % k].append(index)
            position += 1
    return [sorted(fold) for fold in folds]


@dataclass(frozen=True)
class FoldResult:
    fold: int  # 1-based
    train_size: int
    report: Report
    train_seconds: float
    total_seconds: float  # training and parsing


@dataclass(frozen=True)
class MeanStd:
    mean: float
    std: float  # sample standard deviation (n - 1)

    def __str__(self) -> str:
        return f"{self.mean:.3f} ± {self.std:.3f}"


def mean_std(values: Sequence[float]) -> MeanStd:
    return MeanStd(statistics.fmean(values), statistics.stdev(values) if len(values) > 1 else 0.0)


# What the cross-validation table shows: name, and how to read it from a fold's report.
FOLD_METRICS: tuple[tuple[str, str], ...] = (
    ("intent accuracy", "intent_accuracy"),
    ("macro-F1 (intents)", "macro_f1_intents"),
    ("macro-F1 (full labels)", "macro_f1_labels"),
    ("FAQ top-1", "retrieval_accuracy"),
)


def cross_validate(
    k: int,
    config: Path = CONFIG,
    data_dir: Path = DATA_DIR,
    seed: int = SEED,
    progress: Callable[[str], None] = lambda message: None,
) -> list[FoldResult]:
    from rasa.model_training import train_nlu
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
    from rasa.shared.nlu.training_data.training_data import TrainingData

    data = load_training_data(data_dir)
    messages = data.training_examples
    examples = [
        Example(m.get(TEXT), m.get("intent_response_key") or m.get("intent")) for m in messages
    ]
    folds = stratified_folds([e.intent for e in examples], k, seed)
    results = []
    with tempfile.TemporaryDirectory(prefix="cadomaestro-cv-") as tmp:
        workdir = Path(tmp)
        config_copy = shutil.copy(config, workdir / config.name)
        previous_cache = os.environ.get("RASA_CACHE_DIRECTORY")
        os.environ["RASA_CACHE_DIRECTORY"] = str(workdir / "cache")
        try:
            for number, test_indexes in enumerate(folds, start=1):
                started = time.monotonic()
                held = set(test_indexes)
                train = TrainingData(
                    [m for i, m in enumerate(messages) if i not in held],
                    entity_synonyms=data.entity_synonyms,
                    regex_features=data.regex_features,
                    lookup_tables=data.lookup_tables,
                    responses=data.responses,
                )
                train_file = workdir / f"fold-{number}.yml"
                RasaYAMLWriter().dump(train_file, train)
                model = train_nlu(
                    str(config_copy),
                    str(train_file),
                    str(workdir),
                    fixed_model_name=f"fold-{number}",
                )
                if model is None:
                    raise RuntimeError(f"fold {number}: training failed")
                trained = time.monotonic()
                test = [examples[i] for i in test_indexes]
                parses = asyncio.run(predict(Path(model), [e.text for e in test]))
                report = build_report(
                    [prediction_from_parse(e, p) for e, p in zip(test, parses, strict=True)]
                )
                Path(model).unlink()
                result = FoldResult(
                    number,
                    len(train.training_examples),
                    report,
                    trained - started,
                    time.monotonic() - started,
                )
                progress(
                    f"fold {number}/{k}: intent accuracy {report.intent_accuracy:.3f}, "
                    f"trained in {result.train_seconds:.0f} s"
                )
                results.append(result)
        finally:
            if previous_cache is None:
                os.environ.pop("RASA_CACHE_DIRECTORY", None)
            else:
                os.environ["RASA_CACHE_DIRECTORY"] = previous_cache
    return results


def to_markdown(results: Sequence[FoldResult], title: str = "## Cross-validation") -> str:
    names = [name for name, _ in FOLD_METRICS]
    lines = [
        title,
        "",
        f"{len(results)} stratified folds of the training data (data/**/*.yml); each fold's model "
        "(config.yml, NLU only) is trained on the other folds and scored on its own examples.",
        "",
        "| fold | trained on | tested on | " + " | ".join(names) + " | training | total |",
        "|---" * (len(names) + 5) + "|",
    ]
    for r in results:
        values = " | ".join(f"{getattr(r.report, attr):.3f}" for _, attr in FOLD_METRICS)
        lines.append(
            f"| {r.fold} | {r.train_size} | {len(r.report.predictions)} | {values} "
            f"| {r.train_seconds / 60:.1f} min | {r.total_seconds / 60:.1f} min |"
        )
    summary = " | ".join(
        str(mean_std([getattr(r.report, attr) for r in results])) for _, attr in FOLD_METRICS
    )
    train_time = mean_std([r.train_seconds / 60 for r in results])
    total = sum(r.total_seconds for r in results) / 60
    lines.append(
        f"| mean ± std | | | {summary} | {train_time.mean:.1f} ± {train_time.std:.1f} min "
        f"| {total:.0f} min in all |"
    )
    return "\n".join(lines) + "\n"
