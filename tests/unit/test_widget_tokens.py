"""Logged-in customers' tokens (cadomaestro/widget/tokens.py): only a well-signed, unexpired
token with an e-mail names a customer; anything else is an anonymous visitor."""

from __future__ import annotations

import time

import jwt
import pytest

from cadomaestro.widget.tokens import customer_email, sign

SECRET = "s" * 40
NOW = time.time()


def test_a_token_signed_by_the_shop_names_its_customer() -> None:
    assert customer_email(sign("Claire.Martin@example.fr", SECRET), SECRET) == (
        "claire.martin@example.fr"
    )


@pytest.mark.parametrize(
    "token",
    [
        sign("claire.martin@example.fr", "another secret, as long as it must be"),
        sign("claire.martin@example.fr", SECRET, now=NOW - 7200),  # expired an hour ago
        jwt.encode({"email": "claire.martin@example.fr"}, SECRET, algorithm="HS256"),  # no exp
        jwt.encode({"exp": NOW + 600}, SECRET, algorithm="HS256"),  # no e-mail
        jwt.encode({"email": "pas une adresse", "exp": NOW + 600}, SECRET, algorithm="HS256"),
        jwt.encode({"email": ["a@b.fr"], "exp": NOW + 600}, SECRET, algorithm="HS256"),
        jwt.encode({"email": "a@b.fr", "exp": NOW + 600}, SECRET, algorithm="HS512"),
        jwt.encode({"email": "a@b.fr", "exp": NOW + 600}, None, algorithm="none"),
        sign("claire.martin@example.fr", SECRET)[:-3] + "abc",  # signature changed
        "pas.un.jeton",
        "",
        "x" * 5000,
        None,
        42,
        {"email": "claire.martin@example.fr"},
    ],
    # Fixed names: the tokens hold the time, and pytest-xdist's workers must collect the same.
    ids=[
        "other-secret",
        "expired",
        "no-exp",
        "no-email",
        "not-an-address",
        "email-list",
        "hs512",
        "alg-none",
        "signature-changed",
        "not-a-token",
        "empty",
        "long",
        "none",
        "number",
        "dict",
    ],
)
def test_anything_else_is_an_anonymous_visitor(token: object) -> None:
    assert customer_email(token, SECRET) is None


def test_without_a_secret_every_visitor_is_anonymous() -> None:
    assert customer_email(sign("claire.martin@example.fr", SECRET), "") is None
