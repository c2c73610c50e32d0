"""Every environment variable the processes read, with its default, in one table; and a reader
that turns them into typed values with a clear error for a bad one.

Each process has one settings object built from this (cadomaestro.backend.settings,
cadomaestro.server.settings, actions.settings), read once when the process starts. Defaults may
refer to other variables (`{ACTION_PORT}`). `python -m cadomaestro.settings shell` prints the
defaults of the variables that are not set, as `export` lines, for scripts/run.sh: the Makefile
and the scripts state no default of their own; `… origins NAME` prints a list of origins as the
Rasa server reads it.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Variable:
    name: str
    default: str  # "" = unset; may refer to other variables as {NAME}
    process: str  # who reads it
    help: str


VARIABLES: tuple[Variable, ...] = (
    Variable("RASA_PORT", "5005", "rasa", "port of the Rasa server (channels)"),
    Variable(
        "TRACKER_STORE_URL", "sqlite:///state/conversations.db", "rasa",
        "where conversations are kept: any SQLAlchemy URL, e.g. "
        "postgresql://user:pass@host/rasa",
    ),
    Variable(
        "TRACKER_CACHE_SIZE", "256", "rasa",
        "conversations whose stored events the Rasa server keeps in memory between turns, "
        "checked against the store on every turn (0: read every event from the store)",
    ),
    Variable(
        "ACTION_ENDPOINT_URL", "http://localhost:{ACTION_PORT}/webhook", "rasa",
        "how the Rasa server reaches the action server",
    ),
    Variable(
        "ACTION_TIMEOUT_S", "10", "rasa",
        "seconds the Rasa server waits for the action server before apologising",
    ),
    Variable(
        "CLIENT_KEY_SECRET", "", "rasa",
        "key of the pseudonym the channels give each client (unset: random at each start, so "
        "limits restart with the server)",
    ),
    Variable(
        "WIDGET_ORIGINS", "", "rasa",
        "origins of the shop's pages allowed to open the chat widget's socket, comma-separated "
        "(e.g. https://www.cadomaestro.fr); unset: the assistant's own pages only; * any page "
        "(a local demo only)",
    ),
    Variable(
        "WIDGET_TOKEN_SECRET", "", "rasa",
        "secret shared with the shop's site to sign the tokens of logged-in customers (HS256 "
        "JWT with `email` and `exp`), at least 32 characters; unset: every visitor is anonymous "
        "(the local demo draws its own at each start: never set both)",
    ),
    Variable(
        "DEMO_PAGES", "", "rasa",
        "1: serve the demo shop page /demo/ and let /demo/?customer=<e-mail> sign a token for "
        "any e-mail with a secret of its own (a local demo only: `make run` sets it; refused "
        "with WIDGET_TOKEN_SECRET)",
    ),
    Variable(
        "PUBLIC_URL", "http://localhost:{RASA_PORT}", "rasa",
        "the Rasa server's address as customers and agents reach it (the photos' links in the "
        "requests to customer service)",
    ),
    Variable("MEDIA_FOLDER", "state/media", "rasa", "where the photos customers send are kept"),
    Variable(
        "MEDIA_MAX_BYTES", "10000000", "rasa", "the largest photo a customer may send, in bytes"
    ),
    Variable(
        "RETENTION_DAYS", "90", "rasa, console",
        "days a conversation and its photos are kept after its last event (the widget's "
        "privacy notice says so); older ones are deleted at start-up and every day, and the "
        "console drops what agents added about them",
    ),
    Variable(
        "MESSENGER_VERIFY_TOKEN", "", "rasa",
        "Messenger: the verify token typed in the app's webhook settings (the channel is enabled "
        "when the three MESSENGER_ variables are set)",
    ),
    Variable("MESSENGER_APP_SECRET", "", "rasa", "Messenger: the Meta app's secret (signatures)"),
    Variable(
        "MESSENGER_PAGE_ACCESS_TOKEN", "", "rasa", "Messenger: the Facebook page's access token"
    ),
    Variable(
        "WHATSAPP_VERIFY_TOKEN", "", "rasa",
        "WhatsApp: the verify token typed in the app's webhook settings (the channel is enabled "
        "when the four WHATSAPP_ variables are set)",
    ),
    Variable("WHATSAPP_APP_SECRET", "", "rasa", "WhatsApp: the Meta app's secret (signatures)"),
    Variable(
        "WHATSAPP_ACCESS_TOKEN", "", "rasa",
        "WhatsApp: a system user's access token with whatsapp_business_messaging",
    ),
    Variable(
        "WHATSAPP_PHONE_NUMBER_ID", "", "rasa", "WhatsApp: the business phone number's id"
    ),
    Variable(
        "META_GRAPH_URL", "https://graph.facebook.com", "rasa",
        "Meta's Graph API (the tests point it at a local fake)",
    ),
    Variable("META_GRAPH_VERSION", "v27.0", "rasa", "the Graph API version the channels call"),
    Variable("CONSOLE_PORT", "5070", "console", "port of the agent console"),
    Variable(
        "CONSOLE_DATABASE_URL", "sqlite:///state/console.db", "console",
        "the console's own database (agents, sessions, audit log): any SQLAlchemy URL",
    ),
    Variable(
        "CONSOLE_SESSION_IDLE_S", "1800", "console",
        "seconds without a request after which an agent's session ends",
    ),
    Variable(
        "CONSOLE_LOGIN_LIMIT", "5", "console",
        "failed logins allowed per account and per address within ORDERS_LIMIT_WINDOW_S",
    ),
    Variable(
        "CONSOLE_SECURE_COOKIES", "", "console",
        "1 behind HTTPS: the session cookie is sent over HTTPS only",
    ),
    Variable("ACTION_PORT", "5055", "actions", "port of the action server"),
    Variable(
        "ACTION_HOST", "127.0.0.1", "actions",
        "the interface the action server listens on: never one the public reaches (it trusts "
        "what the Rasa server sends, a logged-in customer's e-mail included)",
    ),
    Variable(
        "ORDERS_API_URL", "http://127.0.0.1:{ORDERS_API_PORT}", "actions",
        "how the action server reaches the order backend",
    ),
    Variable(
        "ORDERS_API_TIMEOUT_S", "5", "actions",
        "seconds the action server waits for the order backend before apologising",
    ),
    Variable(
        "ORDERS_API_KEY", "", "backend, actions",
        "the key the action server sends the order backend (X-API-Key), at least 16 characters "
        "(unset: make run generates one into state/orders-api-key)",
    ),
    Variable("ORDERS_API_PORT", "5060", "backend", "port of the order backend"),
    Variable(
        "ORDERS_DATABASE_URL", "sqlite:///state/orders.db", "backend",
        "the order backend's database: any SQLAlchemy URL, e.g. "
        "postgresql://user:pass@host/orders",
    ),
    Variable(
        "ORDERS_PROOF_LIMIT", "10", "backend",
        "failed proofs of ownership allowed per client within the window",
    ),
    Variable(
        "ORDERS_KEY_LIMIT", "20", "backend", "wrong API keys allowed per address within the window"
    ),
    Variable(
        "ORDERS_LIMIT_WINDOW_S", "900", "backend", "the window of both limits, in seconds"
    ),
)  # fmt: skip
BY_NAME = {variable.name: variable for variable in VARIABLES}


class SettingsError(ValueError):
    """A setting with a value that cannot be used; the message names it and says what is
    expected."""


class Environment:
    """Typed reads of the variables above from `environ` (the process's by default); an empty
    value means the default."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def text(self, name: str) -> str:
        value = self.environ.get(name, "").strip()
        if value:
            return value
        default = BY_NAME[name].default
        return default.format_map(_Resolver(self)) if "{" in default else default

    def integer(self, name: str, *, minimum: int = 1, maximum: int | None = None) -> int:
        value = self.text(name)
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or number < minimum or (maximum is not None and number > maximum):
            bound = f" entre {minimum} et {maximum}" if maximum is not None else f" ≥ {minimum}"
            raise SettingsError(f"{name} doit être un nombre entier{bound}, pas « {value} ».")
        return number

    def port(self, name: str) -> int:
        return self.integer(name, minimum=1, maximum=65535)

    def seconds(self, name: str) -> float:
        value = self.text(name)
        try:
            number = float(value)
        except ValueError:
            number = 0.0
        if not number > 0 or number == float("inf"):
            raise SettingsError(f"{name} doit être un nombre de secondes positif, pas « {value} ».")
        return number

    def url(self, name: str) -> str:
        value = self.text(name)
        if "://" not in value:
            raise SettingsError(f"{name} doit être une adresse (URL), pas « {value} ».")
        return value

    def origins(self, name: str) -> list[str]:
        """Comma-separated web origins (`https://shop.example`, no path), or ["*"]."""
        values = [value.strip().rstrip("/") for value in self.text(name).split(",")]
        values = [value for value in values if value]
        if values == ["*"]:
            return values
        for value in values:
            scheme, _, host = value.partition("://")
            if scheme not in ("http", "https") or not host or "/" in host:
                raise SettingsError(
                    f"{name} doit lister des origines comme https://www.exemple.fr, séparées "
                    f"par des virgules, ou *, pas « {value} »."
                )
        return values

    def flag(self, name: str) -> bool:
        value = self.text(name).lower()
        if value in ("1", "true", "yes", "on"):
            return True
        if value in ("", "0", "false", "no", "off"):
            return False
        raise SettingsError(f"{name} doit valoir 1 (oui) ou 0 (non), pas « {value} ».")

    def secret(self, name: str, *, min_length: int) -> str:
        """A secret of at least `min_length` characters, or "" when unset (the caller decides
        whether it may be)."""
        value = self.text(name)
        if value and len(value) < min_length:
            raise SettingsError(
                f"{name} fait moins de {min_length} caractères : donnez-lui un secret plus long "
                "(par ex. `openssl rand -hex 24`)."
            )
        return value


class _Resolver(dict):
    def __init__(self, environment: Environment) -> None:
        super().__init__()
        self.environment = environment

    def __missing__(self, key: str) -> str:
        return self.environment.text(key)


def shell_exports(environ: Mapping[str, str] | None = None) -> str:
    """`export NAME=value` for each variable with a default that `environ` does not set."""
    environment = Environment(environ)
    lines = [
        f"export {v.name}={shlex.quote(environment.text(v.name))}"
        for v in VARIABLES
        if v.default and not environment.environ.get(v.name, "").strip()
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:] == ["shell"]:
        print(shell_exports())
    elif len(sys.argv) == 3 and sys.argv[1] == "origins":  # for scripts/run.sh
        print(" ".join(Environment().origins(sys.argv[2])))
    else:
        sys.exit("usage: python -m cadomaestro.settings shell | origins NAME")
