"""TopicClassifier reads a long message sentence by sentence when the whole leaves it unsure
(`each_sentence_below`): the question buried in a letter (« Bonjour, … Serait-il possible de
vous renvoyer le puzzle ? … Avec mes remerciements »)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from cadomaestro.faq.corpus import RETRIEVAL_INTENTS
from cadomaestro.nlu.topic_classifier import SENTENCE_KEY, TopicClassifier, sentences_of
from cadomaestro.nlu.topics import answer_confidence

RETURN = "produit_defectueux/retractation"
BROKEN = "produit_defectueux/produit_defectueux"
EXAMPLES = {
    RETURN: ["je veux renvoyer un article", "possible de vous renvoyer le produit",
             "comment retourner un cadeau", "je peux vous retourner ma commande",
             "renvoyer un article qui ne plait pas"],
    BROKEN: ["le vase est arrive casse", "mon produit est abime", "l article est casse",
             "la tasse est fendue", "le cadre est arrive en morceaux"],
    "greet": ["bonjour", "bonjour madame monsieur", "salut", "bonsoir"],
    "thanks": ["merci", "avec mes remerciements", "merci beaucoup", "je vous remercie"],
}  # fmt: skip
# The story (a vase, broken) blurs the whole; its third sentence asks the return.
LETTER = ("Bonjour madame monsieur. J'ai offert un vase a mon voisin, il est arrive casse chez "
          "lui. Possible de vous renvoyer le produit ? Avec mes remerciements.")  # fmt: skip


def tokenized(text: str) -> Message:
    """A message as the pipeline prepares it: its words and punctuation as tokens."""
    tokens = [Token(m.group().lower(), m.start()) for m in re.finditer(r"\w+|[.!?]+", text)]
    return Message(data={TEXT: text, TOKENS_NAMES[TEXT]: tokens})


def trained(
    tmp_path_factory: pytest.TempPathFactory,
    config: dict[str, Any],
    labelled: dict[str, list[str]] = EXAMPLES,
) -> TopicClassifier:
    """A TopicClassifier with `config` over its defaults, trained on `labelled`'s examples
    (full labels: `faq/pays_livraison`, `greet`)."""
    storage = LocalModelStorage(Path(tmp_path_factory.mktemp("model")))
    config = {**TopicClassifier.get_default_config(), **config}
    component = TopicClassifier(config, storage, Resource("topics"))
    examples = []
    for label, texts in labelled.items():
        for text in texts:
            message = tokenized(text)
            message.set(INTENT, label.split("/")[0])
            message.set(INTENT_RESPONSE_KEY, label if "/" in label else None)
            examples.append(message)
    component.train(TrainingData(training_examples=examples))
    return component


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> TopicClassifier:
    return trained(tmp_path_factory, {"each_sentence_below": 0.5})


@pytest.fixture(scope="module")
def whole_only(tmp_path_factory: pytest.TempPathFactory) -> TopicClassifier:
    return trained(tmp_path_factory, {"each_sentence_below": None})


def parse(classifier: TopicClassifier, text: str) -> Message:
    [message] = classifier.process([tokenized(text)])
    return message


def confidence(message: Message) -> float:
    return answer_confidence(message.as_dict(), RETRIEVAL_INTENTS)


def test_the_sentences_of_a_message() -> None:
    sentences = [text for text, _ in sentences_of(tokenized(LETTER), 3)]
    assert sentences == ["bonjour madame monsieur",
                         "j ai offert un vase a mon voisin il est arrive casse chez lui",
                         "possible de vous renvoyer le produit",
                         "avec mes remerciements"]  # fmt: skip
    assert [t for t, _ in sentences_of(tokenized(LETTER), 4)][0].startswith("j ai offert")
    assert sentences_of(tokenized("possible de vous renvoyer le produit ?"), 3) == []  # one


def test_each_sentence_keeps_its_span_of_the_spacy_document() -> None:
    import spacy
    from rasa.nlu.constants import SPACY_DOCS

    text = "jai un pb.. le vase est casse..je peux le renvoyer"
    doc = spacy.blank("fr")(text)
    message = Message(data={TEXT: text, SPACY_DOCS[TEXT]: doc,
                            TOKENS_NAMES[TEXT]: [Token(t.text, t.idx) for t in doc]})  # fmt: skip
    sentences = sentences_of(message, 3)
    assert [t for t, _ in sentences] == ["jai un pb", "le vase est casse", "je peux le renvoyer"]
    assert [part.get(SPACY_DOCS[TEXT]).text for _, part in sentences] == [
        "jai un pb", "le vase est casse", "je peux le renvoyer"]  # fmt: skip


def test_an_unsure_letter_is_answered_by_its_surest_sentence(classifier, whole_only) -> None:
    whole = parse(whole_only, LETTER)
    assert confidence(whole) < 0.5 and SENTENCE_KEY not in whole.as_dict()
    message = parse(classifier, LETTER)
    assert message.get("intent_ranking")[0]["name"] == "produit_defectueux"
    selected = message.get("response_selector")["produit_defectueux"]["response"]
    assert selected["intent_response_key"] == RETURN
    assert confidence(message) >= 0.5 and message.get(SENTENCE_KEY) is True


def test_a_sure_or_single_sentence_message_is_read_whole(classifier) -> None:
    sure = parse(classifier, "Bonjour. Je veux renvoyer un article qui ne plait pas.")
    assert SENTENCE_KEY not in sure.as_dict()
    one = parse(classifier, "le vase est casse mais je veux le renvoyer")
    assert SENTENCE_KEY not in one.as_dict()


def test_greetings_and_thanks_are_no_topic(classifier) -> None:
    message = parse(classifier, "Bonjour madame monsieur. Avec mes remerciements.")
    assert SENTENCE_KEY not in message.as_dict()
