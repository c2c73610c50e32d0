"""A fake of Meta's Graph API for the tests: a real aiohttp server on localhost, run by a thread of
its own with its own event loop, so that synchronous tests, asynchronous ones and other processes
(the Rasa server, given `url` as META_GRAPH_URL) can all call it.

It answers like Meta (documented shapes):
- `POST /{version}/me/messages`, Messenger's Send API: `{"recipient_id", "message_id"}` for a
  message, `{"recipient_id"}` for a `sender_action`;
- `POST /{version}/{phone_number_id}/messages`, WhatsApp's: `{"messaging_product": "whatsapp",
  "contacts": [{"input", "wa_id"}], "messages": [{"id": "wamid.…"}]}`, and `{"success": true}`
  for a read receipt (`"status": "read"`, with or without a typing indicator);
- `GET /{version}/{media_id}`, WhatsApp's media: `{"messaging_product", "url", "mime_type",
  "sha256", "file_size", "id"}`, the url pointing at `GET /media-files/{media_id}` (the bytes,
  with the token only);
- `GET /cdn/{name}`: public files (Messenger's attachment URLs), no token.
Everything but `/cdn/` needs `Authorization: Bearer <token>` (a token in the query string is not
accepted: the project never puts it in a URL); otherwise 401 with Meta's error body (code 190).
Requests Meta would refuse get Meta's 400 (code 100, or 131009 for WhatsApp's interactive
limits): a missing recipient, a text over 2000 (Messenger) or 4096 (WhatsApp) characters, more
than 13 quick replies or 3 reply buttons, a title over 20 characters.

Every request is recorded (`Recorded`: method, path, query, headers, JSON body, monotonic time,
then the status and JSON the fake answered) in a thread-safe list: `requests`, `matching(…)`,
`wait_for(predicate, timeout, count)`. Answers can be planned per path suffix, consumed in order
before the default answer: `plan(…)`, `fail_next(…)`, `slow_next(…)`, `drop_next(…)`.

    with FakeGraph(token="t") as graph:
        graph.fail_next("/messages", 500)
        ...  # the code under test calls graph.url
        graph.wait_for(lambda r: r.path.endswith("/messages"), count=2)
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

DEFAULT_TOKEN = "fake-graph-token-0123456789"
VERSION = r"{version:v\d+\.\d+}"
CHUNK = 64 * 1024

_TITLES = {  # Meta's message for its codes (what follows "(#code) ")
    1: "An unknown error occurred",
    2: "Service temporarily unavailable",
    4: "Application request limit reached",
    10: "This message is sent outside of allowed window.",
    100: "Invalid parameter",
    190: "Invalid OAuth access token - Cannot parse access token",
    551: "This person isn't available right now.",
    1200: "Temporary send message failure. Please try again later.",
    130429: "Rate limit hit",
    131000: "Something went wrong",
    131009: "Parameter value is not valid",
    131026: "Message undeliverable",
    131047: "Re-engagement message",
    131056: "(Business Account, Consumer Account) pair rate limit hit",
}
_DETAILS = {
    131026: "Message Undeliverable.",
    131047: "Message failed to send because more than 24 hours have passed since the customer "
    "last replied to this number.",
}


def fbtrace_id() -> str:
    return "A" + secrets.token_urlsafe(16)


def _message(code: int) -> str:
    title = _TITLES.get(code, "Error")
    return title if code == 190 else f"(#{code}) {title}"  # 190's message has no "(#190)"


def meta_error(
    code: int,
    *,
    subcode: int | None = None,
    message: str | None = None,
    error_type: str = "OAuthException",
    details: str | None = None,
    transient: bool | None = None,
) -> dict[str, Any]:
    """Meta's error body: `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`,
    with WhatsApp's `error_data` for its codes (130000 and above)."""
    error: dict[str, Any] = {
        "message": message or _message(code),
        "type": error_type,
        "code": code,
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    if transient is not None:
        error["is_transient"] = transient
    if code >= 130000 or details:
        error["error_data"] = {
            "messaging_product": "whatsapp",
            "details": details or _DETAILS.get(code, _TITLES.get(code, "Error")),
        }
    error["fbtrace_id"] = fbtrace_id()
    return {"error": error}


def _default_code(status: int) -> int:
    if status >= 500:
        return 2  # "An unexpected error has occurred. Please retry your request later."
    if status == 429:
        return 4
    if status == 401:
        return 190
    return 100


@dataclass
class Recorded:
    """One request the fake received; `status` and `response` are filled once it answered
    (`status` 0 until then, or if the connection was dropped)."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any  # the parsed JSON body, None when there is none or it is not JSON
    body: bytes
    time: float  # time.monotonic() at arrival (the same clock in every process of the machine)
    status: int = 0
    response: Any = None
    sent_bytes: int = 0  # for files: how many bytes the fake wrote before the client left

    @property
    def bearer(self) -> str | None:
        value = self.headers.get("Authorization", "")
        return value[len("Bearer ") :] if value.startswith("Bearer ") else None


@dataclass
class Planned:
    """An answer planned for the next request whose path ends with `path_suffix` (and whose
    method is `method`, any when None). `body` None: the default answer for a 2xx status, Meta's
    error body for an error status."""

    path_suffix: str
    status: int = 200
    body: Any = None
    delay_s: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    method: str | None = None
    drop: bool = False  # close the connection without answering (after the delay)

    def matches(self, method: str, path: str) -> bool:
        return path.endswith(self.path_suffix) and self.method in (None, method)


@dataclass
class _File:
    data: bytes
    content_type: str
    chunked: bool  # sent without Content-Length (the client cannot refuse it before reading)


class FakeGraph:
    def __init__(self, token: str = DEFAULT_TOKEN, *, host: str = "127.0.0.1", port: int = 0):
        self.token = token
        self.host = host
        self.port = port  # 0: a free port, chosen by the system at start
        self.url = ""
        self._lock = threading.Condition()
        self._requests: list[Recorded] = []
        self._plans: list[Planned] = []
        self._media: dict[str, _File] = {}
        self._cdn: dict[str, _File] = {}
        self._ids = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    # -- running ---------------------------------------------------------------------------------

    def start(self) -> FakeGraph:
        if self._thread is not None:
            return self
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="fake-graph", daemon=True
        )
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    async def _start(self) -> None:
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_get("/media-files/{media_id}", self._media_file)
        app.router.add_get("/cdn/{name}", self._cdn_file)
        app.router.add_post(f"/{VERSION}/me/messages", self._messenger)
        app.router.add_post(f"/{VERSION}/{{phone_number_id:\\d+}}/messages", self._whatsapp)
        app.router.add_get(f"/{VERSION}/{{media_id}}", self._media_info)
        app.router.add_route("*", "/{tail:.*}", self._unknown)
        self._runner = web.AppRunner(
            app, access_log=None, shutdown_timeout=0.25, handle_signals=False
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.url = f"http://{self.host}:{self.port}"

    def stop(self) -> None:
        loop, thread, runner = self._loop, self._thread, self._runner
        if loop is None or thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(runner), loop).result(15)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
        self._loop = self._thread = self._runner = None

    @staticmethod
    async def _shutdown(runner: web.AppRunner | None) -> None:
        if runner is not None:
            await runner.cleanup()
        # answers still sleeping (planned delays longer than the clients waited)
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def __enter__(self) -> FakeGraph:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- what tests set up -----------------------------------------------------------------------

    def add_media(
        self, media_id: str, data: bytes, mime_type: str = "image/jpeg", *, chunked: bool = False
    ) -> None:
        """A media a WhatsApp customer sent: `GET /{version}/{media_id}` describes it, its url
        serves `data` to the token's holder."""
        with self._lock:
            self._media[media_id] = _File(data, mime_type, chunked)

    def add_cdn_file(
        self,
        name: str,
        data: bytes,
        content_type: str = "image/jpeg",
        *,
        chunked: bool = False,
    ) -> str:
        """A public file (a Messenger attachment); returns its URL."""
        with self._lock:
            self._cdn[name] = _File(data, content_type, chunked)
        return self.cdn_url(name)

    def cdn_url(self, name: str) -> str:
        return f"{self.url}/cdn/{name}"

    def plan(
        self,
        path_suffix: str,
        status: int = 200,
        body: Any = None,
        *,
        delay_s: float = 0.0,
        headers: dict[str, str] | None = None,
        method: str | None = None,
        times: int = 1,
        drop: bool = False,
    ) -> None:
        """Queues `times` answers for the next requests whose path ends with `path_suffix`."""
        with self._lock:
            for _ in range(times):
                self._plans.append(
                    Planned(path_suffix, status, body, delay_s, dict(headers or {}), method, drop)
                )

    def fail_next(
        self,
        path_suffix: str,
        status: int,
        code: int | None = None,
        times: int = 1,
        *,
        subcode: int | None = None,
        message: str | None = None,
        retry_after: str | float | None = None,
        method: str | None = None,
    ) -> None:
        """The next `times` matching requests fail with `status` and Meta's error body (`code`
        by default: 2 for a 5xx, 4 for a 429, 190 for a 401, 100 otherwise), each body with its
        own fbtrace_id."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
        code = _default_code(status) if code is None else code
        for _ in range(times):
            body = meta_error(code, subcode=subcode, message=message, transient=status >= 500)
            self.plan(path_suffix, status, body, headers=headers, method=method)

    def slow_next(self, path_suffix: str, seconds: float, times: int = 1) -> None:
        """The next `times` matching requests get their default answer after `seconds`."""
        self.plan(path_suffix, 200, None, delay_s=seconds, times=times)

    def drop_next(self, path_suffix: str, times: int = 1) -> None:
        """The next `times` matching requests see their connection closed, without an answer."""
        self.plan(path_suffix, 0, None, times=times, drop=True)

    def reset(self) -> None:
        """Forgets the recorded requests and the planned answers (files stay)."""
        with self._lock:
            self._requests.clear()
            self._plans.clear()

    # -- what tests read -------------------------------------------------------------------------

    @property
    def requests(self) -> list[Recorded]:
        with self._lock:
            return list(self._requests)

    def matching(self, path_suffix: str = "", method: str | None = None) -> list[Recorded]:
        return [
            r for r in self.requests if r.path.endswith(path_suffix) and method in (None, r.method)
        ]

    def wait_for(
        self, predicate: Callable[[Recorded], bool], timeout: float = 5.0, count: int = 1
    ) -> list[Recorded]:
        """Blocks until `count` recorded requests satisfy `predicate` (returns them all), or
        raises TimeoutError naming what was received. From a coroutine:
        `await asyncio.to_thread(graph.wait_for, …)`."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [r for r in self._requests if predicate(r)]
                left = deadline - time.monotonic()
                if len(found) >= count or left <= 0:
                    break
                self._lock.wait(left)
        if len(found) < count:
            seen = ", ".join(f"{r.method} {r.path} → {r.status}" for r in self.requests)
            raise TimeoutError(f"{len(found)} of {count} requests after {timeout} s; got: {seen}")
        return found

    # -- serving ---------------------------------------------------------------------------------

    async def _record(self, request: web.Request) -> Recorded:
        body = await request.read()
        try:
            parsed = await request.json() if body else None
        except ValueError:
            parsed = None
        recorded = Recorded(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            headers=dict(request.headers),
            json=parsed,
            body=body,
            time=time.monotonic(),
        )
        with self._lock:
            self._requests.append(recorded)
            self._lock.notify_all()
        return recorded

    def _answered(self, recorded: Recorded, status: int, response: Any = None) -> None:
        with self._lock:
            recorded.status, recorded.response = status, response
            self._lock.notify_all()

    def _json(
        self,
        recorded: Recorded,
        body: Any,
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> web.Response:
        self._answered(recorded, status, body)
        return web.json_response(body, status=status, headers=headers)

    def _take_plan(self, recorded: Recorded) -> Planned | None:
        with self._lock:
            for index, planned in enumerate(self._plans):
                if planned.matches(recorded.method, recorded.path):
                    return self._plans.pop(index)
        return None

    async def _answer(
        self,
        request: web.Request,
        default: Callable[[Recorded], Any],
        *,
        public: bool = False,
    ) -> web.StreamResponse:
        """The frame of every route: record, check the token, play a planned answer, else the
        route's default (`default` returns a response, or a coroutine of one)."""
        recorded = await self._record(request)
        if not public and recorded.bearer != self.token:
            body = meta_error(190)
            challenge = f'OAuth "Facebook Platform" "invalid_token" "{body["error"]["message"]}"'
            return self._json(recorded, body, 401, {"WWW-Authenticate": challenge})
        planned = self._take_plan(recorded)
        if planned is not None:
            if planned.delay_s:
                await asyncio.sleep(planned.delay_s)
            if planned.drop:
                if request.transport is not None:
                    request.transport.close()
                return web.Response()
            if planned.body is not None or planned.status >= 300:
                body = planned.body
                if body is None:
                    body = meta_error(_default_code(planned.status))
                return self._json(recorded, body, planned.status, planned.headers)
        answer = default(recorded)
        if asyncio.iscoroutine(answer):
            answer = await answer
        return answer

    async def _messenger(self, request: web.Request) -> web.StreamResponse:
        return await self._answer(request, self._messenger_default)

    async def _whatsapp(self, request: web.Request) -> web.StreamResponse:
        return await self._answer(request, self._whatsapp_default)

    async def _media_info(self, request: web.Request) -> web.StreamResponse:
        return await self._answer(request, self._media_info_default)

    async def _media_file(self, request: web.Request) -> web.StreamResponse:
        return await self._answer(
            request, lambda r: self._send_file(request, r, self._media, "media_id")
        )

    async def _cdn_file(self, request: web.Request) -> web.StreamResponse:
        return await self._answer(
            request, lambda r: self._send_file(request, r, self._cdn, "name"), public=True
        )

    async def _unknown(self, request: web.Request) -> web.StreamResponse:
        def unknown(recorded: Recorded) -> web.Response:
            message = f"Unknown path components: {recorded.path}"
            return self._json(recorded, meta_error(2500, message=message), 400)

        return await self._answer(request, unknown)

    def _invalid(self, recorded: Recorded, message: str, code: int = 100) -> web.Response:
        return self._json(recorded, meta_error(code, message=message), 400)

    def _messenger_default(self, recorded: Recorded) -> web.Response:
        body = recorded.json if isinstance(recorded.json, dict) else {}
        recipient = body.get("recipient")
        if not isinstance(recipient, dict) or not any(
            recipient.get(key) for key in ("id", "user_ref", "comment_id", "post_id")
        ):
            return self._invalid(recorded, "(#100) The parameter recipient is required")
        recipient_id = str(recipient.get("id") or f"{next(self._ids)}")
        message, action = body.get("message"), body.get("sender_action")
        if message is not None and action is not None:
            return self._invalid(
                recorded, "(#100) Cannot send both message and sender_action at the same time."
            )
        if action is not None:
            if action not in ("typing_on", "typing_off", "mark_seen"):
                return self._invalid(recorded, "(#100) Param sender_action must be one of …")
            return self._json(recorded, {"recipient_id": recipient_id})
        if not isinstance(message, dict) or not (message.get("text") or message.get("attachment")):
            return self._invalid(recorded, "(#100) Must send either message or state")
        problem = _messenger_problem(message)
        if problem:
            return self._invalid(recorded, problem)
        answer = {"recipient_id": recipient_id, "message_id": f"m_{secrets.token_urlsafe(24)}"}
        return self._json(recorded, answer)

    def _whatsapp_default(self, recorded: Recorded) -> web.Response:
        body = recorded.json if isinstance(recorded.json, dict) else {}
        if body.get("messaging_product") != "whatsapp":
            return self._invalid(recorded, "(#100) The parameter messaging_product is required.")
        if body.get("status") == "read":
            if not body.get("message_id"):
                return self._invalid(recorded, "(#100) The parameter message_id is required.")
            return self._json(recorded, {"success": True})
        to = body.get("to")
        if not isinstance(to, str) or not to:
            return self._invalid(recorded, "(#100) The parameter to is required.")
        problem = _whatsapp_problem(body)
        if problem:
            code, message = problem
            return self._json(recorded, meta_error(code, details=message), 400)
        answer = {
            "messaging_product": "whatsapp",
            "contacts": [{"input": to, "wa_id": re.sub(r"\D", "", to)}],
            "messages": [{"id": f"wamid.{secrets.token_urlsafe(36)}"}],
        }
        return self._json(recorded, answer)

    def _media_info_default(self, recorded: Recorded) -> web.Response:
        media_id = recorded.path.rsplit("/", 1)[-1]
        with self._lock:
            file = self._media.get(media_id)
        if file is None:
            message = (
                f"Unsupported get request. Object with ID '{media_id}' does not exist, cannot be "
                "loaded due to missing permissions, or does not support this operation."
            )
            return self._json(recorded, meta_error(100, subcode=33, message=message), 400)
        digest = hashlib.sha256(file.data).hexdigest()
        answer = {
            "messaging_product": "whatsapp",
            "url": f"{self.url}/media-files/{media_id}?hash={digest[:16]}&ext=1",
            "mime_type": file.content_type,
            "sha256": digest,
            "file_size": len(file.data),
            "id": media_id,
        }
        return self._json(recorded, answer)

    async def _send_file(
        self, request: web.Request, recorded: Recorded, files: dict[str, _File], key: str
    ) -> web.StreamResponse:
        with self._lock:
            file = files.get(request.match_info[key])
        if file is None:
            self._answered(recorded, 404)
            return web.Response(status=404, text="Not Found")
        response = web.StreamResponse(headers={"Content-Type": file.content_type})
        if not file.chunked:
            response.content_length = len(file.data)
        else:
            response.enable_chunked_encoding()
        self._answered(recorded, 200)
        await response.prepare(request)
        try:
            for start in range(0, len(file.data), CHUNK):
                chunk = file.data[start : start + CHUNK]
                await response.write(chunk)
                with self._lock:
                    recorded.sent_bytes += len(chunk)
            await response.write_eof()
        except (ConnectionError, asyncio.CancelledError, RuntimeError):
            pass  # the client left (a file too large, a timeout): what it read is in sent_bytes
        return response


def _messenger_problem(message: dict[str, Any]) -> str | None:
    text = message.get("text")
    if isinstance(text, str) and len(text) > 2000:
        return "(#100) Length of param message[text] must be less than or equal to 2000"
    replies = message.get("quick_replies") or []
    if len(replies) > 13:
        return "(#100) param message[quick_replies] must have at most 13 elements"
    for reply in replies:
        if reply.get("content_type", "text") == "text":
            if not 0 < len(reply.get("title") or "") <= 20:
                return "(#100) param title must be non-empty and at most 20 characters"
            if not 0 < len(reply.get("payload") or "") <= 1000:
                return "(#100) param payload must be non-empty and at most 1000 characters"
    return None


def _whatsapp_problem(body: dict[str, Any]) -> tuple[int, str] | None:
    kind = body.get("type", "text")
    if kind == "text":
        text = (body.get("text") or {}).get("body")
        if not isinstance(text, str) or not text:
            return 100, "The parameter text['body'] is required."
        if len(text) > 4096:
            return 100, "Param text['body'] must be at most 4096 characters long."
    elif kind == "interactive":
        interactive = body.get("interactive") or {}
        text = (interactive.get("body") or {}).get("text") or ""
        if not 0 < len(text) <= 1024:
            return 131009, "Body text length invalid. Min length: 1, Max length: 1024"
        if interactive.get("type") == "button":
            buttons = (interactive.get("action") or {}).get("buttons") or []
            if not 1 <= len(buttons) <= 3:
                return 131009, "Buttons count invalid. Min: 1, Max: 3"
            for button in buttons:
                reply = button.get("reply") or {}
                if not 0 < len(reply.get("title") or "") <= 20:
                    return 131009, "Button title length invalid. Min length: 1, Max length: 20"
                if not 0 < len(reply.get("id") or "") <= 256:
                    return 131009, "Button id length invalid. Min length: 1, Max length: 256"
        elif interactive.get("type") == "list":
            sections = (interactive.get("action") or {}).get("sections") or []
            rows = [row for section in sections for row in section.get("rows") or []]
            if not 1 <= len(rows) <= 10:
                return 131009, "Total row count exceed max allowed count: 10"
            for row in rows:
                if not 0 < len(row.get("title") or "") <= 24:
                    return 131009, "Row title length invalid. Min length: 1, Max length: 24"
    elif kind == "image":
        image = body.get("image") or {}
        if not (image.get("id") or image.get("link")):
            return 100, "The parameter image['id'] or image['link'] is required."
    return None
