"""`python -m cadomaestro.backend` as an operator runs it: exit codes and messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from cadomaestro.backend.database import make_engine, session_factory
from cadomaestro.backend.models import Order
from cadomaestro.paths import ROOT
from tests.backend.samples import EXAMPLE, line_of


def cli(database_url: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "ORDERS_DATABASE_URL": database_url}
    environment.pop("ORDERS_API_KEY", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "cadomaestro.backend", *args],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _orders(database_url: str) -> list[str]:
    engine = make_engine(database_url)
    try:
        with session_factory(engine)() as session:
            return list(session.execute(select(Order.reference)).scalars())
    finally:
        engine.dispose()


def test_import_a_valid_file_then_again(database_url, tmp_path) -> None:
    file = tmp_path / "orders.json"
    file.write_text(EXAMPLE, encoding="utf-8")
    first = cli(database_url, "import", str(file))
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == (
        "Import terminé : clients créés : 1, clients mis à jour : 0, commandes créées : 1, "
        "commandes mises à jour : 0.\n"
    )
    again = cli(database_url, "import", str(file))
    assert again.returncode == 0 and "commandes mises à jour : 1" in again.stdout
    assert _orders(database_url) == ["KQZPTRBWE"]


def test_import_an_invalid_file_prints_the_located_error(database_url, tmp_path) -> None:
    doc = json.loads(EXAMPLE)
    doc["orders"].append(dict(doc["orders"][0], reference="BTRXQWMPL", status="foo"))
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    file = tmp_path / "orders.json"
    file.write_text(text, encoding="utf-8")
    result = cli(database_url, "import", str(file))
    assert result.returncode == 1 and result.stdout == ""
    line = line_of(text, '"foo"')
    assert result.stderr.startswith(f"{file}:{line}: orders[1].status: statut inconnu « foo »")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    migrated = cli(database_url, "migrate")
    assert migrated.returncode == 0
    assert _orders(database_url) == []  # the valid first order was not imported either


def test_import_a_missing_file(tmp_path) -> None:
    result = cli(f"sqlite:///{tmp_path / 'orders.db'}", "import", str(tmp_path / "missing.json"))
    assert result.returncode == 1
    assert "missing.json" in result.stderr and "Traceback" not in result.stderr


def test_seed_once(database_url) -> None:
    first = cli(database_url, "seed")
    assert first.returncode == 0 and "Boutique de démonstration importée" in first.stdout
    second = cli(database_url, "seed")
    assert second.returncode == 0 and "déjà des commandes" in second.stdout
    assert len(_orders(database_url)) == 11


def test_serve_refuses_a_missing_or_short_key(tmp_path) -> None:
    for env in ({}, {"ORDERS_API_KEY": "too-short"}):
        result = cli(f"sqlite:///{tmp_path / 'orders.db'}", "serve", "--port", "1", **env)
        assert result.returncode == 1
        assert "ORDERS_API_KEY" in result.stderr and "16" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "orders.db").exists()  # refused before touching the database


@pytest.mark.parametrize(
    ("name", "value"),
    [("ORDERS_API_PORT", "http"), ("ORDERS_PROOF_LIMIT", "0"), ("ORDERS_LIMIT_WINDOW_S", "x")],
)
def test_serve_refuses_a_bad_port_or_limit(tmp_path, name: str, value: str) -> None:
    env = {"ORDERS_API_KEY": "k" * 20, name: value}
    result = cli(f"sqlite:///{tmp_path / 'orders.db'}", "serve", **env)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"{name} doit être un nombre entier")
    assert f"« {value} »" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "orders.db").exists()  # refused before touching the database


def test_unreachable_database_is_one_line(tmp_path) -> None:
    result = cli("postgresql://nobody@127.0.0.1:1/nothing", "migrate")
    assert result.returncode == 1
    assert result.stderr.startswith("base de données : ") and "Traceback" not in result.stderr
