"""Low NLU confidence: fill the clarification buttons with the likeliest topics.

The rules do the rest: `utter_clarify` shows the topics as buttons (their payload is the FAQ
question, understood like any customer message), and a second miss in a row hands over.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from cadomaestro.faq.corpus import RETRIEVAL_INTENTS, FaqEntry, load_corpus
from cadomaestro.nlu.topics import rank_topics

TOPIC_SLOTS = 3


@lru_cache(maxsize=1)
def _entries_by_topic() -> dict[str, FaqEntry]:
    return {entry.full_intent: entry for entry in load_corpus()}


class ActionSuggestTopics(Action):
    def name(self) -> str:
        return "action_suggest_topics"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        entries = _entries_by_topic()
        ranked = rank_topics(tracker.latest_message, RETRIEVAL_INTENTS)
        topics = [entries[key] for key, _ in ranked if key in entries][:TOPIC_SLOTS]
        if len(topics) < TOPIC_SLOTS:
            topics = []  # utter_clarify then asks to rephrase (conditional variation)
        events = []
        for index in range(TOPIC_SLOTS):
            entry = topics[index] if topics else None
            events.append(SlotSet(f"sujet_{index + 1}_titre", entry.title if entry else None))
            events.append(SlotSet(f"sujet_{index + 1}_question", entry.question if entry else None))
        return events
