"""Tests of cadomaestro/replies/loyalty.py: the balance, its expiry, and the FAQ's explanation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from cadomaestro.replies.loyalty import loyalty_balance, maestros_for
from cadomaestro.replies.order import Loyalty
from cadomaestro.replies.reply import FollowUp, faq_paragraph
from tests.unit.order_samples import text_of


@pytest.mark.parametrize(
    ("data", "present", "absent"),
    [
        ({"points": 1350, "expires_on": "2027-03-31"},
         "Vous avez 1\u202f350 maestros, valables jusqu’au mercredi 31 mars 2027.", "pas encore"),
        ({"points": 1350, "expires_on": None}, "Vous avez 1\u202f350 maestros.", "valables"),
        ({"points": 15, "expires_on": "2027-01-01"},
         "Vous avez 15 maestros, valables jusqu’au vendredi 1er janvier 2027.", "pas encore"),
        ({"points": 0, "expires_on": "2027-03-31"}, "Vous n’avez aucun maestro pour le moment.",
         "valables"),
        ({"points": 0, "expires_on": None}, "Vous n’avez aucun maestro pour le moment.",
         "Vous avez"),
    ],
)  # fmt: skip
def test_loyalty_balance(data: dict[str, Any], present: str, absent: str) -> None:
    reply = loyalty_balance(Loyalty.from_api(data))
    assert reply.messages[0].startswith(present)
    assert absent not in text_of(reply)
    assert "Chaque euro dépensé vous rapporte 15 maestros." in reply.messages[0]
    # where the points are shown and how they are used: the FAQ's two paragraphs
    faq = [faq_paragraph("points_fidelite/points_fidelite", i) for i in (0, 1)]
    assert reply.messages[1] == " ".join(faq)
    assert reply.follow_up is FollowUp.NONE


@pytest.mark.parametrize(
    ("amount", "text"),
    [("80", "Pour 80 € d’achats, vous cumulez 1\u202f200 maestros"),
     ("35.50", "Pour 35,50 € d’achats, vous cumulez 532 maestros"),
     ("0.05", "Pour 0,05 € d’achats, vous cumulez 0 maestro "),
     ("0.10", "Pour 0,10 € d’achats, vous cumulez 1 maestro ")],
)  # fmt: skip
def test_maestros_for_an_amount(amount: str, text: str) -> None:
    assert maestros_for(Decimal(amount)).startswith(text)
