"""SpacyWordVectors loads only spaCy's tokenizer and word vectors, and gives the pipeline the
same tokens and document vectors as Rasa's SpacyNLP (cadomaestro/nlu/components.py)."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.nlu.utils.spacy_utils import SpacyNLP

from cadomaestro.nlu.components import SpacyWordVectors

TEXTS = [
    "bonjour je voudrais savoir ou en est ma commande KQZPTRBWE svp",
    "Mon colis est arrivé cassé, je veux être remboursée !!",
    "c quoi le num de suivi",
    "",
]


@pytest.fixture(scope="module")
def models() -> tuple:
    return SpacyWordVectors.load_model("fr_core_news_md"), SpacyNLP.load_model("fr_core_news_md")


def test_no_component_runs_and_the_vectors_are_all_there(models: tuple) -> None:
    light, full = models
    assert light.model.pipe_names == [] and full.model.pipe_names
    assert light.model.vocab.vectors.shape == full.model.vocab.vectors.shape


@pytest.mark.parametrize("text", TEXTS)
def test_same_tokens_and_vectors_as_spacy_nlp(models: tuple, text: str) -> None:
    light, full = models
    a, b = light.model(text), full.model(text)
    assert [(t.text, t.idx) for t in a] == [(t.text, t.idx) for t in b]
    assert a.has_vector == b.has_vector
    assert np.array_equal(a.vector, b.vector)


def test_a_missing_model_gets_rasa_s_error() -> None:
    from rasa.nlu.utils.spacy_utils import InvalidModelError

    with pytest.raises(InvalidModelError, match="available spaCy model"):
        SpacyWordVectors.load_model("xx_no_such_model")


def test_loaded_once_per_process(models: tuple) -> None:
    # Rasa builds the component twice (provider and runner): one model in memory.
    assert SpacyWordVectors.load_model("fr_core_news_md") is models[0]
