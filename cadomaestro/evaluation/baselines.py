"""The training examples, and the TF-IDF + logistic-regression baseline of `make eval`.

The baseline learns the full labels (`faq/pays_livraison`, `greet`…) from the same NLU examples
as the assistant (data/**/*.yml, read by Rasa's own importer) and yields the same `Prediction`
objects as a Rasa model, so that one `Report` scores every system.

Features: TF-IDF of words (1–2-grams) and of characters within word boundaries (2–5-grams),
lowercased, accents stripped, sublinear term frequency. Classifier: multinomial logistic
regression. The assistant's TopicClassifier (cadomaestro/nlu/topic_classifier.py) took this
recipe after `make eval` measured it ahead of DIET; the baseline applies it to the raw text,
the assistant to its prepared text (normalised, identifiers masked). `C` was chosen by 5-fold
cross-validation on the training data only (never on the held-out set) among 1, 10 and 100:
`python -m cadomaestro.evaluation.baselines --choose-c`.

Fallback rule: the rule of Rasa's default FallbackClassifier (the second baseline's, see
baseline_rasa_default.yml beside this module) applied to the classifier's probabilities: the
baseline would ask for clarification when its top probability is below 0.3 or within 0.1 of
the second one.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import inspect
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import joblib
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegressionCV
from sklearn.pipeline import Pipeline, make_pipeline

from cadomaestro import paths
from cadomaestro.evaluation.metrics import Example, Prediction
from cadomaestro.nlu.topic_classifier import tfidf_features, tfidf_logistic_regression

if TYPE_CHECKING:
    from rasa.shared.nlu.training_data.training_data import TrainingData

DATA_DIR = paths.DATA
LANGUAGE = "fr"
C = 100.0  # chosen by `--choose-c` on 2026-11-25 (5-fold CV on the training data)
C_CANDIDATES = (1.0, 10.0, 100.0)
FALLBACK_THRESHOLD = 0.3
AMBIGUITY_THRESHOLD = 0.1
# The baseline fitted last, with the fingerprint of what it was fitted from (`trained_baseline`).
CACHE = paths.MODELS / "tfidf-lr-baseline.joblib"


def load_training_data(data_dir: Path = DATA_DIR) -> TrainingData:
    """The NLU training data exactly as `rasa train` reads it from data/ (examples, responses,
    regexes, lookup tables, synonyms)."""
    from rasa.shared.importers.rasa import RasaFileImporter

    return RasaFileImporter(training_data_paths=[str(data_dir)]).get_nlu_data(LANGUAGE)


def training_examples(data_dir: Path = DATA_DIR) -> list[Example]:
    """The NLU examples of data/**/*.yml, as plain text (entity annotations removed) with their full
    label."""
    return [
        Example(m.get("text"), m.get("intent_response_key") or m.get("intent"))
        for m in load_training_data(data_dir).training_examples
    ]


class TfidfLogisticRegression:
    """TF-IDF + logistic regression over full labels, with a fallback rule."""

    def __init__(self, c: float = C) -> None:
        self.pipeline: Pipeline = tfidf_logistic_regression(c)

    def fit(self, examples: Sequence[Example]) -> TfidfLogisticRegression:
        self.pipeline.fit([e.text for e in examples], [e.intent for e in examples])
        return self

    @property
    def labels(self) -> list[str]:
        return list(self.pipeline.classes_)

    def predict(self, examples: Sequence[Example]) -> list[Prediction]:
        probabilities = self.pipeline.predict_proba([e.text for e in examples])
        labels = self.pipeline.classes_
        predictions = []
        for example, row in zip(examples, probabilities, strict=True):
            order = np.argsort(-row, kind="stable")
            best, second = float(row[order[0]]), float(row[order[1]])
            label = str(labels[order[0]])
            retrieval = [str(labels[i]) for i in order if "/" in labels[i]]
            predictions.append(
                Prediction(
                    example,
                    intent=label.split("/")[0],
                    full_intent=label,
                    confidence=best,
                    fallback=is_fallback(best, second),
                    suggestions=tuple(retrieval[:3]),
                )
            )
        return predictions


def fingerprint(examples: Sequence[Example], c: float = C) -> str:
    """What a fitted baseline depends on: the examples, C, the recipe's code and scikit-learn."""
    digest = hashlib.sha256()
    recipe = inspect.getsource(tfidf_features) + inspect.getsource(tfidf_logistic_regression)
    for part in (sklearn.__version__, repr(c), recipe):
        digest.update(part.encode() + b"\0")
    for example in examples:
        digest.update(f"{example.text}\t{example.intent}\n".encode())
    return digest.hexdigest()


def trained_baseline(
    examples: Sequence[Example], cache: Path | None = CACHE
) -> TfidfLogisticRegression:
    """The baseline fitted on `examples`, kept in `cache` with their fingerprint: a fit takes
    minutes on the full training data (265 s on 2 cores, 2026-12-07, 13 800 examples), so `make
    eval` and the tests fit it again only when the data or the recipe changed. Processes asking
    at the same time (the tests' workers) take turns: the first fits it, the others read it."""
    if cache is None:
        return TfidfLogisticRegression().fit(examples)
    key = fingerprint(examples)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache.with_name(cache.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if cache.exists():
            try:
                stored = joblib.load(cache)
            except Exception:  # unpickling garbage raises anything (KeyError, EOFError…)
                stored = None  # unreadable (a foreign or damaged file): fitted again
            if isinstance(stored, dict) and stored.get("fingerprint") == key:
                return stored["baseline"]
        baseline = TfidfLogisticRegression().fit(examples)
        partial = cache.with_name(cache.name + ".partial")
        joblib.dump({"fingerprint": key, "baseline": baseline}, partial)
        partial.replace(cache)
    return baseline


def is_fallback(best: float, second: float) -> bool:
    """Rasa's default FallbackClassifier rule (threshold 0.3, ambiguity threshold 0.1)."""
    return best < FALLBACK_THRESHOLD or best - second < AMBIGUITY_THRESHOLD


def choose_c(examples: Sequence[Example]) -> float:
    """The C among C_CANDIDATES with the best 5-fold cross-validated accuracy on `examples`."""
    search = make_pipeline(
        tfidf_features(),
        LogisticRegressionCV(Cs=list(C_CANDIDATES), cv=5, max_iter=5000, random_state=42),
    )
    search.fit([e.text for e in examples], [e.intent for e in examples])
    return float(search[-1].C_[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cadomaestro.evaluation.baselines")
    parser.add_argument(
        "--choose-c", action="store_true", help="cross-validate C on the training data (minutes)"
    )
    args = parser.parse_args(argv)
    if args.choose_c:
        print(f"C = {choose_c(training_examples())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
