"""TopicClassifier: one classifier for intents and FAQ topics, TF-IDF + logistic regression.

`make eval` measured it: on the held-out set, TF-IDF + logistic regression over full labels
(`faq/pays_livraison`, `greet`…) beat DIET + one ResponseSelector per retrieval intent on intent
accuracy, macro-F1 and FAQ top-1 (docs/figures.md). So the pipeline classifies full
labels in one step, on the text as the pipeline has prepared it (normalised, accents folded,
references, e-mails and postcodes masked by IdentifierMasker), and writes its result in the
shape Rasa's DIETClassifier and ResponseSelectors write theirs: `intent` and `intent_ranking`
(a retrieval intent's probability is the sum of its topics'), and for each retrieval intent a
`response_selector` entry whose confidences are the topics' probabilities within the intent.
TopicFallbackClassifier, the actions and Rasa's own tests read it unchanged.

Additions, measured on tests/realistic/dev/ and tests/dialogues/dev/ (customers' own typing;
docs/understanding.md):
- `word_vectors_weight`: spaCy's document vector (the mean of `fr_core_news_md`'s word vectors,
  which SpacyNLP computes anyway), scaled to that norm, is appended to the TF-IDF features, so
  that words never seen in training still count by their meaning.
- `unknown_words_intent`: a message none of whose words occurs in the training examples
  ("qwerty", an emoji alone, a keyboard mash) gets this intent (out of scope) with confidence
  1, rather than a topic guessed from its letters.
- `context_threshold`: a short message (`context_max_words`) it is not sure of alone is
  classified again with the customer's previous message (its features added with
  `context_weight`), and kept if then at least that sure; Rasa passes the conversation to
  `process`. Not while the assistant waits for something precise (slot `attente`), except the
  reference or the answer to its offer to check an order, and then only for a question.
- `beside_identifiers_threshold`: a message read as giving identifiers is read again without
  their placeholders and without that label; the topic its other words name is kept if at
  least that sure (« je souhaiterais retourner la planche de ma commande DFGTRHYJK »).
- `sentence_vectors_weight`, `sentence_vectors_below`: a second logistic regression learns the
  same labels with, beside the same features, the message's sentence vector (Google's
  Universal Sentence Encoder, multilingual, `cadomaestro/nlu/sentence_vectors.py`) of that
  norm; a message read alone with less than `sentence_vectors_below` is read again by it, and
  that reading kept if at least as sure. Not while something precise is awaited (as for the
  context), nor when the context settled the message, nor for a word alone
  (`sentence_vectors_min_words`: « euh » and « hein » read as a yes). The sentence vector
  costs 2.5 ms of CPU: sure messages, most of them, do without it.
- `out_of_scope_check_bar`, `out_of_scope_check_min_words`: a third, binary logistic regression
  on the same features tells out-of-scope messages from the rest, trained also on the examples
  marked `whole_messages_only` in their intent's metadata (« cmt je recupere mon mdp gmail »,
  which the shop's words pull towards a topic). A message of at least that many words, read
  alone, that it finds out of scope with at least that probability is out of scope. Those
  examples stay out of the other regressions: there, they pulled short follow-ups (« c quel
  transporteur deja ? ») out of scope; and the check does not read a short message, nor a
  message read with its context, nor one while something precise is awaited (a question while
  the reference is asked is read, as for the sentence vectors). Its features are the others'
  (their vocabulary is the other examples': a word only the marked examples use counts by its
  letters and its word vector).
- `each_sentence_below`, `each_sentence_min_words`: a message of several sentences that every
  reading above leaves unsure (below that bar) is read sentence by sentence (sentences of at
  least that many words, split at the tokens that end one), and the surest sentence that names
  a topic kept if at least that sure: the question buried in a letter, between its greeting,
  its story and its thanks. Same conditions as the second reading.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import SPACY_DOCS, TOKENS_NAMES
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline, make_union
from sklearn.utils.extmath import softmax

from cadomaestro.dialogue import signals, slots
from cadomaestro.faq.corpus import RETRIEVAL_INTENTS
from cadomaestro.nlu.proofs import EMAIL_PLACEHOLDER, POSTCODE_PLACEHOLDER, REFERENCE_PLACEHOLDER
from cadomaestro.nlu.sentence_vectors import load as load_sentence_vectors
from cadomaestro.nlu.sentence_vectors import sentence_vectors
from cadomaestro.nlu.topics import SECOND_QUESTION_KEY, answer_confidence, top_topic

RANKING_LENGTH = 10
IDENTIFIERS_INTENT = "donner_infos"  # a message that only gives a reference, e-mail, postcode
SMALL_TALK = frozenset({"affirm", "deny", "thanks", "greet"})
OUT_OF_SCOPE = "out_of_scope"
CONTEXT_KEY = "with_context"  # in the parse data when the previous message was read with it
# In the parse data when one sentence of a long message gave its topic (`each_sentence_below`).
SENTENCE_KEY = "one_sentence"
SENTENCE_END_CHARACTERS = frozenset(".!?…")  # a token of only these ends a sentence (« .. »)
# In the parse data when the out-of-scope check overrode the topic read.
OUT_OF_SCOPE_CHECK_KEY = "out_of_scope_check"
# Training examples read only by the out-of-scope check (their intent's metadata).
WHOLE_MESSAGES_ONLY = "whole_messages_only"
# In the parse data when the message gave identifiers and its other words asked a question.
BESIDE_IDENTIFIERS_KEY = "beside_identifiers"
FAQ_INTENT = "faq"
HANDOVER_INTENT = "parler_humain"
# A question after « ok », « d'accord »… (`TopicClassifier._after_acknowledgement`): at least
# this many words.
ACKNOWLEDGED_QUESTION_MIN_WORDS = 4
IDENTIFIERS_ONLY = 0.9  # the words beside the identifiers only speak of them: « voici mon mail »
PLACEHOLDERS = frozenset({REFERENCE_PLACEHOLDER, EMAIL_PLACEHOLDER, POSTCODE_PLACEHOLDER})
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


def fitted_side_by_side(
    regression: Callable[[], LogisticRegression], problems: list[tuple[Any, list[Any]]]
) -> list[LogisticRegression]:
    """One regression fitted on each (features, labels), in worker processes side by side: a fit
    holds the interpreter's lock (threads would take turns), and each takes minutes on the full
    training data (`rasa train` on 2 cores, 2026-12-07: 268 s and 336 s one after the other).
    A worker computes with one thread: the coefficients then differ from one process's in their
    last digits (2e-4 at most, 1.4e-3 for the out-of-scope check, on 2026-12-07's data)."""
    jobs = min(len(problems), os.cpu_count() or 1)
    fits = (joblib.delayed(regression().fit)(x, y) for x, y in problems)
    return list(joblib.Parallel(n_jobs=jobs)(fits))


def prepared_text(message: Message) -> str:
    """The message as the pipeline prepared it: its tokens (identifiers masked), or its text."""
    tokens = message.get(TOKENS_NAMES[TEXT])
    return " ".join(t.text for t in tokens) if tokens else str(message.get(TEXT) or "")


def document_vectors(messages: list[Message], weight: float, size: int) -> csr_matrix:
    """spaCy's document vector of each message, of norm `weight`; zeros when the message has
    no word with a vector (or no spaCy document)."""
    matrix = np.zeros((len(messages), size))
    for i, message in enumerate(messages):
        doc = message.get(SPACY_DOCS[TEXT])
        if doc is None or not doc.has_vector:
            continue
        vector = np.asarray(doc.vector, dtype=float)
        norm = np.linalg.norm(vector)
        if norm and len(vector) == size:
            matrix[i] = weight * vector / norm
    return csr_matrix(matrix)


def vectors_size(messages: list[Message]) -> int:
    """The length of spaCy's word vectors (0 without spaCy documents)."""
    for message in messages:
        doc = message.get(SPACY_DOCS[TEXT])
        if doc is not None:
            return int(doc.vocab.vectors_length)
    return 0


def known_words(texts: list[str]) -> frozenset[str]:
    """The words (tokens with a letter or digit) of the prepared training texts."""
    return frozenset(w for text in texts for w in text.split() if any(c.isalnum() for c in w))


def has_known_word(text: str, vocabulary: frozenset[str]) -> bool:
    return any(word in vocabulary for word in text.split())


def unknown_words_output(intent: str) -> dict[str, Any]:
    """The parse of a message without a known word: `intent`, sure, and no topic."""
    return {
        INTENT: {"name": intent, "confidence": 1.0},
        "intent_ranking": [{"name": intent, "confidence": 1.0}],
        "response_selector": {"all_retrieval_intents": []},
    }


class Probabilities:
    """`classifier.predict_proba`, with the coefficients kept transposed and contiguous, in
    single precision.

    scikit-learn multiplies the features by `coef_.T`, a view in column order, which scipy copies
    into row order on every call (the 70 x 21 932 matrix: 3 ms of each message, docs/figures.md);
    the copy is made once here. In single precision (the features too), the 70 x 64 000
    matrix takes 18 MB instead of 36, and the classifier's own `coef_` becomes a view of it: the
    same probabilities to a millionth.
    """

    def __init__(self, classifier: LogisticRegression) -> None:
        self.classifier = classifier
        # Multinomial (several classes, lbfgs), as trained here; anything else keeps sklearn's.
        self.multinomial = (
            len(classifier.classes_) > 2
            and classifier.solver != "liblinear"
            and classifier.multi_class in ("auto", "multinomial")
        )
        self.coef_t = np.ascontiguousarray(classifier.coef_.T, dtype=np.float32)
        if self.multinomial:
            classifier.coef_ = self.coef_t.T  # one copy in memory, not two
        self.intercept = classifier.intercept_

    def __call__(self, features: Any) -> np.ndarray:
        if not self.multinomial:
            return self.classifier.predict_proba(features)
        scores = np.asarray(features.astype(np.float32) @ self.coef_t, dtype=float)
        return softmax(scores + self.intercept, copy=False)


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


def context_text(tracker: DialogueStateTracker | None, threshold: Any) -> str | None:
    """The customer's previous message (the last one that did not only give the order's
    reference or proof), as the context of a follow-up (« et pour un mug personnalisé ? » after
    a question on returns): only when the assistant is not waiting for something precise (a
    proof, a yes or no, details: slot `attente`) other than the reference or the answer to its
    offer to check an order, and only when the component has a `context_threshold`."""
    if tracker is None or not threshold:
        return None
    awaiting = tracker.get_slot(slots.AWAITING)
    if awaiting and awaiting not in slots.FOLLOW_UPS_WHILE_AWAITING:
        return None
    # The current message is not in the tracker yet; messages that only gave the order's
    # reference or proof say nothing of the subject.
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered) and event.intent_name != IDENTIFIERS_INTENT:
            text = (event.parse_data or {}).get(TEXT) or event.text or ""
            return text if text and not text.startswith("/") else None
    return None


def whole_messages_only(example: Message) -> bool:
    """A training example marked for the out-of-scope check only (its intent's metadata)."""
    metadata = example.get("metadata") or {}
    intent_metadata = metadata.get("intent") if isinstance(metadata, dict) else None
    return isinstance(intent_metadata, dict) and bool(intent_metadata.get(WHOLE_MESSAGES_ONLY))


def words_beside_identifiers(text: str) -> list[str]:
    """The words of a prepared text that are not identifier placeholders."""
    return [w for w in text.split() if w not in PLACEHOLDERS and any(c.isalnum() for c in w)]


# The words a last sentence without an end mark starts with when it goes on asking (« … c
# possible ? et elle verra pas le prix hein »).
FOLLOW_ON_WORDS = frozenset({"et", "ou", "sinon"})


def sentences_of(
    message: Message, min_words: int, questions_only: bool = False
) -> list[tuple[str, Message]]:
    """The sentences of a message of at least two, as the pipeline prepared them (split at
    the tokens that end a sentence), each with at least `min_words` words: its text and a
    message holding its spaCy span (for its word vectors). `questions_only`: only those ended
    by a question mark, and the last one when it has no end mark and goes on with « et »."""
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    parts: list[list[Any]] = [[]]
    ends: list[str] = []
    for token in tokens:
        if token.text and set(token.text) <= SENTENCE_END_CHARACTERS:
            ends.append(token.text)
            parts.append([])
        else:
            parts[-1].append(token)
    ends.append("")
    kept = [(part, end) for part, end in zip(parts, ends, strict=True) if part]
    if len(kept) < 2:
        return []
    doc = message.get(SPACY_DOCS[TEXT])
    sentences = []
    for part, end in kept:
        words = [t.text for t in part if any(ch.isalnum() for ch in t.text)]
        follow_on = not end and bool(words) and words[0].lower() in FOLLOW_ON_WORDS
        if len(words) < min_words or (questions_only and "?" not in end and not follow_on):
            continue
        span = doc.char_span(part[0].start, part[-1].end, alignment_mode="expand") if doc else None
        data = {SPACY_DOCS[TEXT]: span} if span is not None else {}
        sentences.append((" ".join(t.text for t in part), Message(data=data)))
    return sentences


def context_bar(text: str, output: dict[str, Any], config: dict[str, Any]) -> float | None:
    """How sure the reading with the previous message must be to replace `output`, or None when
    the message is not read with it. A short message (`context_max_words`) is read with it when
    the classifier is not sure of it alone (`context_threshold`), or when it is a question read
    as small talk (« parfait, je m'y prends comment ? »); then the context's reading is kept if
    at least that sure. A short question read as out of scope (« c est un centre d appel a l
    etranger ? » right after the customer service's contacts) is read with it too, and the
    context's reading is kept if it is also surer than the message's alone. (Doing the same for
    every message that points back, « et … », « je la … », let the previous topic win too often:
    dev conversations 138/162 -> 137/162; the dialogue answers those from its last reply.)"""
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    if not words or len(words) > int(config.get("context_max_words") or 0):
        return None
    threshold = float(config["context_threshold"])
    alone = answer_confidence(output, RETRIEVAL_INTENTS)
    named = output.get(INTENT, {}).get("name")
    if named in SMALL_TALK and signals.asks(text):
        return threshold
    if alone < threshold:
        return threshold
    return max(threshold, alone) if named == OUT_OF_SCOPE and signals.asks(text) else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TopicClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # C chosen by 5-fold cross-validation on the training data among 1, 10 and 100
        # (`python -m cadomaestro.evaluation.baselines --choose-c`). 0 and None turn the
        # additions off.
        return {
            "C": 100.0,
            "word_vectors_weight": 0.0,
            "unknown_words_intent": None,
            "context_threshold": None,
            "context_max_words": 12,
            "context_weight": 0.5,
            "beside_identifiers_threshold": None,
            "beside_identifiers_min_words": 3,
            "sentence_vectors_weight": 0.0,
            "sentence_vectors_below": 0.5,
            "sentence_vectors_min_words": 2,
            "out_of_scope_check_bar": None,
            "out_of_scope_check_min_words": 6,
            "each_sentence_below": None,
            "each_sentence_min_words": 3,
            "second_question_bar": None,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        trained: dict[str, Any] | None = None,
    ) -> None:
        self.config, self._storage, self._resource = config, model_storage, resource
        trained = trained or {}
        self.tfidf: FeatureUnion | None = trained.get("tfidf")
        self.classifier: LogisticRegression | None = trained.get("classifier")
        self.probabilities = Probabilities(self.classifier) if self.classifier else None
        self.vocabulary: frozenset[str] = trained.get("vocabulary", frozenset())
        self.vectors_size: int = trained.get("vectors_size", 0)
        # The second reading, with sentence vectors, of a message the first is unsure of.
        self.with_sentences: LogisticRegression | None = trained.get("with_sentences")
        self.sentences_probabilities = (
            Probabilities(self.with_sentences) if self.with_sentences else None
        )
        if self.with_sentences is not None:
            load_sentence_vectors()
        # The binary out-of-scope check (`out_of_scope_check_bar`).
        self.out_of_scope_check: LogisticRegression | None = trained.get("out_of_scope_check")

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

    @property
    def _vectors_weight(self) -> float:
        return float(self.config.get("word_vectors_weight") or 0.0)

    @property
    def _sentences_weight(self) -> float:
        return float(self.config.get("sentence_vectors_weight") or 0.0)

    def _features(self, texts: list[str], messages: list[Message]) -> Any:
        assert self.tfidf is not None
        tfidf = self.tfidf.transform(texts)
        if not self._vectors_weight:
            return tfidf
        vectors = document_vectors(messages, self._vectors_weight, self.vectors_size)
        return hstack([tfidf, vectors]).tocsr()

    def _sentence_vectors(self, texts: list[str]) -> np.ndarray:
        return sentence_vectors(texts, self._sentences_weight)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(INTENT)]
        checked_only = [m for m in examples if whole_messages_only(m)]
        examples = [m for m in examples if not whole_messages_only(m)]
        texts = [prepared_text(m) for m in examples]
        labels = [m.get(INTENT_RESPONSE_KEY) or m.get(INTENT) for m in examples]
        if self.config.get("beside_identifiers_threshold"):
            # « voici ma commande et mon mail » still only gives identifiers without them.
            stripped = [(m, " ".join(words_beside_identifiers(t)))
                        for m, t, label in zip(examples, texts, labels, strict=True)
                        if label == IDENTIFIERS_INTENT]  # fmt: skip
            # Only as long as the messages read again (« euh » alone is no identifier talk).
            least = int(self.config["beside_identifiers_min_words"])
            stripped = [(m, t) for m, t in stripped if len(t.split()) >= least and t not in texts]
            examples += [m for m, _ in stripped]
            texts += [t for _, t in stripped]
            labels += [IDENTIFIERS_INTENT] * len(stripped)
        self.tfidf = tfidf_features().fit(texts)
        self.vectors_size = vectors_size(examples)
        features = self._features(texts, examples)
        problems = [(features, labels)]
        if self._sentences_weight:
            problems.append((hstack([features, self._sentence_vectors(texts)]).tocsr(), labels))
        if self.config.get("out_of_scope_check_bar"):
            checked_texts = [prepared_text(m) for m in checked_only]
            checked = vstack([features, self._features(checked_texts, checked_only)]).tocsr()
            out_of_scope = [label == OUT_OF_SCOPE for label in labels]
            out_of_scope += [m.get(INTENT) == OUT_OF_SCOPE for m in checked_only]
            problems.append((checked, out_of_scope))
        regressions = fitted_side_by_side(self._regression, problems)
        self.classifier = regressions.pop(0)
        self.probabilities = Probabilities(self.classifier)
        if self._sentences_weight:
            self.with_sentences = regressions.pop(0)
            self.sentences_probabilities = Probabilities(self.with_sentences)
        if self.config.get("out_of_scope_check_bar"):
            self.out_of_scope_check = regressions.pop(0)
        self.vocabulary = known_words(texts)
        trained = {
            "tfidf": self.tfidf,
            "classifier": self.classifier,
            "with_sentences": self.with_sentences,
            "out_of_scope_check": self.out_of_scope_check,
            "vocabulary": self.vocabulary,
            "vectors_size": self.vectors_size,
        }
        with self._storage.write_to(self._resource) as folder:
            joblib.dump(trained, folder / MODEL_FILE)
        return self._resource

    def _regression(self) -> LogisticRegression:
        return LogisticRegression(C=float(self.config["C"]), max_iter=5000, random_state=42)

    def process(
        self, messages: list[Message], tracker: DialogueStateTracker | None = None
    ) -> list[Message]:
        """Classify each message; Rasa passes the conversation (`tracker`) when it parses a
        customer's message, which gives a follow-up its context (`context_text`)."""
        if self.classifier is None:
            return messages
        unknown_intent = self.config.get("unknown_words_intent")
        context = context_text(tracker, self.config.get("context_threshold"))
        awaiting = tracker.get_slot(slots.AWAITING) if tracker is not None else None
        for message in messages:
            text = prepared_text(message)
            # While a reference is asked (or an order check offered), only a question follows
            # up (« je sais plus » answers the prompt); while something else is awaited (a
            # proof, a yes or no, details), an unsure message is the dialogue's to read.
            question = signals.asks(text)
            follows_up = not awaiting or question
            reads_again = not awaiting or (awaiting in slots.FOLLOW_UPS_WHILE_AWAITING and question)
            if unknown_intent and not has_known_word(text, self.vocabulary):
                output = unknown_words_output(str(unknown_intent))
            else:
                # The message's features, computed once for every reading of it.
                features = self._features([text], [message])
                output = self._classify(text, message, features=features)
                small_talk = output[INTENT]["name"] in SMALL_TALK
                acknowledged = (
                    self._after_acknowledgement(text, message)
                    if question and reads_again and small_talk
                    else None
                )
                if acknowledged:
                    text, features, output = acknowledged
                bar = context_bar(text, output, self.config) if context else None
                if bar is not None and follows_up:
                    with_context = self._classify(text, message, context, features=features)
                    if self._sure(with_context, bar):
                        output = {**with_context, CONTEXT_KEY: True}
                if reads_again and CONTEXT_KEY not in output:
                    output = self._read_again(text, message, output, features)
                    output = self._read_each_sentence(message, output)
                    output = self._check_out_of_scope(text, message, output, features)
                output = self._beside_identifiers(text, message, output)
                if reads_again:
                    output = self._second_question(message, output)
            for key, value in output.items():
                message.set(key, value, add_to_output=True)
        return messages

    def _after_acknowledgement(
        self, text: str, message: Message
    ) -> tuple[str, Any, dict[str, Any]] | None:
        """A question read as small talk that starts by acknowledging the last answer (« ok et
        je declare ca ou »): its words after the acknowledgement (at least
        ACKNOWLEDGED_QUESTION_MIN_WORDS), their features and their reading, when that reading is
        neither small talk nor out of scope (« parfait je m y prends comment » stays a yes to
        what was just said); None otherwise."""
        rest = signals.after_acknowledgement(text)
        if not rest or len(words_beside_identifiers(rest)) < ACKNOWLEDGED_QUESTION_MIN_WORDS:
            return None  # « merci et vous ? », « ok c est bon ? »
        features = self._features([rest], [message])
        output = self._classify(rest, message, features=features)
        if output[INTENT]["name"] in SMALL_TALK | {OUT_OF_SCOPE}:
            return None
        return rest, features, output

    def _read_again(
        self, text: str, message: Message, output: dict[str, Any], features: Any = None
    ) -> dict[str, Any]:
        """The reading with the sentence vector of a message the first reading is unsure of,
        kept if it is sure (at least `sentence_vectors_below`): an unsure reading stays the
        first one, whose close topics the dialogue offers."""
        below = float(self.config.get("sentence_vectors_below") or 0.0)
        if self.sentences_probabilities is None or self._sure(output, below):
            return output
        if len(words_beside_identifiers(text)) < int(self.config["sentence_vectors_min_words"]):
            return output  # « euh », « hein »: a word alone is no sentence (read as a yes)
        again = self._classify(text, message, sentences=True, features=features)
        return again if self._sure(again, below) else output

    def _read_each_sentence(self, message: Message, output: dict[str, Any]) -> dict[str, Any]:
        """A message of several sentences it is unsure of (below `each_sentence_below`): each
        sentence of at least `each_sentence_min_words` words read alone, and the surest one that
        names a topic kept if that sure. « Bonjour, j'ai offert à mon petit-fils une horloge et
        un puzzle. Il avait déjà le même puzzle ! Serait-il possible de vous renvoyer le puzzle ?
        Avec mes remerciements » asks its third sentence; the story around it blurs the whole."""
        below = self.config.get("each_sentence_below")
        if not below or self._sure(output, float(below)):
            return output
        best: dict[str, Any] | None = None
        for sentence, part in sentences_of(message, int(self.config["each_sentence_min_words"])):
            reading = self._classify(sentence, part)
            if reading[INTENT]["name"] not in RETRIEVAL_INTENTS:
                continue  # « Bonjour », « Avec mes remerciements », the identifiers
            if best is None or answer_confidence(reading, RETRIEVAL_INTENTS) > answer_confidence(
                best, RETRIEVAL_INTENTS
            ):
                best = reading
        if best is None or not self._sure(best, float(below)):
            return output
        return {**best, SENTENCE_KEY: True}

    def _second_question(self, message: Message, output: dict[str, Any]) -> dict[str, Any]:
        """Two questions in one message (sentences of at least `each_sentence_min_words` words
        ended by a question mark): when one, read alone, asks the FAQ topic the message was read
        as, and another, read alone, asks another FAQ topic at least `second_question_bar` sure
        and not out of scope, that topic is set beside the first for the dialogue to answer
        both. « vous livrez en belgique ? et la livraison coute combien ? »; a question that
        only points back (« est-ce possible ? ») reads as nothing sure alone. A message read as
        asking for a person may ask a FAQ question beside it, in one sentence of at least two:
        « vous envoyez en Suisse ? Et est-ce que je peux avoir quelqu'un au tél ? »."""
        bar = self.config.get("second_question_bar")
        intent = output[INTENT]["name"]
        if not bar or intent not in (FAQ_INTENT, HANDOVER_INTENT):
            return output
        min_words = int(self.config["each_sentence_min_words"])
        questions = sentences_of(message, min_words, questions_only=True)
        if len(questions) < (2 if intent == FAQ_INTENT else 1):
            return output
        if intent == HANDOVER_INTENT and len(sentences_of(message, min_words)) < 2:
            return output
        first = top_topic(output) if intent == FAQ_INTENT else None
        readings = []
        for sentence, part in questions:  # each question's features, computed once
            features = self._features([sentence], [part])
            readings.append(
                (sentence, part, features, self._classify(sentence, part, features=features))
            )
        if first and not any(top_topic(reading) == first for *_, reading in readings):
            # The first topic may be told rather than asked (« jai rien reçu comme mail. c
            # validé ou pas?? et sinon le paiement en 3 fois ça existe ? »).
            told = [s for s in sentences_of(message, min_words) if s not in questions]
            if not any(top_topic(self._classify(s, part)) == first for s, part in told):
                return output
        best: tuple[str, float] | None = None
        for sentence, part, features, reading in readings:
            topic = top_topic(reading)
            if reading[INTENT]["name"] != FAQ_INTENT or topic == first or topic is None:
                continue
            confidence = answer_confidence(reading, RETRIEVAL_INTENTS)
            if confidence < float(bar) or (best is not None and confidence <= best[1]):
                continue
            checked = self._check_out_of_scope(sentence, part, reading, features)
            if checked[INTENT]["name"] == FAQ_INTENT:
                best = (topic, confidence)
        if best is None:
            return output
        return {**output, SECOND_QUESTION_KEY: {"name": best[0], "confidence": best[1]}}

    def _check_out_of_scope(
        self, text: str, message: Message, output: dict[str, Any], features: Any = None
    ) -> dict[str, Any]:
        """Out of scope, if the binary check finds a message of at least
        `out_of_scope_check_min_words` words so with `out_of_scope_check_bar`: the labels'
        probabilities, that of out of scope replaced by the check's, the others scaled to it."""
        bar = self.config.get("out_of_scope_check_bar")
        if not bar or self.out_of_scope_check is None:
            return output
        if output.get(INTENT, {}).get("name") in (OUT_OF_SCOPE, IDENTIFIERS_INTENT):
            return output
        if len(words_beside_identifiers(text)) < int(self.config["out_of_scope_check_min_words"]):
            return output
        likely = self._out_of_scope_likelihood(text, message, features)
        if likely < float(bar):
            return output
        labels = self.labels
        if OUT_OF_SCOPE not in labels:
            return output  # every out-of-scope example read only by the check: nothing to rank
        probabilities = self._read(text, message, features=features)
        others = 1.0 - probabilities[labels.index(OUT_OF_SCOPE)]
        probabilities *= (1.0 - likely) / others if others > 0 else 0.0
        probabilities[labels.index(OUT_OF_SCOPE)] = likely
        return {**parse_output(labels, probabilities), OUT_OF_SCOPE_CHECK_KEY: True}

    def _out_of_scope_likelihood(self, text: str, message: Message, features: Any = None) -> float:
        """The out-of-scope check's probability that `text` is out of scope."""
        assert self.out_of_scope_check is not None
        if features is None:
            features = self._features([text], [message])
        return float(self.out_of_scope_check.predict_proba(features)[0][1])

    @staticmethod
    def _sure(output: dict[str, Any], least: float) -> bool:
        return answer_confidence(output, RETRIEVAL_INTENTS) >= least

    def _beside_identifiers(
        self, text: str, message: Message, output: dict[str, Any]
    ) -> dict[str, Any]:
        """« je souhaiterais retourner la planche de ma commande DFGTRHYJK (code postal 42160) »
        reads as giving identifiers; its other words, read alone, say what the customer wants.
        They are read without the identifiers' label (unless they are sure to be only about the
        identifiers: « voici ma commande et mon mail »), and their topic kept when it has at
        least `beside_identifiers_threshold`."""
        threshold = self.config.get("beside_identifiers_threshold")
        if not threshold or output.get(INTENT, {}).get("name") != IDENTIFIERS_INTENT:
            return output
        words = words_beside_identifiers(text)
        if len(words) < int(self.config["beside_identifiers_min_words"]) or not self.probabilities:
            return output
        labels = self.labels
        probabilities = self._read(" ".join(words), message)
        identifiers = labels.index(IDENTIFIERS_INTENT)
        if probabilities[identifiers] >= IDENTIFIERS_ONLY:
            return output
        probabilities[identifiers] = 0.0
        beside = parse_output(labels, probabilities / probabilities.sum())
        if beside[INTENT]["name"] not in RETRIEVAL_INTENTS or answer_confidence(
            beside, RETRIEVAL_INTENTS
        ) < float(threshold):
            return output
        return {**beside, BESIDE_IDENTIFIERS_KEY: True}

    def _classify(
        self,
        text: str,
        message: Message,
        context: str | None = None,
        sentences: bool = False,
        features: Any = None,
    ) -> dict[str, Any]:
        """The parse output of `text` (with `context` or `sentences`: see `_read`)."""
        return parse_output(self.labels, self._read(text, message, context, sentences, features))

    def _read(
        self,
        text: str,
        message: Message,
        context: str | None = None,
        sentences: bool = False,
        features: Any = None,
    ) -> np.ndarray:
        """The labels' probabilities for `text`; with `context`, the previous message's
        features are added to the message's with `context_weight` (its evidence counts that
        much). With `sentences`, by the regression that also sees the sentence vector.
        `features`: the message's own, if already computed."""
        assert self.probabilities is not None
        if features is None:
            features = self._features([text], [message])
        if context:
            weight = float(self.config.get("context_weight") or 0.0)
            features = features + weight * self._features([context], [Message(data={})])
        if not sentences or self.sentences_probabilities is None:
            return self.probabilities(features)[0]
        with_sentence = hstack([features, self._sentence_vectors([text])]).tocsr()
        return self.sentences_probabilities(with_sentence)[0]

    @property
    def labels(self) -> list[str]:
        assert self.classifier is not None
        return [str(label) for label in self.classifier.classes_]
