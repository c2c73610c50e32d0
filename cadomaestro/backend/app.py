"""The order API the assistant calls (described in openapi.yaml, served at /openapi.json): the
application factory.

The layers: routes.py maps addresses to views.py's handlers, which parse the request
(payloads.py), call service.py in a worker thread and describe the result (serialize.py);
middlewares.py checks the API key, counts failed proofs and turns every error into JSON.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web
from sqlalchemy.engine import Engine

from cadomaestro.backend.database import make_engine, migrate, session_factory
from cadomaestro.backend.keys import KEY_LIMITER, OPENAPI, PROOF_LIMITER, SESSIONS, SETTINGS
from cadomaestro.backend.middlewares import MIDDLEWARES
from cadomaestro.backend.routes import setup_routes
from cadomaestro.backend.settings import BackendSettings
from cadomaestro.backend.throttle import FailureLimiter
from cadomaestro.rules.delivery import ShippingMethod
from cadomaestro.rules.orders import OrderStatus
from cadomaestro.rules.requests import RequestKind

OPENAPI_FILE = Path(__file__).resolve().with_name("openapi.yaml")
MAX_BODY_BYTES = 128 * 1024


def load_openapi() -> dict[str, Any]:
    """openapi.yaml, with the values of the enums taken from the code (never restated)."""
    with OPENAPI_FILE.open(encoding="utf-8") as file:
        spec = yaml.safe_load(file)
    schemas = spec["components"]["schemas"]
    schemas["RequestKind"]["enum"] = RequestKind.values()
    schemas["OrderStatus"]["enum"] = [status.code for status in OrderStatus]
    schemas["ShippingMethod"]["enum"] = [method.value for method in ShippingMethod]
    return spec


async def database(app: web.Application) -> AsyncIterator[None]:
    """The database of the app's settings for the app's life: opened and brought up to date
    when the app starts, disposed of when it stops."""
    engine = make_engine(app[SETTINGS].database_url)
    try:
        await asyncio.get_running_loop().run_in_executor(None, migrate, engine)
        app[SESSIONS] = session_factory(engine)
        yield
    finally:
        engine.dispose()


def create_app(settings: BackendSettings, engine: Engine | None = None) -> web.Application:
    """The API for callers presenting `settings.api_key`; a client may fail
    `settings.proof_limit` proofs, an address `settings.key_limit` API keys, within
    `settings.window_s` seconds.

    On `engine` when given (already migrated; the caller disposes of it), as the command line,
    which migrates and seeds first, and the tests do; otherwise on `settings.database_url`."""
    if not settings.api_key:
        raise ValueError("an API key is required")
    app = web.Application(middlewares=MIDDLEWARES, client_max_size=MAX_BODY_BYTES)
    app[SETTINGS] = settings
    app[PROOF_LIMITER] = FailureLimiter(settings.proof_limit, settings.window_s)
    app[KEY_LIMITER] = FailureLimiter(settings.key_limit, settings.window_s)
    app[OPENAPI] = load_openapi()
    if engine is None:
        app.cleanup_ctx.append(database)
    else:
        app[SESSIONS] = session_factory(engine)
    setup_routes(app)
    return app
