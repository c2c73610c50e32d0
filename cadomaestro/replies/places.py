"""Where a country is, in French with its preposition (« au Canada », « en Suisse », « aux
États-Unis »), for the `pays` entity's values (data/nlu/entities.yml's synonyms: ISO 3166 codes,
« DOM-TOM », « CORSE »)."""

from __future__ import annotations

IN_COUNTRY = {
    "FR": "en France", "BE": "en Belgique", "CH": "en Suisse", "LU": "au Luxembourg",
    "DE": "en Allemagne", "ES": "en Espagne", "IT": "en Italie", "PT": "au Portugal",
    "NL": "aux Pays-Bas", "DK": "au Danemark", "IE": "en Irlande", "GB": "au Royaume-Uni",
    "AT": "en Autriche", "PL": "en Pologne", "SE": "en Suède", "NO": "en Norvège",
    "FI": "en Finlande", "GR": "en Grèce", "CZ": "en Tchéquie", "HU": "en Hongrie",
    "RO": "en Roumanie", "BG": "en Bulgarie", "HR": "en Croatie", "MC": "à Monaco",
    "AD": "en Andorre", "MT": "à Malte", "CY": "à Chypre", "SK": "en Slovaquie",
    "SI": "en Slovénie", "EE": "en Estonie", "LV": "en Lettonie", "LT": "en Lituanie",
    "IS": "en Islande", "GP": "en Guadeloupe", "MQ": "en Martinique", "GF": "en Guyane",
    "RE": "à La Réunion", "YT": "à Mayotte", "PM": "à Saint-Pierre-et-Miquelon",
    "NC": "en Nouvelle-Calédonie", "PF": "en Polynésie française", "DOM-TOM": "dans les DOM-TOM",
    "US": "aux États-Unis", "CA": "au Canada", "MA": "au Maroc", "DZ": "en Algérie",
    "TN": "en Tunisie", "SN": "au Sénégal", "CN": "en Chine", "JP": "au Japon",
    "AU": "en Australie", "BR": "au Brésil", "IL": "en Israël", "AE": "aux Émirats arabes unis",
    "TR": "en Turquie", "RU": "en Russie", "UA": "en Ukraine", "IN": "en Inde",
    "MX": "au Mexique", "CORSE": "en Corse",
}  # fmt: skip


def in_country(country: str | None) -> str:
    """« au Canada » for "CA"; « dans ce pays » for a value the table does not name."""
    return IN_COUNTRY.get((country or "").upper(), "dans ce pays")
