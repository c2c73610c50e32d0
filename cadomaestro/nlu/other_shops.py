"""Other online shops a customer may name: a parcel or an order from them is out of scope.

The classifier cannot know that "zalando" or "shein" is a shop, and "mon colis X est en retard"
reads as a late CadoMaestro parcel. IdentifierMasker replaces these names by one placeholder
word, so that the out-of-scope examples naming a few shops (data/nlu/handover.yml) teach it about
all of them. Single words only (tokens), none of them a common French word; our own carriers
(Colissimo, La Poste, TNT) are not in it. A website's address (« chez cadeaux.com ») names
another shop too, unless it is ours, one of our carriers' or an e-mail provider's (« rien reçu
sur hotmail.fr » is about our confirmation e-mail). Other companies' services customers name
with the shop's words (« mdp netflix », « paiement refusé sur le site sncf », « programme
fidélité totalenergies ») are another shop too: their accounts, payments and points are out of
scope in the same way (`OTHER_SERVICES`).
"""

from __future__ import annotations

import re

from cadomaestro.rules.carriers import LA_POSTE, TNT

OTHER_SHOP_PLACEHOLDER = "xxautreboutique"

OTHER_SHOPS: frozenset[str] = frozenset(
    {
        "aldi",
        "aliexpress",
        "amazon",
        "asos",
        "auchan",
        "bershka",
        "castorama",
        "cdiscount",
        "conforama",
        "cultura",
        "darty",
        "decathlon",
        "ebay",
        "etsy",
        "fnac",
        "ikea",
        "interflora",
        "intermarche",
        "joueclub",
        "kiabi",
        "laredoute",
        "leboncoin",
        "leclerc",
        "lidl",
        "manomano",
        "monoprix",
        "nocibe",
        "oxybul",
        "primark",
        "rakuten",
        "sephora",
        "shein",
        "showroomprive",
        "smartbox",
        "temu",
        "uniqlo",
        "veepee",
        "vertbaudet",
        "vinted",
        "wonderbox",
        "zalando",
        "zara",
    }
)


# Not a shop, but no more ours: one word each, never a common French word, and none that
# customers name about this shop (carriers, payment services such as PayPal or Apple Pay, social
# networks where the shop posts its promo codes, WhatsApp where it answers, taxes on invoices).
OTHER_SERVICES: frozenset[str] = frozenset(
    """airbnb ameli blablacar bnp boursorama bouygues caf cpam deezer deliveroo doctolib
    easyjet edf engie francetravail lcl navigo netflix ouigo poleemploi ratp ryanair
    sfr sncf spotify snapchat totalenergies uber urssaf""".split()
)


# A website's address as spaCy keeps it in one token: « cadeaux.com », « www.amazon.fr/… ».
WEBSITE = re.compile(
    r"(?:https?://)?(?:www\.)?([a-z0-9-]+)\.(?:com|fr|net|org|eu|shop|store|be|ch|de|es|it)\b.*"
)


def website_name(address: str) -> str | None:
    """« laposte » for « www.laposte.fr/outils/… »; None when `address` is no website."""
    website = WEBSITE.fullmatch(address.lower())
    return website.group(1) if website else None


# The websites that are not another shop: ours, our carriers' (their tracking pages, as the
# replies give them; colissimo.fr too) and the e-mail providers' (where our e-mails go).
OUR_WEBSITES = frozenset(
    {"cadomaestro", "colissimo"} | {website_name(c.tracking_page) for c in (LA_POSTE, TNT)}
)
MAIL_PROVIDERS = frozenset(
    "gmail hotmail outlook live yahoo icloud orange wanadoo free sfr neuf bbox aol gmx "
    "protonmail".split()
)
NOT_SHOP_WEBSITES = OUR_WEBSITES | MAIL_PROVIDERS


def is_other_shop(word: str) -> bool:
    """Whether `word` (a token, any case) names another online shop, its website, or another
    company's service (`OTHER_SERVICES`)."""
    word = word.lower()
    if word in OTHER_SHOPS or word in OTHER_SERVICES:
        return True
    name = website_name(word)
    return name is not None and name not in NOT_SHOP_WEBSITES
