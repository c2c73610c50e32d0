"""Fold splitting and summary of `make eval`'s cross-validation
(cadomaestro/evaluation/crossval.py); the folds' training itself is not run here (minutes per
fold)."""

from __future__ import annotations

from collections import Counter

import pytest

from cadomaestro.evaluation.crossval import FoldResult, mean_std, stratified_folds, to_markdown
from cadomaestro.evaluation.metrics import Example, Prediction, build_report

LABEL_SETS = {
    "balanced": ["a"] * 10 + ["b"] * 10 + ["c"] * 10,
    "unbalanced": ["a"] * 23 + ["b"] * 7 + ["c"] * 93 + ["d"] * 5,
    "fewer than k": ["a"] * 3 + ["b"] * 12 + ["c"],
    "interleaved": ["a", "b", "c", "a", "c", "c", "b", "a", "a", "c", "b", "b", "a"] * 4,
}


@pytest.mark.parametrize("labels", LABEL_SETS.values(), ids=LABEL_SETS.keys())
@pytest.mark.parametrize("k", [2, 3, 5])
def test_folds_are_disjoint_cover_everything_and_are_stratified(labels: list[str], k: int) -> None:
    folds = stratified_folds(labels, k)
    assert len(folds) == k
    flat = [i for fold in folds for i in fold]
    assert sorted(flat) == list(range(len(labels)))  # disjoint, and every example once
    sizes = [len(fold) for fold in folds]
    assert max(sizes) - min(sizes) <= 1
    for label, total in Counter(labels).items():
        per_fold = [sum(labels[i] == label for i in fold) for fold in folds]
        assert max(per_fold) - min(per_fold) <= 1, (label, per_fold)
        assert sum(per_fold) == total


def test_folds_depend_on_the_seed_only() -> None:
    labels = LABEL_SETS["unbalanced"]
    assert stratified_folds(labels, 5, seed=1) == stratified_folds(labels, 5, seed=1)
    assert stratified_folds(labels, 5, seed=1) != stratified_folds(labels, 5, seed=2)


@pytest.mark.parametrize("k", [0, 1])
def test_fewer_than_two_folds_is_an_error(k: int) -> None:
    with pytest.raises(ValueError):
        stratified_folds(["a", "b"], k)


@pytest.mark.parametrize(
    ("values", "mean", "std"),
    [([0.9, 0.9, 0.9], 0.9, 0.0), ([0.8, 1.0], 0.9, 0.1414), ([0.5], 0.5, 0.0)],
)
def test_mean_std_uses_the_sample_standard_deviation(
    values: list[float], mean: float, std: float
) -> None:
    result = mean_std(values)
    assert result.mean == pytest.approx(mean)
    assert result.std == pytest.approx(std, abs=1e-4)


def test_cross_validation_table() -> None:
    def fold(number: int, wrong: int) -> FoldResult:
        predictions = [
            Prediction(Example("…", "faq/x"), "faq", "faq/y" if i < wrong else "faq/x", 0.9, False)
            for i in range(4)
        ]
        return FoldResult(number, 16, build_report(predictions), 60.0 * number, 61.0 * number)

    text = to_markdown([fold(1, 0), fold(2, 1)])
    assert "| 1 | 16 | 4 | 1.000 | 1.000 | 1.000 | 1.000 | 1.0 min | 1.0 min |" in text
    assert "| 2 | 16 | 4 | 1.000 | 1.000 | 0.429 | 0.750 | 2.0 min | 2.0 min |" in text
    assert (
        "| mean ± std | | | 1.000 ± 0.000 | 1.000 ± 0.000 | 0.714 ± 0.404 | 0.875 ± 0.177" in text
    )
