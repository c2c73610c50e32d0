"""Fixtures of the order backend's tests: every database test runs on SQLite and on PostgreSQL.

One PostgreSQL server is started per test session (tests/postgres.py); each test gets a fresh
database in it. Without PostgreSQL binaries the PostgreSQL variants are skipped, unless
REQUIRE_POSTGRES=1 (CI), which makes them fail.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url

from cadomaestro.backend.database import make_engine, migrate
from cadomaestro.backend.demo import seed_demo_if_empty
from tests import postgres
from tests.backend.samples import NOW
from tests.conftest import free_port


def _add_debian_postgres_to_path() -> None:
    """Debian installs the server binaries outside PATH (/usr/lib/postgresql/<version>/bin)."""
    folders = glob.glob("/usr/lib/postgresql/*/bin")
    version = lambda folder: int(Path(folder).parent.name.split(".")[0] or 0)  # noqa: E731
    for folder in sorted(folders, key=version, reverse=True):
        if os.access(Path(folder) / "initdb", os.X_OK):
            os.environ["PATH"] = folder + os.pathsep + os.environ.get("PATH", "")
            return


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of the session's PostgreSQL server (its `postgres` database)."""
    if not postgres.available():
        _add_debian_postgres_to_path()
    if not postgres.available():
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("REQUIRE_POSTGRES=1 but initdb/pg_ctl/postgres are not in PATH")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl, postgres) not installed")
    with postgres.throwaway_postgres(free_port()) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database (no schema)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'orders.db'}"
        return
    server_url = request.getfixturevalue("postgres_server")
    name = f"orders_{uuid4().hex[:16]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


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
