"""The running assistant through the REST channel, with conversations kept in SQLite."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request
import uuid

import pytest

from cadomaestro.faq.corpus import load_corpus
from cadomaestro.replies.estimates import ESTIMATE_TOPICS
from cadomaestro.replies.problems import needs_order

ANSWERS = {e.full_intent: e.answer for e in load_corpus()}


def post(url: str, body: bytes) -> tuple[int, object]:
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def bubbles(answer: str) -> list[str]:
    """Rasa's channels send each paragraph of a response as its own chat bubble."""
    return answer.split("\n\n")


def say(assistant, sender: str, message: str) -> list[dict]:
    status, replies = post(
        assistant.rest_url, json.dumps({"sender": sender, "message": message}).encode()
    )
    assert status == 200, replies
    return replies


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("vous livrez en Belgique ?", "faq/pays_livraison"),
        ("comment je fais pour créer un compte client ?", "faq/creer_compte"),
        ("quels sont les horaires de l'entrepot de veauche", "faq/horaires_entrepot"),
    ],
)
def test_faq_question_gets_the_corpus_answer(assistant, message: str, topic: str) -> None:
    replies = say(assistant, f"faq-{uuid.uuid4().hex}", message)
    assert [r["text"] for r in replies] == bubbles(ANSWERS[topic])


def test_greeting_and_human_handover(assistant) -> None:
    sender = f"smalltalk-{uuid.uuid4().hex}"
    assert "CadoMaestro" in say(assistant, sender, "bonjour")[0]["text"]
    human = " ".join(r["text"] for r in say(assistant, sender, "je veux parler à un conseiller"))
    assert "04 81 64 00 80" in human and "formulaire de contact" in human


def test_unclear_message_gets_topic_buttons_then_the_contacts(assistant) -> None:
    sender = f"fallback-{uuid.uuid4().hex}"
    first = say(assistant, sender, "livraison")
    assert first[0]["text"].startswith("Je ne suis pas sûr d’avoir bien compris")
    payloads = [b["payload"] for b in first[0]["buttons"]]
    assert 2 <= len(payloads) <= 4 and payloads[-1] == "/parler_humain"
    # clicking a topic button answers that topic (one answered from the FAQ alone)
    by_question = {e.question: e for e in load_corpus()}
    topic = next(
        by_question[p]
        for p in payloads[:-1]
        if not needs_order(by_question[p].full_intent)
        and by_question[p].full_intent not in ESTIMATE_TOPICS
    )
    assert [r["text"] for r in say(assistant, sender, topic.question)] == bubbles(topic.answer)
    # two misses in a row: the contacts
    say(assistant, sender, "euh")
    second = " ".join(r["text"] for r in say(assistant, sender, "svp"))
    assert second.startswith("Je suis désolé") and "04 81 64 00 80" in second


@pytest.mark.parametrize(
    "body",
    [
        json.dumps({"sender": "bad-1", "message": ""}).encode(),
        json.dumps({"sender": "bad-2", "message": "   \u00a0 "}).encode(),
        json.dumps({"sender": "bad-3", "message": "livraison " * 1000}).encode(),
        json.dumps({"sender": "bad-4", "message": "🎁🎁🎁"}).encode(),
    ],
)
def test_odd_messages_do_not_break_the_server(assistant, body: bytes) -> None:
    status, _ = post(assistant.rest_url, body)
    assert status < 500
    assert say(assistant, f"after-{uuid.uuid4().hex}", "bonjour")  # still serving


def test_conversations_are_kept_in_the_sql_tracker_store(assistant) -> None:
    sender = f"kept-{uuid.uuid4().hex}"
    for message in ("bonjour", "vous livrez en Belgique ?", "merci"):
        say(assistant, sender, message)
    with sqlite3.connect(assistant.tracker_db) as db:
        rows = db.execute(
            "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
        ).fetchall()
    user_texts = [json.loads(d)["text"] for t, d in rows if t == "user"]
    assert user_texts == ["bonjour", "vous livrez en Belgique ?", "merci"]
    bot_texts = [json.loads(d)["text"] for t, d in rows if t == "bot"]
    assert ANSWERS["faq/pays_livraison"] in bot_texts  # the whole answer, as one event
