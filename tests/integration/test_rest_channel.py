"""The running assistant through the REST channel, with conversations kept in SQLite."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request
import uuid

import pytest

from cadomaestro.replies.estimates import ESTIMATE_TOPICS, methods_to
from cadomaestro.replies.topics import needs_order
from tests.faq_entries import faq_entries

ANSWERS = {e.full_intent: e.answer for e in faq_entries()}


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
    # A country named: the corpus answer, then whether it is served (replies/estimates.py).
    served = [methods_to("BE")] if "Belgique" in message else []
    assert [r["text"] for r in replies] == bubbles(ANSWERS[topic]) + served


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
    by_question = {e.question: e for e in faq_entries()}
    topic = next(
        by_question[p]
        for p in payloads[:-1]
        if not needs_order(by_question[p].full_intent)
        and by_question[p].full_intent not in ESTIMATE_TOPICS
    )
    assert [r["text"] for r in say(assistant, sender, topic.question)] == bubbles(topic.answer)
    # two misses in a row: the contacts
    say(assistant, sender, "euh")
    second = " ".join(r["text"] for r in say(assistant, sender, "hein"))
    assert second.startswith("Je suis désolé") and "04 81 64 00 80" in second


def body(**fields) -> bytes:
    return json.dumps(fields).encode()


# Messages a customer's client may send: each gets at least one reply (the assistant asks to
# rephrase what it does not understand).
ODD_MESSAGES = {
    "empty": "",
    "whitespace only": "   \u00a0\t\n ",
    "10 000 characters": ("Bonjour, je voudrais savoir où en est ma commande. " * 200)[:10_000],
    "10 000 characters, one word": "a" * 10_000,
    "emoji only": "🎁🎁🎁",
    "control characters": "bon\x00jour\x07\x1b[31m\x7f",
    "HTML and JavaScript": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "SQL": "'; DROP TABLE events; -- SELECT * FROM orders WHERE '1'='1",
    "lone surrogate": "\ud800 vous livrez en Belgique ?",
    "right-to-left and zero-width": "\u202e\u200bbonjour\u2066",
}


@pytest.mark.parametrize("message", list(ODD_MESSAGES.values()), ids=list(ODD_MESSAGES))
def test_odd_messages_get_an_answer(assistant, message: str) -> None:
    replies = say(assistant, f"odd-{uuid.uuid4().hex}", message)
    assert replies and all(r["text"].strip() for r in replies)
    assert not any("Traceback" in r["text"] or "Error" in r["text"] for r in replies)


# Requests no customer's client should send: each gets a 4xx with a French message.
BAD_REQUESTS = {
    "not UTF-8": (b'{"sender": "bad", "message": "caf\xe9"}', 400, "invalid_encoding"),
    "not JSON": (b"message=bonjour", 400, "invalid_json"),
    "empty body": (b"", 400, "invalid_json"),
    "a JSON list": (b'["bad", "bonjour"]', 400, "invalid_json"),
    "no sender": (body(message="bonjour"), 400, "invalid_sender"),
    "sender a number": (body(sender=12, message="bonjour"), 400, "invalid_sender"),
    "sender with SQL": (body(sender="x' OR '1'='1", message="bonjour"), 400, "invalid_sender"),
    "no message": (body(sender="bad"), 400, "invalid_message"),
    "message a list": (body(sender="bad", message=["bonjour"]), 400, "invalid_message"),
    "message an object": (body(sender="bad", message={"text": "bonjour"}), 400,
                          "invalid_message"),
    "metadata a string": (body(sender="bad", message="bonjour", metadata="x"), 400,
                          "invalid_metadata"),
    "10 001 characters": (body(sender="bad", message="a" * 10_001), 413, "message_too_long"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "status", "code"), list(BAD_REQUESTS.values()), ids=list(BAD_REQUESTS)
)
def test_bad_requests_get_a_4xx_with_a_french_message(
    assistant, raw: bytes, status: int, code: str
) -> None:
    got, answer = post(assistant.rest_url, raw)
    assert got == status
    error = json.loads(answer)
    assert error["error"] == code and error["message"].endswith((".", "?"))
    assert "Traceback" not in answer
    assert say(assistant, f"after-{uuid.uuid4().hex}", "bonjour")  # still serving


def test_a_reference_with_an_injection_is_refused_like_a_typo(assistant) -> None:
    sender = f"inject-{uuid.uuid4().hex}"
    say(assistant, sender, "Je pense que mon colis est perdu, que faire ?")
    texts = " ".join(r["text"] for r in say(assistant, sender, "KQZPTRBWE' OR '1'='1"))
    assert "adresse email" in texts  # the reference part was read, nothing else
    texts = " ".join(r["text"] for r in say(assistant, sender, "x' OR 1=1 -- @example.fr"))
    assert "Je ne trouve aucune commande" in texts or "Indiquez l’adresse email" in texts


def test_messages_are_kept_clean_and_in_full(assistant) -> None:
    sender = f"clean-{uuid.uuid4().hex}"
    long_message = "Mon colis n'est pas arrivé. " + "Détails : " * 1200
    say(assistant, sender, long_message[:10_000])
    say(assistant, sender, "bon\x00jour\x07")
    with sqlite3.connect(assistant.tracker_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
            (sender,),
        ).fetchall()
    assert [json.loads(d)["text"] for (d,) in rows] == [long_message[:10_000], "bonjour"]


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
