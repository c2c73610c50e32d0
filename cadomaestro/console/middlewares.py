"""Every request of the console: security headers (on every response, errors included); a
readable form; a valid session required everywhere but the login page (pages redirect to it,
JSON answers 401); a state-changing request must carry the session's CSRF token (form field
`csrf`, or the `X-CSRF-Token` header)."""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web

from cadomaestro.console import accounts
from cadomaestro.console.keys import COOKIE, SESSIONS, SETTINGS

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
PUBLIC = frozenset({"/login", "/health"})
PUBLIC_PREFIXES = ("/static/",)
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """On every response, errors and redirects included (an `on_response_prepare` signal)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)


# What an agent reads for an error aiohttp words in English ("404: Not Found").
ERRORS = {
    400: "La requête est invalide.",
    403: "Vous n’avez pas accès à cette page.",
    404: "Cette page n’existe pas.",
    405: "Cette action n’est pas possible ici.",
    413: "L’envoi est trop volumineux.",
    503: "Le service est momentanément indisponible : réessayez dans quelques instants.",
}


def _wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "") or request.path.startswith(
        "/api"
    )


@web.middleware
async def error_pages(request: web.Request, handler: Handler) -> web.StreamResponse:
    """An error as a page of the console, in French, with its navigation (JSON asks get JSON)."""
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status < 400 or _wants_json(request):
            raise
        text = error.text or ""
        if not text or text.startswith(f"{error.status}:"):  # aiohttp's own English words
            text = ERRORS.get(error.status, "Une erreur est survenue.")
        context = {"message": text, "status": error.status}
        return aiohttp_jinja2.render_template("error.html", request, context, status=error.status)


FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


@web.middleware
async def readable_forms(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A form that is not text in its declared charset is refused (400), never a 500. Read here
    once; aiohttp keeps it for the handlers."""
    if request.method == "POST" and request.content_type in FORMS:
        try:
            await request.post()
        except (UnicodeDecodeError, LookupError, ValueError):
            raise web.HTTPBadRequest(text="Formulaire illisible.") from None
    return await handler(request)


def _refused(request: web.Request) -> web.StreamResponse:
    if _wants_json(request):
        return web.json_response(
            {"error": "unauthorized", "message": "Connectez-vous, s’il vous plaît."}, status=401
        )
    asked = request.path_qs if request.method == "GET" and request.path != "/" else ""
    raise web.HTTPSeeOther("/login" + (f"?{urlencode({'next': asked})}" if asked else ""))


@web.middleware
async def require_session(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.path in PUBLIC or request.path.startswith(PUBLIC_PREFIXES):
        return await handler(request)
    settings, sessions = request.app[SETTINGS], request.app[SESSIONS]

    def find() -> tuple[int, str, str, str, str] | None:
        with sessions.begin() as session:
            found = accounts.current_session(
                session, request.cookies.get(COOKIE), settings.session_idle_s
            )
            if found is None:
                return None
            agent = found.agent
            return agent.id, agent.name, agent.email, agent.role, found.csrf_token

    found = await asyncio.to_thread(find)
    if found is None:
        return _refused(request)
    agent_id, name, email, role, csrf = found
    request["agent"] = {"id": agent_id, "name": name, "email": email, "role": role}
    request["csrf"] = csrf
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        given = request.headers.get("X-CSRF-Token")
        if given is None:
            given = str((await request.post()).get("csrf", ""))
        if not hmac.compare_digest(given.encode(), csrf.encode()):
            raise web.HTTPForbidden(text="Jeton CSRF absent ou invalide.")
    return await handler(request)


MIDDLEWARES = [error_pages, readable_forms, require_session]
