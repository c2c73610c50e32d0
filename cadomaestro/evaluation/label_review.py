"""A second reading of an evaluation set's labels, applied over the labels its writer gave.

tests/realistic/test_review.yml holds what two reviewers, each alone and blind to any model,
agreed on: the right label instead of the written one (`label`), or another topic whose answer
is right too (`also`: a second question in the message, two FAQ answers saying the same thing).
A review whose message is not in the set with the written label fails loudly: the set changed
and the review must be read again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from cadomaestro import paths
from cadomaestro.evaluation.metrics import Example

TEST_REVIEW = paths.REALISTIC / "test_review.yml"


@dataclass(frozen=True)
class LabelReview:
    text: str
    written: str  # the label the writer gave
    label: str  # the right label (the written one unless the reviewers agreed on another)
    also: tuple[str, ...]  # other labels whose answer is right too
    why: str


class StaleReview(ValueError):
    """A review names a message the set does not hold with that label."""


def load_reviews(path: Path = TEST_REVIEW) -> list[LabelReview]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["reviews"]
    return [
        LabelReview(
            text=e["text"],
            written=e["written"],
            label=e.get("label", e["written"]),
            also=tuple(e.get("also", ())),
            why=e["why"],
        )
        for e in entries
    ]


def apply_reviews(examples: Sequence[Example], reviews: Sequence[LabelReview]) -> list[Example]:
    """The examples with the reviewed labels; the others as written."""
    by_text = {(r.text, r.written): r for r in reviews}
    found = {(e.text, e.intent) for e in examples}
    stale = [r.text for r in reviews if (r.text, r.written) not in found]
    if stale:
        raise StaleReview(f"reviewed messages not in the set with their written label: {stale}")
    reviewed = []
    for example in examples:
        review = by_text.get((example.text, example.intent))
        reviewed.append(
            example if review is None else replace(example, intent=review.label, also=review.also)
        )
    return reviewed
