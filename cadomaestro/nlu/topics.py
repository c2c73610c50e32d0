"""Rank the topics a message may be about, from the NLU parse data.

A topic is a retrieval intent's response key (`faq/pays_livraison`). Its likelihood is the
intent's confidence times the response selector's confidence for the key within that intent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# In the parse data when another sentence of the message asks another FAQ question
# (cadomaestro/nlu/topic_classifier.py): `{"name": "faq/stock_disponible", "confidence": 0.93}`.
SECOND_QUESTION_KEY = "second_question"


def rank_topics(
    parse_data: Mapping[str, Any], retrieval_intents: Iterable[str]
) -> list[tuple[str, float]]:
    """Topics sorted by decreasing likelihood, e.g. `[("faq/pays_livraison", 0.41), ...]`."""
    retrieval = set(retrieval_intents)
    selectors = parse_data.get("response_selector") or {}
    scored: dict[str, float] = {}
    for ranked_intent in parse_data.get("intent_ranking") or []:
        intent = ranked_intent.get("name")
        if intent not in retrieval:
            continue
        intent_confidence = float(ranked_intent.get("confidence") or 0.0)
        for candidate in (selectors.get(intent) or {}).get("ranking") or []:
            key = candidate.get("intent_response_key")
            if key:
                score = intent_confidence * float(candidate.get("confidence") or 0.0)
                scored[key] = max(score, scored.get(key, 0.0))
    return sorted(scored.items(), key=lambda item: item[1], reverse=True)


def top_topic(parse: Mapping[str, Any]) -> str | None:
    """The full label the parse answers with (`faq/pays_livraison`); None for an intent without
    topics (`greet`, `nlu_fallback`)."""
    name = (parse.get("intent") or {}).get("name")
    selected = (parse.get("response_selector") or {}).get(name) or {}
    return (selected.get("response") or {}).get("intent_response_key")


def answer_confidence(parse: Mapping[str, Any], retrieval_intents: Iterable[str]) -> float:
    """Confidence in the answer the bot would give: for a retrieval intent, the intent's
    confidence times the selector's confidence in its top response; otherwise the intent's."""
    intent = parse.get("intent") or {}
    confidence = float(intent.get("confidence") or 0.0)
    name = intent.get("name")
    if name in set(retrieval_intents):
        selected = ((parse.get("response_selector") or {}).get(name) or {}).get("response") or {}
        confidence *= float(selected.get("confidence") or 0.0)
    return confidence
