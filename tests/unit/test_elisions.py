"""Elisions typed without their apostrophe (« ladresse ») are read as the two words typed with
it: `split_elision` (cadomaestro/nlu/normalize.py) with spaCy's real vectors deciding what is a
spelling of what (`spelling_of`), and ElisionSplitter on Rasa's real tokens."""

from __future__ import annotations

import pytest
from rasa.nlu.constants import SPACY_DOCS, TOKENS_NAMES
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from cadomaestro.nlu.components import ElisionSplitter, SpacyWordVectors, spelling_of
from cadomaestro.nlu.normalize import split_elision


@pytest.fixture(scope="module")
def language():  # type: ignore[no-untyped-def]
    return SpacyWordVectors.load_model("fr_core_news_md").model


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ladresse", ("l'", "adresse")),
        ("lemballage", ("l'", "emballage")),
        ("Larticle", ("L'", "article")),  # the case typed is kept
        ("jattends", ("j'", "attends")),
        ("davoir", ("d'", "avoir")),
        ("lhiver", ("l'", "hiver")),  # before a mute h
        ("letat", ("l'", "etat")),  # accents folded by the pipeline
        ("lemail", ("l'", "email")),  # unknown to spaCy, its rest a frequent word
        ("quaucun", ("qu'", "aucun")),
        # words of their own, though their end is a word too
        ("lorsque", None),  # « orsque » is mapped to « lorsque », not the other way
        ("large", None),
        ("dire", None),
        ("jour", None),
        ("leur", None),
        ("quelle", None),
        ("savoir", None),
        ("darty", None),
        # frequent enough to have their own vectors: left as the training data has them
        ("jai", None),
        ("cest", None),
        # not an elision: a consonant follows, or the rest is too short, or no letter
        ("lcolis", None),
        ("lun", None),
        ("l", None),
        ("", None),
        ("KQZPTRBWE", None),
    ],
)
def test_split_elision(language, word: str, expected: tuple[str, str] | None) -> None:  # type: ignore[no-untyped-def]
    assert split_elision(word, spelling_of(language.vocab)) == expected


def test_the_splitter_gives_the_tokens_of_the_apostrophe(language) -> None:  # type: ignore[no-untyped-def]
    def tokens(text: str) -> list[tuple[str, int, int]]:
        message = Message(data={TEXT: text})
        message.set(SPACY_DOCS[TEXT], language(text))
        SpacyTokenizer(SpacyTokenizer.get_default_config()).process([message])
        ElisionSplitter().process([message])
        return [(t.text, t.start, t.end) for t in message.get(TOKENS_NAMES[TEXT])]

    typed = tokens("faut changer ladresse de lemballage stp")
    apostrophes = tokens("faut changer l'adresse de l'emballage stp")
    assert [t[0] for t in typed] == [t[0] for t in apostrophes]
    # positions within the text as typed, which is not changed
    assert typed[2:4] == [("l'", 13, 14), ("adresse", 14, 21)]
    assert [t[0] for t in tokens("lorsque je dis large")] == ["lorsque", "je", "dis", "large"]


def test_the_training_data_and_a_message_are_split_alike(language) -> None:  # type: ignore[no-untyped-def]
    from rasa.shared.nlu.training_data.training_data import TrainingData

    examples = [Message(data={TEXT: "je veux changer ladresse"})]
    for example in examples:
        example.set(SPACY_DOCS[TEXT], language(example.get(TEXT)))
    data = SpacyTokenizer(SpacyTokenizer.get_default_config()).process_training_data(
        TrainingData(examples)
    )
    ElisionSplitter().process_training_data(data)
    assert [t.text for t in examples[0].get(TOKENS_NAMES[TEXT])][-2:] == ["l'", "adresse"]
