"""The action server's settings (the variables of cadomaestro.settings it reads), read once when
the first action needs the order backend."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cadomaestro.settings import Environment


@dataclass(frozen=True)
class ActionSettings:
    orders_api_url: str
    orders_api_key: str
    orders_api_timeout_s: float

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ActionSettings:
        env = Environment(environ)
        return cls(
            orders_api_url=env.url("ORDERS_API_URL"),
            orders_api_key=env.text("ORDERS_API_KEY"),
            orders_api_timeout_s=env.seconds("ORDERS_API_TIMEOUT_S"),
        )
