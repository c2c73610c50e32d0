"""The assistant's domain (domain.yml: intents, responses, forms), read once per process."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from cadomaestro import paths


@cache
def domain() -> dict[str, Any]:
    return dict(yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8")))


def responses() -> dict[str, list[dict[str, Any]]]:
    """Each response's variants, by name (`utter_out_of_scope`: [{"text": …}])."""
    return dict(domain()["responses"])
