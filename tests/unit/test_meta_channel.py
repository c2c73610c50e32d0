"""The Meta channels' pure helpers (cadomaestro/channels/meta/channel.py, whatsapp.py): what was
already answered, the choices last offered, the answers as platform messages, the 24-hour
window."""

from __future__ import annotations

from rasa.shared.core.events import BotUttered, UserUttered

from cadomaestro.channels.meta.channel import already_answered, last_offered, platform_bubbles
from cadomaestro.channels.meta.model import Bubble, Choice
from cadomaestro.channels.meta.whatsapp import WINDOW_S, window_open

YES_NO = [{"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"}]


def test_a_message_id_in_the_stored_events_was_answered() -> None:
    events = [UserUttered("bonjour", message_id="wamid.A"), BotUttered("Bonjour !")]
    assert already_answered(events, "wamid.A") and not already_answered(events, "wamid.B")


def test_the_choices_last_offered_until_the_customer_writes() -> None:
    offer = BotUttered("Voulez-vous vérifier ?", {"buttons": YES_NO})
    assert last_offered([offer, BotUttered("Autre chose ?")]) == (
        Choice("Oui", "/affirm"),
        Choice("Non", "/deny"),
    )
    assert last_offered([offer, UserUttered("non")]) == ()
    assert last_offered([]) == ()


def test_paragraphs_go_together_and_choices_alone() -> None:
    answers = [
        {"recipient_id": "x", "text": "Premier."},
        {"recipient_id": "x", "text": "Deuxième."},
        {"recipient_id": "x", "text": "Voulez-vous vérifier ?", "buttons": YES_NO},
        {"recipient_id": "x", "text": "Après."},
    ]
    assert platform_bubbles(answers) == [
        Bubble("Premier.\n\nDeuxième."),
        Bubble("Voulez-vous vérifier ?", (Choice("Oui", "/affirm"), Choice("Non", "/deny"))),
        Bubble("Après."),
    ]


def test_the_whatsapp_window_is_24_hours_after_the_customer_s_last_message() -> None:
    said = UserUttered("bonjour", timestamp=1000.0)
    later = BotUttered("Bonjour !", timestamp=1000.0 + WINDOW_S)  # the assistant does not count
    assert window_open([said, later], 1000.0 + WINDOW_S - 1)
    assert not window_open([said, later], 1000.0 + WINDOW_S + 1)
    assert not window_open([], 1000.0)
