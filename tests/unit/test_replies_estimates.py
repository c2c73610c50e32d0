from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from cadomaestro.replies.estimates import delivery_estimates, methods_to, prices_in
from cadomaestro.replies.places import IN_COUNTRY

PARIS = ZoneInfo("Europe/Paris")
WED_10H = datetime(2026, 11, 25, 10, 0, tzinfo=PARIS)  # ships the same day

COLISSIMO_FR = (
    "- Colissimo à domicile, Colissimo en point relais (retrait contre signature), "
    "Colissimo en PickUp Station (48 h) : "
    "livraison entre le vendredi 27 et le lundi 30 novembre"
)
TNT_FR = [
    "- TNT Express à domicile (24 h) : livraison entre le jeudi 26 et le vendredi 27 novembre",
    "- TNT Express en relais (24 h) : livraison entre le jeudi 26 et le vendredi 27 novembre",
]
TNT_INTERNATIONAL = (
    "- TNT Express International (2 à 4 jours) : "
    "livraison entre le vendredi 27 novembre et le mardi 1er décembre"
)
COLISSIMO_INTERNATIONAL = "- Colissimo International : délai selon le pays de destination"


NO_TNT_CORSICA = "- TNT Express (24 h) : non proposé, réservé à la France métropolitaine hors Corse"


def method_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize(
    ("country", "carrier", "place", "lines"),
    [
        (None, None, "en France métropolitaine", [COLISSIMO_FR, *TNT_FR]),
        ("FR", None, "en France métropolitaine", [COLISSIMO_FR, *TNT_FR]),
        ("DE", None, "vers ce pays", [COLISSIMO_INTERNATIONAL, TNT_INTERNATIONAL]),
        ("IT", None, "vers ce pays", [COLISSIMO_INTERNATIONAL, TNT_INTERNATIONAL]),
        ("BE", None, "vers ce pays", [COLISSIMO_INTERNATIONAL]),  # no TNT International
        ("GB", None, "vers ce pays", [COLISSIMO_INTERNATIONAL]),
        # overseas codes, and the `pays` entity's "DOM-TOM": Colissimo International only
        ("RE", None, "en outre-mer", [COLISSIMO_INTERNATIONAL]),
        ("GP", None, "en outre-mer", [COLISSIMO_INTERNATIONAL]),
        ("NC", None, "en outre-mer", [COLISSIMO_INTERNATIONAL]),
        ("DOM-TOM", None, "en outre-mer", [COLISSIMO_INTERNATIONAL]),
        # the `pays` entity's "CORSE": Colissimo, and TNT said not to go there
        ("CORSE", None, "en Corse", [COLISSIMO_FR, NO_TNT_CORSICA]),
        # carrier filter
        ("FR", "tnt", "en France métropolitaine", TNT_FR),
        ("FR", "TNT Express", "en France métropolitaine", TNT_FR),
        ("FR", "colissimo", "en France métropolitaine", [COLISSIMO_FR]),  # PickUp Station too
        ("FR", "la poste", "en France métropolitaine", [COLISSIMO_FR]),
        ("DE", "tnt", "vers ce pays", [TNT_INTERNATIONAL]),
        ("DE", "colissimo", "vers ce pays", [COLISSIMO_INTERNATIONAL]),
        ("CORSE", "tnt", "en Corse", [COLISSIMO_FR, NO_TNT_CORSICA]),  # every method instead
        ("BE", "tnt", "vers ce pays", [COLISSIMO_INTERNATIONAL]),
        ("FR", "chronopost", "en France métropolitaine", [COLISSIMO_FR, *TNT_FR]),  # unknown
    ],
)
def test_methods_per_country_and_carrier(country, carrier, place, lines) -> None:
    text = delivery_estimates(WED_10H, country, carrier)
    assert text.startswith(
        f"Pour une commande passée maintenant (mercredi 25 novembre à 10h00), {place} : "
        "expédition le mercredi 25 novembre.\n"
    )
    assert method_lines(text) == lines
    assert text.endswith("\nCe sont des estimations.")


@pytest.mark.parametrize("country", ["US", "CA", "BR", "MA", "CN", "AU", "AE"])
@pytest.mark.parametrize("carrier", [None, "tnt"])
def test_countries_not_served(country: str, carrier) -> None:
    assert delivery_estimates(WED_10H, country, carrier) == (
        f"Nous ne livrons malheureusement pas {IN_COUNTRY[country]}."
    )


@pytest.mark.parametrize(
    ("now", "moment", "ships", "colissimo", "tnt"),
    [
        # Wednesday, one minute before the 16:00 cut-off: ships the same day
        (datetime(2026, 11, 25, 15, 59, tzinfo=PARIS), "mercredi 25 novembre à 15h59",
         "mercredi 25 novembre", "entre le vendredi 27 et le lundi 30 novembre",
         "entre le jeudi 26 et le vendredi 27 novembre"),
        # at 16:00: the next business day
        (datetime(2026, 11, 25, 16, 0, tzinfo=PARIS), "mercredi 25 novembre à 16h00",
         "jeudi 26 novembre", "entre le lundi 30 novembre et le mardi 1er décembre",
         "entre le vendredi 27 et le samedi 28 novembre"),
        # the cut-off is Paris time: 14:59 and 15:00 UTC in winter
        (datetime(2026, 11, 25, 14, 59, tzinfo=timezone.utc), "mercredi 25 novembre à 15h59",
         "mercredi 25 novembre", "entre le vendredi 27 et le lundi 30 novembre",
         "entre le jeudi 26 et le vendredi 27 novembre"),
        (datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc), "mercredi 25 novembre à 16h00",
         "jeudi 26 novembre", "entre le lundi 30 novembre et le mardi 1er décembre",
         "entre le vendredi 27 et le samedi 28 novembre"),
        # Friday 17:00 ships on Monday
        (datetime(2026, 11, 27, 17, 0, tzinfo=PARIS), "vendredi 27 novembre à 17h00",
         "lundi 30 novembre", "entre le mercredi 2 et le jeudi 3 décembre",
         "entre le mardi 1er et le mercredi 2 décembre"),
        # Saturday ships on Monday too
        (datetime(2026, 11, 28, 11, 0, tzinfo=PARIS), "samedi 28 novembre à 11h00",
         "lundi 30 novembre", "entre le mercredi 2 et le jeudi 3 décembre",
         "entre le mardi 1er et le mercredi 2 décembre"),
    ],
)  # fmt: skip
def test_shipping_date_follows_the_cutoff(now, moment, ships, colissimo, tnt) -> None:
    text = delivery_estimates(now, "FR")
    assert f"maintenant ({moment})" in text
    assert f"expédition le {ships}." in text
    assert f"PickUp Station (48 h) : livraison {colissimo}" in text
    assert f"- TNT Express à domicile (24 h) : livraison {tnt}" in text


@pytest.mark.parametrize(
    ("country", "carrier", "next_day"),
    [("FR", None, True), ("FR", "tnt", True), ("FR", "colissimo", False),
     ("corse", None, False), ("ES", "tnt", False)],
)  # fmt: skip
def test_tnt_next_day_is_said_where_it_is_offered(country, carrier, next_day: bool) -> None:
    text = delivery_estimates(datetime(2026, 11, 25, 9, 0, tzinfo=PARIS), country, carrier)
    assert ("livraison le lendemain pour une commande avant 16h" in text) is next_day, text


def test_tnt_international_window_is_two_to_four_business_days() -> None:
    # shipped Friday 27 November: +2 business days is Tuesday 1st, +4 is Thursday 3rd
    text = delivery_estimates(datetime(2026, 11, 27, 9, 0, tzinfo=PARIS), "ES", "tnt")
    assert method_lines(text) == [
        "- TNT Express International (2 à 4 jours) : "
        "livraison entre le mardi 1er et le jeudi 3 décembre"
    ]


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError):
        delivery_estimates(datetime(2026, 11, 25, 10, 0), "FR")


@pytest.mark.parametrize(
    ("country", "with_vat", "customs"),
    [
        ("FR", True, False),
        ("CORSE", True, False),  # mainland France's VAT
        ("BE", True, False),
        ("MC", True, False),  # Monaco: the French VAT area, not the European Union
        ("CH", False, True),  # outside the European Union
        ("GB", False, True),
        ("NO", False, True),
        ("DOM-TOM", False, True),
        ("MQ", False, True),
    ],
)  # fmt: skip
def test_prices_with_or_without_vat_by_destination(country, with_vat, customs) -> None:
    said = prices_in(country)
    assert ("toutes taxes comprises" in said) is with_vat, said
    assert ("hors taxes" in said) is not with_vat, said
    assert ("douane" in said) is customs, said


def test_prices_for_a_country_not_served() -> None:
    assert prices_in("US") == "Nous ne livrons malheureusement pas aux États-Unis."


def test_monaco_is_in_the_french_vat_area_not_the_european_union() -> None:
    assert "TVA française" in prices_in("MC") and "Union" not in prices_in("MC")


def test_prices_said_with_the_answer_leave_the_faq_paragraph_out() -> None:
    assert prices_in("CH", with_the_answer=False) == (
        "Ce pays est hors Union européenne : les prix y sont proposés hors taxes."
    )
    assert "douane" in prices_in("CH")  # the FAQ's paragraph, after a follow-up


@pytest.mark.parametrize(
    ("country", "answer"),
    [("CH", "Nous livrons bien en Suisse. Modes de livraison : Colissimo International, "
            "TNT Express International (2 à 4 jours)."),
     ("BE", "Nous livrons bien en Belgique. Modes de livraison : Colissimo International."),
     ("RE", "Nous livrons bien à La Réunion. Modes de livraison : Colissimo International."),
     ("CA", "Nous ne livrons malheureusement pas au Canada."),
     ("JP", "Nous ne livrons malheureusement pas au Japon."),
     ("XX", "Nous ne livrons malheureusement pas dans ce pays.")],
)  # fmt: skip
def test_methods_to_a_country(country: str, answer: str) -> None:
    assert methods_to(country) == answer


def test_methods_to_corsica_have_no_express() -> None:
    answer = methods_to("CORSE")
    assert "Colissimo à domicile" in answer and "TNT" not in answer


def test_estimates_for_the_day_the_customer_asks_about() -> None:
    saturday = datetime(2026, 11, 28, 11, 0, tzinfo=PARIS)
    text = delivery_estimates(saturday, "FR", said_day=True)
    assert text.startswith("Pour une commande passée le samedi 28 novembre à 11h00, ")
    assert "maintenant" not in text and "expédition le lundi 30 novembre." in text
