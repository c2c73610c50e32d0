"""Ports for the tests' and the benchmark's servers (cadomaestro/perf/stack.py): free, below the
kernel's ephemeral range, never drawn twice, each test worker in a block of its own."""

from __future__ import annotations

import socket

import pytest

from cadomaestro.perf import stack


def test_ports_are_free_distinct_and_below_the_ephemeral_range() -> None:
    ports = [stack.free_port() for _ in range(20)]
    assert len(set(ports)) == 20
    assert all(1024 < port < stack._ephemeral_low() for port in ports)
    with socket.socket() as listening:
        listening.bind(("", ports[-1] + 1))  # taken by someone else: skipped
        listening.listen()
        assert stack.free_port() != ports[-1] + 1


@pytest.mark.parametrize(("first", "second"), [("gw0", "gw1"), ("", "gw0"), ("gw1", "gw2")])
def test_each_worker_draws_from_its_own_block(
    monkeypatch: pytest.MonkeyPatch, first: str, second: str
) -> None:
    def block(worker: str) -> int:
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        monkeypatch.setattr(stack, "_drawn", [])
        return (stack._ephemeral_low() - 1 - stack.free_port()) // stack._BLOCK

    assert block(first) != block(second)
