"""Every country the NLU can name (data/nlu/entities.yml's synonyms) is named in replies."""

from __future__ import annotations

import pytest
import yaml

from cadomaestro import paths
from cadomaestro.replies.places import IN_COUNTRY, in_country


def _country_values() -> set[str]:
    data = yaml.safe_load((paths.DATA / "nlu" / "entities.yml").read_text())
    values = {item["synonym"] for item in data["nlu"] if "synonym" in item}
    return {value for value in values if value.upper() == value}  # codes, not carriers


def test_every_country_value_of_the_nlu_has_its_name() -> None:
    values = _country_values()
    assert len(values) > 50
    assert sorted(values - set(IN_COUNTRY)) == []


@pytest.mark.parametrize(
    ("country", "said"),
    [("CA", "au Canada"), ("ch", "en Suisse"), ("US", "aux États-Unis"), ("RE", "à La Réunion"),
     ("DOM-TOM", "dans les DOM-TOM"), ("XX", "dans ce pays"), (None, "dans ce pays")],
)  # fmt: skip
def test_in_country(country: str | None, said: str) -> None:
    assert in_country(country) == said
