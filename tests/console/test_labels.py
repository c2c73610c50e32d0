"""What a customer message can be corrected to (cadomaestro/console/review.py's labels): every
FAQ topic and every other intent of the domain, found by its name or its title."""

from __future__ import annotations

import pytest
import yaml

from cadomaestro import paths
from cadomaestro.console.review import INTENTS, label_names, label_titles, resolve_label
from tests.faq_entries import faq_entries


def test_every_intent_of_the_domain_and_every_topic_can_be_chosen() -> None:
    domain = yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8"))
    assert set(INTENTS) == set(domain["intents"])
    assert {e.full_intent for e in faq_entries()} | set(INTENTS) == label_names()


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("faq/pays_livraison", "faq/pays_livraison"),
        ("Pays de livraison", "faq/pays_livraison"),
        ("pays de LIVRAISON ", "faq/pays_livraison"),
        ("Pays de livraison (faq/pays_livraison)", "faq/pays_livraison"),
        ("hors sujet", "out_of_scope"),
        ("Hors sujet (out_of_scope)", "out_of_scope"),
        ("Salutation", "greet"),
        ("rembours", None),
        ("", None),
    ],
)  # fmt: skip
def test_a_label_is_found_by_its_name_or_title(typed: str, label: str | None) -> None:
    assert resolve_label(typed) == label


def test_titles_say_what_a_label_means() -> None:
    titles = label_titles()
    assert titles["greet"] == "Salutation (greet)" and titles["nlu_fallback"].startswith("Non")
