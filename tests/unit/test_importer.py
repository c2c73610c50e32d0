"""The training-data importer gives annotated entities their canonical values."""

from __future__ import annotations

from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from cadomaestro.training.importer import canonical_entity_values

DATA = """
version: "3.1"
nlu:
- intent: faq/prix_ttc
  examples: |
    - je commande depuis [la Réunion](pays), pourquoi c'est moins cher ?
    - et pour [Étas](pays) ?
    - vous livrez en [belgique](pays) ?
- synonym: "RE"
  examples: |
    - la reunion
    - la réunion
- synonym: "BE"
  examples: |
    - belgique
"""


def pays_values(data) -> list[str]:
    return [e["value"] for ex in data.training_examples for e in ex.get("entities") or []]


def test_an_entity_annotated_with_its_words_takes_the_synonym_s_value() -> None:
    data = canonical_entity_values(RasaYAMLReader().reads(DATA))
    # « la Réunion » read with accents folded is « la reunion »: the table's RE; a value no
    # synonym knows is left as it is.
    assert pays_values(data) == ["RE", "Étas", "BE"]
