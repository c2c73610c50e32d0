"""Custom Rasa 3.6 graph components used in `config.yml`."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.nlu.constants import SPACY_DOCS, TOKENS_NAMES
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from cadomaestro.faq.corpus import RETRIEVAL_INTENTS
from cadomaestro.nlu.normalize import normalize_text, split_elision, strip_accents
from cadomaestro.nlu.other_shops import OTHER_SHOP_PLACEHOLDER, is_other_shop
from cadomaestro.nlu.proofs import identifier_spans, references_outside_emails
from cadomaestro.nlu.references import REFERENCE_LENGTH
from cadomaestro.nlu.topics import answer_confidence

ORDER_REFERENCE_ENTITY = "reference_commande"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyWordVectors",
)
class SpacyWordVectors(SpacyNLP):
    """SpacyNLP with only what the pipeline reads of spaCy: its tokenizer and its word vectors.

    SpacyNLP runs every component of the model but the parser (tok2vec, morphologizer,
    lemmatizer, NER: 3 ms of each message, docs/figures.md) and nothing here reads their output:
    the tokens' text, the vocabulary's vectors and the document vector do not depend on them.

    Rasa builds the component twice (the node that provides the model, the node that runs it),
    and each loaded the model: loaded once per process here (210 MB less, docs/figures.md).
    """

    @staticmethod
    @cache
    def load_model(spacy_model_name: str) -> SpacyModel:
        import spacy

        if not spacy_model_name or not spacy.util.is_package(spacy_model_name):
            return SpacyNLP.load_model(spacy_model_name)  # Rasa's errors, or a model's folder
        meta = spacy.info(spacy_model_name)
        if not spacy.util.is_compatible_version(spacy.about.__version__, meta["spacy_version"]):
            return SpacyNLP.load_model(spacy_model_name)  # Rasa's error
        language = spacy.load(spacy_model_name, exclude=list(meta.get("components", [])))
        _folded_words(language.vocab)  # at load, not on the first customer's message (0.4 s)
        _row_owners(language.vocab)  # the same (35 ms)
        return SpacyModel(model=language, model_name=spacy_model_name)


class _UntrainedComponent(GraphComponent):
    """Base of the components that learn nothing: each is built from its config alone."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls.from_config(config)

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> GraphComponent:
        return cls()


class _MessageRewriter(_UntrainedComponent):
    """Base of the components that rewrite messages alike in training data and at run time."""

    def process(self, messages: list[Message]) -> list[Message]:
        raise NotImplementedError

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class TextNormalizer(_MessageRewriter):
    """Rewrites the message text with `normalize_text`; must come first in the pipeline.

    With `fold_accents: true` it also removes diacritics, so that a message typed without accents
    is the very same input as with them.

    With `max_chars`, only the message's beginning is read: a pasted 10 000-character e-mail
    takes a second to featurize, and what it is about is said early.
    """

    def __init__(self, fold_accents: bool, max_chars: int | None = None) -> None:
        self.fold_accents = fold_accents
        self.max_chars = max_chars

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"fold_accents": False, "max_chars": None}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> TextNormalizer:
        max_chars = config.get("max_chars")
        return cls(bool(config.get("fold_accents", False)), int(max_chars) if max_chars else None)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text:
                text = normalize_text(text[: self.max_chars] if self.max_chars else text)
                message.set(TEXT, strip_accents(text) if self.fold_accents else text)
        return messages


_T = TypeVar("_T")


def _once_per_vocabulary(compute: Callable[[Any], _T]) -> Callable[[Any], _T]:
    """`compute(vocab)` computed once for each vocabulary (one per spaCy model loaded), kept by
    the vocabulary's identity (the tests' stand-ins for one are not hashable)."""
    results: dict[int, _T] = {}

    def once(vocab: Any) -> _T:
        if id(vocab) not in results:
            results[id(vocab)] = compute(vocab)
        return results[id(vocab)]

    return once


@_once_per_vocabulary
def _folded_words(vocab: Any) -> frozenset[str]:
    """spaCy's words of a reference's length, accents folded (« repondrez »); 0.4 s for
    fr_core_news_md's 500 000 keys."""
    vectors, strings = getattr(vocab, "vectors", None), getattr(vocab, "strings", None)
    return frozenset(
        strip_accents(strings[key]).lower()
        for key in (vectors.keys() if vectors is not None and strings is not None else ())
        if key in strings and len(strings[key]) == REFERENCE_LENGTH
    )


def known_word(vocab: Any) -> Callable[[str], bool]:
    """Whether a word is one of spaCy's, typed with or without its accents: the pipeline folds
    accents, and « vous me repondrez » gives no order reference « REPONDREZ »."""
    folded = _folded_words(vocab)
    return lambda word: bool(vocab.has_vector(word)) or word.lower() in folded


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class IdentifierMasker(_MessageRewriter):
    """Replaces the tokens of order references, emails and postcodes by placeholder words for the
    featurizers that follow (the entities are still extracted from the original text); and the
    names of other online shops by one placeholder word (cadomaestro/nlu/other_shops.py).

    A reference is a random string: without masking, "KQZPTRBWE" alone is an unknown word and
    the classifiers cannot tell that the customer is giving order details. Must come right after
    SpacyTokenizer (it needs SpacyNLP's vocabulary to tell a reference from a word).
    """

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            tokens = message.get(TOKENS_NAMES[TEXT])
            doc = message.get(SPACY_DOCS[TEXT])
            if not text or not tokens or doc is None:
                continue
            spans = identifier_spans(text, known_word(doc.vocab))
            for token in tokens:
                for start, end, placeholder in spans:
                    if token.start < end and start < token.end:
                        token.text = token.lemma = placeholder
                        break
                else:
                    if is_other_shop(token.text):
                        token.text = token.lemma = OTHER_SHOP_PLACEHOLDER
        return messages


@_once_per_vocabulary
def _row_owners(vocab: Any) -> dict[int, int]:
    """For each row of spaCy's vectors, the key of the word it was made for. A model's vectors
    keep a row for its most frequent words only (20 000 of fr_core_news_md's 500 000 keys) and
    map every other key to the row of its nearest frequent word; the frequent words' keys come
    first, so a row's first key is its own word."""
    owners: dict[int, int] = {}
    vectors = getattr(vocab, "vectors", None)
    for key, row in vectors.key2row.items() if vectors is not None else ():
        owners.setdefault(row, key)
    return owners


def spelling_of(vocab: Any) -> Callable[[str, str], bool]:
    """Whether spaCy's vectors take a word for a spelling of another, frequent, word: unknown
    to them, or mapped to that word's row (« ladresse » to « adresse »'s). « lorsque » and
    « dire » have rows of their own; « orsque » is mapped to « lorsque »'s, not its owner."""
    owners, strings = _row_owners(vocab), vocab.strings
    key2row = vocab.vectors.key2row

    def is_spelling(word: str, of: str) -> bool:
        of_key = strings[of]
        of_row = key2row.get(of_key)
        if of_row is None or owners.get(of_row) != of_key:
            return False
        row = key2row.get(strings[word])
        return row is None or (row == of_row and owners.get(row) != strings[word])

    return is_spelling


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class ElisionSplitter(_MessageRewriter):
    """Splits the tokens of elisions typed without their apostrophe (« ladresse »,
    « lemballage », « jattends ») into the two tokens the same words typed with it give
    (« l' », « adresse »), so the classifiers read the words they learnt. Only where spaCy's
    vectors take the token for a spelling of its rest (`spelling_of`): « lorsque » stays whole.
    The message's text is untouched (the entities' positions hold). Comes after SpacyTokenizer.
    """

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT])
            doc = message.get(SPACY_DOCS[TEXT])
            if not tokens or doc is None:
                continue
            is_spelling = spelling_of(doc.vocab)
            split: list[Token] = []
            for token in tokens:
                parts = split_elision(token.text, is_spelling)
                if parts is None:
                    split.append(token)
                    continue
                middle = token.start + len(parts[0]) - 1
                split += [Token(parts[0], token.start, middle, lemma=parts[0]),
                          Token(parts[1], middle, token.end, lemma=parts[1])]  # fmt: skip
            if len(split) != len(tokens):
                message.set(TOKENS_NAMES[TEXT], split)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class OrderReferenceExtractor(_UntrainedComponent, EntityExtractorMixin):
    """Extracts `reference_commande` entities; needs SpacyNLP earlier in the pipeline."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            doc = message.get(SPACY_DOCS[TEXT])
            if not text or doc is None:
                continue
            vocab = doc.vocab
            entities = [
                {
                    ENTITY_ATTRIBUTE_TYPE: ORDER_REFERENCE_ENTITY,
                    ENTITY_ATTRIBUTE_START: match.start,
                    ENTITY_ATTRIBUTE_END: match.end,
                    ENTITY_ATTRIBUTE_VALUE: match.value,
                }
                for match in references_outside_emails(text, known_word(vocab))
            ]
            if entities:
                message.set(
                    ENTITIES,
                    message.get(ENTITIES, []) + self.add_extractor_name(entities),
                    add_to_output=True,
                )
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class TopicFallbackClassifier(FallbackClassifier):
    """FallbackClassifier that also doubts the FAQ answer, not only the intent.

    The classifier may be sure a message is an FAQ question (`faq`) while hesitating between
    topics; the threshold then applies to intent confidence x confidence within the intent.
    Must come after the classifier that writes `response_selector` (TopicClassifier).

    A message of one word ("livraison", "paiement") names a subject rather than a question: when
    `single_word_threshold` is set, an FAQ answer to it needs that confidence, else the close
    topics are offered.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**FallbackClassifier.get_default_config(), "single_word_threshold": None}

    def _nlu_confidence_below_threshold(self, message: Message) -> tuple[bool, float]:
        parse = message.as_dict()
        confidence = answer_confidence(parse, RETRIEVAL_INTENTS)
        threshold = float(self.component_config["threshold"])
        single_word = self.component_config.get("single_word_threshold")
        intent = (parse.get("intent") or {}).get("name")
        if single_word and intent in RETRIEVAL_INTENTS and _word_count(message) == 1:
            threshold = max(threshold, float(single_word))
        return confidence < threshold, confidence


def _word_count(message: Message) -> int:
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    return sum(1 for token in tokens if any(c.isalnum() for c in token.text))
