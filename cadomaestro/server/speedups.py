"""What the Rasa server does on every turn and need not: found by profiling `make bench`'s load
(py-spy on the Rasa server, docs/figures.md).

Rasa 3.6 checks each answer of the action server with `jsonschema.validate`, which first checks
the (constant) schema itself against JSON Schema's meta-schema: 12 % of the Rasa server's CPU
time under load. `install()` validates against a validator built once, with the same schema and
the same errors.

Reading a conversation turns each stored event into its class with `Event.resolve_by_type`,
which walks every subclass of Event (with `inspect.isabstract` on each) for every event: 13 % of
the Rasa server's CPU once spaCy and the classifier were trimmed. `install()` looks the name up
in a table built from the same walk, in the same order (the first class with the name wins, as
in Rasa's loop), walked again when a name is missing (a class imported later).

Installed by the channels (cadomaestro.channels.base), like failures.py.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

RESOLVE_BY_TYPE = Event.resolve_by_type  # Rasa's, kept for the tests and as the reference
_event_classes: dict[str, type[Event]] = {}


@cache
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result, with the validator built once."""
    try:
        _validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from "
            f"the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise


def _walk_event_classes() -> dict[str, type[Event]]:
    table: dict[str, type[Event]] = {}
    for cls in all_subclasses(Event):
        table.setdefault(cls.type_name, cls)
    return table


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """Event.resolve_by_type, from a table of the event classes by name."""
    global _event_classes
    if type_name not in _event_classes:
        _event_classes = _walk_event_classes()
    if type_name in _event_classes:
        return _event_classes[type_name]
    return RESOLVE_BY_TYPE(type_name, default)  # Rasa's answer for an unknown name


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign,assignment]
