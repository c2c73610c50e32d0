"""What a chat window shows: the assistant's answers as bubbles, and a stored conversation as the
list of bubbles it showed, for a page that reloads (the widget's history comes from the server).

Pure functions over Rasa's output messages and events, shared by the live answers and the
history so that both look the same: a text without buttons is one bubble per paragraph (as
Rasa's CollectingOutputChannel splits it); a text with buttons is one bubble carrying them; a
button the customer clicked shows its title, not its payload. A bubble of the assistant's photo
prompt says so (`accepts_photo`): the widget then offers to attach one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa.shared.core.events import BotUttered, Event, UserUttered

BOT, CUSTOMER = "bot", "customer"
# What a photo sent without words says in the conversation.
PHOTO_TEXT = "Photo envoyée"
# The domain responses that ask for a photo.
PHOTO_PROMPTS = frozenset({"utter_ask_photo"})
# Rasa's key naming the response a message comes from (in a BotUttered's metadata).
RESPONSE_KEY = "utter_action"


def quick_replies(buttons: Any) -> list[dict[str, str]]:
    """The buttons of a message, as `{"title", "payload"}` pairs of texts."""
    if not isinstance(buttons, list):
        return []
    return [
        {"title": str(button["title"]), "payload": str(button["payload"])}
        for button in buttons
        if isinstance(button, dict) and "title" in button and "payload" in button
    ]


def bubble(
    text: str, buttons: Any = None, sender: str = BOT, response: Any = None
) -> dict[str, Any]:
    """A bubble; `response` is the domain response it comes from, if any."""
    message: dict[str, Any] = {"from": sender, "text": text}
    replies = quick_replies(buttons)
    if replies:
        message["quick_replies"] = replies
    if response in PHOTO_PROMPTS:
        message["accepts_photo"] = True
    return message


def answer_bubbles(messages: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rasa's collected output messages (CollectingOutputChannel) as bubbles."""
    return [
        bubble(str(m.get("text") or ""), m.get("buttons"), response=m.get(RESPONSE_KEY))
        for m in messages
        if m.get("text") or m.get("buttons")
    ]


def history(events: Iterable[Event]) -> list[dict[str, Any]]:
    """The bubbles of a stored conversation, in order."""
    shown: list[dict[str, Any]] = []
    titles: dict[str, str] = {}  # payload -> title of the buttons last offered
    for event in events:
        if isinstance(event, UserUttered) and event.text:
            shown.append(bubble(titles.get(event.text, event.text), sender=CUSTOMER))
        elif isinstance(event, BotUttered) and (event.text or event.data.get("buttons")):
            buttons = event.data.get("buttons")
            replies = quick_replies(buttons)
            titles = {reply["payload"]: reply["title"] for reply in replies}
            text = (event.text or "").strip()
            response = event.metadata.get(RESPONSE_KEY)
            if replies:
                shown.append(bubble(text, buttons, response=response))
            else:
                shown += [bubble(part, response=response) for part in text.split("\n\n")]
    return shown
