"""The Rasa server's settings (the variables of cadomaestro.settings marked "rasa" that Python
reads; TRACKER_STORE_URL and ACTION_ENDPOINT_URL are read by Rasa from endpoints.yml). Read by
the channels and by the tracker store, which Rasa builds apart."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from cadomaestro.settings import Environment

MIN_SECRET_LENGTH = 16
# Drawn once per process: every channel (and every read of the settings) gives a client the same
# pseudonym, so the backend's limits count its attempts together, whatever the channel.
_PROCESS_SECRET = secrets.token_hex(32)


@dataclass(frozen=True)
class ServerSettings:
    # Seconds the server waits for the action server before apologising.
    action_timeout_s: float
    # Keys the pseudonym each channel gives a client; random when unset, so that limits then
    # restart with the server.
    client_key_secret: bytes
    # Conversations kept in memory between turns by the tracker store (0: none).
    tracker_cache_size: int
    # Origins allowed to open the widget's socket; [] = the server's own, ["*"] = any.
    widget_origins: list[str]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServerSettings:
        env = Environment(environ)
        secret = env.secret("CLIENT_KEY_SECRET", min_length=MIN_SECRET_LENGTH)
        return cls(
            action_timeout_s=env.seconds("ACTION_TIMEOUT_S"),
            client_key_secret=(secret or _PROCESS_SECRET).encode(),
            tracker_cache_size=env.integer("TRACKER_CACHE_SIZE", minimum=0),
            widget_origins=env.origins("WIDGET_ORIGINS"),
        )
