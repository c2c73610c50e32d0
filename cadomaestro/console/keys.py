"""The console application's typed state, shared by app.py, the middlewares and the views."""

from __future__ import annotations

from aiohttp import web
from sqlalchemy.orm import sessionmaker

from cadomaestro.backend.throttle import FailureLimiter
from cadomaestro.console.settings import ConsoleSettings
from cadomaestro.console.store import ConversationStore

SETTINGS = web.AppKey("settings", ConsoleSettings)
SESSIONS = web.AppKey("sessions", sessionmaker)
CONVERSATIONS = web.AppKey("conversations", ConversationStore)  # read-only
LOGIN_BY_ACCOUNT = web.AppKey("login_by_account", FailureLimiter)
LOGIN_BY_ADDRESS = web.AppKey("login_by_address", FailureLimiter)
# The request's agent session, set by the authentication middleware.
COOKIE = "cadomaestro_console"
