"""Shared fixtures: the trained model (loaded once) and the running assistant (real servers)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cadomaestro.perf.stack import MODEL, ROOT, Stack, answers, free_port  # noqa: F401 (imported)
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
        request = urllib.request.Request(self.url + path, headers={"X-API-Key": self.api_key})
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
