"""The trained model on the held-out set and on the variants customers type."""

from __future__ import annotations

import pytest

from cadomaestro.evaluation import (
    INTENT_FLOOR,
    RETRIEVAL_FLOOR,
    build_report,
    load_heldout,
    prediction_from_parse,
)
from cadomaestro.faq.corpus import load_corpus
from cadomaestro.nlu.normalize import strip_accents

HELDOUT = load_heldout()


@pytest.fixture(scope="module")
def report(parse):
    return build_report([prediction_from_parse(e, parse(e.text)) for e in HELDOUT])


def test_heldout_intent_accuracy_meets_the_floor(report) -> None:
    assert report.intent_accuracy >= INTENT_FLOOR, report.to_markdown()


def test_heldout_faq_retrieval_top1_meets_the_floor(report) -> None:
    assert report.retrieval_accuracy >= RETRIEVAL_FLOOR, report.to_markdown()


def test_missing_accents_do_not_change_the_answer(parse) -> None:
    """Every FAQ question typed without its accents gets the same topic."""
    changed = []
    for entry in load_corpus():
        stripped = strip_accents(entry.question)
        got = prediction_from_parse_text(parse, stripped)
        if got != entry.full_intent:
            changed.append((stripped, got))
    assert changed == []


def test_heldout_without_accents_keeps_its_accuracy(parse, report) -> None:
    accented = [e for e in HELDOUT if strip_accents(e.text) != e.text]
    assert len(accented) > 100
    same = sum(
        prediction_from_parse(e, parse(strip_accents(e.text))).full_intent
        == prediction_from_parse(e, parse(e.text)).full_intent
        for e in accented
    )
    assert same / len(accented) >= 0.95


@pytest.mark.parametrize(
    "text",
    [e.text for e in HELDOUT if "'" in e.text or "’" in e.text][:40],
)
def test_phone_apostrophes_parse_exactly_like_plain_ones(parse, text: str) -> None:
    plain, phone = parse(text.replace("’", "'")), parse(text.replace("'", "’"))
    assert phone["intent"] == plain["intent"]
    assert phone["response_selector"] == plain["response_selector"]


def prediction_from_parse_text(parse, text: str) -> str:
    from cadomaestro.evaluation import Example

    return prediction_from_parse(Example(text, ""), parse(text)).full_intent


def entities(parse, text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for entity in parse(text)["entities"]:
        found.setdefault(entity["entity"], []).append(entity["value"])
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ma commande KQZPTRBWE n'est jamais arrivée", {"reference_commande": ["KQZPTRBWE"]}),
        ("colis perdu commande n° kqzptrbwe", {"reference_commande": ["KQZPTRBWE"]}),
        ("où en est ma livraison ?", {}),
        ("mon mail c'est claire.martin@example.fr", {"email": ["claire.martin@example.fr"]}),
        ("j'habite au 69003 Lyon", {"code_postal": ["69003"]}),
        ("vous livrez en Belgique ?", {"pays": ["BE"]}),
        ("et en suede", {"pays": ["SE"]}),
        ("livraison en Corse possible ?", {"pays": ["CORSE"]}),
        ("c'est envoyé par la poste ou tnt ?", {"transporteur": ["colissimo", "tnt"]}),
        ("appelez le 04 81 64 00 80", {}),  # a phone number is not a postcode
    ],
)
def test_entities(parse, text: str, expected: dict[str, list[str]]) -> None:
    assert entities(parse, text) == expected
