"""The application's typed state, in a module of its own so that app.py, the views and the
middlewares share it without importing one another."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.orm import sessionmaker

from cadomaestro.backend.settings import BackendSettings
from cadomaestro.backend.throttle import FailureLimiter

SETTINGS = web.AppKey("settings", BackendSettings)
SESSIONS = web.AppKey("sessions", sessionmaker)
OPENAPI = web.AppKey("openapi", dict[str, Any])
PROOF_LIMITER = web.AppKey("proof_limiter", FailureLimiter)  # failed proofs per client
KEY_LIMITER = web.AppKey("key_limiter", FailureLimiter)  # wrong API keys per address
