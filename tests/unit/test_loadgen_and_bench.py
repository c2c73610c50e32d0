"""The pure parts of the load generator (cadomaestro/perf/loadgen.py) and of `make bench`."""

from __future__ import annotations

import pytest

from cadomaestro.perf.bench import (
    cpu_ms_per_turn,
    level_figures,
    percentile,
    to_markdown,
    tree_cpu_s,
)
from cadomaestro.perf.loadgen import FAQ, ORDER, TurnResult, conversation, demo_proofs, problem_in


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [([5.0], 50, 5.0), ([1, 2, 3, 4, 5], 50, 3), ([1, 2, 3, 4, 5], 0, 1), ([1, 2, 3, 4, 5], 100, 5),
     (list(range(1, 101)), 95, 95), (list(range(1, 101)), 99, 99), ([3, 1, 2], 50, 2)],
)  # fmt: skip
def test_percentile(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == expected


def test_a_conversation_has_twenty_turns_with_two_order_lookups() -> None:
    turns = conversation(7)
    assert len(turns) == 20 and turns == conversation(7) and turns != conversation(8)
    orders = [t for t in turns if t.kind == ORDER]
    assert len(orders) == 6
    proofs = dict(demo_proofs())
    for question, reference, email in (orders[0:3], orders[3:6]):
        assert question.text.endswith("?") and proofs[reference.text] == email.text
    assert turns[0].text == "bonjour" and turns[-1].text == "au revoir"


@pytest.mark.parametrize(
    ("status", "replies", "problem"),
    [(200, [{"text": "Bonjour !"}], None),
     (500, [{"text": "Bonjour !"}], "HTTP 500"),
     (200, [], "no reply"),
     (200, {"error": "x"}, "no reply"),
     (200, [{"text": "Toutes nos excuses : je rencontre un problème technique et ne peux pas "
                     "traiter votre demande pour le moment. Réessayez dans quelques minutes, ou "
                     "contactez notre service client :"}], "apology"),
     (200, [{"text": "Toutes nos excuses : je ne parviens pas à consulter les commandes pour le "
                     "moment. Réessayez dans quelques minutes, ou contactez notre service "
                     "client :"}], "apology")],
)  # fmt: skip
def test_problem_in_an_answer(status: int, replies: object, problem: str | None) -> None:
    assert problem_in(status, replies) == problem


def test_level_figures_and_report() -> None:
    results = [TurnResult("a", i, FAQ, i / 1000, None) for i in range(1, 101)]
    results += [TurnResult("b", i, ORDER, 0.5, "HTTP 500" if i == 0 else None) for i in range(10)]
    figures = level_figures(results, elapsed_s=2.0)
    assert figures["turns"] == 110 and figures["turns_per_s"] == 55.0 and figures["errors"] == 1
    assert figures[FAQ] == {"turns": 100, "p50_ms": 51, "p95_ms": 95, "p99_ms": 99}
    assert figures[ORDER]["p99_ms"] == 500
    report = {
        "date": "2026-11-25T12:00:00+00:00",
        "machine": {"cpus": 2, "cpu": "x", "memory_gib": 24, "python": "3.10", "system": "L"},
        "levels": {
            "1": {
                **figures,
                "cpu_ms_per_turn": cpu_ms_per_turn(
                    {"Rasa server": 10.0}, {"Rasa server": 11.76}, 110
                ),
            }
        },
        "widget_levels": {"8": figures},
        "startup_s": {"Rasa server": 30.5},
        "idle_rss_mib": {"Rasa server": 1500},
        "peak_rss_mib": {"Rasa server": 1600},
        "first_answer_s": 0.4,
        "training_from_scratch_s": 545,
    }
    text = to_markdown(report)
    assert "| 1 | 110 | 55.0 | 1 | 51 / 95 / 99 | 500 / 500 / 500 | 16.0 |" in text
    assert "CPU ms per turn: Rasa server |" in text
    assert (
        "| sockets |" in text and "| 8 | 110 | 55.0 | 1 | 51 / 95 / 99 | 500 / 500 / 500 |" in text
    )
    assert "| Rasa server | 30.5 | 1500 | 1600 |" in text and "9 min 05 s" in text


def test_cpu_seconds_of_a_process_grow_with_its_work() -> None:
    import os
    import time

    before = tree_cpu_s(os.getpid())
    deadline = time.process_time() + 0.2
    while time.process_time() < deadline:
        pass
    assert tree_cpu_s(os.getpid()) - before >= 0.1
    assert tree_cpu_s(2**22 + 12345) == 0.0  # no such process
