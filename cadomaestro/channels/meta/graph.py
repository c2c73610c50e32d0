"""The asynchronous client of Meta's Graph API that the Messenger and WhatsApp channels send with:
one per channel (its access token), one aiohttp session per client.

- `post(path, body)` sends a message, a sender action or a read receipt and returns a
  `SendResult`; it never raises for an HTTP or network failure (a failed send must not break the
  conversation): the caller reads `ok`, and `outside_window` when Meta refused because the
  customer last wrote more than 24 hours ago (WhatsApp 131047, Messenger 10/2018278), so that
  the channel can stop sending free-form messages to that customer.
- `media_url(media_id)` resolves a WhatsApp media id to its (temporary) URL and MIME type, and
  `download(url, max_bytes=…, authorized=…)` fetches a customer's photo, streaming, and raises
  `TooLarge` as soon as it exceeds `max_bytes` (a Content-Length above the limit is refused
  before any byte is read); other failures return None.

Retries: 429, 5xx, Meta's codes for a temporary failure (`TRANSIENT_CODES`), connection errors
and timeouts are tried again, `attempts` times in all, after an exponential backoff with jitter
(`backoff_s`, doubling) or Meta's `Retry-After`, each wait capped at `max_wait_s`. Every attempt
has its own `timeout_s` (connecting, sending and reading the whole answer), so one call takes at
most `worst_case_s` = attempts × timeout_s + (attempts − 1) × max_wait_s (55 s with the
defaults; 43.5 s without a Retry-After). A send that timed out may have reached Meta: retrying
it can, rarely, deliver a message twice, which is better than a reply lost (Meta's Send APIs take
no idempotency key). Other 4xx are not retried: one warning with Meta's `code`, `error_subcode`,
`type` and `fbtrace_id`.

The access token travels in the `Authorization: Bearer` header, never in a URL, and never to
another origin than the Graph API's unless over HTTPS (aiohttp drops it on a redirect to another
origin). Logs never hold personal data: no recipient id, no text, no media id, no file URL, no
error `message` from Meta (it can quote the recipient), only HTTP statuses, Meta's codes and
trace ids, and the names of exceptions.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp
from yarl import URL

logger = logging.getLogger(__name__)

# Meta's codes for "temporary, try again later", retried whatever the HTTP status: 2 "An
# unexpected error has occurred. Please retry your request later" / "Service temporarily
# unavailable" (Graph API, WhatsApp), 1200 "Temporary send message failure. Please try again
# later" (Messenger), 130429 "Rate limit hit" (WhatsApp's throughput, per second).
TRANSIENT_CODES = frozenset({2, 1200, 130429})

# The 24-hour customer-service window is closed: only a template (WhatsApp) or a message tag
# (Messenger) may be sent. WhatsApp 131047 "Re-engagement message" ("More than 24 hours have
# passed since the recipient last replied to the sender number"); Messenger code 10 with
# subcode 2018278 "This message is sent outside of allowed window".
WHATSAPP_OUTSIDE_WINDOW = 131047
MESSENGER_OUTSIDE_WINDOW = (10, 2018278)

# The customer cannot be reached at all (retrying, now or later, will not help): WhatsApp 131026
# "Message undeliverable" (not a WhatsApp number, old app, terms not accepted), Messenger 551
# "This person isn't available right now" (blocked the Page, deactivated account).
UNDELIVERABLE_CODES = frozenset({131026, 551})

_CHUNK = 64 * 1024
_MEDIA_ID = re.compile(r"[0-9A-Za-z_-]{1,128}")

T = TypeVar("T")


class TooLarge(Exception):
    """A download exceeded `max_bytes` (by its Content-Length, or while streaming): nothing more
    was read. Not a failure of the network: the caller tells the customer the file is too big."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"larger than {max_bytes} bytes")
        self.max_bytes = max_bytes


@dataclass(frozen=True)
class SendResult:
    """What became of a `post`.

    ok: Meta answered 2xx (the message was accepted; delivery is reported later by webhooks).
    status: the HTTP status of the last attempt; None when no answer came (network, timeout).
    error_code, error_subcode: Meta's `error.code` / `error.error_subcode` of a refusal.
    response: Meta's JSON answer: on success its ids (Messenger's `message_id`, WhatsApp's
      `messages[0].id`); on a refusal its `{"error": {…}}`, whose `message` and `error_data` can
      quote the recipient (never log them); None when no answer came.
    """

    ok: bool
    status: int | None
    error_code: int | None = None
    response: dict[str, Any] | None = None
    error_subcode: int | None = None

    @property
    def outside_window(self) -> bool:
        """Refused because the customer's last message is more than 24 hours old."""
        return self.error_code == WHATSAPP_OUTSIDE_WINDOW or (
            (self.error_code, self.error_subcode) == MESSENGER_OUTSIDE_WINDOW
        )

    @property
    def undeliverable(self) -> bool:
        """Refused because the customer cannot receive messages from the business."""
        return self.error_code in UNDELIVERABLE_CODES


@dataclass(frozen=True)
class _Answer:
    """One attempt's outcome: `value` on success, or what decides whether to try again."""

    status: int
    value: Any = None
    error: dict[str, Any] | None = None
    retry_after_s: float | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def code(self) -> int | None:
        return _integer((self.error or {}).get("code"))

    @property
    def retried(self) -> bool:
        return self.status == 429 or self.status >= 500 or self.code in TRANSIENT_CODES


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _retry_after(value: str | None) -> float | None:
    """Seconds from a `Retry-After` header (delay-seconds or an HTTP date), None when absent or
    unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment is None:
        return None
    return max(0.0, moment.timestamp() - time.time())


async def _json_or_none(response: aiohttp.ClientResponse) -> Any:
    try:
        return await response.json(content_type=None)
    except ValueError:  # not JSON (a proxy's HTML page): nothing to read in it
        return None


def _error_of(payload: Any) -> dict[str, Any] | None:
    if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
        return payload["error"]
    return None


class GraphClient:
    def __init__(
        self,
        base_url: str,
        version: str,
        access_token: str,
        *,
        timeout_s: float = 10,
        attempts: int = 4,
        backoff_s: float = 0.5,
        session_factory: Callable[[], aiohttp.ClientSession] | None = None,
        max_wait_s: float = 5.0,
    ) -> None:
        if not access_token:
            raise ValueError("the Graph API needs an access token")
        if attempts < 1 or timeout_s <= 0 or backoff_s < 0 or max_wait_s < 0:
            raise ValueError("attempts ≥ 1, timeout_s > 0, backoff_s ≥ 0 and max_wait_s ≥ 0")
        self.base_url = base_url.rstrip("/")
        self.version = version.strip("/")
        self.timeout_s = float(timeout_s)
        self.attempts = attempts
        self.backoff_s = float(backoff_s)
        self.max_wait_s = float(max_wait_s)
        self._auth = {"Authorization": f"Bearer {access_token}"}
        self._origin = URL(self.base_url).origin()
        self._timeout = aiohttp.ClientTimeout(total=self.timeout_s)
        self._session_factory = session_factory or aiohttp.ClientSession
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def __repr__(self) -> str:  # never the token
        return f"GraphClient({self.base_url!r}, {self.version!r})"

    @property
    def worst_case_s(self) -> float:
        """The longest one call can take: every attempt timing out, every wait at its cap."""
        return self.attempts * self.timeout_s + (self.attempts - 1) * self.max_wait_s

    # -- the session -----------------------------------------------------------------------------

    def _client(self) -> aiohttp.ClientSession:
        """The client's session, created in the running loop (a session cannot move loops: a new
        loop, as in tests running `asyncio.run` twice, gets a new session)."""
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = self._session_factory()
            self._loop = loop
        return self._session

    async def close(self) -> None:
        session, self._session, self._loop = self._session, None, None
        if session is not None and not session.closed:
            await session.close()

    async def __aenter__(self) -> GraphClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # -- retries ---------------------------------------------------------------------------------

    def _wait_s(self, attempt: int, retry_after_s: float | None) -> float:
        """How long to wait after failed attempt number `attempt` (1-based): the exponential
        backoff with jitter, or Meta's Retry-After if longer, capped at `max_wait_s`."""
        backoff = self.backoff_s * 2 ** (attempt - 1) * random.uniform(0.5, 1.0)
        if retry_after_s is not None:
            backoff = max(backoff, retry_after_s)
        return min(backoff, self.max_wait_s)

    async def _with_retries(
        self, label: str, attempt: Callable[[aiohttp.ClientSession], Awaitable[_Answer]]
    ) -> _Answer | None:
        """Runs `attempt` until it answers something final: a 2xx, or an error not worth
        retrying, or the last attempt's failure; None when the last attempt got no answer.
        `TooLarge` and programming errors go through."""
        last: _Answer | None = None
        for number in range(1, self.attempts + 1):
            failure: str
            try:
                last = await attempt(self._client())
            except asyncio.TimeoutError:
                last, failure = None, "timeout"
            except aiohttp.ClientError as exc:  # refused, reset, malformed answer…
                last, failure = None, type(exc).__name__
            else:
                if last.ok or not last.retried:
                    return last
                failure = f"HTTP {last.status}"
            if number == self.attempts:
                break
            wait = self._wait_s(number, last.retry_after_s if last else None)
            logger.info(
                "Graph API %s: %s, attempt %d of %d, next in %.2f s",
                label, failure, number, self.attempts, wait,
            )  # fmt: skip
            await asyncio.sleep(wait)
        error = (last.error if last else None) or {}
        logger.warning(
            "Graph API %s failed after %d attempts: %s (code=%s, fbtrace_id=%s)",
            label, self.attempts, failure, error.get("code"), error.get("fbtrace_id"),
        )  # fmt: skip
        return last

    def _refused(self, label: str, answer: _Answer) -> None:
        error = answer.error or {}
        logger.warning(
            "Graph API %s refused: HTTP %s, code=%s, error_subcode=%s, type=%s, fbtrace_id=%s",
            label, answer.status, error.get("code"), error.get("error_subcode"),
            error.get("type"), error.get("fbtrace_id"),
        )  # fmt: skip

    async def _json_attempt(
        self, session: aiohttp.ClientSession, method: str, url: str, body: Any = None
    ) -> _Answer:
        async with session.request(
            method, url, json=body, headers=self._auth, timeout=self._timeout
        ) as response:
            payload = await _json_or_none(response)
            if 200 <= response.status < 300:
                return _Answer(response.status, payload)
            return _Answer(
                response.status,
                error=_error_of(payload),
                retry_after_s=_retry_after(response.headers.get("Retry-After")),
            )

    def _url(self, path: str) -> str:
        return f"{self.base_url}/{self.version}/{path.lstrip('/')}"

    # -- the API ---------------------------------------------------------------------------------

    async def post(self, path: str, body: dict[str, Any]) -> SendResult:
        """POSTs `body` as JSON to `{base_url}/{version}/{path}` (`me/messages` for Messenger,
        `<phone_number_id>/messages` for WhatsApp). Never raises for HTTP or network failures:
        see `SendResult`."""
        label = f"POST {path.lstrip('/')}"  # the Page's or the business number's endpoint
        url = self._url(path)
        answer = await self._with_retries(
            label, lambda session: self._json_attempt(session, "POST", url, body)
        )
        if answer is None:
            return SendResult(ok=False, status=None)
        if answer.ok:
            value = answer.value if isinstance(answer.value, dict) else None
            return SendResult(ok=True, status=answer.status, response=value)
        if not answer.retried:  # retried ones were logged when given up
            self._refused(label, answer)
        error = answer.error or {}
        return SendResult(
            ok=False,
            status=answer.status,
            error_code=answer.code,
            response={"error": error} if error else None,
            error_subcode=_integer(error.get("error_subcode")),
        )

    async def media_url(self, media_id: str) -> tuple[str, str | None] | None:
        """WhatsApp: the URL (valid for a few minutes, downloaded with the token) and MIME type
        of a media a customer sent, from `GET {base_url}/{version}/{media_id}`; None when Meta
        does not know it or cannot be reached."""
        if not _MEDIA_ID.fullmatch(media_id):
            logger.warning("Graph API media lookup: not a media id")
            return None
        url = self._url(media_id)
        value = await self._value(
            "GET media", lambda session: self._json_attempt(session, "GET", url)
        )
        if value is None:
            return None
        payload = value if isinstance(value, dict) else {}
        file_url, mime_type = payload.get("url"), payload.get("mime_type")
        if not isinstance(file_url, str) or not file_url.startswith(("https://", "http://")):
            logger.warning("Graph API media lookup: no url in the answer")
            return None
        return file_url, mime_type if isinstance(mime_type, str) else None

    async def download(self, url: str, *, max_bytes: int, authorized: bool) -> bytes | None:
        """The file at `url`, read in chunks and never more than `max_bytes` + 1 bytes: raises
        `TooLarge` beyond `max_bytes`. `authorized`: send the access token (WhatsApp's media
        URLs; only over HTTPS or to the Graph API's own origin); Messenger's attachment URLs
        are public and get no token. Other failures (status, network, timeout after the
        retries) return None."""
        target = URL(url)
        if target.scheme not in ("https", "http") or not target.host:
            logger.warning("Graph API download: not an HTTP URL")
            return None
        if authorized and target.scheme != "https" and target.origin() != self._origin:
            logger.warning("Graph API download: the token is never sent over plain HTTP")
            return None
        headers = self._auth if authorized else None

        async def attempt(session: aiohttp.ClientSession) -> _Answer:
            async with session.get(url, headers=headers, timeout=self._timeout) as response:
                if not 200 <= response.status < 300:
                    payload = await _json_or_none(response) if response.status < 500 else None
                    return _Answer(
                        response.status,
                        error=_error_of(payload),
                        retry_after_s=_retry_after(response.headers.get("Retry-After")),
                    )
                if response.content_length is not None and response.content_length > max_bytes:
                    raise TooLarge(max_bytes)
                data = bytearray()
                async for chunk in response.content.iter_chunked(_CHUNK):
                    data += chunk
                    if len(data) > max_bytes:
                        raise TooLarge(max_bytes)  # leaving the block closes the connection
                return _Answer(response.status, bytes(data))

        value = await self._value("download", attempt)
        return value if isinstance(value, bytes) else None

    async def _value(
        self, label: str, attempt: Callable[[aiohttp.ClientSession], Awaitable[_Answer]]
    ) -> Any:
        """What the attempts (retried as `post`'s) got, or None; a refusal that was not retried
        is logged (its code, never the content)."""
        answer = await self._with_retries(label, attempt)
        if answer is None:
            return None
        if not answer.ok:
            if not answer.retried:
                self._refused(label, answer)
            return None
        return answer.value
