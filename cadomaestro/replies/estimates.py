""" "When will I receive it?" before ordering: shipping and delivery estimates from now."""

from __future__ import annotations

from datetime import datetime

from cadomaestro.replies.places import in_country
from cadomaestro.replies.reply import faq_paragraph
from cadomaestro.replies.wording import french_date, french_moment, french_window
from cadomaestro.rules.calendar import SHIPPING_CUTOFF
from cadomaestro.rules.carriers import LA_POSTE, METHOD_NAMES, TNT, Carrier, carrier_for
from cadomaestro.rules.delivery import (
    COLISSIMO_48H,
    OVERSEAS,
    TNT_NEXT_DAY,
    DeliveryEstimate,
    ShippingMethod,
    available_methods,
    destination,
    estimate,
    is_served,
    prices_include_vat,
)

# The carrier asked for; the FAQ's express delivery is TNT's (« livraisons express 24h via TNT »).
_CARRIERS = {"colissimo": LA_POSTE, "la poste": LA_POSTE, "tnt": TNT, "express": TNT}
# How fast each method is once shipped, in the FAQ's words (« livraison rapide en 48 heures »,
# « livraisons express 24h via TNT », « La livraison express (sous 2 à 4 jours) avec TNT »
# abroad); Colissimo International's depends on the country.
SPEED = {
    **{method: "48 h" for method in COLISSIMO_48H},
    **{method: "24 h" for method in TNT_NEXT_DAY},
    ShippingMethod.TNT_EXPRESS_INTERNATIONAL: "2 à 4 jours",
}
# The express methods' speed beside their name (Colissimo's 48 h heads its grouped line).
_SPEED = {method: f" ({SPEED[method]})" for method in SPEED if method not in COLISSIMO_48H}


# The FAQ's « TNT Express … : le lendemain pour une commande avant 16h, du lundi au samedi hors
# jours fériés ».
TNT_NEXT_DAY_RULE = (
    f"TNT Express : livraison le lendemain pour une commande avant {SHIPPING_CUTOFF.hour}h, du "
    "lundi au samedi hors jours fériés."
)

# The FAQ topics whose answer is followed by the estimates of an order placed now.
ESTIMATE_TOPICS = frozenset({"faq/delai_expedition", "faq/delais_frais_livraison"})
# The FAQ topic on prices with VAT, whose answer a named country completes (`prices_in`).
PRICES_TOPIC = "faq/prix_ttc"
# The FAQ's express delivery is for « France Métropolitaine (Hors Corse) ».
NO_EXPRESS_TO_CORSICA = (
    "- TNT Express (24 h) : non proposé, réservé à la France métropolitaine hors Corse"
)


def not_served(country: str | None) -> str:
    return f"Nous ne livrons malheureusement pas {in_country(country)}."


def served(country: str | None) -> str:  # `methods_to`
    return f"Nous livrons bien {in_country(country)}."


def prices_in(country: str, with_the_answer: bool = True) -> str:
    """Whether the prices shown for a delivery to `country` (the `pays` entity's value) include
    VAT, as the FAQ's « Prix TTC » says: in France and the rest of the European Union they do;
    outside it and in the DOM-TOM they do not, followed by the FAQ's own paragraph on that
    (the reduction, customs) unless the answer was just given (`with_the_answer` False)."""
    code, _ = destination(country)
    if not is_served(code):
        return not_served(country)
    if code == "FR":
        return "En France métropolitaine, les prix affichés s’entendent toutes taxes comprises."
    if code == "MC":
        return (
            "Monaco relève de la TVA française : les prix affichés s’entendent toutes taxes "
            "comprises."
        )
    if prices_include_vat(code):
        return (
            "Ce pays est dans l’Union européenne : les prix affichés s’entendent toutes taxes "
            "comprises."
        )
    where = "C’est un DOM-TOM" if code in OVERSEAS else "Ce pays est hors Union européenne"
    said = f"{where} : les prix y sont proposés hors taxes."
    # The FAQ's own paragraph (« Pour les pays hors Union européenne et les DOM-TOM… »).
    return f"{said} {faq_paragraph(PRICES_TOPIC, 1)}" if with_the_answer else said


def methods_to(country: str) -> str:
    """Whether `country` (the `pays` entity's value) is served, and by which methods (« vous
    livrez en suisse ? »)."""
    code, postcode = destination(country)
    if not is_served(code):
        return not_served(country)
    methods = [
        f"{METHOD_NAMES[method]}{_SPEED.get(method, '')}"
        for method in available_methods(code, postcode)
        if method is not ShippingMethod.RETRAIT_ENTREPOT
    ]
    return f"{served(country)} Modes de livraison : {', '.join(methods)}."


def _carrier_filter(carrier: str | None) -> Carrier | None:
    if not carrier:
        return None
    for word, wanted in _CARRIERS.items():
        if word in carrier.lower():
            return wanted
    return None


def _arrival(window: DeliveryEstimate) -> str:
    """When a parcel arrives; Colissimo International's delay depends on the country."""
    if window.earliest and window.latest:
        return f"livraison {french_window(window.earliest, window.latest)}"
    return "délai selon le pays de destination"


def delivery_estimates(
    now: datetime,
    country: str | None = None,
    carrier: str | None = None,
    *,
    said_day: bool = False,
) -> str:
    """One message: for an order placed `now`, when it ships and arrives with each method that
    serves `country` (mainland France when unknown), optionally only `carrier`'s methods.
    `said_day`: `now` is the day the customer asked about (« et si je commande un samedi ? »),
    not the present moment."""
    where = "en France métropolitaine" if not country or country == "FR" else None
    code, postcode = destination(country)  # Corsica: mainland France without TNT
    if not is_served(code):
        return not_served(country)
    methods = available_methods(code, postcode)
    wanted = _carrier_filter(carrier)
    if wanted and any(carrier_for(m) is wanted for m in methods):
        methods = [m for m in methods if carrier_for(m) is wanted]
    ships = estimate(methods[0], now).ships_on
    lines = []
    colissimo = [m for m in methods if m in COLISSIMO_48H]
    if colissimo:
        names = ", ".join(METHOD_NAMES[m] for m in colissimo)
        # The FAQ's « livraison rapide en 48 heures », « livraisons express 24h via TNT ».
        speed = SPEED[colissimo[0]]
        lines.append(f"- {names} ({speed}) : {_arrival(estimate(colissimo[0], now))}")
    for method in methods:
        if method in COLISSIMO_48H:
            continue
        window = estimate(method, now)
        if method is ShippingMethod.RETRAIT_ENTREPOT:
            lines.append(
                f"- {METHOD_NAMES[method]} (Loire uniquement) : prête le "
                f"{french_date(window.ships_on)}"
            )
        else:
            lines.append(f"- {METHOD_NAMES[method]}{_SPEED.get(method, '')} : {_arrival(window)}")
    if code == "FR" and not any(m in TNT_NEXT_DAY for m in available_methods(code, postcode)):
        lines.append(NO_EXPRESS_TO_CORSICA)  # Corsica: mainland France without TNT's express
    if any(m in TNT_NEXT_DAY for m in methods):
        lines.append(TNT_NEXT_DAY_RULE)
    place = where or (
        "en Corse" if postcode else "en outre-mer" if code in OVERSEAS else "vers ce pays"
    )
    when = f"le {french_moment(now)}" if said_day else f"maintenant ({french_moment(now)})"
    return (
        f"Pour une commande passée {when}, {place} : expédition le "
        f"{french_date(ships)}.\n" + "\n".join(lines) + "\nCe sont des estimations."
    )
