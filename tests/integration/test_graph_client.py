"""The Graph API client (cadomaestro.channels.meta.graph) against the fake Graph API
(tests/fake_graph.py), a real server on localhost: sends as Meta expects them, retries bounded in
number and time, refusals told apart (the 24-hour window), media resolved and downloaded within a
size limit, and logs without personal data."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import pytest

from cadomaestro.channels.meta.graph import GraphClient, SendResult, TooLarge
from tests.conftest import free_port
from tests.fake_graph import FakeGraph

T = TypeVar("T")

VERSION = "v27.0"
TOKEN = "test-graph-token-EAAB-0123456789"
PHONE_ID = "106540352242922"
PSID = "6543210987654321"
WA_ID = "33612345678"
TEXT = "Votre colis KQZPTRBWE est en route, Madame Martin."

MESSENGER_TEXT = {
    "recipient": {"id": PSID},
    "messaging_type": "RESPONSE",
    "message": {"text": TEXT},
}
WHATSAPP_TEXT = {
    "messaging_product": "whatsapp",
    "recipient_type": "individual",
    "to": WA_ID,
    "type": "text",
    "text": {"body": TEXT},
}
LOGGER = "cadomaestro.channels.meta.graph"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeGraph]:
    with FakeGraph(token=TOKEN) as server:
        yield server


@pytest.fixture
def graph(fake: FakeGraph) -> FakeGraph:
    fake.reset()
    return fake


def run(
    url: str, use: Callable[[GraphClient], Awaitable[T]], **options: Any
) -> tuple[T, GraphClient]:
    """Runs `use` with a client of `url` (tiny backoff unless told) in a fresh loop, as a
    channel would, and closes the client."""
    options.setdefault("backoff_s", 0.01)
    client = GraphClient(url, VERSION, TOKEN, **options)

    async def main() -> T:
        try:
            return await use(client)
        finally:
            await client.close()

    return asyncio.run(main()), client


def logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def assert_no_personal_data(caplog: pytest.LogCaptureFixture, *more: str) -> None:
    text = logged(caplog)
    for secret in (TEXT, "KQZPTRBWE", PSID, WA_ID, TOKEN, *more):
        assert secret not in text


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == LOGGER and r.levelno >= logging.WARNING]


# -- sending ---------------------------------------------------------------------------------------


def test_a_messenger_message_is_sent_as_meta_expects(graph: FakeGraph) -> None:
    result, _ = run(graph.url, lambda c: c.post("me/messages", MESSENGER_TEXT))

    assert result.ok and result.status == 200
    assert result.response is not None and result.response["recipient_id"] == PSID
    assert result.response["message_id"].startswith("m_")
    [sent] = graph.requests
    assert (sent.method, sent.path) == ("POST", f"/{VERSION}/me/messages")
    assert sent.headers["Authorization"] == f"Bearer {TOKEN}"
    assert sent.headers["Content-Type"].startswith("application/json")
    assert sent.json == MESSENGER_TEXT
    assert sent.query == {}  # the token is never in the URL


def test_a_whatsapp_message_and_a_read_receipt_are_sent(graph: FakeGraph) -> None:
    receipt = {"messaging_product": "whatsapp", "status": "read", "message_id": "wamid.ABC"}

    async def both(client: GraphClient) -> tuple[SendResult, SendResult]:
        sent = await client.post(f"{PHONE_ID}/messages", WHATSAPP_TEXT)
        read = await client.post(f"/{PHONE_ID}/messages", receipt)
        return sent, read

    (sent, read), _ = run(graph.url, both)

    assert sent.ok and sent.response is not None
    assert sent.response["contacts"] == [{"input": WA_ID, "wa_id": WA_ID}]
    assert sent.response["messages"][0]["id"].startswith("wamid.")
    assert read.ok and read.response == {"success": True}
    paths = [r.path for r in graph.requests]
    assert paths == [f"/{VERSION}/{PHONE_ID}/messages"] * 2
    assert [r.json for r in graph.requests] == [WHATSAPP_TEXT, receipt]
    assert all(r.bearer == TOKEN for r in graph.requests)


def test_a_500_then_a_200_is_retried_and_delivered_once(graph: FakeGraph, caplog) -> None:
    graph.fail_next("/messages", 500)

    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        result, _ = run(graph.url, lambda c: c.post("me/messages", MESSENGER_TEXT))

    assert result.ok
    assert [r.status for r in graph.requests] == [500, 200]
    assert [r.json for r in graph.requests] == [MESSENGER_TEXT] * 2
    assert not warnings_of(caplog)  # a retry that succeeds is not a warning
    assert_no_personal_data(caplog)


def test_a_dropped_connection_is_retried(graph: FakeGraph) -> None:
    graph.drop_next("/messages")

    result, _ = run(graph.url, lambda c: c.post(f"{PHONE_ID}/messages", WHATSAPP_TEXT))

    assert result.ok
    assert [r.status for r in graph.requests] == [0, 200]


def test_a_429_waits_for_retry_after(graph: FakeGraph) -> None:
    graph.fail_next("/messages", 429, 4, retry_after=1)

    result, _ = run(graph.url, lambda c: c.post("me/messages", MESSENGER_TEXT))

    assert result.ok
    first, second = graph.requests
    assert first.status == 429 and second.status == 200
    assert 0.9 <= second.time - first.time < 2.5  # Retry-After, not the 0.01 s backoff


def test_a_long_retry_after_is_capped(graph: FakeGraph) -> None:
    graph.fail_next("/messages", 429, 4, retry_after=3600)
    graph.fail_next("/messages", 503, retry_after="Wed, 21 Oct 2099 07:28:00 GMT")

    started = time.monotonic()
    result, _ = run(graph.url, lambda c: c.post("me/messages", MESSENGER_TEXT), max_wait_s=0.2)

    assert result.ok
    assert [r.status for r in graph.requests] == [429, 503, 200]
    assert time.monotonic() - started < 2


def test_meta_transient_codes_are_retried_even_on_a_400(graph: FakeGraph) -> None:
    graph.fail_next("/messages", 400, 130429)  # WhatsApp's throughput: "Rate limit hit"

    result, _ = run(graph.url, lambda c: c.post(f"{PHONE_ID}/messages", WHATSAPP_TEXT))

    assert result.ok
    assert [r.status for r in graph.requests] == [400, 200]


def test_a_400_is_not_retried_and_logged_once_without_the_message(graph, caplog) -> None:
    graph.fail_next("/messages", 400, 100, subcode=2018001, message=f"(#100) bad {PSID} {TEXT}")

    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        result, _ = run(graph.url, lambda c: c.post("me/messages", MESSENGER_TEXT))

    assert not result.ok
    assert (result.status, result.error_code, result.error_subcode) == (400, 100, 2018001)
    assert not result.outside_window
    assert len(graph.requests) == 1
    [warning] = warnings_of(caplog)
    trace = graph.requests[0].response["error"]["fbtrace_id"]
    for part in ("HTTP 400", "code=100", "error_subcode=2018001", "OAuthException", trace):
        assert part in warning.getMessage()
    assert_no_personal_data(caplog)  # not even through Meta's own message


def test_a_wrong_token_is_a_401_refusal_not_retried(graph: FakeGraph, caplog) -> None:
    client = GraphClient(graph.url, VERSION, "wrong-token-xyz", backoff_s=0.01)

    async def send() -> SendResult:
        try:
            return await client.post("me/messages", MESSENGER_TEXT)
        finally:
            await client.close()

    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        result = asyncio.run(send())

    assert (result.ok, result.status, result.error_code) == (False, 401, 190)
    assert len(graph.requests) == 1
    assert "wrong-token-xyz" not in logged(caplog)


@pytest.mark.parametrize(
    ("path", "body", "code", "subcode"),
    [
        (f"{PHONE_ID}/messages", WHATSAPP_TEXT, 131047, None),  # "Re-engagement message"
        ("me/messages", MESSENGER_TEXT, 10, 2018278),  # "sent outside of allowed window"
    ],
)
def test_the_24_hour_window_refusal_is_visible_to_the_caller(
    graph: FakeGraph, caplog, path: str, body: dict, code: int, subcode: int | None
) -> None:
    graph.fail_next("/messages", 400, code, subcode=subcode)

    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        result, _ = run(graph.url, lambda c: c.post(path, body))

    assert not result.ok and result.outside_window and not result.undeliverable
    assert (result.status, result.error_code, result.error_subcode) == (400, code, subcode)
    assert len(graph.requests) == 1
    assert len(warnings_of(caplog)) == 1
    assert_no_personal_data(caplog)


def test_an_undeliverable_message_is_told_apart(graph: FakeGraph) -> None:
    graph.fail_next("/messages", 400, 131026)

    result, _ = run(graph.url, lambda c: c.post(f"{PHONE_ID}/messages", WHATSAPP_TEXT))

    assert result.undeliverable and not result.outside_window
    assert len(graph.requests) == 1


def test_5xx_every_time_gives_up_after_the_attempts(graph: FakeGraph, caplog) -> None:
    graph.fail_next("/messages", 503, times=5)

    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        result, _ = run(graph.url, lambda c: c.post("me/messages", MESSENGER_TEXT), attempts=3)

    assert (result.ok, result.status, result.error_code) == (False, 503, 2)
    assert len(graph.requests) == 3
    [warning] = warnings_of(caplog)
    assert "after 3 attempts" in warning.getMessage()
    assert_no_personal_data(caplog)


def test_slower_than_the_timeout_gives_up_within_the_bound(graph: FakeGraph, caplog) -> None:
    graph.slow_next("/messages", 3, times=3)

    started = time.monotonic()
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        result, client = run(
            graph.url,
            lambda c: c.post("me/messages", MESSENGER_TEXT),
            timeout_s=0.3,
            attempts=2,
            max_wait_s=0.05,
        )
    elapsed = time.monotonic() - started

    assert result == SendResult(ok=False, status=None)
    assert client.worst_case_s == pytest.approx(0.65)
    assert 0.6 <= elapsed < client.worst_case_s + 0.5
    assert len(graph.matching("/messages")) == 2
    assert "timeout" in logged(caplog)
    assert_no_personal_data(caplog)


def test_nobody_listening_returns_a_failure_without_raising(caplog) -> None:
    url = f"http://127.0.0.1:{free_port()}"

    started = time.monotonic()
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        result, _ = run(url, lambda c: c.post("me/messages", MESSENGER_TEXT), attempts=3)

    assert result == SendResult(ok=False, status=None)
    assert time.monotonic() - started < 2
    assert "ClientConnectorError" in logged(caplog)
    assert_no_personal_data(caplog)


def test_a_closed_client_sends_again_in_a_new_event_loop(graph: FakeGraph) -> None:
    client = GraphClient(graph.url, VERSION, TOKEN, backoff_s=0.01)

    async def send_then_close() -> SendResult:
        try:
            return await client.post("me/messages", MESSENGER_TEXT)
        finally:
            await client.close()

    first = asyncio.run(send_then_close())
    second = asyncio.run(send_then_close())  # a new session, in the new loop

    assert first.ok and second.ok
    assert repr(client) == f"GraphClient({graph.url!r}, 'v27.0')"  # never the token


# -- media -----------------------------------------------------------------------------------------

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 400  # about 100 KB


def test_whatsapp_media_id_then_url_then_bytes_with_the_token(graph: FakeGraph, caplog) -> None:
    graph.add_media("1037543291543636", PHOTO, "image/jpeg")

    async def fetch(client: GraphClient) -> tuple[Any, bytes | None, bytes | None]:
        found = await client.media_url("1037543291543636")
        assert found is not None
        data = await client.download(found[0], max_bytes=len(PHOTO), authorized=True)
        without = await client.download(found[0], max_bytes=len(PHOTO), authorized=False)
        return found, data, without

    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        (found, data, without), _ = run(graph.url, fetch)

    url, mime_type = found
    assert (
        url.startswith(f"{graph.url}/media-files/1037543291543636?") and mime_type == "image/jpeg"
    )
    assert data == PHOTO
    assert without is None  # Meta's media URLs need the token
    lookup, download, anonymous = graph.requests
    assert (lookup.method, lookup.path) == ("GET", f"/{VERSION}/1037543291543636")
    assert lookup.response["sha256"] and lookup.response["file_size"] == len(PHOTO)
    assert lookup.bearer == TOKEN and download.bearer == TOKEN
    assert (anonymous.bearer, anonymous.status) == (None, 401)
    assert_no_personal_data(caplog, "1037543291543636", "media-files")


def test_an_unknown_media_id_is_none(graph: FakeGraph, caplog) -> None:
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        found, _ = run(graph.url, lambda c: c.media_url("999"))
        odd, _ = run(graph.url, lambda c: c.media_url("../me/messages"))

    assert found is None and odd is None
    assert len(graph.requests) == 1  # the odd id never left
    assert "code=100" in logged(caplog) and "999" not in logged(caplog)


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_too_large_file_is_refused_without_reading_it_all(graph: FakeGraph, chunked) -> None:
    big = bytes(32 * 1024 * 1024)
    graph.add_media("555", big, "image/png", chunked=chunked)
    limit = 1024 * 1024

    async def fetch(client: GraphClient) -> None:
        found = await client.media_url("555")
        assert found is not None
        await client.download(found[0], max_bytes=limit, authorized=True)

    started = time.monotonic()
    with pytest.raises(TooLarge) as raised:
        run(graph.url, fetch)

    assert raised.value.max_bytes == limit
    assert time.monotonic() - started < 5
    [download] = graph.matching("/media-files/555")
    graph.wait_for(lambda r: r is download and r.status == 200)
    time.sleep(0.2)  # let the server notice that the client left
    assert download.sent_bytes < len(big) // 2
    assert len(graph.matching("/media-files/555")) == 1  # not retried


def test_a_file_at_the_limit_is_accepted(graph: FakeGraph) -> None:
    url = graph.add_cdn_file("exact.jpg", PHOTO, chunked=True)

    data, _ = run(graph.url, lambda c: c.download(url, max_bytes=len(PHOTO), authorized=False))

    assert data == PHOTO


def test_a_messenger_cdn_file_is_downloaded_without_the_token(graph: FakeGraph) -> None:
    url = graph.add_cdn_file("photo.jpg", PHOTO, "image/jpeg")

    data, _ = run(graph.url, lambda c: c.download(url, max_bytes=10**7, authorized=False))

    assert data == PHOTO
    [download] = graph.requests
    assert download.path == "/cdn/photo.jpg" and "Authorization" not in download.headers


def test_download_failures_are_none(graph: FakeGraph, caplog) -> None:
    graph.add_cdn_file("later.jpg", PHOTO)
    graph.plan("/cdn/later.jpg", 503, {}, times=5)

    async def fetch(client: GraphClient) -> list[bytes | None]:
        return [
            await client.download(graph.cdn_url("missing.jpg"), max_bytes=10**6, authorized=False),
            await client.download(graph.cdn_url("later.jpg"), max_bytes=10**6, authorized=False),
            # the token never goes over plain HTTP to another origin than the Graph API's
            await client.download("http://example.invalid/x.jpg", max_bytes=10, authorized=True),
            await client.download("file:///etc/passwd", max_bytes=10**6, authorized=False),
        ]

    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        answers, _ = run(graph.url, fetch, attempts=2)

    assert answers == [None] * 4
    assert [(r.path, r.status) for r in graph.requests] == [
        ("/cdn/missing.jpg", 404),
        ("/cdn/later.jpg", 503),
        ("/cdn/later.jpg", 503),
    ]
    assert_no_personal_data(caplog, "missing.jpg", "example.invalid", "passwd")


def test_the_fake_refuses_what_meta_refuses(graph: FakeGraph) -> None:
    long_text = {**MESSENGER_TEXT, "message": {"text": "x" * 2001}}
    buttons = [{"type": "reply", "reply": {"id": f"b{i}", "title": "Oui"}} for i in range(4)]
    four_buttons = {
        **WHATSAPP_TEXT,
        "type": "interactive",
        "interactive": {
            "type": "button",
            "body": {"text": "Choix"},
            "action": {"buttons": buttons},
        },
    }

    typing = {"recipient": {"id": PSID}, "sender_action": "typing_on"}

    async def send(client: GraphClient) -> list[SendResult]:
        return [
            await client.post("me/messages", long_text),
            await client.post("me/messages", {"message": {"text": "?"}}),
            await client.post(f"{PHONE_ID}/messages", four_buttons),
            await client.post("me/messages", typing),
        ]

    results, _ = run(graph.url, send)

    assert [(r.status, r.error_code) for r in results] == [
        (400, 100),
        (400, 100),
        (400, 131009),
        (200, None),
    ]
    assert results[3].response == {"recipient_id": PSID}
