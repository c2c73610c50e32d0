"""The widget's HTTP routes and logged-in customers, against the running assistant
(cadomaestro/widget/routes.py, cadomaestro/channels/socketio.py): photos uploaded by an open
conversation reach the request to customer service; what is not a photo is refused and nothing
is kept; only a token signed by the shop names a customer; the demo page."""

from __future__ import annotations

import asyncio
import io
import json
import re
import sqlite3
import urllib.request
from pathlib import Path
from typing import Any

import aiohttp
from PIL import Image

from cadomaestro.channels.inbound import CUSTOMER_KEY
from cadomaestro.channels.sessions import sender_of
from cadomaestro.widget.tokens import sign
from tests.integration.test_socketio_channel import Page, run


def jpeg(size: tuple[int, int] = (320, 240)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (180, 120, 60)).save(out, "JPEG")
    return out.getvalue()


async def upload(base_url: str, session_id: str | None, body: bytes) -> tuple[int, dict]:
    headers = {"Content-Type": "image/jpeg"}
    if session_id:
        headers["X-Session-Id"] = session_id
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base_url}/widget/upload", data=body, headers=headers) as answer:
            return answer.status, await answer.json()


def media_files(assistant) -> list[Path]:
    folder = Path(assistant.stack.folder) / "media"
    return sorted(folder.glob("*")) if folder.is_dir() else []


def test_a_photo_reaches_the_after_sales_request(assistant) -> None:
    async def scenario() -> None:
        page = Page(assistant.base_url)
        session_id = (await page.open())["session_id"]
        # No message yet: no conversation to attach a photo to.
        status, refused = await upload(assistant.base_url, session_id, jpeg())
        assert status == 403 and refused["error"] == "session_required"
        await page.say("La bougie parfumée de ma commande est arrivée cassée en deux")
        await page.say("FGHJKLMNB")
        ask = await page.say("44000")
        assert any("FGHJKLMNB" in b["text"] for b in ask)
        assert ask[-1].get("accepts_photo") is True  # the widget offers to attach one
        before = media_files(assistant)
        for body, code in ((b"ceci est un texte", "not_an_image"), (jpeg()[:300], "broken_image"),
                           (jpeg() + b"\0" * 10_000_001, "too_large")):  # fmt: skip
            status, refused = await upload(assistant.base_url, session_id, body)
            assert status in (400, 413) and refused["error"] == code and refused["message"]
        assert media_files(assistant) == before  # nothing kept
        status, created = await upload(assistant.base_url, session_id, jpeg())
        assert status == 201
        confirmation = await page.say("", metadata={"attachments": [{"id": created["id"]}]})
        assert "24 h (jours ouvrés)" in " ".join(b["text"] for b in confirmation)
        await page.close()
        requests = assistant.orders.get(f"/v1/requests?conversation_id={sender_of(session_id)}")[
            "requests"
        ]
        [request] = requests
        assert request["kind"] == "sav"
        assert request["attachments"] == [f"{assistant.base_url}/media/{created['id']}"]
        async with aiohttp.ClientSession() as http:  # what the agent opens
            async with http.get(request["attachments"][0]) as photo:
                assert photo.status == 200 and photo.content_type == "image/jpeg"
                assert photo.headers["X-Content-Type-Options"] == "nosniff"
                assert Image.open(io.BytesIO(await photo.read())).size == (320, 240)
            async with http.get(f"{assistant.base_url}/media/{'A' * 24}") as missing:
                assert missing.status == 404 and "photo" in (await missing.json())["message"]

    run(scenario())


def test_a_streamed_upload_is_cut_at_the_limit(assistant) -> None:
    async def scenario() -> None:
        page = Page(assistant.base_url)
        session_id = (await page.open())["session_id"]
        await page.say("bonjour")

        async def chunks():  # no Content-Length: chunked, as a stream
            for _ in range(11):
                yield b"\xff" * 1_000_000

        headers = {"X-Session-Id": session_id, "Content-Type": "image/jpeg"}
        async with aiohttp.ClientSession() as http:
            url = f"{assistant.base_url}/widget/upload"
            async with http.post(url, data=chunks(), headers=headers) as answer:
                assert answer.status == 413
                assert (await answer.json())["error"] == "too_large"
        await page.close()

    run(scenario())


def test_uploads_need_the_conversation_s_secret(assistant) -> None:
    async def scenario() -> None:
        for session_id in (None, "x" * 32, "court"):
            status, refused = await upload(assistant.base_url, session_id, jpeg())
            assert status == 403 and refused["error"] == "session_required"

    run(scenario())


def test_a_conversation_cannot_attach_another_s_photo(assistant) -> None:
    async def scenario() -> None:
        owner, other = Page(assistant.base_url), Page(assistant.base_url)
        owner_id = (await owner.open())["session_id"]
        await owner.say("bonjour")
        status, created = await upload(assistant.base_url, owner_id, jpeg())
        assert status == 201
        await other.open()
        await other.client.emit(
            "user_uttered", {"message": "", "metadata": {"attachments": [{"id": created["id"]}]}}
        )
        error = await other.next("error_message")
        assert error["error"] == "invalid_attachment"
        assert (await other.say("vous livrez en Belgique ?"))[0]["text"]  # goes on
        await owner.close()
        await other.close()

    run(scenario())


def user_metadata(assistant, sender: str) -> list[dict[str, Any]]:
    with sqlite3.connect(assistant.tracker_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (sender,)
        ).fetchall()
    return [json.loads(data).get("metadata") or {} for (data,) in rows]


def demo_token(assistant, customer: str) -> str:
    """The token the demo page signs for `customer` (with the server's own secret)."""
    with urllib.request.urlopen(f"{assistant.base_url}/demo/?customer={customer}") as page:
        found = re.search(r'data-token="([^"]+)"', page.read().decode())
    assert found, "the demo page signs no token"
    return found.group(1)


async def opened(
    assistant, token: str | None, session_id: str | None = None
) -> tuple[Page, str, list]:
    """A page with `token`; its session id and the history it was given."""
    page = Page(assistant.base_url)
    await page.client.connect(assistant.base_url, transports=["polling"])
    await page.client.emit("session_request", {"token": token, "session_id": session_id})
    confirm = await page.next("session_confirm")
    return page, confirm["session_id"], confirm["history"]


def test_only_a_token_signed_by_the_server_s_secret_names_a_customer(assistant) -> None:
    email = "claire.martin@example.fr"
    tokens = {
        "signed": demo_token(assistant, email),
        "forged": sign(email, "a secret the shop never shared with us!"),
        "garbage": "pas-un-jeton",
    }

    async def scenario() -> dict[str, list[dict]]:
        seen = {}
        for name, token in tokens.items():
            page, session_id, _ = await opened(assistant, token)
            await page.say("bonjour")
            await page.close()
            seen[name] = user_metadata(assistant, sender_of(session_id))
        return seen

    seen = run(scenario())
    assert [m.get(CUSTOMER_KEY) for m in seen["signed"]] == [email]
    for name in ("forged", "garbage"):
        assert [CUSTOMER_KEY in m for m in seen[name]] == [False], name


def test_someone_else_on_the_same_browser_gets_a_new_conversation(assistant) -> None:
    claire = demo_token(assistant, "claire.martin@example.fr")
    julien = demo_token(assistant, "julien.bernard@example.fr")

    async def scenario() -> None:
        page, session_id, _ = await opened(assistant, claire)
        await page.say("où en est ma commande ?")
        await page.close()
        # Claire reloads: her conversation goes on.
        page, again, history = await opened(assistant, claire, session_id)
        assert again == session_id and "KQZPTRBWE" in str(history)  # her orders' buttons
        await page.close()
        # She logs out, or Julien logs in, on this browser: nothing of hers is shown.
        for token in (None, julien):
            page, other, history = await opened(assistant, token, session_id)
            assert other != session_id and history == []
            await page.close()

    run(scenario())


def test_other_tabs_show_a_clicked_button_s_title(assistant) -> None:
    async def scenario() -> None:
        first, second = Page(assistant.base_url), Page(assistant.base_url)
        session_id = (await first.open())["session_id"]
        offered = await first.say("livraison")
        await second.open(session_id)
        reply = offered[-1]["quick_replies"][0]
        await first.say(reply["payload"])
        shown = await second.next("customer_uttered")
        assert shown == {"from": "customer", "text": reply["title"]}
        await first.close()
        await second.close()

    run(scenario())


def test_the_demo_page_embeds_the_widget_and_signs_a_demo_customer(assistant) -> None:
    async def scenario() -> None:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{assistant.base_url}/demo/") as visitor:
                page = await visitor.text()
                assert visitor.status == 200 and 'src="/widget/widget.js" async' in page
                assert "data-token" not in page
                assert 'href="/demo/?customer=claire.martin%40example.fr"' in page
            # An e-mail with characters that mean something in HTML: escaped.
            hostile = "o'brien&co@example.fr"
            demo = f"{assistant.base_url}/demo/"
            async with http.get(demo, params={"customer": hostile}) as page:
                text = await page.text()
                assert page.status == 200 and "o&#x27;brien&amp;co@example.fr" in text
                assert hostile not in text
            markup = '"><script>alert(1)</script>@x.fr'  # no e-mail: no token, nothing shown
            async with http.get(demo, params={"customer": markup}) as page:
                text = await page.text()
                assert "<script>alert(1)" not in text and "data-token" not in text

    run(scenario())


def test_the_welcome_comes_with_every_session(assistant) -> None:
    async def scenario() -> None:
        page = Page(assistant.base_url)
        confirm = await page.open()
        first, privacy = confirm["welcome"]
        assert "assistant automatique" in first["text"] and "90 jours" in privacy["text"]
        # Its button reaches a person: customer service's contacts.
        answer = await page.say(first["quick_replies"][0]["payload"])
        assert "04 81 64 00 80" in answer[0]["text"]
        await page.close()

    asyncio.run(scenario())
