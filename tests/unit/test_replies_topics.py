"""Tests of cadomaestro/replies/topics.py: which topics need an order and which answer they get;
and no reply, whatever the topic and the order, uses tutoiement."""

from __future__ import annotations

import re

import pytest

from cadomaestro.replies.loyalty import loyalty_balance
from cadomaestro.replies.order import Loyalty
from cadomaestro.replies.reply import FollowUp
from cadomaestro.replies.requests import request_confirmation
from cadomaestro.replies.topics import (
    DIALOGUE_TOPICS,
    LOYALTY_TOPICS,
    ORDER_TOPICS,
    answer_about_order,
    needs_order,
)
from cadomaestro.rules.orders import OrderStatus
from cadomaestro.rules.requests import RequestKind as K
from tests.faq_entries import faq_entries
from tests.unit.order_samples import BOOK, CHOCOLATES, MUG, NOW, order_in

S = OrderStatus

ALL_TOPICS = sorted(set(ORDER_TOPICS) | LOYALTY_TOPICS)


@pytest.mark.parametrize("topic", ALL_TOPICS)
def test_order_topics_need_an_order_and_exist_in_the_corpus(topic: str) -> None:
    assert needs_order(topic)
    # The status of an order (« où en est ma commande ? ») and how it will be received are the
    # dialogue's own topics.
    assert topic in {entry.full_intent for entry in faq_entries()} | DIALOGUE_TOPICS


@pytest.mark.parametrize(
    "topic",
    ["faq/pays_livraison", "points_fidelite/programme_fidelite", "colis_perdu", "", "faq"],
)
def test_other_topics_do_not_need_an_order(topic: str) -> None:
    assert not needs_order(topic)


def test_every_order_problem_of_the_corpus_is_answered() -> None:
    # every colis_perdu / produit_defectueux / modifier_commande topic is answered from the order
    intents = {"colis_perdu", "produit_defectueux", "modifier_commande"}
    corpus = {entry.full_intent for entry in faq_entries() if entry.intent in intents}
    assert corpus == set(ORDER_TOPICS) - DIALOGUE_TOPICS


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
def test_answer_about_order_dispatches(
    topic: str, status: OrderStatus, follow_up: FollowUp, kind: K | None
) -> None:
    reply = answer_about_order(topic, order_in(status), NOW)
    assert (reply.follow_up, reply.kind) == (follow_up, kind)


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
    texts: list[str] = []
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
    for kind in K:
        texts += [
            request_confirmation(
                kind,
                7,
                "KQZPTRBWE",
                photo="une photo" if required else None,
                photo_sent=sent,
                calls_back=back,
            )  # fmt: skip
            for required in (False, True)
            for sent in (False, True)
            for back in (False, True)
        ]
    return texts


def test_no_reply_uses_tutoiement() -> None:
    texts = every_reply_text()
    assert len(texts) > 1000
    informal = sorted({text for text in texts if TUTOIEMENT.search(text)})
    assert informal == []
