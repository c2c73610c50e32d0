import pytest

from cadomaestro.nlu.topics import answer_confidence, rank_topics

RETRIEVAL = ("faq", "colis_perdu")


def selector(*ranking: tuple[str, float]) -> dict:
    return {"ranking": [{"intent_response_key": k, "confidence": c} for k, c in ranking]}


@pytest.mark.parametrize(
    ("parse", "expected"),
    [
        (  # combined score = intent confidence x selector confidence
            {
                "intent_ranking": [
                    {"name": "faq", "confidence": 0.5},
                    {"name": "colis_perdu", "confidence": 0.4},
                    {"name": "greet", "confidence": 0.1},
                ],
                "response_selector": {
                    "faq": selector(("faq/a", 0.6), ("faq/b", 0.4)),
                    "colis_perdu": selector(("colis_perdu/c", 0.9), ("colis_perdu/d", 0.1)),
                },
            },
            ["colis_perdu/c", "faq/a", "faq/b", "colis_perdu/d"],
        ),
        (  # non-retrieval intents and the fallback are not topics
            {"intent_ranking": [{"name": "nlu_fallback", "confidence": 0.9}, {"name": "greet"}]},
            [],
        ),
        ({}, []),  # nothing parsed
        (  # a retrieval intent without selector output adds nothing
            {"intent_ranking": [{"name": "faq", "confidence": 0.9}], "response_selector": {}},
            [],
        ),
    ],
)
def test_rank_topics(parse: dict, expected: list[str]) -> None:
    assert [key for key, _ in rank_topics(parse, RETRIEVAL)] == expected


@pytest.mark.parametrize(
    ("parse", "expected"),
    [
        (  # retrieval intent: intent confidence x selector confidence
            {
                "intent": {"name": "faq", "confidence": 0.9},
                "response_selector": {"faq": {"response": {"confidence": 0.5}}},
            },
            0.45,
        ),
        ({"intent": {"name": "greet", "confidence": 0.8}}, 0.8),  # other intents: as is
        ({"intent": {"name": "faq", "confidence": 0.9}}, 0.0),  # no selector output: no answer
        ({}, 0.0),
    ],
)
def test_answer_confidence(parse: dict, expected: float) -> None:
    assert answer_confidence(parse, RETRIEVAL) == pytest.approx(expected)
