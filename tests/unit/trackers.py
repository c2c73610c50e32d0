"""Conversations for the NLU components' tests: what the customer said, what is awaited."""

from __future__ import annotations

from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker


def tracker_after(text: str, awaiting: str | None = None, *later: str) -> DialogueStateTracker:
    """A conversation whose customer said `text`, then gave the order details `later`."""
    slots = [TextSlot("attente", mappings=[{"type": "custom"}])]
    events = [UserUttered(text, intent={"name": "faq"}, parse_data={"text": text})]
    events += [UserUttered(t, intent={"name": "donner_infos"}, parse_data={"text": t})
               for t in later]  # fmt: skip
    if awaiting:
        events.append(SlotSet("attente", awaiting))
    return DialogueStateTracker.from_events("s", events, slots=slots)
