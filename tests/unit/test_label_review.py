"""The review of the test split's labels (cadomaestro/evaluation/label_review.py): applied over
the labels as written, and failing loudly once the set no longer holds a reviewed message."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadomaestro import paths
from cadomaestro.evaluation.label_review import (
    LabelReview,
    StaleReview,
    apply_reviews,
    load_reviews,
)
from cadomaestro.evaluation.metrics import Example, load_heldout
from tests.faq_entries import faq_entries

WRITTEN = [Example("deux questions", "faq/a"), Example("mal lu", "faq/c"), Example("seul", "faq/d")]


def test_a_review_relabels_or_adds_a_right_label_and_leaves_the_rest() -> None:
    reviews = [
        LabelReview("deux questions", "faq/a", "faq/a", ("faq/b",), "two questions"),
        LabelReview("mal lu", "faq/c", "faq/e", (), "the other answer says it"),
    ]
    assert apply_reviews(WRITTEN, reviews) == [
        Example("deux questions", "faq/a", ("faq/b",)),
        Example("mal lu", "faq/e"),
        Example("seul", "faq/d"),
    ]


@pytest.mark.parametrize(
    "review",
    [
        LabelReview("absent", "faq/a", "faq/b", (), ""),
        LabelReview("deux questions", "faq/z", "faq/b", (), ""),  # the set's label changed
    ],
)
def test_a_review_of_a_message_the_set_no_longer_holds_fails(review: LabelReview) -> None:
    with pytest.raises(StaleReview):
        apply_reviews(WRITTEN, [review])


def test_load_reviews_reads_label_and_also(tmp_path: Path) -> None:
    path = tmp_path / "review.yml"
    path.write_text(
        "reviews:\n"
        "- {text: a, written: faq/x, also: [faq/y], why: two}\n"
        "- {text: b, written: faq/x, label: faq/z, why: other}\n",
        encoding="utf-8",
    )
    assert load_reviews(path) == [
        LabelReview("a", "faq/x", "faq/x", ("faq/y",), "two"),
        LabelReview("b", "faq/x", "faq/z", (), "other"),
    ]


def test_the_test_splits_review_applies_and_names_real_labels() -> None:
    written = load_heldout(paths.REALISTIC / "test")
    reviews = load_reviews()
    reviewed = apply_reviews(written, reviews)
    assert len(reviewed) == len(written)
    changed = [r for w, r in zip(written, reviewed, strict=True) if w != r]
    assert len(changed) == len(reviews) > 0
    topics = {entry.full_intent for entry in faq_entries()}
    for review in reviews:
        assert review.why
        assert {review.label, *review.also} <= topics, review.text
        assert review.label not in review.also
