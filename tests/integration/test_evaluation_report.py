"""`python -m cadomaestro.evaluation` with the trained model: the report, and what it says when
Rasa's default pipeline (hours of training on 2 cores) has no model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cadomaestro import paths
from cadomaestro.evaluation.compare import NO_BASELINE
from tests.conftest import ROOT


def test_the_report_without_the_rasa_default_model_says_so(tmp_path: Path) -> None:
    out = tmp_path / "eval.md"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"}
    done = subprocess.run(
        [sys.executable, "-m", "cadomaestro.evaluation", "--model", str(paths.MODEL),
         "--baseline-model", str(tmp_path / "absent.tar.gz"), "--folds", "0",
         "--no-dialogues", "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    report = out.read_text(encoding="utf-8")
    assert report.count(NO_BASELINE) == 2  # the realistic and the held-out sections
    assert "| this pipeline |" in report and "| TF-IDF + LR |" in report
    assert "Rasa default (no spaCy)" not in report
