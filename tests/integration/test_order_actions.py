"""The order actions through rasa_sdk's executor, with trackers as Rasa sends them, against the
real order backend on localhost (the demo shop)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import ActionExecutor

from tests.conftest import ROOT, OrdersBackend, free_port

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def backend_env(orders_backend: OrdersBackend, monkeypatch: pytest.MonkeyPatch) -> OrdersBackend:
    monkeypatch.setenv("ORDERS_API_URL", orders_backend.url)
    monkeypatch.setenv("ORDERS_API_KEY", orders_backend.api_key)
    return orders_backend


def run(action: str, slots: dict[str, Any], message: dict[str, Any] | None = None) -> dict:
    """Run `action` as the action server does; return its slot changes and its texts."""
    executor = ActionExecutor()
    executor.register_package("actions")
    message = message or {"text": "", "intent": {"name": "donner_infos"}, "entities": []}
    request = {
        "next_action": action,
        "sender_id": "actions-test",
        "version": "3.6.2",
        "domain": DOMAIN,
        "tracker": {
            "sender_id": "actions-test",
            "slots": slots,
            "latest_message": message,
            "events": [{"event": "user", "text": message["text"], "parse_data": message}]
            + [{"event": "slot", "name": k, "value": v} for k, v in slots.items()],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": "order_identification_form"},
            "latest_action_name": "action_listen",
        },
    }
    result = asyncio.run(executor.run(request))
    return {
        "slots": {e["name"]: e["value"] for e in result["events"] if e["event"] == "slot"},
        "responses": [r.get("response") or r.get("text") for r in result["responses"]],
    }


def test_a_good_proof_verifies_the_order(backend_env) -> None:
    result = run(
        "validate_order_identification_form",
        {"reference_commande": "kqzptrbwe", "preuve_commande": "Claire.Martin@example.fr"},
    )
    assert result["slots"]["commande_verifiee"] == "KQZPTRBWE"
    assert result["responses"] == ["utter_commande_retrouvee"]


def test_a_wrong_proof_counts_a_failure_and_asks_again(backend_env) -> None:
    result = run(
        "validate_order_identification_form",
        {"reference_commande": "KQZPTRBWE", "preuve_commande": "69001", "echecs_identification": 1},
    )
    assert result["slots"]["echecs_identification"] == 2
    assert result["slots"]["reference_commande"] is None
    assert result["responses"] == ["utter_commande_introuvable"]


def test_the_third_failure_ends_the_form_with_the_contacts(backend_env) -> None:
    result = run(
        "validate_order_identification_form",
        {"reference_commande": "KQZPTRBWE", "preuve_commande": "69001", "echecs_identification": 2},
    )
    assert result["slots"]["requested_slot"] is None
    assert result["slots"]["echecs_identification"] == 3
    assert result["responses"] == []  # action_answer_order, next, gives the contacts


def test_the_backend_down_ends_the_form_with_an_apology(monkeypatch) -> None:
    monkeypatch.setenv("ORDERS_API_URL", f"http://127.0.0.1:{free_port()}")  # nobody listens
    monkeypatch.setenv("ORDERS_API_KEY", "x" * 20)
    result = run(
        "validate_order_identification_form",
        {"reference_commande": "KQZPTRBWE", "preuve_commande": "69003"},
    )
    assert result["slots"]["identification_interrompue"] is True
    assert result["slots"]["requested_slot"] is None
    assert result["responses"] == ["utter_backend_indisponible", "utter_parler_humain"]


def test_the_answer_comes_from_the_order_and_prepares_the_follow_up(backend_env) -> None:
    result = run(
        "action_answer_order",
        {"commande_verifiee": "KQZPTRBWE", "preuve_commande": "69003",
         "probleme": "modifier_commande/modifier_annuler_commande"},
    )  # fmt: skip
    assert "« Paiement accepté »" in result["responses"][0]
    assert result["slots"]["suite"] == "details"
    assert result["slots"]["type_demande"] == "modification"


def test_a_submitted_request_reaches_the_backend(backend_env) -> None:
    result = run(
        "action_submit_request",
        {"commande_verifiee": "HZPRKDNVM", "preuve_commande": "33000",
         "type_demande": "personnalisation", "details_demande": "Pour Mamie, avec amour"},
    )  # fmt: skip
    assert "C’est transmis" in result["responses"][0]
    requests = backend_env.get("/v1/requests?conversation_id=actions-test")["requests"]
    assert requests[0]["kind"] == "personnalisation"
    assert requests[0]["details"] == "Pour Mamie, avec amour"


def test_after_the_failed_proofs_the_answer_gives_the_contacts(backend_env) -> None:
    result = run(
        "action_answer_order",
        {"echecs_identification": 3, "probleme": "colis_perdu/colis_perdu",
         "reference_commande": None, "preuve_commande": None},
    )  # fmt: skip
    assert result["responses"] == ["utter_identification_abandonnee", "utter_parler_humain"]
    assert result["slots"]["suite"] == "aucune"
