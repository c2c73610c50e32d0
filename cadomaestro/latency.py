"""Per-message latency of the running assistant through the REST channel.

`make latency` (assistant started with `make run` in another terminal) sends held-out messages
one at a time, each from a new conversation, and prints p50/p95/max in milliseconds. A benchmark,
not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import uuid

import aiohttp

from cadomaestro.evaluation import load_heldout


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


async def measure(url: str, count: int) -> list[float]:
    messages = [e.text for e in load_heldout()][:count]
    timings = []
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for text in messages:
            body = {"sender": f"latency-{uuid.uuid4().hex}", "message": text}
            start = time.perf_counter()
            async with session.post(url, json=body) as response:
                await response.read()
                response.raise_for_status()
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cadomaestro.latency")
    parser.add_argument("--url", default="http://localhost:5005/webhooks/rest/webhook")
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args(argv)
    timings = asyncio.run(measure(args.url, args.count))
    print(
        f"{len(timings)} messages, one at a time: p50 {percentile(timings, 50):.0f} ms, "
        f"p95 {percentile(timings, 95):.0f} ms, max {max(timings):.0f} ms, "
        f"mean {statistics.mean(timings):.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
