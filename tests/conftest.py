"""Shared fixtures: the trained model (loaded once) and the running assistant (real servers)."""

from __future__ import annotations

import asyncio
import glob
import json
import os
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from cadomaestro.perf.stack import MODEL, ROOT, Stack, answers, free_port  # noqa: F401 (imported)
from tests import postgres
from tests.fake_graph import DEFAULT_TOKEN, FakeGraph


def _require_model() -> Path:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it)")
    return MODEL


@pytest.fixture(scope="session")
def agent():
    from rasa.core.agent import Agent

    return Agent.load(str(_require_model()))


@pytest.fixture(scope="session")
def parse(agent):
    loop = asyncio.new_event_loop()

    def _parse(text: str) -> dict:
        return loop.run_until_complete(agent.parse_message(text))

    yield _parse
    loop.close()


def wait_for(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not answers(url):
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError(url)
        time.sleep(0.5)


class OrdersBackend:
    """The order backend of the test stack, served as `make run` serves it (demo shop seeded in
    a fresh SQLite file), which a test can stop and start again to play an outage."""

    def __init__(self, stack: Stack) -> None:
        self.service = stack.orders
        self.env = stack.orders.env  # what the backend runs with (for its command line)
        self.url = stack.orders_url
        self.api_key = stack.api_key
        self.database_url = stack.orders_database_url

    def start(self) -> None:
        self.service.start()

    def stop(self) -> None:
        self.service.stop()

    def get(self, path: str) -> dict:
        return self._call(urllib.request.Request(self.url + path))

    def post(self, path: str, body: dict) -> dict:
        data = json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method="POST")
        request.add_header("Content-Type", "application/json")
        return self._call(request)

    def _call(self, request: urllib.request.Request) -> dict:
        request.add_header("X-API-Key", self.api_key)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())


# Meta's channels in the test stack, against a fake Graph API server of the tests' own.
META_SECRETS = {
    "MESSENGER_VERIFY_TOKEN": "messenger-verify-token",
    "MESSENGER_APP_SECRET": "messenger-app-secret-0123456789",
    "MESSENGER_PAGE_ACCESS_TOKEN": DEFAULT_TOKEN,
    "WHATSAPP_VERIFY_TOKEN": "whatsapp-verify-token",
    "WHATSAPP_APP_SECRET": "whatsapp-app-secret-0123456789",
    "WHATSAPP_ACCESS_TOKEN": DEFAULT_TOKEN,
    "WHATSAPP_PHONE_NUMBER_ID": "106540352242922",
}


@pytest.fixture(scope="session")
def fake_graph() -> Iterator[FakeGraph]:
    with FakeGraph() as graph:
        yield graph


@pytest.fixture(scope="session")
def stack(tmp_path_factory, fake_graph: FakeGraph) -> Iterator[Stack]:
    """The three processes, on free ports with SQLite files; each fixture starts what it needs.
    Many tests fail proofs from 127.0.0.1 on purpose: the limit per client is raised here
    (tests/integration/test_enumeration.py checks it with clients of their own)."""
    stack = Stack(
        tmp_path_factory.mktemp("stack"),
        env={
            "ORDERS_API_TIMEOUT_S": "3",
            "ORDERS_PROOF_LIMIT": "1000",
            "DEMO_PAGES": "1",
            **META_SECRETS,
            "META_GRAPH_URL": fake_graph.url,
        },
    )
    try:
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def orders_backend(stack: Stack) -> OrdersBackend:
    if stack.orders.pid is None:
        stack.orders.start()
    return OrdersBackend(stack)


@dataclass
class Assistant:
    rest_url: str
    base_url: str
    tracker_db: Path
    orders: OrdersBackend
    stack: Stack


@pytest.fixture(scope="session")
def assistant(stack: Stack, orders_backend: OrdersBackend) -> Assistant:
    """The Rasa server, the action server and the order backend, started as `make run` starts
    them."""
    _require_model()
    for service in (stack.actions, stack.rasa):
        if service.pid is None:
            service.start()
    tracker_db = Path(stack.tracker_store_url.removeprefix("sqlite:///"))
    return Assistant(stack.rest_url, stack.rasa_url, tracker_db, orders_backend, stack)


# Databases: every database test runs on SQLite and on PostgreSQL. One PostgreSQL server is
# started per test session (tests/postgres.py); each test gets a fresh database in it. Without
# PostgreSQL binaries the PostgreSQL variants are skipped, unless REQUIRE_POSTGRES=1 (CI).
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
    name = f"test_{uuid4().hex[:16]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    finally:
        admin.dispose()
