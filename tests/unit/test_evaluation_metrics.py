"""The metrics that score every system of `make eval` (cadomaestro/evaluation/metrics.py), on
small cases computed by hand."""

from __future__ import annotations

import math

import pytest
from sklearn.metrics import f1_score

from cadomaestro.evaluation.compare import COLUMNS, System, best_systems, verdict
from cadomaestro.evaluation.metrics import (
    Example,
    Prediction,
    TopicScore,
    build_report,
    macro_f1,
    prediction_from_parse,
    rank_topics_worst_first,
    rescore,
)


def prediction(gold: str, predicted: str, fallback: bool = False) -> Prediction:
    return Prediction(Example("…", gold), predicted.split("/")[0], predicted, 0.9, fallback)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # every label right
        ([("a", "a"), ("b", "b")], 1.0),
        # a: TP 1, FN 1 → 2/3; b: TP 1, FP 1 → 2/3
        ([("a", "a"), ("a", "b"), ("b", "b")], 2 / 3),
        # a: TP 1, FN 1 → 2/3; c, only ever predicted wrongly: 0 → (2/3 + 0) / 2
        ([("a", "a"), ("a", "c")], 1 / 3),
        # both always wrong
        ([("a", "b"), ("b", "a")], 0.0),
        # a: TP 3, FP 1 → 6/7; b: FN 1 → 0; unweighted mean, not 3/4 accuracy
        ([("a", "a")] * 3 + [("b", "a")], 3 / 7),
        # a: TP 2, FN 1 → 4/5; b: TP 1, FP 1, FN 1 → 1/2; c: FP 1 → 0
        ([("a", "a"), ("a", "a"), ("a", "b"), ("b", "b"), ("b", "c")], (4 / 5 + 1 / 2 + 0) / 3),
    ],
)
def test_macro_f1_by_hand(pairs: list[tuple[str, str]], expected: float) -> None:
    assert macro_f1(pairs) == pytest.approx(expected)


@pytest.mark.parametrize(
    "pairs",
    [
        [("a", "a"), ("a", "b"), ("b", "b"), ("c", "a"), ("c", "c"), ("d", "e")],
        [("faq/x", "faq/y"), ("faq/y", "faq/y"), ("greet", "greet"), ("greet", "faq/x")],
    ],
)
def test_macro_f1_is_scikit_learns(pairs: list[tuple[str, str]]) -> None:
    gold, predicted = zip(*pairs, strict=True)
    expected = f1_score(gold, predicted, average="macro", zero_division=0)
    assert macro_f1(pairs) == pytest.approx(expected)


def test_macro_f1_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        macro_f1([])


def test_report_macro_f1_over_intents_and_over_full_labels() -> None:
    report = build_report(
        [
            prediction("faq/x", "faq/x"),
            prediction("faq/x", "faq/y"),  # right intent, wrong topic
            prediction("greet", "greet"),
        ]
    )
    assert report.intent_accuracy == 1.0
    assert report.macro_f1_intents == 1.0
    assert report.label_accuracy == pytest.approx(2 / 3)
    # faq/x: TP 1, FN 1 → 2/3; faq/y: FP 1 → 0; greet: 1
    assert report.macro_f1_labels == pytest.approx((2 / 3 + 0 + 1) / 3)
    assert report.retrieval_accuracy == 0.5


@pytest.mark.parametrize(
    ("out_of_scope", "expected"),
    [
        ([("out_of_scope", False)], 1.0),  # recognised as out of scope
        ([("faq/x", True)], 1.0),  # a topic, but the system asks for clarification
        ([("out_of_scope", True)], 1.0),
        ([("faq/x", False)], 0.0),  # answered with a topic
        ([("greet", False)], 0.0),  # answered, not as out of scope
        ([("out_of_scope", False), ("faq/x", True), ("faq/x", False), ("greet", False)], 0.5),
    ],
)
def test_out_of_scope_fallback_rate(out_of_scope: list[tuple[str, bool]], expected: float) -> None:
    others = [prediction("faq/x", "faq/x", fallback=True), prediction("greet", "out_of_scope")]
    report = build_report(
        [prediction("out_of_scope", pred, fb) for pred, fb in out_of_scope] + others
    )
    assert report.out_of_scope_fallback_rate == pytest.approx(expected)
    assert report.in_scope_fallback_rate == 0.5  # the other messages: one clarification of two


def test_out_of_scope_fallback_rate_without_out_of_scope_examples_is_nan() -> None:
    assert math.isnan(build_report([prediction("greet", "greet")]).out_of_scope_fallback_rate)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        # lowest accuracy first
        ([("a", 9, 10), ("b", 1, 2), ("c", 6, 10)], ["b", "c", "a"]),
        # same accuracy: more errors first
        ([("a", 1, 2), ("b", 5, 10), ("c", 2, 4)], ["b", "c", "a"]),
        # same accuracy and errors: by name
        ([("z", 8, 9), ("m", 8, 9), ("a", 9, 9)], ["m", "z", "a"]),
    ],
)
def test_worst_topics_ranking(scores: list[tuple[str, int, int]], expected: list[str]) -> None:
    ranked = rank_topics_worst_first(TopicScore(t, ok, total) for t, ok, total in scores)
    assert [s.topic for s in ranked] == expected


def test_worst_topics_keep_topics_with_errors_and_their_main_confusions() -> None:
    report = build_report(
        [prediction("faq/x", "faq/x")] * 3
        + [prediction("faq/x", "faq/y")]
        + [prediction("faq/y", "faq/z"), prediction("faq/y", "greet"), prediction("faq/y", "faq/z")]
        + [prediction("greet", "greet")] * 2
    )
    worst = report.worst_topics(10)
    assert [(s.topic, s.correct, s.total) for s in worst] == [("faq/y", 0, 3), ("faq/x", 3, 4)]
    assert worst[0].main_confusion == "faq/z (2), greet (1)"
    assert report.worst_topics(1) == worst[:1]


@pytest.mark.parametrize(
    ("parse", "intent", "full_intent", "fallback"),
    [
        # one selector per retrieval intent (this pipeline)
        (
            {
                "intent": {"name": "faq", "confidence": 0.9},
                "intent_ranking": [{"name": "faq", "confidence": 0.9}],
                "response_selector": {
                    "faq": {"response": {"intent_response_key": "faq/pays_livraison"}}
                },
            },
            "faq",
            "faq/pays_livraison",
            False,
        ),
        # Rasa's default selector for all retrieval intents (the Rasa default baseline)
        (
            {
                "intent": {"name": "nlu_fallback", "confidence": 0.3},
                "intent_ranking": [
                    {"name": "nlu_fallback", "confidence": 0.3},
                    {"name": "faq", "confidence": 0.25},
                ],
                "response_selector": {
                    "all_retrieval_intents": ["faq", "colis_perdu"],
                    "default": {"response": {"intent_response_key": "colis_perdu/livre_non_recu"}},
                },
            },
            "faq",
            "colis_perdu/livre_non_recu",
            True,
        ),
        (
            {"intent": {"name": "greet", "confidence": 1.0}, "intent_ranking": [], "entities": []},
            "",
            "",
            False,
        ),
    ],
)
def test_prediction_from_parse(parse: dict, intent: str, full_intent: str, fallback: bool) -> None:
    p = prediction_from_parse(Example("…", "faq/pays_livraison"), parse)
    assert (p.intent, p.full_intent, p.fallback) == (intent, full_intent, fallback)


def _system(name: str, pairs: list[tuple[str, str]]) -> System:
    return System(name, "", build_report([prediction(gold, pred) for gold, pred in pairs]))


def test_best_systems_and_verdict() -> None:
    right = [("faq/x", "faq/x"), ("greet", "greet")]
    one_wrong = [("faq/x", "faq/x"), ("greet", "faq/x")]
    accuracy = COLUMNS[0]

    ours, other = _system("this pipeline", right), _system("other", one_wrong)
    assert best_systems([ours, other], accuracy) == ["this pipeline"]
    assert (
        verdict([ours, other]) == "This pipeline is the best of the two on accuracy and macro-F1."
    )

    tied = _system("other", right)
    assert best_systems([ours, tied], accuracy) == ["this pipeline", "other"]
    assert verdict([ours, tied]) == (
        "This pipeline is the best of the two on accuracy and macro-F1; "
        "tied with other on all of them."
    )
    # same intents, one topic wrong: tied on the intent metrics only
    same_intents = _system("other", [("faq/x", "faq/z"), ("greet", "greet")])
    assert verdict([ours, same_intents]) == (
        "This pipeline is the best of the two on accuracy and macro-F1; "
        "tied with other on intent accuracy, macro-F1, intents."
    )

    worse, better = _system("this pipeline", one_wrong), _system("other", right)
    assert verdict([worse, better]).startswith(
        "This pipeline is NOT the best on: intent accuracy (other); macro-F1, intents (other)"
    )


def test_the_report_states_the_fallback_threshold_of_config_yml(tmp_path) -> None:
    from cadomaestro.evaluation.compare import fallback_threshold

    config = tmp_path / "config.yml"
    config.write_text(
        "pipeline:\n- name: WhitespaceTokenizer\n"
        "- name: cadomaestro.nlu.components.TopicFallbackClassifier\n  threshold: 0.35\n"
    )
    assert fallback_threshold(config) == 0.35
    assert 0 < fallback_threshold() < 1  # the project's own config.yml has one


def reviewed(
    gold: str, also: tuple[str, ...], predicted: str, fallback: bool = False
) -> Prediction:
    example = Example("…", gold, also)
    return Prediction(example, predicted.split("/")[0], predicted, 0.9, fallback, (predicted,))


@pytest.mark.parametrize(
    ("prediction", "correct", "intent_correct"),
    [
        (reviewed("faq/a", ("faq/b",), "faq/a"), True, True),
        (reviewed("faq/a", ("faq/b",), "faq/b"), True, True),
        (reviewed("faq/a", ("faq/b",), "faq/c"), False, True),
        # a second question of another intent: that intent is right too, not a third one
        (reviewed("colis_perdu/x", ("faq/b",), "faq/b"), True, True),
        (reviewed("colis_perdu/x", ("faq/b",), "faq/c"), False, True),
        (reviewed("colis_perdu/x", ("faq/b",), "greet"), False, False),
        (reviewed("faq/a", (), "faq/b"), False, True),
    ],
)
def test_a_label_also_right_counts_as_right(
    prediction: Prediction, correct: bool, intent_correct: bool
) -> None:
    assert prediction.correct is correct
    assert prediction.intent_correct is intent_correct


def test_a_label_also_right_is_the_gold_of_f1_and_of_clarifications() -> None:
    predictions = [
        reviewed("faq/a", ("faq/b",), "faq/b"),
        reviewed("faq/b", (), "faq/b"),
        reviewed("faq/a", ("faq/b",), "faq/b", fallback=True),
    ]
    report = build_report(predictions)
    assert report.label_accuracy == 1.0
    assert report.macro_f1_labels == 1.0  # not a confusion of a with b
    assert report.clarification_recovery == 1.0
    assert report.confusions() == []


def test_a_second_right_label_of_another_intent_is_the_gold_of_the_intents_f1() -> None:
    # A late parcel that also asks where the tracking number is: `faq` is a right intent too,
    # even with the wrong FAQ topic; another intent is not.
    predictions = [
        reviewed("colis_perdu/x", ("faq/b",), "faq/c"),
        reviewed("faq/c", (), "faq/c"),
        reviewed("colis_perdu/x", (), "colis_perdu/x"),
    ]
    report = build_report(predictions)
    assert report.intent_accuracy == 1.0 and report.macro_f1_intents == 1.0
    assert report.label_accuracy == 2 / 3
    wrong = build_report([*predictions, reviewed("colis_perdu/x", ("faq/b",), "greet")])
    assert wrong.intent_accuracy == 3 / 4 and wrong.macro_f1_intents < 1.0


def test_rescore_scores_the_same_predictions_against_other_labels() -> None:
    report = build_report([reviewed("faq/a", ("faq/b",), "faq/b"), reviewed("faq/c", (), "faq/c")])
    written = [Example("…", "faq/a"), Example("…", "faq/c")]
    again = rescore(report, written)
    assert again.retrieval_accuracy == 0.5
    assert again.confusions() == [("faq/a", "faq/b", 1)]
    with pytest.raises(ValueError, match="not the same message"):
        rescore(report, [Example("autre", "faq/a"), Example("…", "faq/c")])
