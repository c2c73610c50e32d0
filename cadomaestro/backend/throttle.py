"""Limits on failed attempts per client, against enumeration of order references and proofs.

A client that failed `limit` times within `window_s` seconds is refused (every attempt, right or
wrong, so that a refusal tells nothing) until its oldest failure leaves the window. State is kept
in memory, per backend process: enough for the one process `make run` starts; several processes
behind a load balancer would share it through the database or Redis instead.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from cadomaestro.settings import Environment

# How long a failure counts unless configured otherwise: ORDERS_LIMIT_WINDOW_S's default (the
# action server's client also falls back on it when it reads no Retry-After).
DEFAULT_WINDOW_S = Environment({}).integer("ORDERS_LIMIT_WINDOW_S")


class FailureLimiter:
    """Failures per client within a sliding window, for at most `max_clients` clients (the
    least recently failing are forgotten first, so memory stays bounded)."""

    def __init__(
        self,
        limit: int,
        window_s: float,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 100_000,
    ) -> None:
        if limit < 1 or window_s <= 0:
            raise ValueError("limit and window must be positive")
        self.limit, self.window_s, self._clock = limit, window_s, clock
        self._max_clients = max_clients
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, client: str) -> deque[float]:
        failures = self._failures.get(client)
        if failures is None:
            return deque()
        horizon = self._clock() - self.window_s
        while failures and failures[0] <= horizon:
            failures.popleft()
        if not failures:
            del self._failures[client]
        return failures

    def retry_after(self, client: str) -> int:
        """Seconds before `client` may try again; 0 when it may now."""
        failures = self._recent(client)
        if len(failures) < self.limit:
            return 0
        return max(1, math.ceil(failures[-self.limit] + self.window_s - self._clock()))

    def record_failure(self, client: str) -> None:
        failures = self._recent(client)
        failures.append(self._clock())
        self._failures[client] = failures
        self._failures.move_to_end(client)
        while len(self._failures) > self._max_clients:  # the least recently failing first
            self._failures.popitem(last=False)
