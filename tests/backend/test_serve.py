"""`python -m cadomaestro.backend serve` as a real process: migrates, seeds, answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

from cadomaestro.paths import ROOT
from tests.backend.samples import API_KEY
from tests.conftest import free_port, wait_for


def _post(url: str, body: dict, key: str = API_KEY) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "X-API-Key": key},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_serve_answers_health_and_a_demo_lookup(database_url, tmp_path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ORDERS_DATABASE_URL": database_url,
           "ORDERS_API_KEY": API_KEY, "ORDERS_API_PORT": str(port)}  # fmt: skip
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "cadomaestro.backend", "serve"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/health", server, timeout=60)
            with urllib.request.urlopen(f"{base}/health", timeout=5) as response:
                assert json.loads(response.read()) == {"status": "ok"}
            status, body = _post(
                f"{base}/v1/orders/lookup",
                {"reference": "LMPQRTSVX", "email": "Sophie.Petit@example.fr"},
            )
            assert status == 200 and body["order"]["status"] == "expedie"
            assert body["order"]["tracking_events"][-1]["label"] == "Colis en transit"
            status, body = _post(
                f"{base}/v1/orders/lookup", {"reference": "LMPQRTSVX", "postcode": "13001"}, "bad"
            )
            assert (status, body["error"]) == (401, "unauthorized")
        finally:
            server.terminate()
            server.wait(timeout=20)
    logged = log_path.read_text()
    assert "Boutique de démonstration importée" in logged
    assert "sophie" not in logged.lower() and "13001" not in logged  # no personal data
