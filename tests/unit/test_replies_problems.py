import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from cadomaestro.faq.corpus import load_corpus
from cadomaestro.replies.order import Loyalty, Order
from cadomaestro.replies.problems import (
    LOYALTY_TOPICS,
    ORDER_TOPICS,
    FollowUp,
    Reply,
    RequestKind,
    after_sales,
    answer_about_order,
    change_order,
    faq_paragraph,
    loyalty_balance,
    needs_order,
    request_confirmation,
    request_kind_for,
    returns,
    where_is_my_parcel,
)
from cadomaestro.replies.wording import MONTHS
from cadomaestro.rules.orders import OrderStatus, Request, allows

PARIS = ZoneInfo("Europe/Paris")
S = OrderStatus
K = RequestKind


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


NOW = paris(2026, 11, 25, 10, 0)  # Wednesday, before the 16:00 cut-off
LA_POSTE_PHONE = "3631"
TNT_PHONE = "0 825 033 033"


def item(name: str, *, personalised=False, perishable=False, gift_wrap=False) -> dict:
    return {
        "sku": name.upper()[:6],
        "name": name,
        "quantity": 1,
        "unit_price_ttc": "19.90",
        "personalised": personalised,
        "perishable": perishable,
        "gift_wrap": gift_wrap,
    }


BOOK = item("Livre de cuisine")
MUG = item("Mug gravé", personalised=True)
CHOCOLATES = item("Chocolats fins", perishable=True)
WRAPPED_BOOK = item("Livre de cuisine", gift_wrap=True)


def utc(moment: datetime | None) -> str | None:
    """As the backend sends datetimes: ISO 8601 in UTC."""
    return moment.astimezone(timezone.utc).isoformat() if moment else None


PLACED = paris(2026, 11, 23, 9, 0)  # Monday


def make_order(
    status: str = "expedie",
    *,
    method: str = "colissimo_domicile",
    placed: datetime = PLACED,
    shipped: datetime | None = None,
    delivered: datetime | None = None,
    events: tuple[tuple[datetime, str, str | None], ...] = (),
    items: tuple[dict, ...] = (BOOK,),
    tracking: str | None = "6A12345678901",
    gift_wrap: bool = False,
    return_1eur: bool = False,
    postcode: str = "69003",
    country: str = "FR",
) -> Order:
    return Order.from_api(
        {
            "reference": "KQZPTRBWE",
            "status": status,
            "status_label": OrderStatus.from_code(status).label,
            "placed_at": utc(placed),
            "paid_at": utc(placed),
            "shipped_at": utc(shipped),
            "delivered_at": utc(delivered),
            "shipping_method": method,
            "shipping_address": {"postcode": postcode, "city": "Lyon", "country": country},
            "tracking_number": tracking if shipped else None,
            "options": {
                "gift_wrap": gift_wrap,
                "message_card": False,
                "surprise": False,
                "return_1eur": return_1eur,
            },
            "items": list(items),
            "tracking_events": [
                {"at": utc(at), "label": label, "place": place} for at, label, place in events
            ],
            "customer": {"first_name": "Claire"},
        }
    )


def text_of(reply: Reply) -> str:
    return "\n".join(reply.messages)


def test_factory_builds_the_order_the_backend_describes() -> None:
    order = make_order(shipped=paris(2026, 11, 24, 14, 0), items=(MUG, WRAPPED_BOOK))
    assert order.status is S.EXPEDIE and order.shipped_at == paris(2026, 11, 24, 14, 0)
    assert [line.personalised for line in order.lines] == [True, False]
    assert order.has_gift_wrap and not order.gift_wrap


# --- where_is_my_parcel ----------------------------------------------------------------------

SHIPPED_TUE = paris(2026, 11, 24, 14, 0)  # Colissimo window: Thursday 26 - Friday 27
TAKEN_IN = (paris(2026, 11, 24, 18, 0), "Colis pris en charge", "Veauche")
SHIPPED_LATE = paris(2026, 11, 16, 14, 0)  # Colissimo window ended Thursday 19
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
      "livraison estimée entre le vendredi 27 et le lundi 30 novembre (estimation)"],
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
      "livraison estimée entre le jeudi 26 et le vendredi 27 novembre"],
     [], FollowUp.NONE, None, []),
    ("paid, Colissimo International: no delivery date", COLIS_PERDU,
     make_order("paiement_accepte", method="colissimo_international", country="BE"), NOW,
     ["expédition prévue le mercredi 25 novembre (estimation)."], ["livraison estimée"],
     FollowUp.NONE, None, []),
    ("paid, warehouse pick-up: ready date", COLIS_PERDU,
     make_order("paiement_accepte", method="retrait_entrepot", postcode="42340"), NOW,
     ["le mercredi 25 novembre à notre entrepôt de Veauche"], ["expédition prévue"],
     FollowUp.NONE, None, []),
    ("cancelled: not shipped", COLIS_PERDU, make_order("annule"), NOW,
     ["« Annulé »", "ne sera donc pas expédiée"], ["expédition prévue", "numéro de suivi"],
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
     ["« Livré »", "livrée le mercredi 18 novembre", "voisins", "boîte aux lettres"],
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
      "Livraison estimée entre le jeudi 26 et le vendredi 27 novembre (estimation)."],
     ["Colis préparé", "enquête", LA_POSTE_PHONE], FollowUp.NONE, None, []),
    ("shipped on time, events out of order: the latest is the last step", COLIS_PERDU,
     make_order(shipped=SHIPPED_TUE,
                events=(TAKEN_IN, (paris(2026, 11, 24, 15, 0), "Colis préparé", None))), NOW,
     ["« Colis pris en charge » (Veauche)"], ["Colis préparé"], FollowUp.NONE, None, []),
    ("shipped on time by TNT: TNT's tracking page", COLIS_PERDU,
     make_order(method="tnt_express_domicile", shipped=SHIPPED_TUE, events=(TAKEN_IN,)), NOW,
     ["par TNT", "www.tnt.fr/public/suivi_colis/recherche/index.do",
      "Livraison estimée entre le mercredi 25 et le jeudi 26 novembre (estimation)."],
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
def test_where_is_my_parcel(topic, order, now, present, absent, follow_up, kind, question):
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
        assert expected in reply.question


def test_where_is_my_parcel_covers_every_status() -> None:
    assert {case[2].status for case in WHERE_CASES} == set(OrderStatus)


def test_back_to_the_shop_quotes_the_faq() -> None:
    order = make_order("retour_expediteur", shipped=SHIPPED_LATE)
    reply = where_is_my_parcel("colis_perdu/retour_expediteur", order, NOW)
    assert reply.messages[1] == faq_paragraph("colis_perdu/retour_expediteur", 1)


# --- change_order ----------------------------------------------------------------------------

KINDS = {
    Request.MODIFY_OR_CANCEL: K.MODIFICATION,
    Request.ADD_GIFT_WRAP: K.EMBALLAGE_CARTE,
    Request.CHANGE_PAYMENT_METHOD: K.CHANGEMENT_PAIEMENT,
    Request.DELIVERY_INSTRUCTIONS: K.PRECISIONS_LIVRAISON,
    Request.FIX_PERSONALISATION: K.PERSONNALISATION,
}
SHIPPED_STATUSES = {S.EXPEDIE, S.LIVRE, S.RETOUR_EXPEDITEUR}


def order_in(status: OrderStatus, **kwargs) -> Order:
    shipped = SHIPPED_LATE if status in SHIPPED_STATUSES else None
    delivered = paris(2026, 11, 18, 11, 0) if status is S.LIVRE else None
    return make_order(status.code, shipped=shipped, delivered=delivered, **kwargs)


@pytest.mark.parametrize("request_", list(Request))
@pytest.mark.parametrize("status", list(OrderStatus))
def test_change_order_for_every_request_and_status(request_: Request, status: OrderStatus):
    reply = change_order(request_, order_in(status, items=(MUG, BOOK)), NOW)
    text = text_of(reply)
    assert text.startswith(f"Votre commande KQZPTRBWE est au statut « {status.label} ».")
    if allows(status, request_) and status not in (S.ANNULE, S.REMBOURSE):
        assert (reply.follow_up, reply.kind) == (FollowUp.DETAILS, KINDS[request_])
        assert reply.question and "encore possible" in text
    else:
        assert (reply.follow_up, reply.kind, reply.question) == (FollowUp.NONE, None, None)
        assert "encore possible" not in text
        if status in (S.ANNULE, S.REMBOURSE):
            assert "plus rien à modifier" in text
        else:
            assert "n’est malheureusement plus possible" in text


def test_change_order_matrix_has_both_outcomes() -> None:
    # guards the test above against a rule table that would allow nothing (or everything)
    outcomes = {allows(s, r) for s in OrderStatus for r in Request}
    assert outcomes == {True, False}


@pytest.mark.parametrize("status", list(OrderStatus))
def test_fix_personalisation_without_personalised_line(status: OrderStatus) -> None:
    reply = change_order(Request.FIX_PERSONALISATION, order_in(status, items=(BOOK,)), NOW)
    assert (reply.follow_up, reply.kind, reply.question) == (FollowUp.NONE, None, None)
    assert "aucun article personnalisé" in text_of(reply)


def test_fix_personalisation_names_the_personalised_lines() -> None:
    second = item("Plaid brodé", personalised=True)
    reply = change_order(
        Request.FIX_PERSONALISATION, order_in(S.PAIEMENT_ACCEPTE, items=(MUG, BOOK, second)), NOW
    )
    assert reply.question.startswith("Pour « Mug gravé » et « Plaid brodé », quel est le texte")
    assert "Livre de cuisine" not in reply.question


@pytest.mark.parametrize(
    ("status", "method", "phone"),
    [
        (S.EXPEDIE, "colissimo_domicile", LA_POSTE_PHONE),
        (S.EXPEDIE, "pickup_station", LA_POSTE_PHONE),
        (S.EXPEDIE, "tnt_express_domicile", TNT_PHONE),
        (S.LIVRE, "tnt_express_relais", TNT_PHONE),
        (S.RETOUR_EXPEDITEUR, "colissimo_domicile", LA_POSTE_PHONE),
    ],
)
def test_delivery_instructions_after_shipping_give_the_carrier(status, method, phone) -> None:
    reply = change_order(Request.DELIVERY_INSTRUCTIONS, order_in(status, method=method), NOW)
    assert reply.follow_up is FollowUp.NONE
    assert "Contactez directement le transporteur" in reply.messages[-1]
    assert phone in reply.messages[-1]


def test_cancel_refused_lists_what_can_never_be_returned() -> None:
    order = order_in(S.EN_COURS_DE_PREPARATION, items=(MUG, CHOCOLATES, BOOK))
    reply = change_order(Request.MODIFY_OR_CANCEL, order, NOW)
    assert reply.messages[-1].endswith(
        "Ne peuvent pas être retournés : « Mug gravé » (personnalisé) et "
        "« Chocolats fins » (périssable)."
    )


# --- returns ---------------------------------------------------------------------------------


def delivered_order(days_ago: int, items=(BOOK,), **kwargs) -> Order:
    return make_order(
        "livre",
        shipped=NOW - timedelta(days=days_ago + 2),
        delivered=NOW - timedelta(days=days_ago),
        items=items,
        **kwargs,
    )


RETURN_CASES = [
    ("day 100: still possible", delivered_order(100),
     ["Reçue le lundi 17 août 2026", "- Livre de cuisine : retour possible jusqu’au mercredi "
      "25 novembre 2026", "à votre charge"], ["expiré", "gratuit"], 2),
    ("day 101: too late", delivered_order(101),
     ["- Livre de cuisine : le délai de 100 jours a expiré le mardi 24 novembre 2026"],
     ["retour possible", "à votre charge", "gratuit"], 1),
    ("return_1eur option: free", delivered_order(10, return_1eur=True),
     ["retour possible", "gratuit", "« retour à 1 € »"], ["à votre charge"], 2),
    ("personalised and perishable lines, with a returnable one", delivered_order(
        10, items=(MUG, CHOCOLATES, BOOK)),
     ["- Mug gravé : article personnalisé, il ne peut pas être retourné",
      "- Chocolats fins : produit périssable, il ne peut pas être retourné",
      "- Livre de cuisine : retour possible"], [], 2),
    ("only personalised and perishable lines: no cost, no procedure",
     delivered_order(1, items=(MUG, CHOCOLATES), return_1eur=True),
     ["ne peut pas être retourné"], ["retour possible", "gratuit", "à votre charge"], 1),
    # received late in the evening UTC is received the next day in Paris
    ("delivered 23:30 UTC: the Paris date counts", make_order(
        "livre", shipped=paris(2026, 8, 14, 10, 0),
        delivered=datetime(2026, 8, 16, 23, 30, tzinfo=timezone.utc)),
     ["Reçue le lundi 17 août 2026", "retour possible jusqu’au mercredi 25 novembre 2026"],
     ["expiré"], 2),
    ("paid: not delivered yet", make_order("paiement_accepte", items=(MUG, CHOCOLATES, BOOK)),
     ["commencera à sa réception", "Ne peuvent pas être retournés : « Mug gravé » "
      "(personnalisé) et « Chocolats fins » (périssable)."], ["retour possible"], 1),
    ("shipped: not delivered yet", make_order(shipped=SHIPPED_TUE),
     ["commencera à sa réception"], ["retour possible", "Ne peuvent pas"], 1),
    # a delivery date alone does not make lines returnable: the status must be "Livré"
    ("refunded after delivery: no return offered", make_order(
        "rembourse", shipped=SHIPPED_LATE, delivered=paris(2026, 11, 18, 11, 0)),
     ["« Remboursé »"], ["retour possible", "à votre charge", "Reçue le"], 1),
    ("cancelled: nothing to return", make_order("annule", items=(BOOK,)),
     ["« Annulé »", "rien à retourner"], ["commencera", "retour possible"], 1),
    ("back to the shop: the FAQ's explanation", make_order("retour_expediteur",
                                                            shipped=SHIPPED_LATE),
     [faq_paragraph("colis_perdu/retour_expediteur", 1)], ["commencera"], 1),
]  # fmt: skip


@pytest.mark.parametrize(
    ("order", "present", "absent", "count"),
    [case[1:] for case in RETURN_CASES],
    ids=[case[0] for case in RETURN_CASES],
)
def test_returns(order: Order, present, absent, count: int) -> None:
    reply = returns(order, NOW)
    text = text_of(reply)
    for expected in present:
        assert expected in text
    for unexpected in absent:
        assert unexpected not in text
    assert len(reply.messages) == count
    assert reply.follow_up is FollowUp.NONE
    if count == 2:  # something can be returned: the FAQ's procedure follows
        assert reply.messages[1] == faq_paragraph("produit_defectueux/retractation", 1)


@pytest.mark.parametrize("days_ago", [0, 1, 50, 100, 101, 400])
@pytest.mark.parametrize("line", [MUG, CHOCOLATES, item("Confiture gravée", personalised=True,
                                                         perishable=True)])  # fmt: skip
def test_personalised_and_perishable_lines_are_never_returnable(line, days_ago: int) -> None:
    text = text_of(returns(delivered_order(days_ago, items=(line,)), NOW))
    assert f"- {line['name']} : " in text and "il ne peut pas être retourné" in text
    assert "retour possible" not in text and "expiré" not in text


# --- after_sales -----------------------------------------------------------------------------

AFTER_SALES_TOPICS = [
    "produit_defectueux/produit_defectueux",
    "produit_defectueux/emballage_endommage",
    "produit_defectueux/produit_manquant",
    "produit_defectueux/produit_non_conforme",
    "produit_defectueux/emballage_manquant",
    "produit_defectueux/article_incomplet",
]
NOT_DELIVERED = [s for s in OrderStatus if s is not S.LIVRE]


@pytest.mark.parametrize("status", NOT_DELIVERED)
@pytest.mark.parametrize("topic", AFTER_SALES_TOPICS)
def test_after_sales_needs_a_delivered_order(topic: str, status: OrderStatus) -> None:
    reply = after_sales(topic, order_in(status, gift_wrap=True), NOW)
    assert (reply.follow_up, reply.kind, reply.photo) == (FollowUp.NONE, None, None)
    assert "pas encore indiquée comme livrée" in text_of(reply)


DELIVERED = paris(2026, 11, 18, 11, 0)

# (topic, order, follow-up, kind, text the photo instruction must contain; None: no photo)
AFTER_SALES_CASES = [
    ("produit_defectueux/emballage_manquant", {}, FollowUp.NONE, None, None),
    ("produit_defectueux/emballage_manquant", {"gift_wrap": True}, FollowUp.DETAILS, K.SAV, None),
    ("produit_defectueux/emballage_manquant", {"items": (WRAPPED_BOOK,)},
     FollowUp.DETAILS, K.SAV, None),
    ("produit_defectueux/produit_defectueux", {}, FollowUp.DETAILS, K.SAV,
     "étiquette de La Poste"),
    ("produit_defectueux/emballage_endommage", {"gift_wrap": True}, FollowUp.DETAILS, K.SAV,
     "étiquette de La Poste"),
    ("produit_defectueux/produit_non_conforme", {}, FollowUp.DETAILS, K.SAV,
     "étiquette de La Poste"),
    ("produit_defectueux/produit_manquant", {}, FollowUp.DETAILS, K.SAV,
     "carton de livraison ouvert"),
    ("produit_defectueux/article_incomplet", {}, FollowUp.DETAILS, K.SAV, None),
]  # fmt: skip


@pytest.mark.parametrize(("topic", "options", "follow_up", "kind", "photo"), AFTER_SALES_CASES)
def test_after_sales(topic: str, options: dict, follow_up, kind, photo) -> None:
    order = make_order("livre", shipped=SHIPPED_LATE, delivered=DELIVERED, **options)
    reply = after_sales(topic, order, NOW)
    assert (reply.follow_up, reply.kind) == (follow_up, kind)
    if photo is None:
        assert reply.photo is None
    else:
        assert photo in reply.photo
    if follow_up is FollowUp.DETAILS:
        assert "« Livre de cuisine »" in reply.question
    else:
        assert "aucun emballage cadeau" in text_of(reply)


def test_after_sales_question_lists_every_line() -> None:
    order = make_order("livre", shipped=SHIPPED_LATE, delivered=DELIVERED,
                       items=(MUG, CHOCOLATES, BOOK))  # fmt: skip
    reply = after_sales("produit_defectueux/produit_defectueux", order, NOW)
    assert "(« Mug gravé », « Chocolats fins » et « Livre de cuisine »)" in reply.question


# --- loyalty ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "present", "absent"),
    [
        ({"points": 1350, "expires_on": "2027-03-31"},
         "Vous avez 1\u202f350 maestros, valables jusqu’au mercredi 31 mars 2027.", "pas encore"),
        ({"points": 1350, "expires_on": None}, "Vous avez 1\u202f350 maestros.", "valables"),
        ({"points": 15, "expires_on": "2027-01-01"},
         "Vous avez 15 maestros, valables jusqu’au vendredi 1er janvier 2027.", "pas encore"),
        ({"points": 0, "expires_on": "2027-03-31"}, "Vous n’avez pas encore de maestros.",
         "valables"),
        ({"points": 0, "expires_on": None}, "Vous n’avez pas encore de maestros.", "Vous avez"),
    ],
)  # fmt: skip
def test_loyalty_balance(data: dict, present: str, absent: str) -> None:
    reply = loyalty_balance(Loyalty.from_api(data))
    assert reply.messages[0].startswith(present)
    assert absent not in text_of(reply)
    assert "Chaque euro dépensé vous rapporte 15 maestros." in reply.messages[0]
    # where the points are shown and how they are used: the FAQ's two paragraphs
    faq = [faq_paragraph("points_fidelite/points_fidelite", i) for i in (0, 1)]
    assert reply.messages[1] == " ".join(faq)
    assert reply.follow_up is FollowUp.NONE


# --- dispatch --------------------------------------------------------------------------------

ALL_TOPICS = sorted(set(ORDER_TOPICS) | LOYALTY_TOPICS)


@pytest.mark.parametrize("topic", ALL_TOPICS)
def test_order_topics_need_an_order_and_exist_in_the_corpus(topic: str) -> None:
    assert needs_order(topic)
    assert topic in {entry.full_intent for entry in load_corpus()}


@pytest.mark.parametrize(
    "topic",
    ["faq/pays_livraison", "points_fidelite/programme_fidelite", "colis_perdu", "", "faq"],
)
def test_other_topics_do_not_need_an_order(topic: str) -> None:
    assert not needs_order(topic)


def test_every_order_problem_of_the_corpus_is_answered() -> None:
    # every colis_perdu / produit_defectueux / modifier_commande topic is answered from the order
    intents = {"colis_perdu", "produit_defectueux", "modifier_commande"}
    corpus = {entry.full_intent for entry in load_corpus() if entry.intent in intents}
    assert corpus == set(ORDER_TOPICS)


@pytest.mark.parametrize(
    ("topic", "status", "follow_up", "kind"),
    [
        ("colis_perdu/livre_non_recu", S.LIVRE, FollowUp.CONFIRMATION, K.ENQUETE_TRANSPORTEUR),
        ("modifier_commande/changer_mode_paiement", S.PAIEMENT_ACCEPTE, FollowUp.DETAILS,
         K.CHANGEMENT_PAIEMENT),
        ("modifier_commande/modifier_annuler_commande", S.EXPEDIE, FollowUp.NONE, None),
        ("produit_defectueux/produit_manquant", S.LIVRE, FollowUp.DETAILS, K.SAV),
        ("produit_defectueux/retractation", S.LIVRE, FollowUp.NONE, None),
    ],
)  # fmt: skip
def test_answer_about_order_dispatches(topic, status, follow_up, kind) -> None:
    reply = answer_about_order(topic, order_in(status), NOW)
    assert (reply.follow_up, reply.kind) == (follow_up, kind)


@pytest.mark.parametrize(
    ("kind", "details", "expected"),
    [
        (K.MODIFICATION, "je veux annuler ma commande", K.ANNULATION),
        (K.MODIFICATION, "ANNULATION svp", K.ANNULATION),
        (K.MODIFICATION, "Annulez tout", K.ANNULATION),
        (K.MODIFICATION, "changer l'adresse : 3 rue des Lilas", K.MODIFICATION),
        (K.MODIFICATION, "", K.MODIFICATION),
        (K.PERSONNALISATION, "annulez la gravure", K.PERSONNALISATION),  # only modifications
        (K.SAV, "annulation ?", K.SAV),
    ],
)
def test_request_kind_for(kind, details: str, expected) -> None:
    assert request_kind_for(kind, details) is expected


@pytest.mark.parametrize(
    ("kind", "required", "sent", "present", "absent"),
    [
        (K.SAV, True, False, ["Envoyez les photos via notre formulaire de contact",
                              "numéro de demande 42", "sous 24 h (jours ouvrés) après leur"],
         []),
        (K.SAV, True, True, ["sous 24 h (jours ouvrés) pour la mise en place"], ["Envoyez"]),
        (K.SAV, False, False, ["Notre équipe SAV"], ["24 h", "photo"]),
        (K.ENQUETE_TRANSPORTEUR, False, False, ["ouvre l’enquête auprès du transporteur"],
         ["24 h", "Envoyez"]),
        (K.MODIFICATION, False, False, ["vous confirme la suite par email"], ["24 h", "enquête"]),
        (K.ANNULATION, False, False, ["vous confirme la suite par email"], ["24 h"]),
        (K.PRECISIONS_LIVRAISON, False, False, ["vous confirme la suite par email"], ["Envoyez"]),
    ],
)  # fmt: skip
def test_request_confirmation(kind, required: bool, sent: bool, present, absent) -> None:
    text = request_confirmation(kind, 42, "KQZPTRBWE", photo_required=required, photo_sent=sent)
    assert text.startswith(
        "C’est transmis : votre demande n° 42 pour la commande KQZPTRBWE est enregistrée"
    )
    for expected in present:
        assert expected in text
    for unexpected in absent:
        assert unexpected not in text


# --- vouvoiement -----------------------------------------------------------------------------

# cadomaestro.faq.corpus._TUTOIEMENT, with the typographic apostrophe the replies use
TUTOIEMENT = re.compile(r"\b(?:tu|toi|ton|ta|tes|te)\b|\bt['’]", re.IGNORECASE)


@pytest.mark.parametrize(
    ("text", "informal"),
    [("Ton colis est parti.", True), ("Je t’envoie le lien", True), ("Tu peux", True),
     ("l’étiquette est prête", False), ("Toutes nos excuses, votre texte", False)],
)  # fmt: skip
def test_tutoiement_pattern(text: str, informal: bool) -> None:
    assert bool(TUTOIEMENT.search(text)) is informal


def every_reply_text() -> list[str]:
    texts = []
    methods = ["colissimo_domicile", "tnt_express_domicile", "retrait_entrepot",
               "colissimo_international"]  # fmt: skip
    for topic in ORDER_TOPICS:
        for status in OrderStatus:
            for method in methods:
                for items in [(BOOK,), (MUG, CHOCOLATES, BOOK)]:
                    order = order_in(status, method=method, items=items, return_1eur=True)
                    reply = answer_about_order(topic, order, NOW)
                    texts += [*reply.messages, reply.question or "", reply.photo or ""]
    for data in [{"points": 1350, "expires_on": "2027-03-31"}, {"points": 0}]:
        texts += loyalty_balance(Loyalty.from_api(data)).messages
    for kind in RequestKind:
        texts += [
            request_confirmation(kind, 7, "KQZPTRBWE", photo_required=required, photo_sent=sent)
            for required in (False, True)
            for sent in (False, True)
        ]
    return texts


def test_no_reply_uses_tutoiement() -> None:
    texts = every_reply_text()
    assert len(texts) > 1000
    informal = sorted({text for text in texts if TUTOIEMENT.search(text)})
    assert informal == []
