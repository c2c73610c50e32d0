"""Meta's webhook checks: the body's signature and the subscription's challenge
(cadomaestro/channels/meta/signature.py)."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from cadomaestro.channels.meta.signature import (
    expected_signature,
    valid_signature,
    verification_challenge,
)

SECRET = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"
BODY = b'{"object":"page","entry":[{"id":"682498302938465","time":1458692752478}]}'
HEX = hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()
GOOD = f"sha256={HEX}"


def test_expected_signature_is_metas_header() -> None:
    assert expected_signature(BODY, SECRET) == GOOD


SIGNATURES = [
    ("Meta's header", BODY, GOOD, SECRET, True),
    ("upper-case hex", BODY, f"sha256={HEX.upper()}", SECRET, True),
    ("surrounding spaces", BODY, f" {GOOD} ", SECRET, True),
    ("empty body signed", b"", expected_signature(b"", SECRET), SECRET, True),
    ("unicode body", "é😀".encode(), expected_signature("é😀".encode(), SECRET), SECRET, True),
    ("missing header", BODY, None, SECRET, False),
    ("empty header", BODY, "", SECRET, False),
    ("empty secret", BODY, expected_signature(BODY, ""), "", False),
    ("other secret", BODY, GOOD, SECRET + "x", False),
    ("body changed", BODY + b" ", GOOD, SECRET, False),
    ("hex alone", BODY, HEX, SECRET, False),
    ("old sha1 header", BODY, "sha1=" + hmac.new(SECRET.encode(), BODY, "sha1").hexdigest(),
     SECRET, False),
    ("wrong prefix case", BODY, f"SHA256={HEX}", SECRET, False),
    ("hex truncated", BODY, GOOD[:-1], SECRET, False),
    ("hex too long", BODY, GOOD + "0", SECRET, False),
    ("not hex", BODY, "sha256=" + "g" * 64, SECRET, False),
    ("non-ASCII digits", BODY, "sha256=" + "٣" * 64, SECRET, False),
    ("two signatures", BODY, f"{GOOD},{GOOD}", SECRET, False),
    ("not a string", BODY, 42, SECRET, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "header", "secret", "valid"),
    [c[1:] for c in SIGNATURES],
    ids=[c[0] for c in SIGNATURES],
)
def test_valid_signature(body: bytes, header: str | None, secret: str, valid: bool) -> None:
    assert valid_signature(body, header, secret) is valid


TOKEN = "jeton-de-verification"
QUERY = {"hub.mode": "subscribe", "hub.verify_token": TOKEN, "hub.challenge": "1158201444"}

CHALLENGES = [
    ("Meta's request", QUERY, TOKEN, "1158201444"),
    ("extra parameters", {**QUERY, "utm": "x"}, TOKEN, "1158201444"),
    ("wrong token", {**QUERY, "hub.verify_token": TOKEN + "x"}, TOKEN, None),
    ("token prefix", {**QUERY, "hub.verify_token": TOKEN[:-1]}, TOKEN, None),
    ("no token sent", {k: v for k, v in QUERY.items() if k != "hub.verify_token"}, TOKEN, None),
    ("empty configured token", {**QUERY, "hub.verify_token": ""}, "", None),
    ("wrong mode", {**QUERY, "hub.mode": "unsubscribe"}, TOKEN, None),
    ("no mode", {k: v for k, v in QUERY.items() if k != "hub.mode"}, TOKEN, None),
    ("no challenge", {k: v for k, v in QUERY.items() if k != "hub.challenge"}, TOKEN, None),
    ("empty challenge", {**QUERY, "hub.challenge": ""}, TOKEN, None),
    ("markup as challenge", {**QUERY, "hub.challenge": "<script>alert(1)</script>"}, TOKEN, None),
    ("huge challenge", {**QUERY, "hub.challenge": "1" * 129}, TOKEN, None),
    ("non-ASCII token", {**QUERY, "hub.verify_token": "jéton"}, "jéton", "1158201444"),
    ("lone surrogate", {**QUERY, "hub.verify_token": "a\udcff"}, TOKEN, None),
    ("empty query", {}, TOKEN, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "token", "challenge"), [c[1:] for c in CHALLENGES], ids=[c[0] for c in CHALLENGES]
)
def test_verification_challenge(query: dict[str, str], token: str, challenge: str | None) -> None:
    assert verification_challenge(query, token) == challenge
