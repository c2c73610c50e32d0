"""The agent console (`python -m cadomaestro.console serve`, port CONSOLE_PORT): the application
factory. Server-rendered pages (Jinja2 through aiohttp-jinja2, autoescaped), its own database
(CONSOLE_DATABASE_URL, migrated at start), the assistant's conversations read from the
conversation store (TRACKER_STORE_URL), never changed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web
from sqlalchemy.engine import Engine

from cadomaestro.backend.database import make_engine, migrate, session_factory
from cadomaestro.backend.throttle import FailureLimiter
from cadomaestro.console import (
    admin_views,
    dashboard_views,
    formats,
    retention,
    review,
    training_views,
    views,
)
from cadomaestro.console.conversations import CHANNEL_TITLES
from cadomaestro.console.keys import (
    CONVERSATIONS,
    LOGIN_BY_ACCOUNT,
    LOGIN_BY_ADDRESS,
    SESSIONS,
    SETTINGS,
)
from cadomaestro.console.middlewares import MIDDLEWARES, security_headers
from cadomaestro.console.settings import ConsoleSettings
from cadomaestro.console.store import ConversationStore

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE / "migrations"
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
MAX_BODY_BYTES = 64 * 1024

ROUTES = [
    web.get("/health", views.health),
    web.get("/login", views.login_page),
    web.post("/login", views.login),
    web.post("/logout", views.logout),
    web.get("/", views.conversations),
    web.get("/conversations/{sender}", views.conversation),
    web.post("/conversations/{sender}/review", views.change_review),
    web.get("/todo", views.todo),
    web.get("/audit", views.audit_log),
    *admin_views.ROUTES,
    *dashboard_views.ROUTES,
    *training_views.ROUTES,
]


async def database(app: web.Application) -> AsyncIterator[None]:
    engine = make_engine(app[SETTINGS].database_url)
    try:
        await asyncio.get_running_loop().run_in_executor(None, migrate, engine, MIGRATIONS)
        app[SESSIONS] = session_factory(engine)
        yield
    finally:
        engine.dispose()


def create_app(settings: ConsoleSettings, engine: Engine | None = None) -> web.Application:
    """The console on `engine` when given (already migrated: the tests), else on
    `settings.database_url`, migrated when the app starts, with the retention applied then and
    every day (console/retention.py; not on a given engine, whose rows the tests set up)."""
    app = web.Application(middlewares=MIDDLEWARES, client_max_size=MAX_BODY_BYTES)
    app[SETTINGS] = settings
    app.on_response_prepare.append(security_headers)
    app[CONVERSATIONS] = ConversationStore(settings.conversations_url)
    app.on_cleanup.append(_close_conversations)
    app[LOGIN_BY_ACCOUNT] = FailureLimiter(settings.login_limit, settings.window_s)
    app[LOGIN_BY_ADDRESS] = FailureLimiter(settings.login_limit * 4, settings.window_s)
    if engine is None:
        app.cleanup_ctx.append(database)
        app.cleanup_ctx.append(retention.daily)
    else:
        app[SESSIONS] = session_factory(engine)
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(default=True),
        context_processors=[_page_context],
    )
    env = aiohttp_jinja2.get_env(app)
    env.globals.update(channel_titles=CHANNEL_TITLES, label_titles=review.label_titles())
    env.filters.update(when=formats.local, confidence=formats.confidence, of=formats.of)
    app.router.add_routes(ROUTES)
    app.router.add_static("/static/", STATIC)
    return app


async def _close_conversations(app: web.Application) -> None:
    app[CONVERSATIONS].close()


async def _page_context(request: web.Request) -> dict[str, object]:
    return {"agent": request.get("agent"), "csrf": request.get("csrf", ""), "path": request.path}
