"""Every request of the console: security headers; a valid session required everywhere but the
login page (pages redirect to it, JSON answers 401); a state-changing request must carry the
session's CSRF token (form field `csrf`, or the `X-CSRF-Token` header)."""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable

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


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _refused(request: web.Request) -> web.StreamResponse:
    if "application/json" in request.headers.get("Accept", "") or request.path.startswith("/api"):
        return web.json_response(
            {"error": "unauthorized", "message": "Connectez-vous, s’il vous plaît."}, status=401
        )
    raise web.HTTPSeeOther("/login")


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


MIDDLEWARES = [security_headers, require_session]
