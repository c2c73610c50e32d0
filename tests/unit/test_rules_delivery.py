from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cadomaestro.rules.delivery import ShippingMethod as M
from cadomaestro.rules.delivery import estimate, method_available

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
