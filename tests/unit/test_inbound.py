"""What the channels accept (cadomaestro/channels/inbound.py): every bad request is a 4xx with a
French message, every good one a clean message."""

from __future__ import annotations

import json

import pytest

from cadomaestro.channels.inbound import (
    MAX_BODY_BYTES,
    MAX_MESSAGE_CHARS,
    Inbound,
    Rejected,
    parse_rest_body,
    without_commands,
)


def body(**fields) -> bytes:
    return json.dumps(fields).encode()


REJECTED = [
    ("not UTF-8", b'{"sender": "a", "message": "caf\xe9"}', 400, "invalid_encoding"),
    ("not JSON", b"sender=a&message=bonjour", 400, "invalid_json"),
    ("empty body", b"", 400, "invalid_json"),
    ("a list", b'["a", "bonjour"]', 400, "invalid_json"),
    ("a string", b'"bonjour"', 400, "invalid_json"),
    ("no sender", body(message="bonjour"), 400, "invalid_sender"),
    ("sender a number", body(sender=5, message="bonjour"), 400, "invalid_sender"),
    ("sender empty", body(sender="", message="bonjour"), 400, "invalid_sender"),
    ("sender with spaces", body(sender="a b", message="bonjour"), 400, "invalid_sender"),
    ("sender injection", body(sender="x'; DROP TABLE events;--", message="a"), 400,
     "invalid_sender"),
    ("sender too long", body(sender="a" * 129, message="bonjour"), 400, "invalid_sender"),
    ("the widget's conversation", body(sender="web:" + "a" * 40, message="bonjour"), 400,
     "invalid_sender"),
    ("a Messenger conversation", body(sender="Messenger:123", message="bonjour"), 400,
     "invalid_sender"),
    ("no message", body(sender="a"), 400, "invalid_message"),
    ("message null", body(sender="a", message=None), 400, "invalid_message"),
    ("message a list", body(sender="a", message=["bonjour"]), 400, "invalid_message"),
    ("message an object", body(sender="a", message={"text": "x"}), 400, "invalid_message"),
    ("message a number", body(sender="a", message=42), 400, "invalid_message"),
    ("metadata a string", body(sender="a", message="x", metadata="x"), 400, "invalid_metadata"),
    ("metadata a list", body(sender="a", message="x", metadata=[1]), 400, "invalid_metadata"),
    ("message too long", body(sender="a", message="é" * (MAX_MESSAGE_CHARS + 1)), 413,
     "message_too_long"),
    ("body too large", b" " * (MAX_BODY_BYTES + 1), 413, "body_too_large"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "status", "code"), [c[1:] for c in REJECTED], ids=[c[0] for c in REJECTED]
)
def test_bad_requests_are_rejected_with_a_french_message(raw: bytes, status: int, code: str):
    with pytest.raises(Rejected) as rejected:
        parse_rest_body(raw)
    assert (rejected.value.status, rejected.value.code) == (status, code)
    assert rejected.value.body() == {"error": code, "message": rejected.value.message}
    assert rejected.value.message[0].isupper() and rejected.value.message.endswith((".", "?"))


ACCEPTED = [
    ("plain", body(sender="a", message="bonjour"), Inbound("a", "bonjour")),
    ("empty message", body(sender="a", message=""), Inbound("a", "")),
    ("whitespace only", body(sender="a", message=" \u00a0\t"), Inbound("a", " \u00a0\t")),
    ("emoji", body(sender="a", message="🎁🎁"), Inbound("a", "🎁🎁")),
    ("HTML kept as text", body(sender="a", message="<script>alert(1)</script>"),
     Inbound("a", "<script>alert(1)</script>")),
    ("control characters dropped", body(sender="a", message="bon\x00jour\x07\x1b\n!"),
     Inbound("a", "bonjour\n!")),
    ("lone surrogate dropped", b'{"sender": "a", "message": "\\ud800bonjour"}',
     Inbound("a", "bonjour")),
    ("sender with a colon and a plus", body(sender="crm:+33612345678", message="x"),
     Inbound("crm:+33612345678", "x")),
    ("longest message", body(sender="a", message="a" * MAX_MESSAGE_CHARS),
     Inbound("a", "a" * MAX_MESSAGE_CHARS)),
    ("metadata kept", body(sender="a", message="x", metadata={"attachments": []}),
     Inbound("a", "x", {"attachments": []})),
    ("client's own client key dropped", body(sender="a", message="x", metadata={"client": "z"}),
     Inbound("a", "x", {})),
    ("metadata null", body(sender="a", message="x", metadata=None), Inbound("a", "x", {})),
]  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "expected"), [c[1:] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED]
)
def test_good_requests_become_clean_messages(raw: bytes, expected: Inbound) -> None:
    assert parse_rest_body(raw) == expected


def test_deep_nesting_is_refused_as_invalid_json() -> None:
    deep = b'{"sender": "a", "message": "x", "metadata": ' + b'{"a": ' * 40 + b"1" + b"}" * 41
    with pytest.raises(Rejected) as refused:
        parse_rest_body(deep)
    assert (refused.value.status, refused.value.code) == (400, "invalid_json")


@pytest.mark.parametrize(
    ("text", "read"),
    [("/restart", "restart"), ("//session_start", "session_start"), (" /restart", "restart"),
     ('/faq{"x": 1}', 'faq{"x": 1}'), ("/affirm", "/affirm"), ("/deny", "/deny"),
     ("/parler_humain", "/parler_humain"), ("bonjour /restart", "bonjour /restart"),
     ("/", ""), ("ok", "ok")],
)  # fmt: skip
def test_only_the_buttons_commands_reach_rasa_as_intents(text: str, read: str) -> None:
    assert without_commands(text) == read
