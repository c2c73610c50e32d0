"""TopicClassifier sets a second FAQ topic beside the first when a message asks two questions
(`second_question_bar`): « vous livrez en belgique ? combien coute la livraison ? »."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from cadomaestro.evaluation.two_questions import TwoQuestions, load, outcome
from cadomaestro.nlu.topic_classifier import TopicClassifier, sentences_of
from cadomaestro.nlu.topics import SECOND_QUESTION_KEY, top_topic
from tests.faq_entries import faq_entries
from tests.unit.test_each_sentence import tokenized, trained

COUNTRIES = "faq/pays_livraison"
COSTS = "faq/delais_frais_livraison"
WRAP = "faq/emballages_cadeaux"
EXAMPLES = {
    COUNTRIES: ["vous livrez en belgique", "livraison en suisse possible",
                "vous livrez a l etranger", "vous envoyez en espagne", "quels pays livrez vous"],
    COSTS: ["combien coute la livraison", "les frais de port c est combien",
            "prix de la livraison", "combien de frais d envoi", "la livraison est payante"],
    WRAP: ["vous faites les emballages cadeaux", "papier cadeau possible",
           "vous emballez les cadeaux", "un paquet cadeau svp", "emballage cadeau propose"],
    "greet": ["bonjour", "bonjour madame monsieur", "salut", "bonsoir"],
    "thanks": ["merci", "merci beaucoup", "je vous remercie", "merci d avance"],
}  # fmt: skip


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> TopicClassifier:
    return trained(tmp_path_factory, {"second_question_bar": 0.6}, EXAMPLES)


def answering(topic: str) -> dict:
    """Parse data answering with a FAQ topic."""
    return {INTENT: {"name": "faq"},
            "response_selector": {"faq": {"response": {"intent_response_key": topic}}}}  # fmt: skip


def parse(classifier: TopicClassifier, text: str) -> dict:
    [message] = classifier.process([tokenized(text)])
    return message.as_dict()


def test_only_the_questions_of_a_message() -> None:
    text = "bonjour madame. vous livrez en belgique ? et les frais de port ?? merci"
    assert [t for t, _ in sentences_of(tokenized(text), 3, questions_only=True)] == [
        "vous livrez en belgique", "et les frais de port"]  # fmt: skip
    assert sentences_of(tokenized("vous livrez en belgique ?"), 3, questions_only=True) == []


@pytest.mark.parametrize(
    "text",
    [
        "vous livrez en belgique ? combien coute la livraison ?",
        "combien coute la livraison ? vous livrez en belgique ?",
        "Bonjour. Vous livrez en Belgique ? Et la livraison coute combien ? Merci",
    ],
)
def test_two_questions_two_topics(classifier: TopicClassifier, text: str) -> None:
    parsed = parse(classifier, text)
    first = top_topic(parsed)
    assert first in (COUNTRIES, COSTS)
    assert parsed[SECOND_QUESTION_KEY]["name"] == ({COUNTRIES, COSTS} - {first}).pop()
    assert parsed[SECOND_QUESTION_KEY]["confidence"] >= 0.6


@pytest.mark.parametrize(
    "text",
    [
        "vous livrez en belgique ?",  # one question
        "vous livrez en belgique ? merci beaucoup",  # a thanks, no question
        "vous livrez en belgique. combien coute la livraison",  # no question mark
        "vous livrez en belgique ? bonjour madame monsieur ?",  # a greeting is no FAQ topic
        "vous livrez en belgique ? vous livrez en suisse ?",  # the same topic twice
        "bonjour madame monsieur ? merci beaucoup ?",  # no FAQ topic
    ],
)
def test_no_second_topic(classifier: TopicClassifier, text: str) -> None:
    assert SECOND_QUESTION_KEY not in parse(classifier, text)


def test_no_second_topic_without_the_bar(classifier: TopicClassifier) -> None:
    classifier.config = {**classifier.config, "second_question_bar": None}
    try:
        assert SECOND_QUESTION_KEY not in parse(
            classifier, "vous livrez en belgique ? combien coute la livraison ?"
        )
    finally:
        classifier.config = {**classifier.config, "second_question_bar": 0.6}


def test_top_topic() -> None:
    assert top_topic({INTENT: {"name": "greet"}}) is None
    assert top_topic(answering(WRAP)) == WRAP


@pytest.mark.parametrize(
    ("second", "parsed_first", "parsed_second", "expected"),
    [
        (COSTS, COUNTRIES, COSTS, "both"),
        (COSTS, COSTS, COUNTRIES, "both"),  # in either order
        (COSTS, COUNTRIES, WRAP, "wrong"),
        (COSTS, WRAP, COSTS, "wrong"),
        (COSTS, COUNTRIES, None, "first only"),
        (COSTS, COSTS, None, "first only"),
        (COSTS, WRAP, None, "wrong"),
        (COSTS, None, None, "clarified"),
        (None, COUNTRIES, None, "one"),
        (None, COUNTRIES, WRAP, "extra"),
        (None, None, None, "clarified"),
    ],
)
def test_the_two_questions_evaluation_s_outcomes(
    second, parsed_first, parsed_second, expected
) -> None:
    message = TwoQuestions("A" if second else "B", "…", COUNTRIES, second)
    parse = answering(parsed_first) if parsed_first else {INTENT: {"name": "nlu_fallback"}}
    if parsed_second:
        parse[SECOND_QUESTION_KEY] = {"name": parsed_second, "confidence": 0.95}
    assert outcome(message, parse) == expected


def test_the_two_questions_set_names_real_topics() -> None:
    topics = {entry.full_intent for entry in faq_entries()}
    messages = load()
    assert {m.kind for m in messages} == {"A", "B", "C"}
    for m in messages:
        assert {m.first, m.second or m.first} <= topics and (m.second is None) == (m.kind != "A")
