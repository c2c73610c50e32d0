"""The agents' to-do list (cadomaestro/console/todo.py) and the reading of each customer message
it relies on (conversations.messages: clarifications resolved by a click or not)."""

from __future__ import annotations

from datetime import datetime, timezone

from cadomaestro.console.conversations import messages
from cadomaestro.console.todo import NO_TOPIC, least_understood
from tests.console.test_conversations import (
    CLARIFY,
    CLICK,
    FAQ,
    HANDOVER,
    T0,
    bot,
    start,
    turn,
    user,
)

DEFECT = "produit_defectueux/produit_defectueux"
UNSURE = turn(
    user("c koi le delai pr la belgique", "faq", 0.55,
         topics={"faq": [("faq/delais_frais_livraison", 0.6), ("faq/pays_livraison", 0.3)]},
         at=T0 + 5),
    bot("Les délais…", "utter_faq/delais_frais_livraison", at=T0 + 5),
)  # fmt: skip
NO_IDEA = turn(
    user("azerty", "nlu_fallback", 0.4, [("nlu_fallback", 0.4), ("greet", 0.2)], at=T0 + 6),
    bot("Pouvez-vous reformuler ?", "utter_clarify_reformuler", at=T0 + 6),
)  # fmt: skip


def test_a_clarification_resolved_by_a_click_or_not() -> None:
    clicked = messages([*start(), *CLARIFY, *CLICK])
    assert [(m.index, m.clarified, m.unresolved) for m in clicked] == [
        (0, True, False), (1, False, False)]  # fmt: skip
    typed = messages([*start(), *CLARIFY, *HANDOVER])
    assert (typed[0].clarified, typed[0].unresolved) == (True, True)
    left = messages([*start(), *FAQ, *CLARIFY])  # the customer never answered
    assert [(m.clarified, m.unresolved) for m in left] == [(False, False), (True, True)]


def test_what_is_on_the_list_grouped_by_the_closest_topic() -> None:
    conversations = {
        "web:a": [*start(), *FAQ, *CLARIFY, *HANDOVER],
        "web:b": [*start(), *UNSURE, *NO_IDEA],
        "web:c": [*start(), *FAQ, *CLARIFY, *CLICK],
    }
    groups = least_understood(conversations)
    found = {(g.topic, i.conversation_id, i.index, i.reasons) for g in groups for i in g.items}
    assert found == {
        # intent x topic: produit_defectueux 0.26 x 0.9 beats faq 0.43 x 0.5
        (DEFECT, "web:a", 1, ("fallback", "low_confidence", "unresolved")),
        (DEFECT, "web:c", 1, ("fallback", "low_confidence")),
        ("faq/delais_frais_livraison", "web:b", 0, ("low_confidence",)),
        (NO_TOPIC, "web:b", 1, ("fallback", "low_confidence")),
    }  # the clear FAQ question, the click and the handover are not on it
    assert groups[0].topic == DEFECT and len(groups[0].items) == 2
    assert groups[-1].topic == NO_TOPIC  # among groups of the same size, "no topic" last


def test_corrected_messages_and_the_threshold() -> None:
    conversations = {"web:b": [*start(), *UNSURE, *NO_IDEA]}
    assert [i.index for g in least_understood(conversations, {("web:b", 1)}) for i in g.items] == [
        0
    ]
    strict = least_understood(conversations, threshold=0.5)
    assert [i.index for g in strict for i in g.items] == [1]
    assert least_understood({}) == []


def test_only_the_messages_of_the_period() -> None:
    conversations = {"web:b": [*start(), *UNSURE, *NO_IDEA]}  # at T0 + 5 and T0 + 6
    between = datetime.fromtimestamp(T0 + 5.5, tz=timezone.utc)
    later = least_understood(conversations, since=between)
    assert [i.index for g in later for i in g.items] == [1]  # index counted from the start
    earlier = least_understood(conversations, until=between)
    assert [i.index for g in earlier for i in g.items] == [0]
