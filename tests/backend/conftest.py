"""Fixtures of the order backend's tests: every database test runs on SQLite and on PostgreSQL
(`database_url`, tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from cadomaestro.backend.database import make_engine, migrate
from cadomaestro.backend.demo import seed_demo_if_empty
from tests.backend.samples import NOW


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a migrated, empty database."""
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_engine(engine: Engine) -> Engine:
    """An engine on a database holding the demo shop as of `samples.NOW`."""
    assert seed_demo_if_empty(engine, NOW) is not None
    return engine
