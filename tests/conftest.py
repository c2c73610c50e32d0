"""Shared fixtures: the trained model (loaded once) and the running assistant (real servers)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
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


@dataclass
class Assistant:
    rest_url: str
    base_url: str
    tracker_db: Path


@pytest.fixture(scope="session")
def assistant(tmp_path_factory) -> Iterator[Assistant]:
    """The Rasa server and the action server, started as `make run` starts them."""
    model = _require_model()
    tmp = tmp_path_factory.mktemp("assistant")
    rasa_port, action_port = free_port(), free_port()
    db = tmp / "conversations.db"
    env = {
        **os.environ,
        "TRACKER_STORE_URL": f"sqlite:///{db}",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
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
        yield Assistant(f"{base}/webhooks/rest/webhook", base, db)
    finally:
        for process in (server, actions):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()
