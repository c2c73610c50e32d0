"""Work after the webhook's answer (cadomaestro/channels/meta/queues.py): in order per customer,
customers at once, a failure losing only its own message."""

from __future__ import annotations

import asyncio

from cadomaestro.channels.meta.queues import CustomerQueues


def test_each_customer_in_order_customers_at_once_failures_contained() -> None:
    async def scenario() -> tuple[list[str], int]:
        done: list[str] = []
        running = peak = 0

        async def handle(item: str) -> None:
            nonlocal running, peak
            running += 1
            peak = max(peak, running)
            await asyncio.sleep(0.01 if item.endswith("1") else 0)
            running -= 1
            if item == "b2":
                raise RuntimeError("boom")
            done.append(item)

        queues: CustomerQueues[str] = CustomerQueues(handle)
        for item in ("a1", "b1", "a2", "b2", "a3", "b3"):
            queues.submit(item[0], item)
        await queues.drain()
        queues.submit("a", "a4")  # a new worker once the first has finished
        await queues.drain()
        return done, peak

    done, peak = asyncio.run(scenario())
    assert [i for i in done if i[0] == "a"] == ["a1", "a2", "a3", "a4"]
    assert [i for i in done if i[0] == "b"] == ["b1", "b3"]  # b2 failed, b3 still handled
    assert peak == 2  # the two customers at once
