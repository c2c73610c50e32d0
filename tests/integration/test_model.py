"""The trained model on the held-out set and on the variants customers type."""

from __future__ import annotations

import pytest

from cadomaestro.evaluation.metrics import (
    INTENT_FLOOR,
    RETRIEVAL_FLOOR,
    build_report,
    load_heldout,
    prediction_from_parse,
)
from cadomaestro.nlu.normalize import strip_accents

HELDOUT = load_heldout()


@pytest.fixture(scope="module")
def report(parse):
    return build_report([prediction_from_parse(e, parse(e.text)) for e in HELDOUT])


def test_heldout_intent_accuracy_meets_the_floor(report) -> None:
    assert report.intent_accuracy >= INTENT_FLOOR, report.to_markdown()


def test_heldout_faq_retrieval_top1_meets_the_floor(report) -> None:
    assert report.retrieval_accuracy >= RETRIEVAL_FLOOR, report.to_markdown()


@pytest.mark.parametrize("text", [e.text for e in HELDOUT if strip_accents(e.text) != e.text][:60])
def test_missing_accents_do_not_change_the_answer(parse, text: str) -> None:
    """Accents are folded before tokenisation: the parse is the same, not merely similar."""
    with_accents, without = parse(text), parse(strip_accents(text))
    assert without["intent"] == with_accents["intent"]
    assert without["response_selector"] == with_accents["response_selector"]


@pytest.mark.parametrize(
    "text",
    [e.text for e in HELDOUT if "'" in e.text or "’" in e.text][:40],
)
def test_phone_apostrophes_parse_exactly_like_plain_ones(parse, text: str) -> None:
    plain, phone = parse(text.replace("’", "'")), parse(text.replace("'", "’"))
    assert phone["intent"] == plain["intent"]
    assert phone["response_selector"] == plain["response_selector"]


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
        # an example annotated « [la Réunion](pays) » no longer overrides the synonyms
        ("vous livrez a la reunion ?", {"pays": ["RE"]}),
        ("et en norvege", {"pays": ["NO"]}),
        ("Bonjour, je suis à Liège, c'est possible de me faire livrer ?", {"pays": ["BE"]}),
        ("c'est envoyé par la poste ou tnt ?", {"transporteur": ["colissimo", "tnt"]}),
        ("appelez le 04 81 64 00 80", {}),  # a phone number is not a postcode
    ],
)
def test_entities(parse, text: str, expected: dict[str, list[str]]) -> None:
    assert entities(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Bonjour, je souhaiterais retourner la planche apéritif de ma commande DFGTRHYJK "
         "(code postal 42160).", "produit_defectueux/retractation"),
        ("KQZPTRBWE je veux annuler", "modifier_commande/modifier_annuler_commande"),
        ("voici ma commande KQZPTRBWE et mon mail claire.martin@example.fr", "donner_infos"),
        ("la ref c est KQZPTRBWE et le code postal 69003", "donner_infos"),
        ("KQZPTRBWE", "donner_infos"),
    ],
)  # fmt: skip
def test_the_question_beside_the_identifiers_is_read(parse, text: str, label: str) -> None:
    """A message giving the order's reference or proof is about what its other words ask;
    words that only speak of the identifiers leave it « giving identifiers »."""
    result = parse(text)
    intent = result["intent"]["name"]
    selected = result.get("response_selector", {}).get(intent, {}).get("response", {})
    assert selected.get("intent_response_key", intent) == label, result["intent"]
