"""A throwaway PostgreSQL server for tests: initdb into a temporary folder, pg_ctl start on a
free port, trust authentication on localhost. PostgreSQL refuses to run as root, so as root the
server runs as the `postgres` user (Debian's package creates it). Nothing is flushed to disk
(fsync off): a test server needs no durability against a power cut, and each test creates its
database, which costs seconds of waiting on the disk otherwise. Commits still write the WAL
before they return (synchronous_commit stays on), so a server stopped as a crash would
(`stop`) keeps every committed transaction."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_NO_FLUSH = "-c fsync=off -c full_page_writes=off"


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def available() -> bool:
    return all(shutil.which(tool) for tool in ("initdb", "pg_ctl", "postgres"))


class PostgresServer:
    """A server in a temporary folder, which a test can stop and start again (an outage)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="pg-"))
        self.data = self.root / "data"
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, *command: str) -> None:
        subprocess.run(_as_server_user(list(command)), check=True, capture_output=True)

    def init(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-sync",
        )  # fmt: skip

    def start(self) -> None:
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "start",
            "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 {_NO_FLUSH}",
        )  # fmt: skip

    def stop(self) -> None:
        """Stop now, as a crash would: open connections are cut."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(
                _as_server_user(["pg_ctl", "-D", str(self.data), "-m", "immediate", "stop"]),
                capture_output=True,
            )
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def running_postgres(port: int) -> Iterator[PostgresServer]:
    """A fresh server, started; removed afterwards."""
    server = PostgresServer(port)
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.remove()


@contextmanager
def throwaway_postgres(port: int) -> Iterator[str]:
    """Yield the SQLAlchemy URL of a fresh database; the server is removed afterwards."""
    with running_postgres(port) as server:
        yield server.url
