"""What the widget shows: answers as bubbles and a stored conversation's history
(cadomaestro/channels/transcript.py), and the socket.io channel's pure helpers."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

from cadomaestro.channels import transcript
from cadomaestro.channels.sessions import is_session_id, new_session_id, sender_of, still_open
from cadomaestro.channels.socketio import BAD_ATTACHMENT, attachments, page_metadata
from cadomaestro.media.images import Photo
from cadomaestro.media.store import LocalMediaStore

YES_NO = [{"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"}]


def test_answers_become_bubbles_with_their_buttons() -> None:
    messages = [
        {"recipient_id": "x", "text": "Premier paragraphe"},
        {"recipient_id": "x", "text": "Voulez-vous vérifier ?", "buttons": YES_NO},
        {"recipient_id": "x", "image": "https://exemple.fr/a.png"},
    ]
    assert transcript.answer_bubbles(messages) == [
        {"from": "bot", "text": "Premier paragraphe"},
        {"from": "bot", "text": "Voulez-vous vérifier ?", "quick_replies": YES_NO},
    ]


def test_history_shows_what_the_page_showed() -> None:
    events = [
        ActionExecuted("action_listen"),
        UserUttered("vous livrez en Belgique ?"),
        BotUttered("Oui.\n\nDélai : 3 à 5 jours."),
        SlotSet("attente", None),
        BotUttered("Voulez-vous vérifier une commande ?", {"buttons": YES_NO}),
        UserUttered("/affirm"),
        BotUttered("Quelle est la référence ?"),
    ]
    assert transcript.history(events) == [
        {"from": "customer", "text": "vous livrez en Belgique ?"},
        {"from": "bot", "text": "Oui."},
        {"from": "bot", "text": "Délai : 3 à 5 jours."},
        {"from": "bot", "text": "Voulez-vous vérifier une commande ?", "quick_replies": YES_NO},
        {"from": "customer", "text": "Oui"},  # the button's title, not its payload
        {"from": "bot", "text": "Quelle est la référence ?"},
    ]


@pytest.mark.parametrize(
    "buttons", [None, "oui", [{"title": "sans payload"}], [42], [{"payload": "/x"}]]
)
def test_malformed_buttons_are_left_out(buttons: object) -> None:
    assert transcript.quick_replies(buttons) == []


def test_session_ids_are_random_secrets_and_their_hash_names_the_conversation() -> None:
    ids = {new_session_id() for _ in range(100)}
    assert len(ids) == 100 and all(is_session_id(i) for i in ids)
    some = next(iter(ids))
    assert sender_of(some).startswith("web:") and some not in sender_of(some)
    assert sender_of(some) == sender_of(some)
    for bad in (None, 42, "", "a" * 31, "a" * 33, "a" * 31 + "!"):
        assert not is_session_id(bad)


@pytest.mark.parametrize(
    ("data", "metadata"),
    [
        ({"metadata": {"page_url": "https://www.cadomaestro.fr/mugs"}},
         {"page_url": "https://www.cadomaestro.fr/mugs"}),
        ({"metadata": {"page_url": "https://www.cadomaestro.fr/compte?email=a@b.fr#jeton=x"}},
         {"page_url": "https://www.cadomaestro.fr/compte"}),
        ({"metadata": {"page_url": "javascript:alert(1)"}}, {}),
        ({"metadata": {"client": "someone else", "page_url": 3}}, {}),
        ({"metadata": "texte"}, {}),
        ({}, {}),
    ],
)  # fmt: skip
def test_only_the_page_url_passes(data: dict, metadata: dict) -> None:
    assert page_metadata(data) == metadata


def test_a_conversation_is_open_until_the_session_expires() -> None:
    event = UserUttered("bonjour", timestamp=1000.0)
    assert still_open([event], 60, 1000.0 + 59 * 60)
    assert not still_open([event], 60, 1000.0 + 61 * 60)
    assert still_open([event], 0, 10**10)  # 0: never expires
    assert not still_open([], 60, 1000.0)


def test_the_photo_prompt_offers_to_attach_a_photo_live_and_in_the_history() -> None:
    prompt = "Envoyez-moi maintenant une photo du produit."
    live = [{"recipient_id": "x", "text": prompt, "utter_action": "utter_ask_photo"},
            {"recipient_id": "x", "text": "Autre", "utter_action": "utter_greet"}]  # fmt: skip
    assert transcript.answer_bubbles(live) == [
        {"from": "bot", "text": prompt, "accepts_photo": True},
        {"from": "bot", "text": "Autre"},
    ]
    stored = [UserUttered("mon mug est cassé"),
              BotUttered(prompt, metadata={"utter_action": "utter_ask_photo"})]  # fmt: skip
    assert transcript.history(stored)[-1] == {"from": "bot", "text": prompt, "accepts_photo": True}


def _stored(store: LocalMediaStore, conversation: str) -> str:
    return store.put(Photo(b"x", "image/png", "png", 20, 20), conversation).id


def test_a_conversation_attaches_only_its_own_photos(tmp_path) -> None:
    store = LocalMediaStore(tmp_path)
    mine, theirs = _stored(store, "web:moi"), _stored(store, "web:autre")
    url = "https://assistant.exemple"
    data = {"metadata": {"attachments": [{"id": mine}]}}
    assert attachments(data, store, "web:moi", url) == [{"id": mine, "url": f"{url}/media/{mine}"}]
    assert attachments({"metadata": {}}, store, "web:moi", url) == []
    for bad in ([{"id": theirs}], [{"id": "x" * 24}], [{"id": "../../etc/passwd"}], "id",
                [mine], [{"id": mine}] * 6):  # fmt: skip
        with pytest.raises(type(BAD_ATTACHMENT)):
            attachments({"metadata": {"attachments": bad}}, store, "web:moi", url)
