"""The Rasa server's settings (the variables of cadomaestro.settings marked "rasa" that Python
reads; TRACKER_STORE_URL and ACTION_ENDPOINT_URL are read by Rasa from endpoints.yml). Read by
the channels and by the tracker store, which Rasa builds apart."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cadomaestro import paths
from cadomaestro.settings import Environment, SettingsError
from cadomaestro.widget.tokens import MIN_SECRET_CHARS

MIN_SECRET_LENGTH = 16
# Drawn once per process: every channel (and every read of the settings) gives a client the same
# pseudonym, so the backend's limits count its attempts together, whatever the channel.
_PROCESS_SECRET = secrets.token_hex(32)
# The local demo signs its own customers' tokens when the shop's secret is unset.
_DEMO_TOKEN_SECRET = secrets.token_hex(32)


@dataclass(frozen=True)
class MetaApp:
    """What one Meta channel needs (Messenger, WhatsApp); see cadomaestro.channels.meta."""

    verify_token: str = field(repr=False)
    app_secret: str = field(repr=False)
    access_token: str = field(repr=False)
    phone_number_id: str = ""  # WhatsApp's sending number


MESSENGER_VARIABLES = (
    "MESSENGER_VERIFY_TOKEN",
    "MESSENGER_APP_SECRET",
    "MESSENGER_PAGE_ACCESS_TOKEN",
)
WHATSAPP_VARIABLES = (
    "WHATSAPP_VERIFY_TOKEN", "WHATSAPP_APP_SECRET", "WHATSAPP_ACCESS_TOKEN",
    "WHATSAPP_PHONE_NUMBER_ID",
)  # fmt: skip


def _meta_app(env: Environment, names: tuple[str, ...]) -> MetaApp | None:
    """The channel's settings, or None when one is unset (the channel is then not enabled)."""
    values = [env.text(name) for name in names]
    return MetaApp(*values) if all(values) else None


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
    # Meta's channels: None when not configured.
    messenger: MetaApp | None = None
    whatsapp: MetaApp | None = None
    graph_url: str = "https://graph.facebook.com"
    graph_version: str = "v27.0"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServerSettings:
        env = Environment(environ)
        secret = env.secret("CLIENT_KEY_SECRET", min_length=MIN_SECRET_LENGTH)
        token_secret = env.secret("WIDGET_TOKEN_SECRET", min_length=MIN_SECRET_CHARS)
        demo = env.flag("DEMO_PAGES")
        if demo and token_secret:
            # The demo signs a token for any e-mail: never with the shop's secret.
            raise SettingsError(
                "DEMO_PAGES (la page de démonstration signe un jeton pour n’importe quelle "
                "adresse) ne peut pas être activé avec le secret de la boutique "
                "WIDGET_TOKEN_SECRET : retirez l’un des deux."
            )
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
            messenger=_meta_app(env, MESSENGER_VARIABLES),
            whatsapp=_meta_app(env, WHATSAPP_VARIABLES),
            graph_url=env.url("META_GRAPH_URL").rstrip("/"),
            graph_version=env.text("META_GRAPH_VERSION"),
        )
