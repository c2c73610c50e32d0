"""The Rasa-default baseline is trained again only when what it is trained from changed
(cadomaestro/evaluation/baseline_model.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadomaestro.evaluation.baseline_model import (
    CONFIG,
    fingerprint,
    fingerprint_path,
    trained_on_today_s_data,
)

NLU = """version: "3.1"
nlu:
- intent: greet
  examples: |
    - bonjour
    - salut
"""
RULES = """version: "3.1"
rules:
- rule: greet
  steps:
  - intent: greet
  - action: action_respond
"""


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    data = tmp_path / "data"
    data.mkdir()
    (data / "nlu.yml").write_text(NLU, encoding="utf-8")
    (data / "rules.yml").write_text(RULES, encoding="utf-8")
    config = tmp_path / "config.yml"
    config.write_text(CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    return {"data": data, "config": config}


def test_only_what_the_baseline_reads_changes_the_fingerprint(inputs: dict[str, Path]) -> None:
    before = fingerprint(**inputs)
    assert fingerprint(**inputs) == before
    rules = inputs["data"] / "rules.yml"
    rules.write_text(RULES.replace("rule: greet", "rule: greet again"), encoding="utf-8")
    assert fingerprint(**inputs) == before  # a rule is not NLU data
    nlu = inputs["data"] / "nlu.yml"
    nlu.write_text(NLU + "    - coucou\n", encoding="utf-8")
    with_example = fingerprint(**inputs)
    assert with_example != before
    inputs["config"].write_text(
        inputs["config"].read_text(encoding="utf-8").replace("epochs: 100", "epochs: 99"),
        encoding="utf-8",
    )
    assert fingerprint(**inputs) != with_example


def test_a_model_is_up_to_date_only_with_the_same_fingerprint(tmp_path: Path) -> None:
    model = tmp_path / "baseline.tar.gz"
    assert not trained_on_today_s_data(model, "abc")
    model.write_bytes(b"model")
    assert not trained_on_today_s_data(model, "abc")  # no fingerprint kept: trained by hand
    fingerprint_path(model).write_text("abc\n", encoding="utf-8")
    assert trained_on_today_s_data(model, "abc")
    assert not trained_on_today_s_data(model, "abd")
