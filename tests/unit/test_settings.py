"""The settings table and its reader (cadomaestro/settings.py), and each process's settings."""

from __future__ import annotations

import subprocess
import sys

import pytest

from actions.settings import ActionSettings
from cadomaestro import paths
from cadomaestro.server.settings import ServerSettings
from cadomaestro.settings import VARIABLES, Environment, SettingsError, shell_exports


def test_defaults_and_derived_defaults() -> None:
    env = Environment({})
    assert env.port("RASA_PORT") == 5005
    assert env.url("ORDERS_API_URL") == "http://127.0.0.1:5060"
    assert env.url("ACTION_ENDPOINT_URL") == "http://localhost:5055/webhook"
    derived = Environment({"ORDERS_API_PORT": "6000", "ACTION_PORT": "7000"})
    assert derived.url("ORDERS_API_URL") == "http://127.0.0.1:6000"
    assert derived.url("ACTION_ENDPOINT_URL") == "http://localhost:7000/webhook"


def test_an_empty_value_means_the_default() -> None:
    assert Environment({"ORDERS_PROOF_LIMIT": "  "}).integer("ORDERS_PROOF_LIMIT") == 10


BAD = [
    ("ORDERS_PROOF_LIMIT", "dix", "integer"),
    ("ORDERS_PROOF_LIMIT", "0", "integer"),
    ("RASA_PORT", "70000", "port"),
    ("ACTION_TIMEOUT_S", "0", "seconds"),
    ("ACTION_TIMEOUT_S", "-3", "seconds"),
    ("ACTION_TIMEOUT_S", "inf", "seconds"),
    ("ACTION_TIMEOUT_S", "nan", "seconds"),
    ("ORDERS_API_URL", "localhost:5060", "url"),
]


@pytest.mark.parametrize(("name", "value", "kind"), BAD)
def test_a_bad_value_is_a_clear_error_naming_the_variable(name: str, value: str, kind: str):
    env = Environment({name: value})
    with pytest.raises(SettingsError) as error:
        getattr(env, kind)(name)
    assert name in str(error.value) and value in str(error.value)


def test_a_short_secret_is_refused_and_an_unset_one_is_empty() -> None:
    with pytest.raises(SettingsError, match="CLIENT_KEY_SECRET"):
        Environment({"CLIENT_KEY_SECRET": "court"}).secret("CLIENT_KEY_SECRET", min_length=16)
    assert Environment({}).secret("CLIENT_KEY_SECRET", min_length=16) == ""


def test_shell_exports_set_only_what_is_unset_and_survive_the_shell() -> None:
    exports = shell_exports({"RASA_PORT": "6001", "TRACKER_STORE_URL": "sqlite:///a b.db"})
    assert "RASA_PORT" not in exports and "TRACKER_STORE_URL" not in exports
    script = exports + '\nprintf "%s|%s" "$ORDERS_API_URL" "$ORDERS_LIMIT_WINDOW_S"'
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout == "http://127.0.0.1:5060|900"


def test_every_variable_is_documented_in_env_example_and_the_docs() -> None:
    example = (paths.ROOT / ".env.example").read_text(encoding="utf-8")
    assert [v.name for v in VARIABLES if f"{v.name}=" not in example] == []
    page = (paths.DOCS / "configuration.md").read_text(encoding="utf-8")
    assert [v.name for v in VARIABLES if f"`{v.name}`" not in page] == []


def test_process_settings() -> None:
    server = ServerSettings.from_env({"ACTION_TIMEOUT_S": "2.5"})
    assert server.action_timeout_s == 2.5
    # Without a secret each start draws a new one (limits restart with the server), the same
    # for every channel of the process (a client's attempts count together).
    assert server.client_key_secret == ServerSettings.from_env({}).client_key_secret
    assert len(server.client_key_secret) == 64
    drawn = subprocess.run(
        [sys.executable, "-c", "from cadomaestro.server.settings import ServerSettings as S; "
         "print(S.from_env({}).client_key_secret.decode())"],
        capture_output=True, text=True, check=True, cwd=paths.ROOT,
    ).stdout.strip()  # fmt: skip
    assert drawn and drawn.encode() != server.client_key_secret
    fixed = {"CLIENT_KEY_SECRET": "s" * 20}
    assert ServerSettings.from_env(fixed).client_key_secret == b"s" * 20
    # Logged-in customers: only with the shop's secret, or the local demo's own.
    assert server.widget_token_secret == "" and not server.demo_pages
    demo = ServerSettings.from_env({"DEMO_PAGES": "1"})
    assert demo.demo_pages and len(demo.widget_token_secret) == 64
    shop = ServerSettings.from_env({"DEMO_PAGES": "0", "WIDGET_TOKEN_SECRET": "w" * 32})
    assert shop.widget_token_secret == "w" * 32 and not shop.demo_pages
    assert "w" * 32 not in repr(shop) and "s" * 20 not in repr(ServerSettings.from_env(fixed))
    for bad in ({"WIDGET_TOKEN_SECRET": "court"}, {"DEMO_PAGES": "peut-être"},
                {"RETENTION_DAYS": "0"}, {"MEDIA_MAX_BYTES": "10"}):  # fmt: skip
        with pytest.raises(SettingsError, match=next(iter(bad))):
            ServerSettings.from_env(bad)
    actions = ActionSettings.from_env({"ORDERS_API_KEY": "k" * 20, "ORDERS_API_PORT": "6100"})
    assert actions == ActionSettings("http://127.0.0.1:6100", "k" * 20, 5.0)


@pytest.mark.parametrize(
    ("value", "origins"),
    [
        ("", []),
        ("*", ["*"]),
        ("https://www.cadomaestro.fr", ["https://www.cadomaestro.fr"]),
        (" https://a.fr/ , http://localhost:8000", ["https://a.fr", "http://localhost:8000"]),
    ],
)
def test_widget_origins(value: str, origins: list[str]) -> None:
    assert Environment({"WIDGET_ORIGINS": value}).origins("WIDGET_ORIGINS") == origins


@pytest.mark.parametrize(
    "value", ["www.cadomaestro.fr", "https://a.fr/page", "ftp://a.fr", "*,https://a.fr"]
)
def test_bad_widget_origins_are_named(value: str) -> None:
    with pytest.raises(SettingsError, match="WIDGET_ORIGINS"):
        Environment({"WIDGET_ORIGINS": value}).origins("WIDGET_ORIGINS")
