"""Tokens of customers logged in on the shop's site: a JWT (HS256) signed with a secret the shop
shares with the assistant, carrying the customer's e-mail (`email`) and an expiry (`exp`).

A token that is missing, malformed, wrongly signed, expired, without expiry, signed with another
algorithm or carrying no e-mail makes the visitor anonymous: never an error for the customer.
"""

from __future__ import annotations

import time
from typing import Any

import jwt

from cadomaestro.inputs import is_email

ALGORITHM = "HS256"
MAX_TOKEN_CHARS = 4096
MIN_SECRET_CHARS = 32


def customer_email(token: Any, secret: str) -> str | None:
    """The e-mail of the customer `token` vouches for (lower-cased), or None."""
    if not secret or not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN_CHARS:
        return None
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "email"]},
            leeway=30,
        )  # fmt: skip
    except jwt.PyJWTError:
        return None
    email = claims.get("email")
    return email.strip().lower() if isinstance(email, str) and is_email(email) else None


def sign(email: str, secret: str, lifetime_s: int = 3600, now: float | None = None) -> str:
    """A token for `email`, as the shop's site makes them (and the local demo page)."""
    issued = int(time.time() if now is None else now)
    claims = {"email": email, "iat": issued, "exp": issued + lifetime_s}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)
