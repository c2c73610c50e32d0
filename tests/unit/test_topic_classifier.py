"""TopicClassifier's additions: spaCy document vectors as features, out of scope for a message
without a known word; and IdentifierMasker's other shops."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from cadomaestro.nlu.other_shops import OTHER_SHOP_PLACEHOLDER, is_other_shop
from cadomaestro.nlu.topic_classifier import (
    Probabilities,
    context_bar,
    context_text,
    document_vectors,
    has_known_word,
    known_words,
    parse_output,
    tfidf_features,
    unknown_words_output,
    vectors_size,
)
from cadomaestro.nlu.topics import answer_confidence, rank_topics
from tests.unit.trackers import tracker_after


def message_with_vector(vector: list[float] | None, size: int = 3) -> Message:
    vocab = SimpleNamespace(vectors_length=size)
    doc = SimpleNamespace(
        vocab=vocab,
        has_vector=vector is not None,
        vector=np.array(vector if vector is not None else [0.0] * size),
    )
    return Message(data={TEXT: "x", SPACY_DOCS[TEXT]: doc})


def test_document_vectors_have_the_given_norm() -> None:
    matrix = document_vectors([message_with_vector([3.0, 4.0, 0.0])], 0.5, 3).toarray()
    assert matrix[0] == pytest.approx([0.3, 0.4, 0.0])


def test_a_message_without_vector_gets_zeros_of_the_trained_size() -> None:
    messages = [message_with_vector(None), Message(data={TEXT: "sans spaCy"})]
    assert document_vectors(messages, 0.5, 3).toarray().tolist() == [[0.0] * 3, [0.0] * 3]


def test_vectors_size_is_spacy_s() -> None:
    assert vectors_size([Message(data={TEXT: "x"}), message_with_vector(None, 300)]) == 300
    assert vectors_size([Message(data={TEXT: "x"})]) == 0


def test_known_words_are_the_training_tokens_with_a_letter_or_digit() -> None:
    vocabulary = known_words(["colis perdu ?", "bonjour !", "xxreference"])
    assert vocabulary == {"colis", "perdu", "bonjour", "xxreference"}


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("colis perdu", True),
        ("qwerty", False),
        ("🙄", False),
        ("? !", False),
        ("hgfdjk colis", True),
        ("xxreference", True),  # a masked order reference is a known word
    ],
)
def test_has_known_word(text: str, known: bool) -> None:
    vocabulary = known_words(["mon colis perdu", "xxreference"])
    assert has_known_word(text, vocabulary) is known


def test_unknown_words_output_is_sure_and_offers_no_topic() -> None:
    output = unknown_words_output("out_of_scope")
    assert output["intent"] == {"name": "out_of_scope", "confidence": 1.0}
    assert answer_confidence(output, ["faq"]) == 1.0
    assert rank_topics(output, ["faq"]) == []


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("zalando", True),
        ("Shein", True),
        ("AMAZON", True),
        ("Interflora", True),
        ("wonderbox", True),
        ("redoute", False),  # « je redoute que »: only La Redoute's website name is listed
        ("colissimo", False),
        ("tnt", False),
        ("Cadeaux.com", True),
        ("www.amazon.fr", True),
        ("https://www.boutique-deco.shop/soldes", True),
        ("cadomaestro.com", False),
        ("www.cadomaestro.com/idee/", False),
        ("https://www.laposte.fr/outils/suivre", False),
        ("tnt.fr", False),
        ("hotmail.fr", False),
        ("gmail.com", False),
        ("Netflix", True),
        ("sncf", True),
        ("paypal", False),
        ("chronopost", False),
        ("c.a.d", False),
        ("14.99", False),
    ],
)
def test_other_shops(word: str, other: bool) -> None:
    assert is_other_shop(word) is other


def test_the_placeholder_is_one_lower_case_word() -> None:
    assert OTHER_SHOP_PLACEHOLDER.isalpha() and OTHER_SHOP_PLACEHOLDER.islower()


def test_identifier_masker_masks_other_shops_and_references() -> None:
    from rasa.nlu.constants import TOKENS_NAMES
    from rasa.nlu.tokenizers.tokenizer import Token

    from cadomaestro.nlu.components import IdentifierMasker
    from cadomaestro.nlu.proofs import REFERENCE_PLACEHOLDER

    text = "mon colis Zalando KQZPTRBWE"
    tokens, start = [], 0
    for word in text.split():
        start = text.index(word, start)
        tokens.append(Token(word.lower(), start, lemma=word.lower()))
        start += len(word)
    vocab = SimpleNamespace(has_vector=lambda word: word.lower() in {"mon", "colis"})
    message = Message(
        data={
            TEXT: text,
            TOKENS_NAMES[TEXT]: tokens,
            SPACY_DOCS[TEXT]: SimpleNamespace(vocab=vocab),
        }
    )
    IdentifierMasker().process([message])
    assert [t.text for t in tokens] == [
        "mon",
        "colis",
        OTHER_SHOP_PLACEHOLDER,
        REFERENCE_PLACEHOLDER,
    ]


@pytest.mark.parametrize(
    ("tracker", "threshold", "context"),
    [(None, 0.5, None),
     (tracker_after("je veux parler a quelqu un"), 0.5, "je veux parler a quelqu un"),
     (tracker_after("je veux parler a quelqu un"), None, None),  # context_threshold unset
     (tracker_after("mon colis est perdu", awaiting="preuve"), 0.5, None),  # a proof awaited
     (tracker_after("je peux le renvoyer ?", awaiting="confirmation"), 0.5, None),  # a yes/no
     # asked for the reference, or offered to check an order: a question may still follow up
     (tracker_after("je peux le renvoyer ?", awaiting="reference"), 0.5, "je peux le renvoyer ?"),
     (tracker_after("je peux le renvoyer ?", awaiting="offre_verification"), 0.5,
      "je peux le renvoyer ?"),
     (tracker_after("/affirm"), 0.5, None),  # a button's payload is no context
     # the reference and the e-mail given since say nothing of the subject
     (tracker_after("ca coute combien de renvoyer", None, "NBVCXWQSD", "a@example.fr"), 0.5,
      "ca coute combien de renvoyer")],
)  # fmt: skip
def test_the_context_is_the_previous_message_unless_something_precise_is_awaited(
    tracker: DialogueStateTracker | None, threshold: float | None, context: str | None
) -> None:
    assert context_text(tracker, threshold) == context


@pytest.mark.parametrize(
    ("text", "probabilities", "bar"),
    [("par ecrit", [0.4, 0.3, 0.3], 0.5),  # short and unsure: the context's reading if sure
     ("par ecrit", [0.9, 0.05, 0.05], None),  # sure alone
     ("et par ecrit", [0.9, 0.05, 0.05], None),  # « et… »: the dialogue's recall reads it
     (" ".join(["mot"] * 13), [0.4, 0.3, 0.3], None),  # too long to be a follow-up
     ("et " + " ".join(["mot"] * 12), [0.9, 0.05, 0.05], None),
     ("?!", [0.4, 0.3, 0.3], None),  # no word
     ("parfait je m y prends comment", [0.1, 0.1, 0.8], 0.5),  # small talk, but a question
     ("parfait merci", [0.1, 0.1, 0.8], None),
     ("c est un centre d appel ?", [0.1, 0.1, 0.8], 0.8),  # out of scope, but a question
     ("c est un centre d appel", [0.1, 0.1, 0.8], None)],
)  # fmt: skip
def test_a_follow_up_is_short_and_unsure_or_a_question_aside(
    text: str, probabilities: list[float], bar: float | None
) -> None:
    last = "out_of_scope" if "appel" in text else "greet"
    labels = ["faq/contacter_service_client", "faq/horaires_entrepot", last]
    output = parse_output(labels, np.array(probabilities))
    config = {"context_threshold": 0.5, "context_max_words": 12}
    assert context_bar(text, output, config) == pytest.approx(bar) if bar else \
        context_bar(text, output, config) is None  # fmt: skip


@pytest.mark.parametrize("classes", [2, 3, 5])
def test_probabilities_are_sklearn_s(classes: int) -> None:
    from sklearn.linear_model import LogisticRegression

    texts = [
        "colis perdu",
        "ou est mon colis",
        "remboursement retour",
        "retourner un article",
        "points fidelite",
        "combien de points",
        "bonjour",
        "salut",
        "annuler",
        "modifier",
    ]
    labels = [f"label_{i % classes}" for i in range(len(texts))]
    tfidf = tfidf_features().fit(texts)
    classifier = LogisticRegression(C=100.0, max_iter=5000).fit(tfidf.transform(texts), labels)
    queries = tfidf.transform(["mon colis est perdu", "zzz", "retour et points", ""])
    expected = classifier.predict_proba(queries)  # in double precision, before
    probabilities = Probabilities(classifier)
    assert probabilities.coef_t.flags.c_contiguous
    # Multinomial (3 classes or more): one copy of the coefficients in memory, not two.
    assert np.shares_memory(classifier.coef_, probabilities.coef_t) == (classes > 2)
    assert np.abs(probabilities(queries) - expected).max() < 1e-6
