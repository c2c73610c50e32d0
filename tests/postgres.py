"""A throwaway PostgreSQL server for tests: initdb into a temporary folder, pg_ctl start on a
free port, trust authentication on localhost. PostgreSQL refuses to run as root, so as root the
server runs as the `postgres` user (Debian's package creates it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def available() -> bool:
    return all(shutil.which(tool) for tool in ("initdb", "pg_ctl", "postgres"))


@contextmanager
def throwaway_postgres(port: int) -> Iterator[str]:
    """Yield the SQLAlchemy URL of a fresh database; the server is removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    run = lambda *cmd: subprocess.run(_as_server_user(list(cmd)), check=True, capture_output=True)  # noqa: E731
    try:
        run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        run(
            "pg_ctl", "-D", str(data), "-l", str(root / "server.log"), "-w", "start",
            "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1",
        )  # fmt: skip
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if data.exists():
            subprocess.run(
                _as_server_user(["pg_ctl", "-D", str(data), "-m", "immediate", "stop"]),
                capture_output=True,
            )
        shutil.rmtree(root, ignore_errors=True)
