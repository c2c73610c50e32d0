"""Carriers and the customer-facing names of the shipping methods (docs/rules.md,
"Contacts")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cadomaestro.rules.delivery import PICKUP_STATION_DAYS, ShippingMethod

# The shop's customer service (docs/rules.md, "Contacts"); domain.yml's utter_parler_humain says
# the same (tests/unit/test_rules_carriers.py checks it).
CUSTOMER_SERVICE_PHONE = "04 81 64 00 80"
CUSTOMER_SERVICE_HOURS = "du lundi au vendredi de 9h à 17h"
# The FAQ's « Service Professionnel » (quotes, resellers).
PROFESSIONAL_SERVICE_PHONE = "04 81 64 00 81"


@dataclass(frozen=True)
class Carrier:
    name: str
    phone: str
    tracking_page: str  # the FAQ's tracking page ("Où trouver mon numéro de suivi ?")

    @property
    def reach(self) -> str:
        """« La Poste (Colissimo) au 3631 (…) », as every reply says how to call it."""
        return f"{self.name} au {self.phone}"


LA_POSTE = Carrier(
    "La Poste (Colissimo)",
    "3631 (service gratuit + prix d’un appel local)",
    "www.laposte.fr/outils/suivre-vos-envois",
)
TNT = Carrier(
    "TNT",
    "0 825 033 033 (0,20 €/min + prix appel)",
    "www.tnt.fr/public/suivi_colis/recherche/index.do",
)

METHOD_NAMES: dict[ShippingMethod, str] = {
    ShippingMethod.COLISSIMO_DOMICILE: "Colissimo à domicile",
    ShippingMethod.COLISSIMO_POINT_RELAIS: "Colissimo en point relais (retrait contre signature)",
    ShippingMethod.PICKUP_STATION: "Colissimo en PickUp Station",
    ShippingMethod.TNT_EXPRESS_DOMICILE: "TNT Express à domicile",
    ShippingMethod.TNT_EXPRESS_RELAIS: "TNT Express en relais",
    ShippingMethod.RETRAIT_ENTREPOT: "retrait à notre entrepôt de Veauche",
    ShippingMethod.COLISSIMO_INTERNATIONAL: "Colissimo International",
    ShippingMethod.TNT_EXPRESS_INTERNATIONAL: "TNT Express International",
}

# How the parcel is handed over, per method: what a customer asks once their order is known
# (« faut une piece d identite pour la recuperer la bas ? », « j ai combien de temps pour aller
# la chercher ? »). From the FAQ's « Modes de livraison » and « Absence lors de la livraison ».
HOW_TO_RECEIVE: dict[ShippingMethod, str] = {
    ShippingMethod.COLISSIMO_DOMICILE: (
        "Le colis est livré sans signature : en votre absence, il est déposé dans votre boîte "
        "aux lettres si sa taille le permet, sinon un avis de passage est laissé et le colis est "
        "déposé en bureau de Poste."
    ),
    ShippingMethod.COLISSIMO_POINT_RELAIS: "Vous le retirerez au point relais choisi.",
    ShippingMethod.PICKUP_STATION: (
        f"Vous recevrez le code de retrait par SMS (et 2 mails) dès qu’il sera dans l’automate : "
        f"vous aurez alors {PICKUP_STATION_DAYS} jours pour le retirer, sinon il nous sera "
        "retourné."
    ),
    ShippingMethod.TNT_EXPRESS_DOMICILE: (
        "La livraison se fait contre signature : votre présence est nécessaire. En cas "
        "d’absence, un avis de passage vous permet de choisir une relivraison ou un dépôt en "
        "point de retrait ou en agence TNT."
    ),
    ShippingMethod.TNT_EXPRESS_RELAIS: "Vous le retirerez au point de retrait TNT choisi.",
    ShippingMethod.RETRAIT_ENTREPOT: (
        "Vous recevrez un mail dès qu’elle sera prête : venez la chercher muni(e) d’une pièce "
        "d’identité à notre entrepôt (Parc l’Orme les Sources, Rue Adrienne Bolland, 42340 "
        "Veauche), du lundi au vendredi de 9h à 17h."
    ),
    ShippingMethod.COLISSIMO_INTERNATIONAL: "La livraison se fait contre signature.",
    ShippingMethod.TNT_EXPRESS_INTERNATIONAL: (
        "Le colis est remis en mains propres : votre présence est obligatoire."
    ),
}
# « le code pour ouvrir le casier je le recois comment ? »: how the station's code comes, and the
# FAQ's reason to give a valid mobile number.
PICKUP_CODE = (
    f"{HOW_TO_RECEIVE[ShippingMethod.PICKUP_STATION]} Pensez à nous communiquer un numéro de "
    "portable valide."
)


def carrier_for(method: ShippingMethod) -> Carrier | None:
    """Who carries a parcel; nobody for a warehouse pick-up."""
    if method is ShippingMethod.RETRAIT_ENTREPOT:
        return None
    return TNT if method.value.startswith("tnt_") else LA_POSTE


_NAMES = ((TNT, re.compile(r"(?i)\btnt\b")),
          (LA_POSTE, re.compile(r"(?i)\b(la ?poste|colissimo)\b")))  # fmt: skip


def carriers_named(text: str) -> list[Carrier]:
    """The carriers a text names (« appeler tnt », « suivi sur www.laposte.fr »)."""
    return [carrier for carrier, name in _NAMES if name.search(text)]
