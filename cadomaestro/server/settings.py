"""The Rasa server's settings (the variables of cadomaestro.settings marked "rasa" that Python
reads; TRACKER_STORE_URL and ACTION_ENDPOINT_URL are read by Rasa from endpoints.yml). Read by
the channels and by the tracker store, which Rasa builds apart."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cadomaestro import paths
from cadomaestro.settings import Environment
from cadomaestro.widget.tokens import MIN_SECRET_CHARS

MIN_SECRET_LENGTH = 16
# Drawn once per process: every channel (and every read of the settings) gives a client the same
# pseudonym, so the backend's limits count its attempts together, whatever the channel.
_PROCESS_SECRET = secrets.token_hex(32)
# The local demo signs its own customers' tokens when the shop's secret is unset.
_DEMO_TOKEN_SECRET = secrets.token_hex(32)


@dataclass(frozen=True)
class ServerSettings:
    # Seconds the server waits for the action server before apologising.
    action_timeout_s: float
    # Keys the pseudonym each channel gives a client; random when unset, so that limits then
    # restart with the server.
    client_key_secret: bytes = field(repr=False)
    # Conversations kept in memory between turns by the tracker store (0: none).
    tracker_cache_size: int
    # Origins allowed to open the widget's socket; [] = the server's own, ["*"] = any.
    widget_origins: list[str]
    # Verifies logged-in customers' tokens ("" : every visitor is anonymous).
    widget_token_secret: str = field(repr=False)
    # The demo shop page /demo/ (a local demo only).
    demo_pages: bool
    # The server's address as customers and agents reach it.
    public_url: str
    media_folder: Path
    media_max_bytes: int
    retention_days: int

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServerSettings:
        env = Environment(environ)
        secret = env.secret("CLIENT_KEY_SECRET", min_length=MIN_SECRET_LENGTH)
        token_secret = env.secret("WIDGET_TOKEN_SECRET", min_length=MIN_SECRET_CHARS)
        demo = env.flag("DEMO_PAGES")
        return cls(
            action_timeout_s=env.seconds("ACTION_TIMEOUT_S"),
            client_key_secret=(secret or _PROCESS_SECRET).encode(),
            tracker_cache_size=env.integer("TRACKER_CACHE_SIZE", minimum=0),
            widget_origins=env.origins("WIDGET_ORIGINS"),
            widget_token_secret=token_secret or (_DEMO_TOKEN_SECRET if demo else ""),
            demo_pages=demo,
            public_url=env.url("PUBLIC_URL").rstrip("/"),
            media_folder=paths.ROOT / env.text("MEDIA_FOLDER"),
            media_max_bytes=env.integer("MEDIA_MAX_BYTES", minimum=100_000),
            retention_days=env.integer("RETENTION_DAYS", minimum=1),
        )
