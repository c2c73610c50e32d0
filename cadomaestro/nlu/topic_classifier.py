"""TopicClassifier: one classifier for intents and FAQ topics, TF-IDF + logistic regression.

`make eval` measured it: on the held-out set, TF-IDF + logistic regression over full labels
(`faq/pays_livraison`, `greet`…) beat DIET + one ResponseSelector per retrieval intent on intent
accuracy, macro-F1 and FAQ top-1 (README "Measured figures"). So the pipeline classifies full
labels in one step, on the text as the pipeline has prepared it (normalised, accents folded,
references, e-mails and postcodes masked by IdentifierMasker), and writes its result in the
shape Rasa's DIETClassifier and ResponseSelectors write theirs: `intent` and `intent_ranking`
(a retrieval intent's probability is the sum of its topics'), and for each retrieval intent a
`response_selector` entry whose confidences are the topics' probabilities within the intent.
TopicFallbackClassifier, the actions and Rasa's own tests read it unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline, make_union

RANKING_LENGTH = 10
MODEL_FILE = "topic_classifier.joblib"


def tfidf_features() -> FeatureUnion:
    """TF-IDF of words (1–2-grams) and of characters within word boundaries (2–5-grams)."""
    return make_union(
        TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode"
        ),
        TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, strip_accents="unicode"
        ),
    )


def tfidf_logistic_regression(c: float) -> Pipeline:
    return make_pipeline(tfidf_features(), LogisticRegression(C=c, max_iter=5000, random_state=42))


def prepared_text(message: Message) -> str:
    """The message as the pipeline prepared it: its tokens (identifiers masked), or its text."""
    tokens = message.get(TOKENS_NAMES[TEXT])
    return " ".join(t.text for t in tokens) if tokens else str(message.get(TEXT) or "")


def parse_output(labels: list[str], probabilities: np.ndarray) -> dict[str, Any]:
    """`intent`, `intent_ranking` and `response_selector` from full-label probabilities."""
    by_intent: dict[str, float] = defaultdict(float)
    topics: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for label, probability in zip(labels, probabilities.tolist(), strict=True):
        intent = label.split("/")[0]
        by_intent[intent] += probability
        if "/" in label:
            topics[intent].append((label, probability))
    ranking = sorted(by_intent.items(), key=lambda item: (-item[1], item[0]))
    selector: dict[str, Any] = {"all_retrieval_intents": sorted(topics)}
    for intent, scored in topics.items():
        total = by_intent[intent] or 1.0
        ordered = sorted(scored, key=lambda item: (-item[1], item[0]))
        best, confidence = ordered[0]
        selector[intent] = {
            "response": {"responses": None, "confidence": confidence / total,
                         "intent_response_key": best, "utter_action": f"utter_{best}"},
            "ranking": [{"id": None, "confidence": p / total, "intent_response_key": key}
                        for key, p in ordered[:RANKING_LENGTH]],
        }  # fmt: skip
    return {
        INTENT: {"name": ranking[0][0], "confidence": ranking[0][1]},
        "intent_ranking": [{"name": n, "confidence": p} for n, p in ranking[:RANKING_LENGTH]],
        "response_selector": selector,
    }


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TopicClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # C chosen by 5-fold cross-validation on the training data among 1, 10 and 100
        # (`python -m cadomaestro.evaluation.baselines --choose-c`).
        return {"C": 100.0}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        pipeline: Pipeline | None = None,
    ) -> None:
        self.config, self._storage, self._resource = config, model_storage, resource
        self.pipeline = pipeline

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TopicClassifier:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TopicClassifier:
        try:
            with model_storage.read_from(resource) as folder:
                return cls(config, model_storage, resource, joblib.load(folder / MODEL_FILE))
        except (ValueError, FileNotFoundError):
            return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(INTENT)]
        texts = [prepared_text(m) for m in examples]
        labels = [m.get(INTENT_RESPONSE_KEY) or m.get(INTENT) for m in examples]
        self.pipeline = tfidf_logistic_regression(float(self.config["C"])).fit(texts, labels)
        with self._storage.write_to(self._resource) as folder:
            joblib.dump(self.pipeline, folder / MODEL_FILE)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        if self.pipeline is None:
            return messages
        labels = [str(label) for label in self.pipeline.classes_]
        for message in messages:
            probabilities = self.pipeline.predict_proba([prepared_text(message)])[0]
            for key, value in parse_output(labels, probabilities).items():
                message.set(key, value, add_to_output=True)
        return messages
