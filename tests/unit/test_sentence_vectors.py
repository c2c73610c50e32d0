"""Sentence vectors (the multilingual Universal Sentence Encoder, its weights from its package)
and TopicClassifier's second reading with them of a message it is unsure of."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from cadomaestro.nlu.sentence_vectors import SIZE, sentence_vectors
from cadomaestro.nlu.topic_classifier import TopicClassifier
from tests.unit.trackers import tracker_after


def cosine(a: str, b: str) -> float:
    u, v = sentence_vectors([a, b], 1.0)
    return float(u @ v)


def test_vectors_have_the_given_norm_and_an_empty_text_none() -> None:
    vectors = sentence_vectors(["où en est mon colis ?", "", "   "], 0.5)
    assert vectors.shape == (3, SIZE)
    assert np.linalg.norm(vectors[0]) == pytest.approx(0.5, abs=1e-4)
    assert not vectors[1].any() and not vectors[2].any()
    assert sentence_vectors([], 1.0).shape == (0, SIZE)


@pytest.mark.parametrize(
    ("message", "near", "far"),
    [
        # The same need in other words, nearer than another need sharing a word: the weights
        # are the trained ones. Not always so: « mon colis n'arrive toujours pas » is nearer
        # « mon colis est abîmé » (0.83) than « ma livraison est en retard » (0.45); the
        # vectors help beside TF-IDF on average (docs/understanding.md), they do not replace it.
        ("je peux payer en plusieurs fois ?", "paiement en trois fois", "payer la livraison"),
        ("vous etes ouverts le samedi ?", "horaires d'ouverture", "ouvrir un compte"),
        ("je veux être remboursé", "rembourser ma commande", "je veux être livré"),
    ],
)
def test_a_need_said_otherwise_is_nearer_than_shared_words(message: str, near: str, far: str):
    assert cosine(message, near) > cosine(message, far)


EXAMPLES = {
    "retard": ["mon colis est en retard", "toujours pas recu ma commande", "livraison en retard",
               "le colis n'arrive pas", "commande pas encore arrivee"],
    "paiement": ["je peux payer par paypal", "paiement refuse", "payer en trois fois",
                 "moyens de paiement acceptes", "ma carte ne passe pas"],
    "fidelite": ["combien de points fidelite", "mes maestros", "programme de fidelite",
                 "cagnotte de points", "utiliser mes points"],
}  # fmt: skip


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> TopicClassifier:
    storage = LocalModelStorage(Path(tmp_path_factory.mktemp("model")))
    config = {**TopicClassifier.get_default_config(), "sentence_vectors_weight": 1.0}
    component = TopicClassifier(config, storage, Resource("topics"))
    examples = [Message(data={TEXT: text, INTENT: label})
                for label, texts in EXAMPLES.items() for text in texts]  # fmt: skip
    component.train(TrainingData(training_examples=examples))
    return component


def reading(classifier: TopicClassifier, text: str, sentences: bool = False) -> float:
    """The likeliest label's probability, by the first regression or the second."""
    return float(classifier._read(text, Message(data={TEXT: text}), sentences=sentences).max())


def confidence(
    classifier: TopicClassifier, text: str, tracker: DialogueStateTracker | None = None
) -> float:
    [message] = classifier.process([Message(data={TEXT: text})], tracker)
    return float(message.get(INTENT)["confidence"])


@pytest.mark.parametrize(
    ("text", "kept"),
    [("mon colis est en retard", "first"),  # sure at once: read once
     ("ca marche comment ?", "first"),  # unsure, and unsure again: the first reading stays
     ("visa ou mastercard", "second")],  # unsure, then sure: no word of it was learnt
)  # fmt: skip
def test_an_unsure_message_is_read_again_and_the_second_reading_kept_if_sure(
    classifier, text: str, kept: str
) -> None:
    below = classifier.config["sentence_vectors_below"]
    first, second = reading(classifier, text), reading(classifier, text, sentences=True)
    assert first != second
    if kept == "first":
        assert first >= below or second < below
    else:
        assert first < below <= second
        [message] = classifier.process([Message(data={TEXT: text})])
        assert message.get(INTENT)["name"] == "paiement"
    assert confidence(classifier, text) == pytest.approx(first if kept == "first" else second)


@pytest.mark.parametrize("word", ["hein", "avantages", "visa ?"])
def test_a_word_alone_is_not_read_again(classifier, word: str) -> None:
    """Unsure alone, sure with its sentence vector, and still the first reading: a word alone
    is no sentence (the trained model read « euh » and « hein » as a yes)."""
    first, second = reading(classifier, word), reading(classifier, word, sentences=True)
    assert first < classifier.config["sentence_vectors_below"] <= second
    assert confidence(classifier, word) == pytest.approx(first)


def test_the_second_reading_is_saved_with_the_model(classifier) -> None:
    loaded = TopicClassifier.load(
        classifier.config, classifier._storage, classifier._resource, execution_context=None
    )
    assert loaded.sentences_probabilities is not None
    assert reading(loaded, "cb", sentences=True) == reading(classifier, "cb", sentences=True)


@pytest.mark.parametrize(
    ("text", "wait", "again"),
    [("visa mastercard", None, True),
     ("visa mastercard", "details", False),  # details awaited: the dialogue's to read
     ("visa mastercard", "preuve", False),
     ("visa mastercard", "reference", False),  # asked for the reference: only a question
     ("visa mastercard ?", "reference", True),
     ("visa mastercard ?", "offre_verification", True)],
)  # fmt: skip
def test_an_unsure_message_is_read_again_unless_something_precise_is_awaited(
    classifier, text: str, wait: str | None, again: bool
) -> None:
    first, second = reading(classifier, text), reading(classifier, text, sentences=True)
    assert first < classifier.config["sentence_vectors_below"] <= second
    expected = second if again else first
    assert confidence(classifier, text, tracker_after("bonjour", wait)) == pytest.approx(expected)
