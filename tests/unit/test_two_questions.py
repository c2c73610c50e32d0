"""Two questions in one message (actions/conversation.py, `_second_answer`): the second FAQ
topic the NLU found is answered after the first, unless its answer would be about the order
verified or spoken of. The NLU's side is in tests/unit/test_second_question.py, both with the
real servers in tests/integration/test_keeps_the_thread.py."""

from __future__ import annotations

import pytest

from tests.unit.test_logged_in_customer import CLAIRE, Chat

CARD = "faq/carte_cadeau"
PAYMENT = "faq/modes_paiement"
WRAP = "faq/emballages_cadeaux"  # about a verified order: adding gift wrap to it


def responses(chat: Chat, text: str, topic: str, second: str | None) -> list[str | None]:
    return [m.response for m in chat.say(text, "faq", topic, second_topic=second)]


def verified() -> Chat:
    chat = Chat()
    chat.state.reference = chat.state.verified = "KQZPTRBWE"
    chat.state.verified_proof = CLAIRE
    return chat


def test_what_the_first_answer_said_is_not_said_again() -> None:
    chat = Chat()
    said = chat.say("vous expediez quand ? et la livraison coute combien ?", "faq",
                    "faq/delai_expedition", second_topic="faq/delais_frais_livraison")  # fmt: skip
    assert [m.response for m in said] == [
        "utter_faq/delai_expedition", None, "utter_faq/delais_frais_livraison"]  # fmt: skip
    assert "Pour une commande passée maintenant" in (said[1].text or "")  # the estimates, once
    assert chat.state.last_topic == "faq/delais_frais_livraison"


@pytest.mark.parametrize(
    ("chat", "text", "topic", "second", "expected"),
    [
        # both general: both answered, the first first
        (Chat, "je peux payer en 3 fois ? et les cartes cadeaux ?", PAYMENT, CARD,
         [f"utter_{PAYMENT}", f"utter_{CARD}"]),
        (Chat, "les cartes cadeaux ? je peux payer en 3 fois ?", CARD, PAYMENT,
         [f"utter_{CARD}", f"utter_{PAYMENT}"]),
        (Chat, "vous faites des cartes cadeaux ?", CARD, None, [f"utter_{CARD}"]),
        (Chat, "les cartes cadeaux ? les cartes cadeaux ?", CARD, CARD, [f"utter_{CARD}"]),
        # an order problem is no second FAQ answer
        (Chat, "les cartes cadeaux ? ou est mon colis ?", CARD, "colis_perdu/colis_perdu",
         [f"utter_{CARD}"]),
        # an order verified: a question about the shop still answered, one about the order not
        (verified, "les cartes cadeaux ? et vous livrez en belgique ?", CARD,
         "faq/pays_livraison", [f"utter_{CARD}", "utter_faq/pays_livraison"]),
        (verified, "les cartes cadeaux ? et l emballage cadeau ?", CARD, WRAP, [f"utter_{CARD}"]),
        # an order spoken of: the same
        (Chat, "les cartes cadeaux ? et ma commande je peux payer en 3 fois ?", CARD, PAYMENT,
         [f"utter_{CARD}"]),
    ],
)  # fmt: skip
def test_the_second_question_s_answer(chat, text, topic, second, expected) -> None:
    assert responses(chat(), text, topic, second) == expected
