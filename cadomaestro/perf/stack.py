"""Start the assistant's three processes (order backend, action server, Rasa server) as
`scripts/run.sh` does, on free ports with their own state, and stop or restart any of them.

Used by the tests (real servers, outages played by stopping one) and by `make bench`, which
measures each process's start-up time and memory. Each process logs to a file of its folder.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cadomaestro import paths

ROOT = paths.ROOT
MODEL = paths.MODEL


# Ports are drawn below the kernel's ephemeral range: outgoing connections take their local port
# from that range, so a port picked there (the kernel's « port 0 ») and released can be taken by
# a connection before its server binds it, which two test workers side by side made happen.
# Each pytest-xdist worker draws from a block of its own, from a random start.
_EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
_BLOCK = 2000
_BLOCKS = 10
_drawn: list[int] = []


def _ephemeral_low() -> int:
    try:
        return int(_EPHEMERAL_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A TCP port no process listens on, below the ephemeral range (see above)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1"…; "" outside workers
    block = (int(worker[2:]) + 1) % _BLOCKS if worker[2:].isdigit() else 0
    high = max(_ephemeral_low(), _BLOCK * (_BLOCKS + 1))
    low = high - _BLOCK * (block + 1)
    start = _drawn[-1] + 1 - low if _drawn else secrets.randbelow(_BLOCK)
    for step in range(_BLOCK):
        port = low + (start + step) % _BLOCK
        if port not in _drawn and _bindable(port):
            _drawn.append(port)
            return port
    raise RuntimeError(f"no free port in {low}-{low + _BLOCK - 1}")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


@dataclass
class Service:
    """One server process: its command, environment, and the URL that answers once ready."""

    name: str
    command: list[str]
    env: dict[str, str]
    ready_url: str
    log_path: Path
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self, timeout_s: float = 300) -> float:
        """Start and wait until `ready_url` answers; the seconds it took."""
        started = time.monotonic()
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        while not answers(self.ready_url):
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}, see "
                                   f"{self.log_path}")  # fmt: skip
            if time.monotonic() - started > timeout_s:
                self.stop()
                raise TimeoutError(f"{self.name} not ready after {timeout_s:.0f} s")
            time.sleep(0.2)
        return time.monotonic() - started

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process and self.process.poll() is None else None


class Stack:
    """The order backend, the action server and the Rasa server in `folder`.

    `tracker_store_url` and `orders_database_url` default to SQLite files in `folder`;
    `orders_api_url` lets the action server reach the backend through something else (a test's
    slow proxy); `env` adds settings (ORDERS_API_TIMEOUT_S, ORDERS_PROOF_LIMIT…).
    """

    def __init__(
        self,
        folder: Path,
        *,
        model: Path = MODEL,
        tracker_store_url: str | None = None,
        orders_database_url: str | None = None,
        orders_api_url: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.api_key = "stack-" + secrets.token_hex(16)
        self.tracker_store_url = tracker_store_url or f"sqlite:///{folder / 'conversations.db'}"
        self.orders_database_url = orders_database_url or f"sqlite:///{folder / 'orders.db'}"
        ports = {name: free_port() for name in ("orders", "actions", "rasa")}
        self.orders_url = f"http://127.0.0.1:{ports['orders']}"
        self.actions_url = f"http://127.0.0.1:{ports['actions']}"
        self.rasa_url = f"http://127.0.0.1:{ports['rasa']}"
        self.rest_url = f"{self.rasa_url}/webhooks/rest/webhook"
        base = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "ORDERS_DATABASE_URL": self.orders_database_url,
            "ORDERS_API_KEY": self.api_key,
            "ORDERS_API_URL": orders_api_url or self.orders_url,
            "TRACKER_STORE_URL": self.tracker_store_url,
            "ACTION_ENDPOINT_URL": f"{self.actions_url}/webhook",
            "MEDIA_FOLDER": str(folder / "media"),
            "PUBLIC_URL": self.rasa_url,
            **(env or {}),
        }
        python = sys.executable
        self.orders = Service(
            "order backend",
            [python, "-m", "cadomaestro.backend", "serve", "--port", str(ports["orders"])],
            base, f"{self.orders_url}/health", folder / "orders.log",
        )  # fmt: skip
        self.actions = Service(
            "action server",
            [python, "-m", "rasa", "run", "actions", "--actions", "actions",
             "--port", str(ports["actions"])],
            {**base, "SANIC_HOST": "127.0.0.1"}, f"{self.actions_url}/health",
            folder / "actions.log",
        )  # fmt: skip
        self.rasa = Service(
            "Rasa server",
            [python, "-m", "cadomaestro.server", "run", "--model", str(model),
             "--port", str(ports["rasa"]),
             "--credentials", "credentials.yml", "--endpoints", "endpoints.yml"],
            base, f"{self.rasa_url}/", folder / "rasa.log",
        )  # fmt: skip

    @property
    def services(self) -> tuple[Service, Service, Service]:
        return self.orders, self.actions, self.rasa

    def start(self) -> dict[str, float]:
        """Start all three; each one's seconds until ready (the Rasa server loads the model)."""
        try:
            return {service.name: service.start() for service in self.services}
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()
