"""Work done after a webhook has answered, in order per customer: one worker per customer with
pending work (none otherwise), so that a customer's messages are answered in the order sent while
different customers are served at once."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item")


class CustomerQueues(Generic[Item]):
    def __init__(self, handle: Callable[[Item], Awaitable[None]]) -> None:
        self.handle = handle
        self._pending: dict[str, deque[Item]] = {}
        self._workers: set[asyncio.Task[None]] = set()

    def submit(self, customer: str, item: Item) -> None:
        pending = self._pending.get(customer)
        if pending is not None:  # its worker is running: it takes this one after the others
            pending.append(item)
            return
        self._pending[customer] = deque([item])
        worker = asyncio.get_running_loop().create_task(self._work(customer))
        self._workers.add(worker)
        worker.add_done_callback(self._workers.discard)

    async def _work(self, customer: str) -> None:
        pending = self._pending[customer]
        while pending:
            item = pending.popleft()
            try:
                await self.handle(item)
            except Exception as error:  # one message lost, never the customer's next ones
                log.error("message not handled: %s", type(error).__name__)
        del self._pending[customer]

    async def drain(self) -> None:
        """Wait until every submitted item is handled."""
        while self._workers:
            await asyncio.gather(*list(self._workers), return_exceptions=True)
