"""What the Rasa server does on every turn and need not: found by profiling `make bench`'s load
(py-spy on the Rasa server, docs/figures.md).

Rasa 3.6 checks each answer of the action server with `jsonschema.validate`, which first checks
the (constant) schema itself against JSON Schema's meta-schema: 12 % of the Rasa server's CPU
time under load. `install()` validates against a validator built once, with the same schema and
the same errors. Installed by the channels (cadomaestro.channels.base), like failures.py.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


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


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
