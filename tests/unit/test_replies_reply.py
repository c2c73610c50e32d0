"""Tests of cadomaestro/replies/reply.py, and the orders every reply test builds (as the order
backend's API returns them): the other test_replies_* modules import them from here."""

from __future__ import annotations

import pytest

from cadomaestro.replies.reply import faq_paragraph, starts_with_status, status_sentence
from cadomaestro.rules.orders import OrderStatus
from tests.faq_entries import faq_entries
from tests.unit.order_samples import (
    MUG,
    WRAPPED_BOOK,
    make_order,
    order_in,
    paris,
)

S = OrderStatus


def test_factory_builds_the_order_the_backend_describes() -> None:
    order = make_order(shipped=paris(2026, 11, 24, 14, 0), items=(MUG, WRAPPED_BOOK))
    assert order.status is S.EXPEDIE and order.shipped_at == paris(2026, 11, 24, 14, 0)
    assert [line.personalised for line in order.lines] == [True, False]
    assert order.has_gift_wrap and not order.gift_wrap


@pytest.mark.parametrize("status", list(OrderStatus))
def test_status_sentence_names_the_order_and_its_label(status: OrderStatus) -> None:
    assert status_sentence(order_in(status)) == (
        f"Votre commande KQZPTRBWE est au statut « {status.label} »."
    )


@pytest.mark.parametrize(
    ("topic", "index"),
    [("colis_perdu/retour_expediteur", 1), ("colis_perdu/livre_non_recu", 0),
     ("produit_defectueux/retractation", 1), ("points_fidelite/points_fidelite", 0),
     ("points_fidelite/points_fidelite", 1)],
)  # fmt: skip
def test_faq_paragraph_quotes_the_corpus(topic: str, index: int) -> None:
    # the paragraphs the replies quote exist, and are the corpus answer's own words
    answers = {entry.full_intent: entry.answer for entry in faq_entries()}
    paragraph = faq_paragraph(topic, index)
    assert paragraph and "\n\n" not in paragraph
    assert paragraph in answers[topic]


@pytest.mark.parametrize(
    ("text", "status"),
    [("Votre commande QSDFGHJKL est au statut « Annulé ». Elle ne sera pas expédiée.", True),
     ("Merci, j’ai bien retrouvé votre commande QSDFGHJKL.", False),
     ("Sans résultat, vous pouvez porter réclamation.", False)],
)  # fmt: skip
def test_starts_with_status(text: str, status: bool) -> None:
    assert starts_with_status(text) is status
