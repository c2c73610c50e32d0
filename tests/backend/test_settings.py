"""The backend's settings: the table's defaults, typed reads, and a clear error naming the
variable for a value that cannot be used."""

from __future__ import annotations

import pytest

from cadomaestro.backend.settings import BackendSettings
from cadomaestro.backend.throttle import DEFAULT_WINDOW_S
from cadomaestro.settings import BY_NAME, SettingsError


def test_defaults_are_the_tables() -> None:
    settings = BackendSettings.from_env({})
    assert settings == BackendSettings()  # the defaults of code-built settings are the same
    assert settings.database_url == BY_NAME["ORDERS_DATABASE_URL"].default
    assert settings.port == int(BY_NAME["ORDERS_API_PORT"].default)
    assert settings.proof_limit == int(BY_NAME["ORDERS_PROOF_LIMIT"].default)
    assert settings.key_limit == int(BY_NAME["ORDERS_KEY_LIMIT"].default)
    assert settings.window_s == DEFAULT_WINDOW_S == int(BY_NAME["ORDERS_LIMIT_WINDOW_S"].default)
    assert settings.api_key == ""


def test_values_are_read_and_typed() -> None:
    settings = BackendSettings.from_env(
        {
            "ORDERS_DATABASE_URL": " postgresql://u@h/orders ",
            "ORDERS_API_KEY": "k" * 16,
            "ORDERS_API_PORT": "6000",
            "ORDERS_PROOF_LIMIT": "3",
            "ORDERS_KEY_LIMIT": "4",
            "ORDERS_LIMIT_WINDOW_S": "60",
        }
    )
    assert settings == BackendSettings(
        database_url="postgresql://u@h/orders",
        api_key="k" * 16,
        port=6000,
        proof_limit=3,
        key_limit=4,
        window_s=60,
    )
    settings.check_can_serve()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ORDERS_API_PORT", "http"),
        ("ORDERS_API_PORT", "70000"),
        ("ORDERS_API_PORT", "0"),
        ("ORDERS_PROOF_LIMIT", "0"),
        ("ORDERS_KEY_LIMIT", "-3"),
        ("ORDERS_LIMIT_WINDOW_S", "quinze"),
    ],
)
def test_a_bad_value_names_the_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        BackendSettings.from_env({name: value})
    assert str(caught.value).startswith(f"{name} doit être un nombre entier")
    assert f"« {value} »" in str(caught.value)


def test_the_api_key_is_long_enough_and_required_to_serve() -> None:
    with pytest.raises(SettingsError, match="ORDERS_API_KEY fait moins de 16 caractères"):
        BackendSettings.from_env({"ORDERS_API_KEY": "too-short"})
    unset = BackendSettings.from_env({})  # enough to migrate, seed or import
    with pytest.raises(SettingsError, match="ORDERS_API_KEY n'est pas définie"):
        unset.check_can_serve()
