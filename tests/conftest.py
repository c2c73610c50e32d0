"""Shared fixtures: the trained model (loaded once) and the running assistant (real servers)."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "cadomaestro.tar.gz"


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


class OrdersBackend:
    """The order backend served as `make run` serves it (demo shop seeded in a fresh SQLite
    file), which a test can stop and start again to play an outage."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api_key = "test-" + uuid.uuid4().hex
        self.database_url = f"sqlite:///{folder / 'orders.db'}"
        self.env = {
            **os.environ,
            "ORDERS_DATABASE_URL": self.database_url,
            "ORDERS_API_KEY": self.api_key,
            "PYTHONPATH": str(ROOT),
        }
        self._log = folder / "orders.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self._log, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "cadomaestro.backend", "serve", "--port", str(self.port)],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_for(f"{self.url}/health", self.process)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def get(self, path: str) -> dict:
        request = urllib.request.Request(self.url + path, headers={"X-API-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())


@pytest.fixture(scope="session")
def orders_backend(tmp_path_factory) -> Iterator[OrdersBackend]:
    backend = OrdersBackend(tmp_path_factory.mktemp("orders"))
    backend.start()
    try:
        yield backend
    finally:
        backend.stop()


@dataclass
class Assistant:
    rest_url: str
    base_url: str
    tracker_db: Path
    orders: OrdersBackend


@pytest.fixture(scope="session")
def assistant(tmp_path_factory, orders_backend: OrdersBackend) -> Iterator[Assistant]:
    """The Rasa server, the action server and the order backend, started as `make run` starts
    them."""
    model = _require_model()
    tmp = tmp_path_factory.mktemp("assistant")
    rasa_port, action_port = free_port(), free_port()
    db = tmp / "conversations.db"
    env = {
        **os.environ,
        "TRACKER_STORE_URL": f"sqlite:///{db}",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
        "ORDERS_API_URL": orders_backend.url,
        "ORDERS_API_KEY": orders_backend.api_key,
        "ORDERS_API_TIMEOUT_S": "3",
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(ROOT),
    }
    logs = [open(tmp / name, "w") for name in ("actions.log", "rasa.log")]  # noqa: SIM115
    actions = subprocess.Popen(
        [sys.executable, "-m", "rasa", "run", "actions", "--actions", "actions",
         "--port", str(action_port)],
        cwd=ROOT, env=env, stdout=logs[0], stderr=subprocess.STDOUT,
    )  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "rasa", "run", "--model", str(model), "--port", str(rasa_port),
         "--credentials", "credentials.yml", "--endpoints", "endpoints.yml"],
        cwd=ROOT, env=env, stdout=logs[1], stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{action_port}/health", actions)
        wait_for(f"http://127.0.0.1:{rasa_port}/", server)
        base = f"http://127.0.0.1:{rasa_port}"
        yield Assistant(f"{base}/webhooks/rest/webhook", base, db, orders_backend)
    finally:
        for process in (server, actions):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()
