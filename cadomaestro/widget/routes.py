"""The widget's HTTP routes on the Rasa server (beside its socket.io channel):

- `GET /widget/widget.js`: the built script (`make widget`), gzipped for browsers that take it.
- `POST /widget/upload`: a photo, the raw file as the body, from the conversation whose session
  id is in `X-Session-Id` (an open conversation only) → 201 `{"id"}`, or a 4xx with
  `{"error", "message"}` (French) and nothing stored. The photo is checked
  (cadomaestro.media.images) and kept in the media store; the widget then sends its id with a
  message (cadomaestro.channels.socketio).
- `GET /media/<id>`: a stored photo, for the agents who open a request's attachment. Its id is
  144 random bits, known only to the conversation that sent it and to customer service.
- `GET /demo/`: the demo shop page with the widget, when DEMO_PAGES is set (a local demo);
  `/demo/?customer=<e-mail>` simulates that customer logged in on the shop's site (the page
  signs the token itself).
"""

from __future__ import annotations

import asyncio
import gzip
import html
import logging
from datetime import datetime, timezone
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import quote

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from cadomaestro import paths
from cadomaestro.backend.demo import demo_document
from cadomaestro.channels.sessions import open_conversation, sender_of
from cadomaestro.inputs import is_email
from cadomaestro.media.images import BadImage, too_large
from cadomaestro.media.store import MediaStore, keep_photo
from cadomaestro.server.settings import ServerSettings
from cadomaestro.widget import tokens

log = logging.getLogger(__name__)

SESSION_HEADER = "X-Session-Id"
DEMO_PAGE = Path(__file__).with_name("demo.html")
DEMO_TOKEN_LIFETIME_S = 8 * 3600

NO_SESSION = (
    403, "session_required",
    "La discussion n’est pas ouverte : écrivez d’abord votre message, puis joignez la photo.",
)  # fmt: skip
UNAVAILABLE = (
    503, "unavailable",
    "L’envoi de photos est momentanément indisponible : réessayez dans quelques instants, s’il "
    "vous plaît.",
)  # fmt: skip
NOT_FOUND = (404, "not_found", "Cette photo n’existe pas ou n’est plus conservée.")
NOT_BUILT = "/* The widget is not built: run `make widget`. */\n"


def _error(status: int, code: str, message: str) -> HTTPResponse:
    return response.json({"error": code, "message": message}, status=status)


class _Script:
    """The built script and its gzipped form, read again when the file changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._read: tuple[float, bytes, bytes] | None = None

    def contents(self) -> tuple[bytes, bytes] | None:
        try:
            modified = self.path.stat().st_mtime
            if self._read is None or self._read[0] != modified:
                raw = self.path.read_bytes()
                self._read = (modified, raw, gzip.compress(raw, 9, mtime=0))
        except OSError:
            return None
        return self._read[1], self._read[2]


def blueprint(settings: ServerSettings, store: MediaStore) -> Blueprint:
    routes = Blueprint("cadomaestro_widget")
    script = _Script(paths.WIDGET_SCRIPT)

    @routes.get("/widget/widget.js")
    async def widget_js(request: Request) -> HTTPResponse:
        contents = script.contents()
        if contents is None:
            return response.text(NOT_BUILT, status=503, content_type="application/javascript")
        raw, gzipped = contents
        headers = {"Cache-Control": "public, max-age=300", "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            raw = gzipped
        return response.raw(raw, content_type="application/javascript; charset=utf-8",
                            headers=headers)  # fmt: skip

    @routes.post("/widget/upload", stream=True)
    async def upload(request: Request) -> HTTPResponse:
        session_id = request.headers.get(SESSION_HEADER)
        try:
            events = await open_conversation(request.app, session_id)
        except Exception as error:
            log.error("upload refused, conversation not read: %s", type(error).__name__)
            return _error(*UNAVAILABLE)
        if events is None:
            return _error(*NO_SESSION)
        limit = settings.media_max_bytes
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return _too_large(limit)
        body = bytearray()
        while (chunk := await request.stream.read()) is not None:
            body += chunk
            if len(body) > limit:
                return _too_large(limit)
        try:
            stored = await keep_photo(store, bytes(body), sender_of(str(session_id)), limit)
        except BadImage as bad:
            log.info("photo refused: %s", bad.code)
            return _error(413 if bad.code == "too_large" else 400, bad.code, bad.message)
        log.info("photo stored: %s %dx%d", stored.content_type, stored.width, stored.height)
        return response.json({"id": stored.id}, status=201)

    @routes.get("/media/<media_id:str>")
    async def media(request: Request, media_id: str) -> HTTPResponse:
        found = await asyncio.to_thread(store.read, media_id)
        if found is None:
            return _error(*NOT_FOUND)
        stored, content = found
        return response.raw(content, content_type=stored.content_type, headers={
            "Cache-Control": "private, max-age=3600",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Referrer-Policy": "no-referrer",
        })  # fmt: skip

    if settings.demo_pages:
        # The demo shop's customers, to log in as with one click.
        customers = [c["email"] for c in demo_document(datetime.now(timezone.utc))["customers"]]
        links = ", ".join(f'<a href="/demo/?customer={quote(e)}">{html.escape(e)}</a>'
                          for e in customers)  # fmt: skip
        template = Template(
            Template(DEMO_PAGE.read_text(encoding="utf-8")).safe_substitute(customers=links)
        )

        @routes.get("/demo/")
        async def demo(request: Request) -> HTTPResponse:
            asked = request.args.get("customer", "").strip().lower()
            email = asked if is_email(asked) else None
            return response.html(demo_page(template, email, settings.widget_token_secret))

    return routes


def demo_page(template: Template, email: str | None, secret: str) -> str:
    """The demo page, for a visitor or for `email` logged in (a token signed for it)."""
    emails = [
        customer["email"] for customer in demo_document(datetime.now(timezone.utc))["customers"]
    ]
    links = ", ".join(f'<a href="/demo/?customer={quote(e)}">{html.escape(e)}</a>' for e in emails)
    values: dict[str, Any] = {"token_attribute": "", "account": "", "customers": links}
    if email:
        token = tokens.sign(email, secret, DEMO_TOKEN_LIFETIME_S)
        values["token_attribute"] = f'data-token="{html.escape(token)}"'
        values["account"] = (
            f'<p class="account">Connecté(e) en tant que <strong>{html.escape(email)}</strong> '
            '· <a href="/demo/">se déconnecter</a></p>'
        )
    return template.substitute(values)


def _too_large(limit: int) -> HTTPResponse:
    bad = too_large(limit)
    return _error(413, bad.code, bad.message)
