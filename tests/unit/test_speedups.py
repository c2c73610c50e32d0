"""The action server's answers are validated as Rasa validates them, with a validator built
once (cadomaestro/server/speedups.py)."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from cadomaestro.server.speedups import validate_action_result

ORIGINAL = RemoteAction._validate_action_result

RESULTS = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "suite", "value": "aucune"}], "responses": [{"t": 1}]},
    {"events": [{"event": "bot", "text": "Bonjour"}]},
    {"events": "not a list"},
    {"events": [], "responses": ["not an object"]},
    {"events": [{"event": "unknown_event"}]},
    {"events": [{"event": "slot"}]},
]


@pytest.mark.parametrize("result", RESULTS)
def test_same_verdict_as_rasa(result: dict) -> None:
    action = RemoteAction("action_x", None)
    try:
        expected = ORIGINAL(action, result)
    except ValidationError as error:
        with pytest.raises(ValidationError) as raised:
            validate_action_result(action, result)
        assert raised.value.message == error.message
    else:
        assert validate_action_result(action, result) is expected


def test_invalid_results_are_refused() -> None:
    action = RemoteAction("action_x", None)
    for result in ({"events": "not a list"}, {"events": [], "responses": ["x"]}):
        with pytest.raises(ValidationError, match="Failed to validate Action server response"):
            validate_action_result(action, result)


def _type_names() -> list[str]:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    return sorted({cls.type_name for cls in all_subclasses(Event)})


@pytest.mark.parametrize("name", [*_type_names(), "topic", "no_such_event"])
def test_event_classes_are_rasa_s(name: str) -> None:
    from rasa.shared.core.events import UserUttered

    from cadomaestro.server.speedups import RESOLVE_BY_TYPE, resolve_by_type

    assert resolve_by_type(name, UserUttered) is RESOLVE_BY_TYPE(name, UserUttered)
    if name == "no_such_event":
        with pytest.raises(ValueError, match="Unknown event name"):
            resolve_by_type(name)
    else:
        assert resolve_by_type(name) is RESOLVE_BY_TYPE(name)
