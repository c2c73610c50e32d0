"""Shipping and delivery estimates per shipping method (docs/rules.md, "Time rules",
"Countries").

Decision (docs/rules.md leaves the width open): an estimate is a window of business days, from
the carrier's announced delay to one business day later, and answers always say it is an
estimate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from cadomaestro.rules.calendar import (
    add_business_days,
    french_public_holidays,
    next_day_where,
    paris_time,
    shipping_date,
)


class ShippingMethod(Enum):
    COLISSIMO_DOMICILE = "colissimo_domicile"
    COLISSIMO_POINT_RELAIS = "colissimo_point_relais"
    PICKUP_STATION = "pickup_station"
    TNT_EXPRESS_DOMICILE = "tnt_express_domicile"
    TNT_EXPRESS_RELAIS = "tnt_express_relais"
    RETRAIT_ENTREPOT = "retrait_entrepot"
    COLISSIMO_INTERNATIONAL = "colissimo_international"
    TNT_EXPRESS_INTERNATIONAL = "tnt_express_international"


COLISSIMO_48H = {
    ShippingMethod.COLISSIMO_DOMICILE,
    ShippingMethod.COLISSIMO_POINT_RELAIS,
    ShippingMethod.PICKUP_STATION,
}
TNT_NEXT_DAY = {ShippingMethod.TNT_EXPRESS_DOMICILE, ShippingMethod.TNT_EXPRESS_RELAIS}
TNT_INTERNATIONAL_COUNTRIES = frozenset({"DE", "ES", "IT", "CH", "DK", "IE", "PT", "NL", "LU"})
PICKUP_STATION_DAYS = 3  # days to collect a parcel from a PickUp Station before it comes back
WAREHOUSE_DEPARTMENT = "42"  # warehouse pick-up only for delivery addresses in the Loire


@dataclass(frozen=True)
class DeliveryEstimate:
    ships_on: date
    earliest: date | None  # None: the delay depends on the country (Colissimo International)
    latest: date | None


def is_tnt_delivery_day(day: date) -> bool:
    """TNT delivers Monday to Saturday, except public holidays."""
    return day.weekday() < 6 and day not in french_public_holidays(day.year)


def _next_tnt_day(day: date) -> date:
    return next_day_where(day, is_tnt_delivery_day)


def is_mainland_france(country: str, postcode: str | None) -> bool:
    """France outside DOM-TOM (postcodes 97xxx/98xxx), which ship by Colissimo International."""
    return country.upper() == "FR" and not (postcode or "").startswith(("97", "98"))


def method_available(method: ShippingMethod, country: str, postcode: str | None) -> bool:
    """Whether a method can serve a delivery address (country as ISO code)."""
    mainland = is_mainland_france(country, postcode)
    if method is ShippingMethod.RETRAIT_ENTREPOT:
        return mainland and (postcode or "").startswith(WAREHOUSE_DEPARTMENT)
    if method in TNT_NEXT_DAY:  # mainland France, not Corsica (postcodes 20xxx)
        return mainland and not (postcode or "").startswith("20")
    if method is ShippingMethod.TNT_EXPRESS_INTERNATIONAL:
        return country.upper() in TNT_INTERNATIONAL_COUNTRIES
    if method is ShippingMethod.COLISSIMO_INTERNATIONAL:
        return not mainland
    return mainland


def delivery_window(method: ShippingMethod, ships: date) -> tuple[date | None, date | None]:
    """When a parcel shipped on `ships` arrives (or is ready at the warehouse); None for
    Colissimo International, whose delay depends on the country."""
    if method in COLISSIMO_48H:
        first = add_business_days(ships, 2)
        return first, add_business_days(first, 1)
    if method in TNT_NEXT_DAY:
        first = _next_tnt_day(ships)
        return first, _next_tnt_day(first)
    if method is ShippingMethod.TNT_EXPRESS_INTERNATIONAL:
        return add_business_days(ships, 2), add_business_days(ships, 4)
    if method is ShippingMethod.RETRAIT_ENTREPOT:
        return ships, ships  # ready with the "ready" email
    return None, None


def estimate(method: ShippingMethod, ordered_at: datetime) -> DeliveryEstimate:
    """When an order placed at `ordered_at` ships and arrives (or is ready at the warehouse)."""
    ships = shipping_date(ordered_at)
    return DeliveryEstimate(ships, *delivery_window(method, ships))


NO_NEWS_BUSINESS_DAYS = (
    3  # decision: a shipped parcel without tracking news for longer is "no news"
)


def parcel_overdue(
    method: ShippingMethod, shipped_at: datetime, last_news_at: datetime | None, now: datetime
) -> bool:
    """A shipped parcel is late when today is past its delivery window, or without news when its
    tracking has been silent for more than NO_NEWS_BUSINESS_DAYS business days (decision:
    docs/rules.md says "if no news" without a length). Either way the customer is offered an
    investigation."""
    today = paris_time(now).date()
    _, latest = delivery_window(method, paris_time(shipped_at).date())
    if latest is not None and today > latest:
        return True
    silent_since = paris_time(last_news_at or shipped_at).date()
    return today > add_business_days(silent_since, NO_NEWS_BUSINESS_DAYS)


EUROPE = frozenset(
    "FR BE CH LU DE ES IT PT NL DK IE GB AT PL SE NO FI GR CZ HU RO BG HR MC AD MT CY SK SI EE LV "
    "LT IS LI SM VA UA MD RS BA ME MK AL".split()
)
OVERSEAS = frozenset("GP MQ GF RE YT PM NC PF BL MF WF".split())  # DOM-TOM, as ISO codes


# The VAT area prices are shown with VAT for (the FAQ's « Prix TTC »: mainland France; outside
# the European Union and in the DOM-TOM, without it). Monaco is in the French VAT area.
EUROPEAN_UNION = frozenset(
    "FR BE LU DE ES IT PT NL DK IE AT PL SE FI GR CZ HU RO BG HR MT CY SK SI EE LV LT MC".split()
)


def destination(country: str | None) -> tuple[str, str | None]:
    """The country code and postcode (if it matters) of the `pays` entity's value: « DOM-TOM »
    as any overseas code (they all ship alike), « CORSE » as mainland France's 20, none as
    mainland France."""
    code = (country or "FR").upper()
    if code == "DOM-TOM":
        return "RE", None
    if code == "CORSE":
        return "FR", "20"
    return code, None


def prices_include_vat(country: str) -> bool:
    """Whether the prices shown for a delivery to `country` (a code) include VAT."""
    return country.upper() in EUROPEAN_UNION


def is_served(country: str) -> bool:
    """Europe and the French overseas departments and territories; not Africa, Asia, the
    Americas, the Middle East or Oceania."""
    return country.upper() in EUROPE or country.upper() in OVERSEAS


def available_methods(country: str, postcode: str | None) -> list[ShippingMethod]:
    """The methods that can serve an address, overseas codes taken as France overseas."""
    if country.upper() in OVERSEAS:
        country, postcode = "FR", "97"
    return [method for method in ShippingMethod if method_available(method, country, postcode)]
