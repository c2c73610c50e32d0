"""The contacts in the rules are the ones the assistant's own responses and the FAQ give."""

from __future__ import annotations

import pytest
import yaml

from cadomaestro.faq.corpus import load_corpus
from cadomaestro.rules.carriers import (
    CUSTOMER_SERVICE_HOURS,
    CUSTOMER_SERVICE_PHONE,
    LA_POSTE,
    TNT,
    Carrier,
    carriers_named,
)
from tests.conftest import ROOT


def test_customer_service_contacts_match_the_handover_response() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    [handover] = domain["responses"]["utter_parler_humain"]
    assert CUSTOMER_SERVICE_PHONE in handover["text"]
    assert CUSTOMER_SERVICE_HOURS in handover["text"]


def test_carrier_phones_and_tracking_pages_are_the_faqs() -> None:
    answers = " ".join(entry.answer for entry in load_corpus())
    for carrier in (LA_POSTE, TNT):
        assert carrier.phone in answers
        assert carrier.tracking_page in answers


@pytest.mark.parametrize(
    ("text", "named"),
    [("et je peux appeler tnt moi meme ?", [TNT]), ("suivi sur www.laposte.fr", [LA_POSTE]),
     ("Colissimo ou TNT ?", [TNT, LA_POSTE]), ("le transporteur", [])],
)  # fmt: skip
def test_carriers_named(text: str, named: list[Carrier]) -> None:
    assert carriers_named(text) == named
