"""`make eval`'s Rasa-default baseline, trained again only when what it is trained from changed.

Rasa's default pipeline (baseline_rasa_default.yml: DIET and a ResponseSelector, 100 epochs
each) takes most of an hour to train on 2 cores. Make's timestamps alone would retrain it after
any edit under data/ (a rule, a story, a checkout); here the fingerprint of its inputs decides:
its config, Rasa's fingerprint of the NLU data it reads from data/ (`rasa train nlu` reads no
domain), and Rasa's version. The fingerprint of the data a model was trained from is kept beside it
(`<model>.fingerprint`), and `make eval`'s report says when that is not today's data.

    python -m cadomaestro.evaluation.baseline_model [--model PATH] [--force]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from cadomaestro import paths

CONFIG = Path(__file__).with_name("baseline_rasa_default.yml")
MODEL = paths.MODELS / "baseline-rasa-default.tar.gz"


def fingerprint(data: Path = paths.DATA, config: Path = CONFIG) -> str:
    """What the baseline is trained from, as one hex digest."""
    import rasa
    from rasa.shared.importers.importer import TrainingDataImporter

    # What `rasa train nlu --config … --nlu data` reads (no domain), read the same way.
    importer = TrainingDataImporter.load_nlu_importer_from_config(str(config), None, [str(data)])
    nlu = importer.get_nlu_data("fr").fingerprint()
    digest = hashlib.sha256()
    for part in (config.read_bytes(), nlu.encode(), rasa.__version__.encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def fingerprint_path(model: Path) -> Path:
    return model.with_name(model.name + ".fingerprint")


def trained_on_today_s_data(model: Path, current: str | None = None) -> bool:
    """Whether `model` exists and was trained from the inputs as they are now."""
    stored = fingerprint_path(model)
    if not model.exists() or not stored.exists():
        return False
    return stored.read_text(encoding="utf-8").strip() == (current or fingerprint())


def train(model: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(CONFIG),
         "--nlu", str(paths.DATA), "--out", str(model.parent),
         "--fixed-model-name", model.name.removesuffix(".tar.gz")],
        cwd=paths.ROOT, check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(
            filter(None, (str(paths.ROOT), os.environ.get("PYTHONPATH"))))},
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cadomaestro.evaluation.baseline_model")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--force", action="store_true", help="train even if up to date")
    args = parser.parse_args(argv)
    current = fingerprint()
    if not args.force and trained_on_today_s_data(args.model, current):
        print(f"{args.model}: trained from the same inputs, not trained again")
        args.model.touch()  # so that Make does not ask again until an input changes
        return 0
    train(args.model)
    fingerprint_path(args.model).write_text(current + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
