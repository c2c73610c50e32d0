"""TopicClassifier's out-of-scope check: a binary regression, trained also on the examples marked
`whole_messages_only`, that reads whole messages read alone (« cmt je recupere mon mdp gmail »
uses the shop's words about another service)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from cadomaestro.nlu.topic_classifier import (
    OUT_OF_SCOPE,
    OUT_OF_SCOPE_CHECK_KEY,
    TopicClassifier,
    whole_messages_only,
)
from tests.unit.trackers import tracker_after

EXAMPLES = {
    "mot_de_passe": ["j'ai oublie mon mot de passe", "mot de passe perdu",
                     "reinitialiser mon mot de passe", "je n'arrive plus a me connecter",
                     "changer mon mot de passe", "mon mot de passe ne marche pas"],
    "retard": ["mon colis est en retard", "toujours pas recu ma commande", "livraison en retard",
               "le colis n'arrive pas", "commande pas encore arrivee"],
    OUT_OF_SCOPE: ["quel temps fait il demain", "raconte moi une blague", "qui a gagne le match",
                   "une recette de crepes"],
}  # fmt: skip
# Read only by the check: the shop's words about other services.
WHOLE_MESSAGES_ONLY = [
    "j'ai oublie le mot de passe de ma boite gmail comment le recuperer",
    "mot de passe gmail perdu que faire pour le retrouver",
    "je n'arrive plus a me connecter a gmail depuis hier soir",
    "mon compte gmail est bloque apres un mot de passe oublie",
    "comment changer le mot de passe de ma messagerie gmail sur mon telephone",
    "gmail me dit que mon mot de passe est incorrect",
    "j'ai perdu l'acces a mon compte gmail",
    "mon compte gmail a ete pirate hier",
]
LONG = "j'ai perdu le mot de passe de mon compte gmail"  # 10 words, no question
SHORT = "mot de passe gmail"


def marked(text: str) -> Message:
    return Message(data={TEXT: text, INTENT: OUT_OF_SCOPE,
                         "metadata": {"intent": {"whole_messages_only": True}}})  # fmt: skip


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> TopicClassifier:
    storage = LocalModelStorage(Path(tmp_path_factory.mktemp("model")))
    config = {**TopicClassifier.get_default_config(), "out_of_scope_check_bar": 0.8,
              "out_of_scope_check_min_words": 6}  # fmt: skip
    component = TopicClassifier(config, storage, Resource("topics"))
    examples = [Message(data={TEXT: text, INTENT: label})
                for label, texts in EXAMPLES.items() for text in texts]  # fmt: skip
    examples += [marked(text) for text in WHOLE_MESSAGES_ONLY]
    component.train(TrainingData(training_examples=examples))
    return component


def parse(classifier: TopicClassifier, text: str, wait: str | None = None) -> Message:
    tracker = tracker_after("bonjour", wait) if wait is not None else None
    [message] = classifier.process([Message(data={TEXT: text})], tracker)
    return message


def likelihood(classifier: TopicClassifier, text: str) -> float:
    return classifier._out_of_scope_likelihood(text, Message(data={TEXT: text}))


def test_the_marked_examples_are_known_by_their_metadata() -> None:
    assert whole_messages_only(marked("x"))
    assert not whole_messages_only(Message(data={TEXT: "x", INTENT: OUT_OF_SCOPE}))
    assert not whole_messages_only(Message(data={TEXT: "x", "metadata": {"example": {"a": 1}}}))


def test_the_marked_examples_are_read_by_the_check_only(classifier) -> None:
    assert "gmail" not in classifier.vocabulary  # the topic regressions never saw them
    first = classifier._read(LONG, Message(data={TEXT: LONG}))
    assert classifier.labels[int(first.argmax())] == "mot_de_passe"
    assert likelihood(classifier, LONG) >= 0.8


def test_a_whole_message_the_check_finds_out_of_scope_is_out_of_scope(classifier) -> None:
    message = parse(classifier, LONG)
    assert message.get(INTENT) == {
        "name": OUT_OF_SCOPE,
        "confidence": pytest.approx(likelihood(classifier, LONG)),
    }
    assert message.get(OUT_OF_SCOPE_CHECK_KEY) is True
    ranking = message.get("intent_ranking")
    assert sum(item["confidence"] for item in ranking) == pytest.approx(1.0)
    assert ranking[1]["name"] == "mot_de_passe"


@pytest.mark.parametrize(
    ("text", "wait", "out_of_scope"),
    [(LONG, None, True),
     (SHORT, None, False),  # a short message may follow up on the shop's answer: not checked
     (LONG, "details", False),  # details awaited: the customer's words are the dialogue's
     (LONG, "reference", False),  # the reference asked: only a question is read alone
     (LONG + " ?", "reference", True),
     ("j'ai oublie mon mot de passe, comment faire pour le changer", None, False)],
)  # fmt: skip
def test_only_whole_messages_read_alone_are_checked(
    classifier, text: str, wait: str | None, out_of_scope: bool
) -> None:
    assert (parse(classifier, text, wait).get(INTENT)["name"] == OUT_OF_SCOPE) is out_of_scope


def test_the_check_is_saved_with_the_model(classifier) -> None:
    loaded = TopicClassifier.load(
        classifier.config, classifier._storage, classifier._resource, execution_context=None
    )
    assert likelihood(loaded, LONG) == pytest.approx(likelihood(classifier, LONG))


def test_without_a_bar_there_is_no_check(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    component = TopicClassifier(TopicClassifier.get_default_config(), storage, Resource("t"))
    examples = [Message(data={TEXT: text, INTENT: label})
                for label, texts in EXAMPLES.items() for text in texts]  # fmt: skip
    component.train(TrainingData(training_examples=[*examples, marked(WHOLE_MESSAGES_ONLY[0])]))
    assert component.out_of_scope_check is None
    assert parse(component, LONG).get(INTENT)["name"] == "mot_de_passe"
