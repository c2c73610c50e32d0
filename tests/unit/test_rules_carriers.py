"""The contacts in the rules are the ones the assistant's own responses and the FAQ give."""

from __future__ import annotations

import pytest
import yaml

from cadomaestro.rules.carriers import (
    CUSTOMER_SERVICE_HOURS,
    CUSTOMER_SERVICE_PHONE,
    HOW_TO_RECEIVE,
    LA_POSTE,
    PROFESSIONAL_SERVICE_PHONE,
    TNT,
    Carrier,
    carriers_named,
)
from cadomaestro.rules.delivery import ShippingMethod
from tests.conftest import ROOT
from tests.faq_entries import faq_entries


def test_customer_service_contacts_match_the_handover_response() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    [handover] = domain["responses"]["utter_parler_humain"]
    assert CUSTOMER_SERVICE_PHONE in handover["text"]
    assert CUSTOMER_SERVICE_HOURS in handover["text"]


def test_carrier_phones_and_tracking_pages_are_the_faqs() -> None:
    answers = " ".join(entry.answer for entry in faq_entries())
    assert PROFESSIONAL_SERVICE_PHONE in answers  # the FAQ's « Service Professionnel »
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


def test_how_each_method_hands_the_parcel_over_is_the_faq_s() -> None:
    assert set(HOW_TO_RECEIVE) == set(ShippingMethod)
    answers = " ".join(entry.answer for entry in faq_entries())
    warehouse = HOW_TO_RECEIVE[ShippingMethod.RETRAIT_ENTREPOT]
    for fact in ("Parc l’Orme les Sources, Rue Adrienne Bolland, 42340 Veauche",
                 "du lundi au vendredi de 9h à 17h", "pièce d’identité"):  # fmt: skip
        assert fact in warehouse and fact in answers, fact
    assert "3 jours" in HOW_TO_RECEIVE[ShippingMethod.PICKUP_STATION] and "3 jours" in answers
