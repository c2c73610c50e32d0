"""Tests of cadomaestro/replies/changes.py: changing an order, for every request and status."""

from __future__ import annotations

import pytest

from cadomaestro.replies.changes import (
    EMAIL_NEEDED,
    NO_EMAIL,
    NOTED,
    change_order,
    details_reminder,
    email_confirmed,
    email_still_needed,
    gift_wrap_of,
    nothing_sent,
    what_is_changed,
)
from cadomaestro.replies.reply import FollowUp
from cadomaestro.rules.orders import OrderStatus, Request, allows
from cadomaestro.rules.requests import RequestKind as K
from tests.unit.order_samples import (
    BOOK,
    CHOCOLATES,
    LA_POSTE_PHONE,
    MUG,
    NOW,
    TNT_PHONE,
    item,
    order_in,
    text_of,
)

S = OrderStatus
KINDS = {
    Request.MODIFY_OR_CANCEL: K.MODIFICATION,
    Request.ADD_GIFT_WRAP: K.EMBALLAGE_CARTE,
    Request.CHANGE_PAYMENT_METHOD: K.CHANGEMENT_PAIEMENT,
    Request.DELIVERY_INSTRUCTIONS: K.PRECISIONS_LIVRAISON,
    Request.FIX_PERSONALISATION: K.PERSONNALISATION,
}


@pytest.mark.parametrize("request_", list(Request))
@pytest.mark.parametrize("status", list(OrderStatus))
def test_change_order_for_every_request_and_status(request_: Request, status: OrderStatus) -> None:
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
        elif status is S.RETOUR_EXPEDITEUR:  # nothing until it is back, then after-sales
            assert "tant qu’il n’est pas revenu dans nos locaux" in text
            assert "retourner les articles" not in text
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
    # Too late anyway once the status allows no correction, and said so.
    late = "n’est malheureusement plus possible" in text_of(reply)
    assert late is not allows(status, Request.FIX_PERSONALISATION)


def test_fix_personalisation_names_the_personalised_lines() -> None:
    second = item("Plaid brodé", personalised=True)
    reply = change_order(
        Request.FIX_PERSONALISATION, order_in(S.PAIEMENT_ACCEPTE, items=(MUG, BOOK, second)), NOW
    )
    assert reply.question is not None and reply.question.startswith("Quel est le texte")
    said = text_of(reply)
    assert "Bonne nouvelle : pour « Mug gravé » et « Plaid brodé », la correction" in said, said
    assert "Livre de cuisine" not in said


@pytest.mark.parametrize(
    ("status", "method", "phone"),
    [
        (S.EXPEDIE, "colissimo_domicile", LA_POSTE_PHONE),
        (S.EXPEDIE, "pickup_station", LA_POSTE_PHONE),
        (S.EXPEDIE, "tnt_express_domicile", TNT_PHONE),
        (S.LIVRE, "tnt_express_relais", TNT_PHONE),
    ],
)
def test_delivery_instructions_after_shipping_give_the_carrier(
    status: OrderStatus, method: str, phone: str
) -> None:
    reply = change_order(Request.DELIVERY_INSTRUCTIONS, order_in(status, method=method), NOW)
    assert reply.follow_up is FollowUp.NONE
    assert "Contactez directement le transporteur" in reply.messages[-1]
    assert phone in reply.messages[-1]


@pytest.mark.parametrize(
    ("status", "method", "phone"),
    [(S.EXPEDIE, "colissimo_domicile", LA_POSTE_PHONE),
     (S.EXPEDIE, "tnt_express_relais", TNT_PHONE),
     (S.EN_COURS_DE_PREPARATION, "colissimo_domicile", None),
     (S.EXPEDIE, "retrait_entrepot", None)],
)  # fmt: skip
def test_a_change_refused_on_its_way_gives_the_carrier(
    status: OrderStatus, method: str, phone: str | None
) -> None:
    reply = change_order(Request.MODIFY_OR_CANCEL, order_in(status, method=method), NOW)
    remains = reply.messages[-1]
    assert ("transporteur" in remains) is (phone is not None)
    assert phone is None or phone in remains


def test_cancel_refused_lists_what_can_never_be_returned() -> None:
    order = order_in(S.EN_COURS_DE_PREPARATION, items=(MUG, CHOCOLATES, BOOK))
    reply = change_order(Request.MODIFY_OR_CANCEL, order, NOW)
    assert reply.messages[-1].endswith(
        "Ne peuvent pas être retournés : « Mug gravé » (personnalisé) et "
        "« Chocolats fins » (périssable)."
    )


@pytest.mark.parametrize("request_", list(Request))
def test_nothing_is_said_passed_on_before_it_is(request_: Request) -> None:
    text = text_of(change_order(request_, order_in(S.PAIEMENT_ACCEPTE, items=(MUG,)), NOW))
    assert "transmets" not in text and "transmis" not in text


def test_the_email_is_asked_again_in_other_words() -> None:
    first, noted = EMAIL_NEEDED, email_still_needed(NOTED)
    thanks = email_still_needed("Avec plaisir !")
    assert "code postal" in first and "adresse email" in first
    assert len({first, noted, thanks, email_still_needed()}) == 4
    for text in (noted, thanks, email_still_needed()):
        assert "adresse email" in text and "pas encore transmise" in text
    assert noted.startswith("C’est noté") and "rien transmis" in NO_EMAIL


def test_the_details_reminder_says_nothing_is_passed_on_yet() -> None:
    question = "Quel mode de paiement souhaitez-vous utiliser à la place ?"
    reminder = details_reminder(K.CHANGEMENT_PAIEMENT, question, thanks=True)
    assert reminder.startswith("Avec plaisir ! Je n’ai encore rien transmis")
    assert "le changement de mode de paiement reste possible" in reminder
    assert reminder.endswith(question)
    assert "annulation" in details_reminder(K.ANNULATION, "?", thanks=False)
    assert details_reminder(K.SAV, "Quel article ?", thanks=False).endswith("Quel article ?")
    assert what_is_changed(K.SAV) is None
    assert nothing_sent(thanks=True).startswith("Avec plaisir ! Je n’ai rien transmis")
    assert nothing_sent(thanks=False).startswith("Très bien, je n’ai rien transmis")


@pytest.mark.parametrize(
    ("kind", "said"),
    [(K.PERSONNALISATION, " : la correction d’une personnalisation est encore possible."),
     (K.ANNULATION, " : la modification ou l’annulation de la commande est encore possible."),
     (K.CHANGEMENT_PAIEMENT, " : le changement de mode de paiement est encore possible."),
     (K.SAV, ".")],
)  # fmt: skip
def test_the_email_confirmed_says_the_change_is_still_possible(kind: K, said: str) -> None:
    opening = "Merci, c’est bien l’adresse email de la commande HZPRKDNVM"
    assert email_confirmed(kind, "HZPRKDNVM") == opening + said


@pytest.mark.parametrize(
    ("gift_wrap", "items", "said"),
    [(True, (BOOK,), "Oui : votre commande comprend bien un emballage cadeau."),
     (False, (BOOK, item("Mug", gift_wrap=True)),
      "Oui : un emballage cadeau est bien prévu pour « Mug »."),
     (False, (BOOK,), "D’après votre commande, aucun emballage cadeau n’a été commandé.")],
)  # fmt: skip
def test_gift_wrap_of_says_what_the_order_has(
    gift_wrap: bool, items: tuple[dict[str, object], ...], said: str
) -> None:
    reply = gift_wrap_of(order_in(S.EN_COURS_DE_PREPARATION, gift_wrap=gift_wrap, items=items))
    assert text_of(reply).endswith(f"« En cours de préparation ». {said}")
