"""Other online shops a customer may name: a parcel or an order from them is out of scope.

The classifier cannot know that "zalando" or "shein" is a shop, and "mon colis X est en retard"
reads as a late CadoMaestro parcel. IdentifierMasker replaces these names by one placeholder
word, so that the out-of-scope examples naming a few shops (data/nlu/handover.yml) teach it about
all of them. Single words only (tokens), none of them a common French word; our own carriers
(Colissimo, La Poste, TNT) are not in it.
"""

from __future__ import annotations

OTHER_SHOP_PLACEHOLDER = "xxautreboutique"

OTHER_SHOPS: frozenset[str] = frozenset(
    {
        "aliexpress",
        "amazon",
        "asos",
        "auchan",
        "cdiscount",
        "darty",
        "decathlon",
        "ebay",
        "etsy",
        "fnac",
        "ikea",
        "kiabi",
        "leboncoin",
        "leclerc",
        "manomano",
        "nocibe",
        "sephora",
        "shein",
        "temu",
        "veepee",
        "vinted",
        "zalando",
        "zara",
    }
)


def is_other_shop(word: str) -> bool:
    """Whether `word` (a token, any case) names another online shop."""
    return word.lower() in OTHER_SHOPS
