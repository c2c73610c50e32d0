"""Tests of cadomaestro/replies/parcel.py: where is my parcel, for every status."""

from __future__ import annotations

from datetime import datetime

import pytest

from cadomaestro.replies.order import Order
from cadomaestro.replies.parcel import order_reception, order_status, where_is_my_parcel
from cadomaestro.replies.reply import FollowUp, faq_paragraph
from cadomaestro.replies.wording import MONTHS
from cadomaestro.rules.orders import OrderStatus
from cadomaestro.rules.requests import RequestKind as K
from tests.unit.order_samples import (
    LA_POSTE_PHONE,
    NOW,
    SHIPPED_LATE,
    SHIPPED_TUE,
    TNT_PHONE,
    make_order,
    paris,
    text_of,
)

TAKEN_IN = (paris(2026, 11, 24, 18, 0), "Colis pris en charge", "Veauche")
LAST_NEWS_LATE = ((paris(2026, 11, 18, 7, 0), "En cours d’acheminement", "Chilly-Mazarin"),)

COLIS_PERDU = "colis_perdu/colis_perdu"
LIVRE_NON_RECU = "colis_perdu/livre_non_recu"

# (id, topic, order, now, texts it must contain, texts it must not contain,
#  follow-up, request kind, texts the question must contain)
WHERE_CASES = [
    ("awaiting payment: no date promised", COLIS_PERDU, make_order("en_attente_de_paiement"), NOW,
     ["« En attente de paiement »", "dès la validation de votre paiement"],
     ["expédition prévue", "estimée", *MONTHS], FollowUp.NONE, None, []),
    ("paid: expected shipping date", COLIS_PERDU, make_order("paiement_accepte"), NOW,
     ["« Paiement accepté »", "expédition prévue le mercredi 25 novembre",
      "livraison estimée entre le vendredi 27 et le lundi 30 novembre (estimation, 48 h après "
      "l’expédition)"],
     ["numéro de suivi"], FollowUp.NONE, None, []),
    ("paid after the cut-off: ships the next business day", COLIS_PERDU,
     make_order("paiement_accepte"), paris(2026, 11, 25, 16, 0),
     ["expédition prévue le jeudi 26 novembre"], ["mercredi 25"], FollowUp.NONE, None, []),
    ("paid on Friday evening: ships on Monday", COLIS_PERDU,
     make_order("paiement_accepte"), paris(2026, 11, 27, 17, 0),
     ["expédition prévue le lundi 30 novembre"], [], FollowUp.NONE, None, []),
    ("in preparation, TNT", COLIS_PERDU,
     make_order("en_cours_de_preparation", method="tnt_express_domicile"), NOW,
     ["expédition prévue le mercredi 25 novembre",
      "livraison estimée entre demain, jeudi 26, et le vendredi 27 novembre (estimation, 24 h "
      "après l’expédition)"],
     [], FollowUp.NONE, None, []),
    ("paid, Colissimo International: no delivery date", COLIS_PERDU,
     make_order("paiement_accepte", method="colissimo_international", country="BE"), NOW,
     ["expédition prévue le mercredi 25 novembre (estimation)."], ["livraison estimée"],
     FollowUp.NONE, None, []),
    ("paid, warehouse pick-up: ready date", COLIS_PERDU,
     make_order("paiement_accepte", method="retrait_entrepot", postcode="42340"), NOW,
     ["le mercredi 25 novembre à notre entrepôt de Veauche"], ["expédition prévue"],
     FollowUp.NONE, None, []),
    ("awaiting payment, PickUp Station: its 3 days to collect", "colis_perdu/colis_perdu",
     make_order("en_attente_de_paiement", method="pickup_station"), NOW,
     ["dès la validation de votre paiement", "PickUp Station", "3 jours pour le retirer"],
     ["numéro de suivi"], FollowUp.NONE, None, []),
    ("cancelled: not shipped", COLIS_PERDU, make_order("annule"), NOW,
     ["« Annulé »", "ne sera donc pas expédiée", "04 81 64 00 80", "formulaire de contact"],
     ["expédition prévue", "numéro de suivi"],
     FollowUp.NONE, None, []),
    ("refunded: not shipped", COLIS_PERDU, make_order("rembourse"), NOW,
     ["« Remboursé »", "ne sera donc pas expédiée"], ["expédition prévue"],
     FollowUp.NONE, None, []),
    ("back to the shop: FAQ explanation and after-sales offer", "colis_perdu/retour_expediteur",
     make_order("retour_expediteur", shipped=SHIPPED_LATE, events=LAST_NEWS_LATE), NOW,
     ["« Retour expéditeur »", "revenir vers nos locaux",
      "nous ne pouvons malheureusement plus agir tant qu’il n’est pas revenu"],
     [], FollowUp.CONFIRMATION, K.SAV, ["service client"]),
    ("delivered by La Poste: checks, then investigation", LIVRE_NON_RECU,
     make_order("livre", shipped=SHIPPED_LATE, delivered=paris(2026, 11, 18, 11, 0)), NOW,
     ["« Livré »", "La Poste (Colissimo) l’indique livrée le mercredi 18 novembre (numéro de "
      "suivi 6A12345678901)", "voisins", "boîte aux lettres"],
     [], FollowUp.CONFIRMATION, K.ENQUETE_TRANSPORTEUR,
     ["La Poste (Colissimo)", LA_POSTE_PHONE, "enquête"]),
    ("delivered by TNT: TNT's number", LIVRE_NON_RECU,
     make_order("livre", method="tnt_express_relais", shipped=SHIPPED_LATE,
                delivered=paris(2026, 11, 17, 11, 0)), NOW,
     ["voisins"], [], FollowUp.CONFIRMATION, K.ENQUETE_TRANSPORTEUR, ["TNT", TNT_PHONE]),
    ("picked up at the warehouse: no offer", LIVRE_NON_RECU,
     make_order("livre", method="retrait_entrepot", postcode="42340", shipped=SHIPPED_LATE,
                delivered=paris(2026, 11, 17, 11, 0)), NOW,
     ["retirée à notre entrepôt de Veauche le mardi 17 novembre"], ["voisins", LA_POSTE_PHONE],
     FollowUp.NONE, None, []),
    ("shipped on time: tracking and estimate", COLIS_PERDU,
     make_order(shipped=SHIPPED_TUE,
                events=((paris(2026, 11, 24, 15, 0), "Colis préparé", None), TAKEN_IN)), NOW,
     ["« Expédié »", "expédiée le mardi 24 novembre par La Poste (Colissimo)",
      "numéro de suivi 6A12345678901", "www.laposte.fr/outils/suivre-vos-envois",
      "Dernière étape : « Colis pris en charge » (Veauche), le mardi 24 novembre à 18h00",
      "Livraison estimée entre demain, jeudi 26, et le vendredi 27 novembre (estimation, 48 h "
      "après l’expédition)."],
     ["Colis préparé", "enquête", LA_POSTE_PHONE, "pas en retard"], FollowUp.NONE, None, []),
    ("said late while on time: when to come back", "colis_perdu/date_livraison_depassee",
     make_order(shipped=SHIPPED_TUE, events=(TAKEN_IN,)), NOW,
     ["Livraison estimée entre demain, jeudi 26, et le vendredi 27 novembre (estimation, 48 h "
      "après l’expédition), votre "
      "colis n’est donc pas en retard ; s’il n’est pas arrivé après le vendredi 27 novembre, "
      "revenez vers moi et notre service client pourra ouvrir une enquête auprès de La Poste "
      "(Colissimo). Vous pouvez aussi joindre La Poste (Colissimo) au " + LA_POSTE_PHONE],
     ["Souhaitez-vous"], FollowUp.NONE, None, []),
    ("shipped on time, events out of order: the latest is the last step", COLIS_PERDU,
     make_order(shipped=SHIPPED_TUE,
                events=(TAKEN_IN, (paris(2026, 11, 24, 15, 0), "Colis préparé", None))), NOW,
     ["« Colis pris en charge » (Veauche)"], ["Colis préparé"], FollowUp.NONE, None, []),
    ("shipped on time by TNT: TNT's tracking page", COLIS_PERDU,
     make_order(method="tnt_express_domicile", shipped=SHIPPED_TUE, events=(TAKEN_IN,)), NOW,
     ["par TNT", "www.tnt.fr/public/suivi_colis/recherche/index.do",
      "Livraison estimée entre aujourd’hui, mercredi 25, et demain, jeudi 26 novembre "
      "(estimation, 24 h après l’expédition)."],
     ["laposte.fr"], FollowUp.NONE, None, []),
    ("shipped on time, Colissimo International: delay by country", COLIS_PERDU,
     make_order(method="colissimo_international", country="BE", shipped=SHIPPED_TUE,
                events=(TAKEN_IN,)), NOW,
     ["Le délai de livraison dépend du pays de destination."], ["Livraison estimée"],
     FollowUp.NONE, None, []),
    ("shipped on time, asked as 'delivered not received'", LIVRE_NON_RECU,
     make_order(shipped=SHIPPED_TUE, events=(TAKEN_IN,)), NOW,
     ["Le colis n’est pas encore indiqué comme livré. Livraison estimée"], [],
     FollowUp.NONE, None, []),
    ("shipped without a tracking number", COLIS_PERDU,
     make_order(shipped=SHIPPED_TUE, tracking=None), NOW,
     ["expédiée le mardi 24 novembre par La Poste (Colissimo)."], ["numéro de suivi"],
     FollowUp.NONE, None, []),
    ("late, La Poste: investigation and 3631", "colis_perdu/date_livraison_depassee",
     make_order(shipped=SHIPPED_LATE, events=LAST_NEWS_LATE), NOW,
     ["numéro de suivi 6A12345678901", "« En cours d’acheminement » (Chilly-Mazarin)",
      "du retard ou n’a plus de nouvelles", LA_POSTE_PHONE],
     ["Livraison estimée"], FollowUp.CONFIRMATION, K.ENQUETE_TRANSPORTEUR,
     ["enquête auprès de La Poste (Colissimo)"]),
    ("late, TNT: investigation and TNT's number", "colis_perdu/date_livraison_depassee",
     make_order(method="tnt_express_domicile", shipped=SHIPPED_LATE, events=LAST_NEWS_LATE), NOW,
     ["du retard ou n’a plus de nouvelles", TNT_PHONE], [LA_POSTE_PHONE],
     FollowUp.CONFIRMATION, K.ENQUETE_TRANSPORTEUR, ["enquête auprès de TNT"]),
    ("no news for 4 business days (no window): investigation", COLIS_PERDU,
     make_order(method="colissimo_international", country="BE",
                shipped=paris(2026, 11, 19, 14, 0)), NOW,
     ["n’a plus de nouvelles", LA_POSTE_PHONE], ["Livraison estimée", "Dernière étape"],
     FollowUp.CONFIRMATION, K.ENQUETE_TRANSPORTEUR, ["enquête"]),
    ("silent for 3 business days only: not yet 'no news'", COLIS_PERDU,
     make_order(method="colissimo_international", country="BE",
                shipped=paris(2026, 11, 20, 14, 0)), NOW,
     ["Le délai de livraison dépend du pays"], ["n’a plus de nouvelles"],
     FollowUp.NONE, None, []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("topic", "order", "now", "present", "absent", "follow_up", "kind", "question"),
    [case[1:] for case in WHERE_CASES],
    ids=[case[0] for case in WHERE_CASES],
)
def test_where_is_my_parcel(
    topic: str,
    order: Order,
    now: datetime,
    present: list[str],
    absent: list[str],
    follow_up: FollowUp,
    kind: K | None,
    question: list[str],
) -> None:
    reply = where_is_my_parcel(topic, order, now)
    text = text_of(reply)
    assert text.startswith(f"Votre commande KQZPTRBWE est au statut « {order.status.label} ».")
    for expected in present:
        assert expected in text
    for unexpected in absent:
        assert unexpected not in text
    assert (reply.follow_up, reply.kind) == (follow_up, kind)
    if follow_up is FollowUp.NONE:
        assert reply.question is None
    for expected in question:
        assert expected in (reply.question or "")


def test_where_is_my_parcel_covers_every_status() -> None:
    assert {case[2].status for case in WHERE_CASES} == set(OrderStatus)


def test_back_to_the_shop_quotes_the_faq() -> None:
    order = make_order("retour_expediteur", shipped=SHIPPED_LATE)
    reply = where_is_my_parcel("colis_perdu/retour_expediteur", order, NOW)
    assert reply.messages[1] == faq_paragraph("colis_perdu/retour_expediteur", 1)


# (id, order, texts it must contain, texts it must not contain, follow-up)
STATUS_CASES = [
    ("pending: its method too", make_order("paiement_accepte", method="pickup_station"),
     ["« Paiement accepté »", "expédition prévue", "Mode de livraison choisi : Colissimo en "
      "PickUp Station", "code de retrait par SMS", "3 jours pour le retirer"], ["6A12345678901"],
     FollowUp.NONE),
    ("pending at home: its method, not how it is handed over", make_order("paiement_accepte"),
     ["Mode de livraison choisi : Colissimo à domicile."], ["signature", "boîte aux lettres"],
     FollowUp.NONE),
    ("shipped on time: the tracking", make_order(shipped=SHIPPED_TUE, events=(TAKEN_IN,)),
     ["« Expédié »", "6A12345678901", "Veauche", "Livraison estimée"], ["Mode de livraison"],
     FollowUp.NONE),
    ("delivered: when, no checks nor offer",
     make_order("livre", shipped=SHIPPED_TUE, delivered=paris(2026, 11, 24, 11, 0)),
     ["« Livré »", "Elle a été livrée le mardi 24 novembre", "6A12345678901"],
     ["voisins", "enquête"], FollowUp.NONE),
    ("late: the offer of a late parcel", make_order(shipped=SHIPPED_LATE, events=LAST_NEWS_LATE),
     ["« Expédié »", LA_POSTE_PHONE], [], FollowUp.CONFIRMATION),
]  # fmt: skip


@pytest.mark.parametrize(
    ("order", "present", "absent", "follow_up"),
    [case[1:] for case in STATUS_CASES],
    ids=[case[0] for case in STATUS_CASES],
)
def test_order_status(order: Order, present, absent, follow_up: FollowUp) -> None:
    reply = order_status(order, NOW)
    text = text_of(reply)
    for expected in present:
        assert expected in text, text
    for unexpected in absent:
        assert unexpected not in text, text
    assert reply.follow_up is follow_up


def test_back_to_the_shop_says_why_from_the_step_before_the_return() -> None:
    events = (
        (paris(2026, 11, 17, 9, 0), "Colis en transit", "Roissy-en-France"),
        (paris(2026, 11, 19, 10, 30), "Destinataire absent, avis de passage déposé", "Saint-Denis"),
        (paris(2026, 11, 27, 8, 0), "Retour à l'expéditeur", "Saint-Denis"),
    )
    order = make_order("retour_expediteur", shipped=SHIPPED_LATE, events=events)
    text = where_is_my_parcel("colis_perdu/retour_expediteur", order, NOW).messages[0]
    why = "Étape précédente : « Destinataire absent, avis de passage déposé » (Saint-Denis)"
    assert why in text
    assert text.index("Étape précédente") < text.index("Dernière étape : « Retour à l'expéditeur »")
    assert "Roissy" not in text
    shipped = make_order("expedie", shipped=SHIPPED_LATE, events=events)
    late = " ".join(where_is_my_parcel(COLIS_PERDU, shipped, NOW).messages)
    assert "Étape précédente" not in late


# (id, order, texts it must contain, texts it must not contain)
RECEPTION_CASES = [
    ("relay point, in preparation", make_order("en_cours_de_preparation",
                                                method="colissimo_point_relais"),
     ["« En cours de préparation »", "expédition prévue", "point relais", "contre signature"],
     ["boîte aux lettres"]),
    ("PickUp Station, shipped: tracking, code and 3 days",
     make_order(shipped=SHIPPED_TUE, events=(TAKEN_IN,), method="pickup_station"),
     ["6A12345678901", "Livraison estimée", "code de retrait par SMS", "3 jours"], []),
    ("TNT at home: a signature, someone present", make_order("paiement_accepte",
                                                           method="tnt_express_domicile"),
     ["TNT Express à domicile", "contre signature", "avis de passage"], ["3 jours"]),
    ("warehouse: an ID, the opening hours", make_order("paiement_accepte",
                                                      method="retrait_entrepot"),
     ["pièce d’identité", "42340 Veauche", "9h à 17h"], ["Colissimo"]),
    ("delivered: when it was, nothing on how it will be",
     make_order("livre", shipped=SHIPPED_TUE, delivered=paris(2026, 11, 24, 11, 0),
                method="pickup_station"),
     ["Elle a été livrée le mardi 24 novembre"], ["3 jours", "Mode de livraison"]),
    ("coming back: the way back, not the way there",
     make_order("retour_expediteur", shipped=SHIPPED_LATE, events=LAST_NEWS_LATE,
                method="colissimo_point_relais"),
     ["revenir vers nos locaux"], ["Vous le retirerez"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("order", "present", "absent"),
    [case[1:] for case in RECEPTION_CASES],
    ids=[case[0] for case in RECEPTION_CASES],
)
def test_order_reception(order: Order, present, absent) -> None:
    text = text_of(order_reception(order, NOW))
    for expected in present:
        assert expected in text, text
    for unexpected in absent:
        assert unexpected not in text, text
