"""The conversation list's filters (cadomaestro/console/filters.py): read from the URL, malformed
values ignored, written back for the pagination, and what each keeps."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from urllib.parse import parse_qs

import pytest

from cadomaestro.console.conversations import Summary
from cadomaestro.console.filters import KINDS, Filters
from cadomaestro.console.review import Marks
from cadomaestro.rules.requests import RequestKind

BASE = Summary(
    sender_id="web:a", channel="widget", started_at=None, last_at=None, customer_messages=2,
    lowest_confidence=0.9, topics=(), clarified=False, fallback=False, handover=False,
    requests=(), identified=False, identification_failed=False, first_text="bonjour",
)  # fmt: skip


def test_the_query_is_read_and_written_back() -> None:
    query = {"channel": "messenger", "q": " colis ", "since": "2026-12-01", "until": "2026-12-02",
             "max_confidence": "0.6", "handover": "1", "request": "1"}  # fmt: skip
    chosen = Filters.from_query(query)
    assert chosen.on_summaries and chosen.q == "colis"
    assert chosen.since_at == datetime(2026, 12, 1, tzinfo=timezone.utc)
    assert chosen.until_at == datetime(2026, 12, 3, tzinfo=timezone.utc)  # the whole day
    again = Filters.from_query({k: v[0] for k, v in parse_qs(chosen.query()).items()})
    assert again == chosen
    assert "page=3" in chosen.query(page=3)


@pytest.mark.parametrize(
    "query",
    [{"channel": "fax"}, {"since": "hier"}, {"until": "2026-13-45"}, {"max_confidence": "2"},
     {"max_confidence": "nan"}, {"handover": "oui"}, {"q": ""}, {"kind": "remboursement"},
     {"reviewed": "peut-être"}, {"tag": "   "}, {"until": "9999-12-31"}, {"since": "0001-01-01"}],
)  # fmt: skip
def test_malformed_values_are_ignored(query: dict) -> None:
    assert Filters.from_query(query) == Filters()


@pytest.mark.parametrize(
    ("query", "summary", "kept"),
    [
        ({"max_confidence": "0.6"}, BASE, False),
        ({"max_confidence": "0.6"}, dataclasses.replace(BASE, lowest_confidence=0.41), True),
        ({"max_confidence": "0.6"}, dataclasses.replace(BASE, lowest_confidence=None), False),
        ({"handover": "1"}, dataclasses.replace(BASE, handover=True), True),
        ({"handover": "1", "request": "1"}, dataclasses.replace(BASE, handover=True), False),
        ({"request": "1"}, dataclasses.replace(BASE, requests=(12,)), True),
        ({"clarified": "1"}, BASE, False),
        ({"identification_failed": "1"},
         dataclasses.replace(BASE, identification_failed=True), True),
    ],
)  # fmt: skip
def test_what_each_filter_keeps(query: dict, summary: Summary, kept: bool) -> None:
    assert Filters.from_query(query).keeps(summary) is kept


MARKS = Marks(
    reviewed=frozenset({"web:a"}), tags={"web:a": ("colis abîmé", "urgent")},
    flagged=frozenset({"web:b"}),
)  # fmt: skip
OTHER = dataclasses.replace(BASE, sender_id="web:b")
PROBLEMS = dataclasses.replace(
    BASE, topics=("greet", "faq/pays_livraison"), requests=(12,), request_kinds=("sav",)
)


@pytest.mark.parametrize(
    ("query", "summary", "kept"),
    [
        ({"topic": "faq/pays_livraison"}, PROBLEMS, True),
        ({"topic": "faq/pays_livraison"}, BASE, False),
        ({"topic": "greet"}, PROBLEMS, True),
        ({"kind": "sav"}, PROBLEMS, True),
        ({"kind": "annulation"}, PROBLEMS, False),
        ({"tag": "Urgent "}, BASE, True),  # as tags are stored: tidied, lower case
        ({"tag": "urgent"}, OTHER, False),
        ({"tag": "colis  abîmé"}, BASE, True),
        ({"reviewed": "yes"}, BASE, True),
        ({"reviewed": "yes"}, OTHER, False),
        ({"reviewed": "no"}, OTHER, True),
        ({"reviewed": "no", "tag": "urgent"}, BASE, False),
        ({"reviewed": "yes", "kind": "sav", "topic": "greet"}, PROBLEMS, True),
        ({"flagged": "1"}, OTHER, True),
        ({"flagged": "1"}, BASE, False),
        ({"handover_asked": "1"}, dataclasses.replace(BASE, handover=True), False),  # offered
        ({"handover_asked": "1"},
         dataclasses.replace(BASE, handover=True, handover_asked=True), True),
    ],
)  # fmt: skip
def test_topics_kinds_tags_and_reviews(query: dict, summary: Summary, kept: bool) -> None:
    chosen = Filters.from_query(query)
    assert chosen.on_summaries
    assert chosen.keeps(summary, MARKS) is kept


def test_tag_and_review_filters_need_the_marks() -> None:
    with pytest.raises(ValueError):
        Filters.from_query({"tag": "urgent"}).keeps(BASE)
    assert Filters.from_query({"topic": "greet"}).keeps(BASE) is False  # no marks needed


def test_every_kind_of_request_has_a_title() -> None:
    assert set(KINDS) == set(RequestKind.values())
