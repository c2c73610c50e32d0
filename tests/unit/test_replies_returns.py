"""Tests of cadomaestro/replies/returns.py: which lines can be returned, until when, at whose
cost."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from cadomaestro.replies.order import Order
from cadomaestro.replies.reply import FollowUp, faq_paragraph
from cadomaestro.replies.returns import STILL_CHANGEABLE, item_line, never_returnable, returns
from tests.unit.order_samples import (
    BOOK,
    CHOCOLATES,
    MUG,
    NOW,
    SHIPPED_LATE,
    SHIPPED_TUE,
    item,
    make_order,
    paris,
    text_of,
)


def delivered_order(
    days_ago: int, items: tuple[dict[str, Any], ...] = (BOOK,), **kwargs: Any
) -> Order:
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
      "25 novembre 2026 (dernier jour aujourd’hui)", "à votre charge"], ["expiré", "gratuit"], 2),
    ("day 101: too late", delivered_order(101),
     ["- Livre de cuisine : le délai de 100 jours a expiré le mardi 24 novembre 2026, il ne peut "
      "plus être retourné"],
     ["retour possible", "à votre charge", "gratuit"], 1),
    ("return_1eur option: free", delivered_order(10, return_1eur=True),
     ["retour possible", "gratuit", "« retour à 1 € »"], ["à votre charge"], 2),
    # « j'ai combien de temps encore ? »: the days left, and the window
    ("day 20: 80 days left", delivered_order(20),
     ["(délai de retour : 100 jours)", "retour possible jusqu’au", "(encore 80 jours)"], [], 2),
    ("day 99: 1 day left", delivered_order(99), ["(encore 1 jour)"], [], 2),
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
      "(personnalisé) et « Chocolats fins » (périssable).", "à votre charge", STILL_CHANGEABLE],
     ["retour possible"], 1),
    # not prepared yet: taking an item out or cancelling is still possible, instead of a return
    ("awaiting payment: still changeable", make_order("en_attente_de_paiement", items=(BOOK,)),
     ["commencera à sa réception", STILL_CHANGEABLE, "à votre charge"], [], 1),
    ("being prepared: too late to change", make_order("en_cours_de_preparation", items=(BOOK,)),
     ["commencera à sa réception", "à votre charge"], [STILL_CHANGEABLE], 1),
    ("shipped: not delivered yet, with the « retour à 1 € » option", make_order(
        shipped=SHIPPED_TUE, return_1eur=True),
     ["commencera à sa réception", "Le retour est gratuit"],
     ["retour possible", "Ne peuvent pas", "à votre charge", STILL_CHANGEABLE], 1),
    ("not delivered yet, nothing returnable: no cost", make_order(
        "paiement_accepte", items=(MUG, CHOCOLATES)),
     ["Ne peuvent pas être retournés"], ["à votre charge", "gratuit"], 1),
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
def test_returns(order: Order, present: list[str], absent: list[str], count: int) -> None:
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
def test_personalised_and_perishable_lines_are_never_returnable(
    line: dict[str, Any], days_ago: int
) -> None:
    text = text_of(returns(delivered_order(days_ago, items=(line,)), NOW))
    assert f"- {line['name']} : " in text and "il ne peut pas être retourné" in text
    assert "retour possible" not in text and "expiré" not in text


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ((BOOK,), ""),
        ((MUG,), "Ne peuvent pas être retournés : « Mug gravé » (personnalisé)."),
        ((CHOCOLATES, BOOK), "Ne peuvent pas être retournés : « Chocolats fins » (périssable)."),
        ((item("Confiture gravée", personalised=True, perishable=True),),
         "Ne peuvent pas être retournés : « Confiture gravée » (personnalisé)."),
        ((MUG, BOOK, CHOCOLATES), "Ne peuvent pas être retournés : « Mug gravé » (personnalisé) "
         "et « Chocolats fins » (périssable)."),
    ],
)  # fmt: skip
def test_never_returnable(items: tuple[dict[str, Any], ...], expected: str) -> None:
    assert never_returnable(make_order("paiement_accepte", items=items)) == expected


@pytest.mark.parametrize(
    ("items", "return_1eur", "cost"),
    [((BOOK,), False, "frais de renvoi sont à votre charge"),
     ((BOOK,), True, "retour est gratuit"),
     ((MUG,), False, None),  # personalised: no cost to speak of
     ((CHOCOLATES,), True, None)],
)  # fmt: skip
def test_an_item_s_line_alone_says_the_return_s_cost_when_it_may_be_returned(
    items: tuple[dict[str, Any], ...], return_1eur: bool, cost: str | None
) -> None:
    order = delivered_order(3, items=items, return_1eur=return_1eur)
    line = next(x for x in text_of(returns(order, NOW)).splitlines() if x.startswith("- "))
    answer = item_line(order, line)
    assert answer.startswith(line)
    assert (cost in answer) if cost else answer == line
