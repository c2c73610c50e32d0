from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from cadomaestro.rules.carriers import LA_POSTE, METHOD_NAMES, TNT, carrier_for
from cadomaestro.rules.delivery import (
    OVERSEAS,
    available_methods,
    delivery_window,
    estimate,
    is_served,
    method_available,
    parcel_overdue,
)
from cadomaestro.rules.delivery import ShippingMethod as M

PARIS = ZoneInfo("Europe/Paris")
WED_10H = datetime(2026, 11, 25, 10, 0, tzinfo=PARIS)
FRI_17H = datetime(2026, 11, 27, 17, 0, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("method", "ordered_at", "ships", "earliest", "latest"),
    [
        (M.COLISSIMO_DOMICILE, WED_10H, date(2026, 11, 25), date(2026, 11, 27), date(2026, 11, 30)),
        (M.PICKUP_STATION, FRI_17H, date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 3)),
        # TNT: next day, Saturdays included, not Sundays
        (M.TNT_EXPRESS_DOMICILE, WED_10H,
         date(2026, 11, 25), date(2026, 11, 26), date(2026, 11, 27)),
        (M.TNT_EXPRESS_RELAIS, datetime(2026, 11, 27, 9, 0, tzinfo=PARIS),
         date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 30)),
        # TNT over a public holiday: shipped Tuesday 10 Nov, not delivered on the 11th
        (M.TNT_EXPRESS_DOMICILE, datetime(2026, 11, 10, 9, 0, tzinfo=PARIS),
         date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 13)),
        (M.TNT_EXPRESS_INTERNATIONAL, WED_10H,
         date(2026, 11, 25), date(2026, 11, 27), date(2026, 12, 1)),
        (M.RETRAIT_ENTREPOT, FRI_17H, date(2026, 11, 30), date(2026, 11, 30), date(2026, 11, 30)),
        (M.COLISSIMO_INTERNATIONAL, WED_10H, date(2026, 11, 25), None, None),
    ],
)  # fmt: skip
def test_estimate(method, ordered_at, ships, earliest, latest) -> None:
    result = estimate(method, ordered_at)
    assert (result.ships_on, result.earliest, result.latest) == (ships, earliest, latest)


@pytest.mark.parametrize(
    ("method", "country", "postcode", "available"),
    [
        (M.RETRAIT_ENTREPOT, "FR", "42340", True),
        (M.RETRAIT_ENTREPOT, "FR", "69003", False),
        (M.TNT_EXPRESS_DOMICILE, "FR", "69003", True),
        (M.TNT_EXPRESS_DOMICILE, "FR", "20000", False),  # Corsica
        (M.TNT_EXPRESS_INTERNATIONAL, "DE", None, True),
        (M.TNT_EXPRESS_INTERNATIONAL, "BE", None, False),
        (M.COLISSIMO_INTERNATIONAL, "BE", None, True),
        (M.COLISSIMO_DOMICILE, "FR", "75011", True),
        (M.COLISSIMO_DOMICILE, "BE", None, False),
        (M.COLISSIMO_DOMICILE, "FR", "97400", False),  # La Réunion: Colissimo International
        (M.COLISSIMO_INTERNATIONAL, "FR", "97400", True),
        (M.COLISSIMO_INTERNATIONAL, "FR", "75011", False),
        (M.TNT_EXPRESS_DOMICILE, "FR", "97100", False),
    ],
)
def test_method_available(method, country, postcode, available) -> None:
    assert method_available(method, country, postcode) is available


# --- delivery_window: from the shipping date ---------------------------------------------------


@pytest.mark.parametrize(
    ("method", "ships", "window"),
    [
        (M.COLISSIMO_DOMICILE, date(2026, 11, 25), (date(2026, 11, 27), date(2026, 11, 30))),
        # shipped Friday: 48 h in business days, over the weekend
        (M.COLISSIMO_POINT_RELAIS, date(2026, 11, 27), (date(2026, 12, 1), date(2026, 12, 2))),
        # over Armistice (Wednesday 11 Nov) and a weekend
        (M.PICKUP_STATION, date(2026, 11, 10), (date(2026, 11, 13), date(2026, 11, 16))),
        # TNT delivers on Saturdays
        (M.TNT_EXPRESS_DOMICILE, date(2026, 11, 27), (date(2026, 11, 28), date(2026, 11, 30))),
        # but not on Christmas Day, nor on Sunday
        (M.TNT_EXPRESS_RELAIS, date(2026, 12, 24), (date(2026, 12, 26), date(2026, 12, 28))),
        (M.TNT_EXPRESS_INTERNATIONAL, date(2026, 11, 27), (date(2026, 12, 1), date(2026, 12, 3))),
        (M.RETRAIT_ENTREPOT, date(2026, 11, 25), (date(2026, 11, 25), date(2026, 11, 25))),
        (M.COLISSIMO_INTERNATIONAL, date(2026, 11, 25), (None, None)),
    ],
)
def test_delivery_window(method, ships, window) -> None:
    assert delivery_window(method, ships) == window


def test_estimate_is_the_window_from_the_shipping_date() -> None:
    for method in M:
        result = estimate(method, FRI_17H)
        assert (result.earliest, result.latest) == delivery_window(method, result.ships_on)


# --- parcel_overdue: past the window, or silent for more than 3 business days -----------------


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


MON_23 = paris(2026, 11, 23, 10, 0)
WED_25 = paris(2026, 11, 25, 8, 0)


@pytest.mark.parametrize(
    ("method", "shipped_at", "last_news_at", "now", "overdue"),
    [
        # Silence (Colissimo International has no window): 3 business days is not yet "no news"
        (M.COLISSIMO_INTERNATIONAL, MON_23, None, paris(2026, 11, 26, 23, 0), False),
        (M.COLISSIMO_INTERNATIONAL, MON_23, None, paris(2026, 11, 27, 0, 30), True),  # 4th day
        # ... counted in business days: the weekend does not count
        (M.COLISSIMO_INTERNATIONAL, paris(2026, 11, 27, 15, 0), None,
         paris(2026, 12, 2, 18, 0), False),
        (M.COLISSIMO_INTERNATIONAL, paris(2026, 11, 27, 15, 0), None,
         paris(2026, 12, 3, 9, 0), True),
        # ... nor Armistice: news Tuesday 10 Nov, silent Thursday 12, Friday 13, Monday 16
        (M.COLISSIMO_INTERNATIONAL, paris(2026, 11, 9, 10, 0), paris(2026, 11, 10, 9, 0),
         paris(2026, 11, 16, 18, 0), False),
        (M.COLISSIMO_INTERNATIONAL, paris(2026, 11, 9, 10, 0), paris(2026, 11, 10, 9, 0),
         paris(2026, 11, 17, 9, 0), True),
        # the last tracking event, not the shipping date, starts the silence
        (M.COLISSIMO_INTERNATIONAL, paris(2026, 11, 2, 10, 0), WED_25,
         paris(2026, 11, 30, 18, 0), False),
        (M.COLISSIMO_INTERNATIONAL, paris(2026, 11, 2, 10, 0), WED_25,
         paris(2026, 12, 1, 9, 0), True),
        # Window: shipped Monday 23, Colissimo window Wednesday 25 - Thursday 26
        (M.COLISSIMO_DOMICILE, MON_23, WED_25, paris(2026, 11, 26, 18, 0), False),  # last day
        (M.COLISSIMO_DOMICILE, MON_23, WED_25, paris(2026, 11, 27, 9, 0), True),  # the day after
        (M.COLISSIMO_DOMICILE, MON_23, None, MON_23, False),  # just shipped
        # TNT shipped Friday 27: window Saturday 28 - Monday 30
        (M.TNT_EXPRESS_DOMICILE, paris(2026, 11, 27, 15, 0), paris(2026, 11, 28, 9, 0),
         paris(2026, 11, 30, 18, 0), False),
        (M.TNT_EXPRESS_DOMICILE, paris(2026, 11, 27, 15, 0), paris(2026, 11, 28, 9, 0),
         paris(2026, 12, 1, 9, 0), True),
        # Paris dates, not UTC ones: 23:30 UTC on Monday is Tuesday in Paris (window Thu-Fri)
        (M.COLISSIMO_DOMICILE, datetime(2026, 11, 23, 23, 30, tzinfo=timezone.utc),
         paris(2026, 11, 26, 8, 0), paris(2026, 11, 27, 18, 0), False),
        # and 23:30 UTC on Thursday is already Friday in Paris
        (M.COLISSIMO_DOMICILE, MON_23, WED_25,
         datetime(2026, 11, 26, 23, 30, tzinfo=timezone.utc), True),
    ],
)  # fmt: skip
def test_parcel_overdue(method, shipped_at, last_news_at, now, overdue) -> None:
    assert parcel_overdue(method, shipped_at, last_news_at, now) is overdue


def test_parcel_overdue_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError):
        parcel_overdue(M.COLISSIMO_DOMICILE, datetime(2026, 11, 23, 10, 0), None, WED_10H)


# --- Countries and methods -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "served"),
    [
        ("FR", True), ("fr", True), ("BE", True), ("DE", True), ("CH", True), ("GB", True),
        ("NO", True), ("IS", True), ("MC", True), ("LU", True),
        # DOM-TOM
        ("RE", True), ("GP", True), ("MQ", True), ("GF", True), ("YT", True), ("NC", True),
        ("PF", True), ("pm", True),
        # not Africa, Asia, the Americas, the Middle East or Oceania
        ("US", False), ("CA", False), ("BR", False), ("MA", False), ("DZ", False),
        ("SN", False), ("CN", False), ("JP", False), ("IN", False), ("AE", False),
        ("IL", False), ("AU", False), ("", False), ("DOM-TOM", False),
    ],
)  # fmt: skip
def test_is_served(country: str, served: bool) -> None:
    assert is_served(country) is served


COLISSIMO_FR = [M.COLISSIMO_DOMICILE, M.COLISSIMO_POINT_RELAIS, M.PICKUP_STATION]
TNT_FR = [M.TNT_EXPRESS_DOMICILE, M.TNT_EXPRESS_RELAIS]


@pytest.mark.parametrize(
    ("country", "postcode", "methods"),
    [
        ("FR", "69003", COLISSIMO_FR + TNT_FR),
        ("FR", None, COLISSIMO_FR + TNT_FR),  # postcode unknown: no warehouse pick-up
        ("FR", "42340", COLISSIMO_FR + TNT_FR + [M.RETRAIT_ENTREPOT]),
        ("FR", "97400", [M.COLISSIMO_INTERNATIONAL]),  # La Réunion by its postcode
        ("FR", "98800", [M.COLISSIMO_INTERNATIONAL]),  # Nouvelle-Calédonie by its postcode
        ("DE", None, [M.COLISSIMO_INTERNATIONAL, M.TNT_EXPRESS_INTERNATIONAL]),
        ("pt", "1000-001", [M.COLISSIMO_INTERNATIONAL, M.TNT_EXPRESS_INTERNATIONAL]),
        ("BE", "1000", [M.COLISSIMO_INTERNATIONAL]),  # no TNT International to Belgium
        ("GB", None, [M.COLISSIMO_INTERNATIONAL]),
    ],
)
def test_available_methods(country, postcode, methods) -> None:
    assert available_methods(country, postcode) == methods


@pytest.mark.parametrize("code", sorted(OVERSEAS))
@pytest.mark.parametrize("postcode", [None, "42340", "69003"])
def test_overseas_codes_only_ship_by_colissimo_international(code: str, postcode) -> None:
    # whatever postcode comes with it, an overseas code is never mainland France
    assert available_methods(code, postcode) == [M.COLISSIMO_INTERNATIONAL]
    assert available_methods(code.lower(), postcode) == [M.COLISSIMO_INTERNATIONAL]


# --- Carriers --------------------------------------------------------------------------------

CARRIERS = {
    M.COLISSIMO_DOMICILE: LA_POSTE,
    M.COLISSIMO_POINT_RELAIS: LA_POSTE,
    M.PICKUP_STATION: LA_POSTE,
    M.COLISSIMO_INTERNATIONAL: LA_POSTE,
    M.TNT_EXPRESS_DOMICILE: TNT,
    M.TNT_EXPRESS_RELAIS: TNT,
    M.TNT_EXPRESS_INTERNATIONAL: TNT,
    M.RETRAIT_ENTREPOT: None,  # picked up at the warehouse: no carrier
}


@pytest.mark.parametrize(("method", "carrier"), CARRIERS.items())
def test_carrier_for(method, carrier) -> None:
    assert carrier_for(method) is carrier


def test_every_method_has_a_carrier_and_a_name() -> None:
    assert set(CARRIERS) == set(M)
    assert [m for m in M if carrier_for(m) is None] == [M.RETRAIT_ENTREPOT]
    assert set(METHOD_NAMES) == set(M)


def test_carrier_contacts() -> None:
    assert LA_POSTE.phone.startswith("3631") and TNT.phone.startswith("0 825 033 033")
    assert "laposte.fr" in LA_POSTE.tracking_page and "tnt.fr" in TNT.tracking_page
