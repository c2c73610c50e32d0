"""The order backend's settings: the variables of cadomaestro.settings it reads, read once when
the command line starts (names, defaults and help are in that table, not here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cadomaestro.settings import Environment, SettingsError

MIN_API_KEY_LENGTH = 16
_DEFAULTS = Environment({})  # the table's defaults, for settings built in code (tests)


def _api_key_problem(state: str) -> str:
    return (
        f"ORDERS_API_KEY {state} : donnez-lui un secret d'au moins {MIN_API_KEY_LENGTH} "
        "caractères (par ex. `export ORDERS_API_KEY=$(openssl rand -hex 24)`)."
    )


@dataclass(frozen=True)
class BackendSettings:
    # Any SQLAlchemy URL; the folder of an SQLite file is created when the engine is made.
    database_url: str = _DEFAULTS.text("ORDERS_DATABASE_URL")
    # The key callers present (X-API-Key); "" when unset, which only `serve` refuses.
    api_key: str = ""
    port: int = _DEFAULTS.port("ORDERS_API_PORT")
    # Failed proofs allowed per client, and wrong API keys per address, within `window_s`.
    proof_limit: int = _DEFAULTS.integer("ORDERS_PROOF_LIMIT")
    key_limit: int = _DEFAULTS.integer("ORDERS_KEY_LIMIT")
    window_s: float = _DEFAULTS.integer("ORDERS_LIMIT_WINDOW_S")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> BackendSettings:
        """The settings from `environ` (the process's by default); SettingsError names the first
        variable with a value that cannot be used."""
        env = Environment(environ)
        api_key = env.text("ORDERS_API_KEY")
        if api_key and len(api_key) < MIN_API_KEY_LENGTH:
            raise SettingsError(_api_key_problem(f"fait moins de {MIN_API_KEY_LENGTH} caractères"))
        return cls(
            database_url=env.text("ORDERS_DATABASE_URL"),
            api_key=api_key,
            port=env.port("ORDERS_API_PORT"),
            proof_limit=env.integer("ORDERS_PROOF_LIMIT"),
            key_limit=env.integer("ORDERS_KEY_LIMIT"),
            window_s=env.integer("ORDERS_LIMIT_WINDOW_S"),  # whole seconds, as documented
        )

    def check_can_serve(self) -> None:
        """Serving needs an API key: refuse to start without one (SettingsError)."""
        if not self.api_key:
            raise SettingsError(_api_key_problem("n'est pas définie"))
