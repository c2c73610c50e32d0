"""Is a webhook request really Meta's? The two checks of Meta's webhooks, shared by Messenger and
WhatsApp (https://developers.facebook.com/docs/graph-api/webhooks/getting-started):

- every POST carries `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw body keyed
  with the app secret (« Validating payloads »);
- the GET that subscribes the webhook carries `hub.mode=subscribe`, the verify token configured
  in the app dashboard and a `hub.challenge` to echo back (« Verification requests »).

Pure functions: the routes read the header, the body and the query, and answer 403.
Both comparisons take constant time (`hmac.compare_digest`), and an empty secret or token never
matches, so a channel that someone forgot to configure refuses everything.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping

SIGNATURE_HEADER = "X-Hub-Signature-256"
_SIGNATURE = re.compile(r"sha256=([0-9a-fA-F]{64})")
# Meta's challenge is a number (« an int you must pass back to us »); anything else is not
# echoed, so that the route never reflects a stranger's markup.
_CHALLENGE = re.compile(r"[0-9A-Za-z_.-]{1,128}")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a query may carry lone surrogates


def expected_signature(body: bytes, app_secret: str) -> str:
    """The header Meta sends with `body` (for the tests and for local tools that sign)."""
    digest = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def valid_signature(body: bytes, header: str | None, app_secret: str) -> bool:
    """True if `header` is `sha256=<hex>` and the hex is the HMAC-SHA256 of `body` with
    `app_secret`. A missing or malformed header, or an empty secret, is never valid."""
    if not app_secret or not isinstance(header, str):
        return False
    match = _SIGNATURE.fullmatch(header.strip())
    if match is None:
        return False
    expected = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, match.group(1).lower())


def verification_challenge(query: Mapping[str, str], verify_token: str) -> str | None:
    """The challenge to answer Meta's subscription request with, or None (the route answers 403):
    `hub.mode` must be `subscribe` and `hub.verify_token` the configured token."""
    if not verify_token:
        return None
    mode, token, challenge = (
        query.get(f"hub.{key}") for key in ("mode", "verify_token", "challenge")
    )
    if mode != "subscribe" or not isinstance(token, str) or not isinstance(challenge, str):
        return None
    if not hmac.compare_digest(_bytes(token), _bytes(verify_token)):
        return None
    return challenge if _CHALLENGE.fullmatch(challenge) else None
