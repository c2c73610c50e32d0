"""The limiter of failed attempts per client (cadomaestro/backend/throttle.py), on a fake clock."""

from __future__ import annotations

import pytest

from cadomaestro.backend.throttle import FailureLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# (failure times, time asked, seconds to wait) with a limit of 3 failures per 60 s
CASES = [
    ([], 0, 0),
    ([0, 1], 2, 0),  # under the limit
    ([0, 1, 2], 3, 57),  # the oldest of the last three leaves the window at 60
    ([0, 1, 2], 59.5, 1),  # rounded up, never 0 while blocked
    ([0, 1, 2], 60, 0),  # the first failure has left the window
    ([0, 10, 20, 30], 61, 9),  # four failures: wait until only two are left in the window
    ([0, 100, 101], 102, 0),  # old failures do not count
]


@pytest.mark.parametrize(("failures", "asked", "wait"), CASES)
def test_retry_after(failures: list[float], asked: float, wait: int) -> None:
    clock = Clock()
    limiter = FailureLimiter(3, 60, clock)
    start = clock.now
    for at in failures:
        clock.now = start + at
        limiter.record_failure("client-a")
    clock.now = start + asked
    assert limiter.retry_after("client-a") == wait


def test_clients_are_counted_apart() -> None:
    limiter = FailureLimiter(2, 60, Clock())
    limiter.record_failure("a")
    limiter.record_failure("a")
    assert limiter.retry_after("a") > 0
    assert limiter.retry_after("b") == 0


def test_memory_is_bounded_by_evicting_the_least_recent_clients() -> None:
    clock = Clock()
    limiter = FailureLimiter(1, 60, clock, max_clients=3)
    for client in "abcd":
        clock.now += 1
        limiter.record_failure(client)
    assert limiter.retry_after("a") == 0  # evicted
    assert all(limiter.retry_after(c) > 0 for c in "bcd")


@pytest.mark.parametrize(("limit", "window"), [(0, 60), (3, 0), (-1, 10)])
def test_limits_must_be_positive(limit: int, window: float) -> None:
    with pytest.raises(ValueError):
        FailureLimiter(limit, window)
