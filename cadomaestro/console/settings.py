"""The console's settings (the variables of cadomaestro.settings marked "console", the
conversation store's URL, which it reads without ever writing, and RETENTION_DAYS, which the
console applies to its own tables and its view of the conversations: console/retention.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cadomaestro.settings import Environment


@dataclass(frozen=True)
class ConsoleSettings:
    port: int
    database_url: str
    conversations_url: str  # the assistant's conversation store (TRACKER_STORE_URL)
    session_idle_s: float
    login_limit: int
    window_s: float
    secure_cookies: bool
    retention_days: int  # RETENTION_DAYS, the assistant's too

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ConsoleSettings:
        env = Environment(environ)
        return cls(
            port=env.port("CONSOLE_PORT"),
            database_url=env.text("CONSOLE_DATABASE_URL"),
            conversations_url=env.text("TRACKER_STORE_URL"),
            session_idle_s=env.seconds("CONSOLE_SESSION_IDLE_S"),
            login_limit=env.integer("CONSOLE_LOGIN_LIMIT"),
            window_s=env.seconds("ORDERS_LIMIT_WINDOW_S"),
            secure_cookies=env.flag("CONSOLE_SECURE_COOKIES"),
            retention_days=env.integer("RETENTION_DAYS", minimum=1),
        )
