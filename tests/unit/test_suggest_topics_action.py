"""action_suggest_topics through rasa_sdk's executor, with trackers as Rasa sends them."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk.executor import ActionExecutor

from cadomaestro.faq.corpus import load_corpus

ENTRIES = {e.full_intent: e for e in load_corpus()}


def parse_data(text: str, ranking: dict[str, list[tuple[str, float]]]) -> dict[str, Any]:
    intents = [{"name": "nlu_fallback", "confidence": 0.5}] + [
        {"name": intent, "confidence": 0.4 / (i + 1)} for i, intent in enumerate(ranking)
    ]
    return {
        "text": text,
        "intent": intents[0],
        "intent_ranking": intents,
        "entities": [],
        "response_selector": {
            intent: {
                "ranking": [{"intent_response_key": k, "confidence": c} for k, c in keys],
                "response": {"intent_response_key": keys[0][0]} if keys else {},
            }
            for intent, keys in ranking.items()
        },
    }


def run_suggest_topics(parse: dict[str, Any]) -> dict[str, Any]:
    """Run the action as the action server does; return the slots it sets."""
    executor = ActionExecutor()
    executor.register_package("actions")
    request = {
        "next_action": "action_suggest_topics",
        "sender_id": "test",
        "version": "3.6.2",
        "domain": {},
        "tracker": {
            "sender_id": "test",
            "slots": {},
            "latest_message": parse,
            "events": [{"event": "user", "text": parse["text"], "parse_data": parse}],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }
    result = asyncio.run(executor.run(request))
    assert result["responses"] == []  # utter_clarify, from the rules, does the talking
    return {e["name"]: e["value"] for e in result["events"] if e["event"] == "slot"}


AMBIGUOUS = parse_data(
    "c'est pour le colis",
    {
        "colis_perdu": [("colis_perdu/colis_perdu", 0.7), ("colis_perdu/livre_non_recu", 0.3)],
        "faq": [("faq/numero_suivi", 0.8), ("faq/modes_livraison", 0.1), ("faq/hub_armee", 0.1)],
    },
)


def test_the_three_likeliest_topics_fill_the_button_slots() -> None:
    slots = run_suggest_topics(AMBIGUOUS)
    expected = ["colis_perdu/colis_perdu", "faq/numero_suivi", "colis_perdu/livre_non_recu"]
    for index, key in enumerate(expected, start=1):
        assert slots[f"sujet_{index}_titre"] == ENTRIES[key].title
        # the payload is the FAQ question, understood like any customer message
        assert slots[f"sujet_{index}_question"] == ENTRIES[key].question


@pytest.mark.parametrize(
    "ranking",
    [{}, {"faq": [("faq/numero_suivi", 0.9), ("faq/unknown_topic", 0.1)]}],
)
def test_too_few_known_topics_clear_the_slots(ranking) -> None:
    """utter_clarify then asks to rephrase instead of showing empty buttons."""
    slots = run_suggest_topics(parse_data("zzz", ranking))
    assert len(slots) == 6 and set(slots.values()) == {None}
