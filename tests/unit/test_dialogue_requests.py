"""Requests to customer service in the dialogue (actions/conversation.py), with the fake order
backend over the demo shop: thanks are no details, a vague question about changing the order is
not about its personalisation, and a change asked with the postcode asks for the e-mail without
looping. The same conversations through the real NLU and servers are in
tests/integration/test_keeps_the_thread.py."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest

from actions.conversation import Awaiting, State, Understanding, _next_weekday, _reread
from actions.respond import corpus_recall
from cadomaestro.replies.changes import EMAIL_NEEDED, NO_EMAIL_YET, NOTED, email_still_needed
from cadomaestro.rules.calendar import PARIS
from tests.unit.test_logged_in_customer import Chat, texts

MODIFY = "modifier_commande/modifier_annuler_commande"
PERSONALISATION = "modifier_commande/modifier_personnalisation"


def _vague(text: str = "je peux encore la modifier ?") -> Understanding:
    return Understanding(text=text, intent="modifier_commande", topic=PERSONALISATION,
                         ranked_topics=((PERSONALISATION, 0.6), (MODIFY, 0.3),
                                        ("faq/facture", 0.1)))  # fmt: skip


def test_a_vague_change_is_about_the_order_not_its_personalisation() -> None:
    reread = _reread(State(), _vague())
    assert reread.topic == MODIFY
    assert [key for key, _ in reread.ranked_topics] == [MODIFY, "faq/facture"]
    assert abs(reread.ranked_topics[0][1] - 0.9) < 1e-9
    named = _vague("je peux encore modifier la gravure ?")
    assert _reread(State(), named) == named
    after = State(last_topic=PERSONALISATION)  # « la »: the personalisation just answered
    assert _reread(after, _vague()).topic == PERSONALISATION


def verified(proof: str = "claire.martin@example.fr") -> Chat:
    chat = Chat()
    chat.say("KQZPTRBWE", "donner_infos", reference="KQZPTRBWE")
    assert chat.say(proof, "donner_infos", proof=proof)[0].response == "utter_commande_retrouvee"
    return chat


def test_thanks_while_the_details_are_awaited_are_not_recorded() -> None:
    chat = verified()
    asked = texts(chat.say("je peux encore la modifier ?", "modifier_commande", PERSONALISATION))
    assert "Que souhaitez-vous modifier" in asked and "personnalisation" not in asked
    assert chat.state.awaiting is Awaiting.DETAILS
    again = texts(chat.say("merci bcp", "thanks"))
    assert again.startswith("Avec plaisir ! Je n’ai encore rien transmis")
    assert "Que souhaitez-vous modifier" in again
    assert chat.state.awaiting is Awaiting.DETAILS
    assert "rien transmis" in texts(chat.say("merci", "thanks"))  # once, then no more
    assert chat.state.awaiting is Awaiting.NOTHING and chat.state.request_kind is None
    assert not [call for call in chat.shop.calls if call[0] == "create_request"]
    chat = verified()
    chat.say("je peux encore la modifier ?", "modifier_commande", PERSONALISATION)
    chat.say("ok", "affirm")
    assert texts(chat.say("changer l'adresse", "nlu_fallback")).startswith("C’est transmis")
    assert [call[0] for call in chat.shop.calls].count("create_request") == 1


def test_a_change_asked_with_the_postcode_keeps_the_details_and_asks_the_email_again() -> None:
    chat = Chat()
    chat.say("je veux modifier ma commande", "modifier_commande", MODIFY,
             reference="KQZPTRBWE")  # fmt: skip
    first = texts(chat.say("69003", "donner_infos", proof="69003"))
    assert "encore possible" in first and first.endswith(EMAIL_NEEDED)
    second = texts(chat.say("changer l'adresse de livraison", "modifier_commande", MODIFY))
    assert second == email_still_needed(NOTED)
    assert "changer l'adresse de livraison" in (chat.state.details or "")
    third = texts(chat.say("annuler la commande alors", "modifier_commande", MODIFY))
    assert third.startswith(NO_EMAIL_YET) and chat.state.request_kind == "annulation"
    done = texts(chat.say("claire.martin@example.fr", "donner_infos",
                          proof="claire.martin@example.fr"))  # fmt: skip
    assert done.startswith("C’est transmis")
    assert [call[0] for call in chat.shop.calls].count("create_request") == 1


def test_a_rare_word_in_a_close_topic_s_answer_is_answered_from_it() -> None:
    """« et en corse ? » not understood: the close topic whose answer has the rare word answers
    it with that sentence instead of the choice of topics; without one, the choice."""
    chat = Chat()
    chat.conversation.recall = corpus_recall()
    ranked = (("faq/pays_livraison", 0.3), ("faq/modes_livraison", 0.2))
    u = Understanding(text="et en corse ?", intent="nlu_fallback", topic=None,
                      ranked_topics=ranked)  # fmt: skip
    answer = texts(asyncio.run(chat.conversation.respond(chat.state, u)))
    assert "hors Corse" in answer and chat.state.last_topic == "faq/modes_livraison"
    other = Understanding(text="et en bretagne ?", intent="nlu_fallback", topic=None,
                          ranked_topics=ranked)  # fmt: skip
    fresh = Chat()
    fresh.conversation.recall = corpus_recall()
    [clarify] = asyncio.run(fresh.conversation.respond(fresh.state, other))
    assert clarify.response == "utter_clarify"


@pytest.mark.parametrize(
    ("now", "day", "at", "expected"),
    [(datetime(2026, 12, 8, 0, 46, tzinfo=PARIS), 5, (11, 0), datetime(2026, 12, 12, 11, 0)),
     (datetime(2026, 12, 8, 0, 46, tzinfo=PARIS), 1, (11, 0), datetime(2026, 12, 8, 11, 0)),
     # today, the hour gone: next week's
     (datetime(2026, 12, 8, 15, 0, tzinfo=PARIS), 1, (11, 0), datetime(2026, 12, 15, 11, 0)),
     (datetime(2026, 12, 8, 15, 0, tzinfo=PARIS), 4, (16, 30), datetime(2026, 12, 11, 16, 30))],
)  # fmt: skip
def test_the_day_an_order_would_be_placed(now, day, at, expected) -> None:
    assert _next_weekday(now, day, at) == expected.replace(tzinfo=PARIS)
