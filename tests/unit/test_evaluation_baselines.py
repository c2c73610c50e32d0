"""The TF-IDF + logistic-regression baseline of `make eval`, trained on the real training data
(minutes, once per change: `trained_baseline` keeps it), and its fallback rule."""

from __future__ import annotations

import fcntl
import threading
from pathlib import Path

import joblib
import pytest

from cadomaestro.evaluation.baselines import (
    TfidfLogisticRegression,
    fingerprint,
    is_fallback,
    trained_baseline,
    training_examples,
)
from cadomaestro.evaluation.metrics import Example, load_heldout


@pytest.fixture(scope="module")
def baseline() -> TfidfLogisticRegression:
    return trained_baseline(training_examples())


TINY = [
    Example(text, label)
    for label, texts in {
        "greet": ["bonjour", "salut", "bonsoir a vous"],
        "faq/pays_livraison": ["vous livrez en belgique", "livraison en suisse ?"],
        "parler_humain": ["un conseiller svp", "je veux parler a quelqu'un"],
    }.items()
    for text in texts
]


def _refuse_to_fit(self, examples):  # noqa: ANN001, ANN202
    raise AssertionError("fitted again")


def test_the_fitted_baseline_is_kept_until_its_examples_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "models" / "baseline.joblib"
    first = trained_baseline(TINY, cache)
    assert cache.exists() and first.labels == ["faq/pays_livraison", "greet", "parler_humain"]
    with monkeypatch.context() as patched:
        patched.setattr(TfidfLogisticRegression, "fit", _refuse_to_fit)
        kept = trained_baseline(TINY, cache)
    [prediction] = kept.predict([Example("bonjour", "greet")])
    assert prediction.correct
    # Another example: fitted again, with its label.
    changed = trained_baseline([*TINY, Example("ou est mon colis", "suivi/commande")], cache)
    assert "suivi/commande" in changed.labels
    assert "suivi/commande" not in trained_baseline(TINY, cache).labels


def test_a_process_asking_while_another_fits_waits_and_reads_its_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tests' workers ask at the same time: one fits, the other waits for its file instead
    of fitting too (or of writing the same file)."""
    cache = tmp_path / "baseline.joblib"
    fitted = trained_baseline(TINY, cache)
    cache.unlink()
    asked: list[TfidfLogisticRegression] = []
    with open(cache.with_name(cache.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process fitting
        monkeypatch.setattr(TfidfLogisticRegression, "fit", _refuse_to_fit)
        waiting = threading.Thread(target=lambda: asked.append(trained_baseline(TINY, cache)))
        waiting.start()
        joblib.dump({"fingerprint": fingerprint(TINY), "baseline": fitted}, cache)
    waiting.join(timeout=60)
    assert [baseline.labels for baseline in asked] == [fitted.labels]


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x04K\x01."])
def test_an_unreadable_or_foreign_cache_is_fitted_again(tmp_path: Path, content: bytes) -> None:
    cache = tmp_path / "baseline.joblib"
    cache.write_bytes(content)
    baseline = trained_baseline(TINY, cache)
    assert baseline.labels == ["faq/pays_livraison", "greet", "parler_humain"]
    assert trained_baseline(TINY, cache).labels == baseline.labels  # now readable


def test_training_examples_are_the_nlu_data_with_full_labels() -> None:
    examples = training_examples()
    labels = {e.intent for e in examples}
    assert {"greet", "out_of_scope", "donner_infos", "faq/pays_livraison"} <= labels
    assert "colis_perdu/livre_non_recu" in labels
    assert not labels & {"faq", "colis_perdu"}  # retrieval intents only with their topic
    assert all("](" not in e.text for e in examples)  # entity annotations removed
    assert not {e.text for e in examples} & {e.text for e in load_heldout()}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("est-ce que vous livrez aussi en Belgique ?", "faq/pays_livraison"),
        ("bonjour à vous", "greet"),
        ("le suivi dit livré mais je n'ai rien reçu", "colis_perdu/livre_non_recu"),
        ("je voudrais parler à un conseiller svp", "parler_humain"),
        ("l'entrepot de Veauche est ouvert le samedi ?", "faq/horaires_entrepot"),
    ],
)
def test_predicts_held_out_like_sentences(
    baseline: TfidfLogisticRegression, text: str, label: str
) -> None:
    [prediction] = baseline.predict([Example(text, label)])
    assert prediction.full_intent == label
    assert prediction.intent == label.split("/")[0]
    assert prediction.correct
    assert 0 < prediction.confidence <= 1
    assert all("/" in s for s in prediction.suggestions) and len(prediction.suggestions) == 3


@pytest.mark.parametrize(
    ("best", "second", "fallback"),
    [
        (0.9, 0.05, False),
        (0.31, 0.2, False),
        (0.29, 0.1, True),  # below the threshold
        (0.45, 0.4, True),  # ambiguous: within 0.1 of the second
        (0.5, 0.39, False),
    ],
)
def test_fallback_rule_is_rasas_default(best: float, second: float, fallback: bool) -> None:
    assert is_fallback(best, second) is fallback
