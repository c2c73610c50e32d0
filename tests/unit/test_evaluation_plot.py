"""Confusion-matrix files of `make eval` (cadomaestro/evaluation/plot.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadomaestro.evaluation.metrics import Example, Prediction
from cadomaestro.evaluation.plot import labels_with_errors, plot_report


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([("a", "a"), ("b", "b")], []),
        ([("a", "a"), ("b", "c"), ("d", "d")], ["b", "c"]),
        ([("z", "a"), ("a", "z"), ("m", "a")], ["a", "m", "z"]),
    ],
)
def test_labels_with_errors(pairs: list[tuple[str, str]], expected: list[str]) -> None:
    assert labels_with_errors(pairs) == expected


def test_plot_report_writes_two_pngs(tmp_path: Path) -> None:
    predictions = [
        Prediction(Example("…", gold), pred.split("/")[0], pred, 0.9, False)
        for gold, pred in [("faq/x", "faq/x"), ("faq/x", "faq/y"), ("greet", "greet")]
    ]
    paths = plot_report(predictions, tmp_path / "reports", "confusion", "this pipeline")
    assert [p.name for p in paths] == ["confusion_intents.png", "confusion_labels.png"]
    for path in paths:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
