"""The input checks shared by the channels, the order API and the importer
(cadomaestro/inputs.py)."""

from __future__ import annotations

import pytest

from cadomaestro.inputs import (
    MAX_JSON_DEPTH,
    InvalidInput,
    clean_text,
    json_depth,
    json_object,
    storable,
)


@pytest.mark.parametrize(
    ("text", "clean"),
    [("a\tb\r\nc", "a\tb\r\nc"), ("\x00\x01\x7f\x9f", ""), ("é\u200b", "é\u200b"), ("", ""),
     ("a\ud800b", "ab"), ("😀 ok", "😀 ok")],
)  # fmt: skip
def test_clean_text(text: str, clean: str) -> None:
    assert clean_text(text) == clean


@pytest.mark.parametrize(
    ("text", "ok"),
    [("bonjour", True), ("", True), ("a\x00b", False), ("a\udfffb", False), ("\x01é😀", True)],
)
def test_storable(text: str, ok: bool) -> None:
    assert storable(text) is ok


@pytest.mark.parametrize(
    ("value", "depth"),
    [(1, 0), ("x", 0), ({}, 1), ([], 1), ({"a": [1, {"b": 2}]}, 3), ([[[[]]]], 4),
     ({"a": 1, "b": {"c": {"d": None}}}, 3)],
)  # fmt: skip
def test_json_depth(value: object, depth: int) -> None:
    assert json_depth(value) == depth


def nested(depth: int) -> bytes:
    return b'{"a": ' * depth + b"1" + b"}" * depth


REFUSED = [
    ("not UTF-8", b'{"a": "caf\xe9"}', InvalidInput.NOT_UTF8),
    ("empty", b"", InvalidInput.NOT_JSON),
    ("single quotes", b"{'a': 1}", InvalidInput.NOT_JSON),
    ("a list", b"[1, 2]", InvalidInput.NOT_OBJECT),
    ("null", b"null", InvalidInput.NOT_OBJECT),
    ("one level too deep", nested(MAX_JSON_DEPTH + 1), InvalidInput.TOO_DEEP),
    ("deep enough to crash the parser", b"[" * 30_000 + b"]" * 30_000, InvalidInput.NOT_JSON),
    ("too large", b'{"a": "' + b"x" * 200_000 + b'"}', InvalidInput.TOO_LARGE),
]


@pytest.mark.parametrize(("raw", "reason"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_json_object_refusals(raw: bytes, reason: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        json_object(raw, max_bytes=100_000)
    assert refused.value.reason == reason


def test_json_object_accepts_objects_up_to_the_depth_limit() -> None:
    assert json_object(nested(MAX_JSON_DEPTH))["a"]["a"]["a"]
    assert json_object('{"é": "ok"}') == {"é": "ok"}
