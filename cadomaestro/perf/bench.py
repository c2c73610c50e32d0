"""`make bench`: how fast the assistant answers, how much it holds, and what it costs to start.

Starts its own stack (cadomaestro/perf/stack.py: the trained model, the action server, the order
backend seeding the demo shop, fresh SQLite files in a temporary folder) and drives it through
the REST channel with the conversations of cadomaestro/perf/loadgen.py, at each concurrency level.
Reports per level p50/p95/p99 latency of FAQ turns and of order turns (identification and a
look-up in the backend), turns per second, errors, and each process's CPU milliseconds per turn
(user + system time from /proc, read before and after the level); the peak memory (RSS) of each
process; each process's start-up time and the time to the first answer; and, unless --no-train,
the time to train the model from scratch (empty cache, new output folder). The same
conversations then go through the chat widget's socket.io channel over WebSockets
(cadomaestro/perf/socketload.py), as a browser talks to it: the widget's turn latency.

A benchmark, not a test: figures depend on the machine, which the report names. Output:
reports/bench.json and reports/bench.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from cadomaestro import paths
from cadomaestro.perf.loadgen import FAQ, ORDER, TurnResult, conversation, run_load
from cadomaestro.perf.socketload import run_socket_load
from cadomaestro.perf.stack import Stack

TURNS_PER_LEVEL = {1: 200, 8: 320, 32: 640}


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def _kib(path: str, field: str) -> int:
    """A `Field:   123 kB` line of a /proc file (status, meminfo), in KiB; 0 if absent."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (KiB)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    own = _kib(f"/proc/{pid}/status", "VmRSS")
    return own + sum(tree_rss_kib(int(child)) for child in children)


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process and its live children have used so far."""
    try:
        # the fields after the command name, which is in parentheses and may hold spaces
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return own + sum(tree_cpu_s(int(child)) for child in children)


def cpu_ms_per_turn(
    before: dict[str, float], after: dict[str, float], turns: int
) -> dict[str, float]:
    """Each process's CPU milliseconds per turn served between two readings of tree_cpu_s."""
    return {name: round((after[name] - before[name]) * 1000 / turns, 1) for name in before}


class MemorySampler:
    """Samples each process's RSS every `period_s` in a thread; keeps the peak."""

    def __init__(self, pids: dict[str, int], period_s: float = 0.25) -> None:
        self.pids, self.period_s = pids, period_s
        self.peak_kib = {name: 0 for name in pids}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.period_s)

    def sample(self) -> dict[str, int]:
        now = {name: tree_rss_kib(pid) for name, pid in self.pids.items()}
        for name, kib in now.items():
            self.peak_kib[name] = max(self.peak_kib[name], kib)
        return now

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def level_figures(results: list[TurnResult], elapsed_s: float) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "turns": len(results),
        "turns_per_s": round(len(results) / elapsed_s, 1),
        "errors": sum(r.error is not None for r in results),
    }
    for kind in (FAQ, ORDER):
        ms = [r.latency_s * 1000 for r in results if r.kind == kind]
        figures[kind] = {
            "turns": len(ms),
            **{f"p{q}_ms": round(percentile(ms, q)) for q in (50, 95, 99)},
        }
    return figures


def first_answer_s(stack: Stack) -> float:
    """Seconds from the Rasa server ready to its first answer (first inference included)."""
    started = time.perf_counter()
    results, _ = asyncio.run(run_load(stack.rest_url, {"bench-first": conversation(0)[:1]}, 1))
    if results[0].error:
        raise RuntimeError(f"the first message failed: {results[0].error}")
    return time.perf_counter() - started


def training_s() -> float:
    """`rasa train` from scratch: a fresh output folder and an empty cache."""
    with tempfile.TemporaryDirectory(prefix="bench-train-") as folder:
        env = {**os.environ, "RASA_CACHE_DIRECTORY": str(Path(folder) / "cache"),
               "PYTHONPATH": str(paths.ROOT), "RASA_TELEMETRY_ENABLED": "false"}  # fmt: skip
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "rasa", "train", "--out", folder, "--fixed-model-name", "b"],
            cwd=paths.ROOT, env=env, check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        return time.perf_counter() - started


def machine() -> dict[str, Any]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    memory_kib = _kib("/proc/meminfo", "MemTotal")
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def run(levels: list[int], train: bool, folder: Path) -> dict[str, Any]:
    report: dict[str, Any] = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
    }
    stack = Stack(folder)
    try:
        report["startup_s"] = {k: round(v, 1) for k, v in stack.start().items()}
        report["first_answer_s"] = round(first_answer_s(stack), 2)
        pids = {service.name: service.pid or 0 for service in stack.services}
        with MemorySampler(pids) as memory:
            report["idle_rss_mib"] = {k: round(v / 1024) for k, v in memory.sample().items()}
            # warm-up: every code path once, not measured
            asyncio.run(run_load(stack.rest_url, {"bench-warm": conversation(1)}, 1))
            report["levels"] = {}
            for level in levels:
                count = max(level, TURNS_PER_LEVEL.get(level, 20 * level) // 20)
                conversations = {f"bench-{level}-{i}": conversation(1000 * level + i)
                                 for i in range(count)}  # fmt: skip
                cpu_before = {name: tree_cpu_s(pid) for name, pid in pids.items()}
                results, elapsed = asyncio.run(run_load(stack.rest_url, conversations, level))
                cpu_after = {name: tree_cpu_s(pid) for name, pid in pids.items()}
                report["levels"][str(level)] = {
                    **level_figures(results, elapsed),
                    "cpu_ms_per_turn": cpu_ms_per_turn(cpu_before, cpu_after, len(results)),
                }
                print(f"concurrency {level}: {json.dumps(report['levels'][str(level)])}")
            # The same conversations through the widget's socket.io channel (WebSocket).
            report["widget_levels"] = {}
            for level in levels:
                count = max(level, TURNS_PER_LEVEL.get(level, 20 * level) // 20)
                conversations = {f"widget-{level}-{i}": conversation(1000 * level + i)
                                 for i in range(count)}  # fmt: skip
                results, elapsed = asyncio.run(
                    run_socket_load(stack.rasa_url, conversations, level)
                )
                report["widget_levels"][str(level)] = level_figures(results, elapsed)
                print(f"widget, {level} sockets: {json.dumps(report['widget_levels'][str(level)])}")
        report["peak_rss_mib"] = {k: round(v / 1024) for k, v in memory.peak_kib.items()}
    finally:
        stack.stop()
    if train:
        report["training_from_scratch_s"] = round(training_s())
    return report


def _latency_row(level: str, f: dict[str, Any]) -> str:
    """A level's row: turns, rate, errors, FAQ and order latencies (ends with a `|`)."""
    faq, order = f[FAQ], f[ORDER]
    return (
        f"| {level} | {f['turns']} | {f['turns_per_s']} | {f['errors']} "
        f"| {faq['p50_ms']} / {faq['p95_ms']} / {faq['p99_ms']} "
        f"| {order['p50_ms']} / {order['p95_ms']} / {order['p99_ms']} |"
    )


def to_markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    processes = " / ".join(report["startup_s"])
    lines = [
        "# Benchmark",
        "",
        f"{report['date']}, {m['cpus']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, "
        f"Python {m['python']}, {m['system']}. Command: `make bench`.",
        "",
        "| concurrency | turns | turns/s | errors | FAQ p50 / p95 / p99 (ms) "
        f"| order p50 / p95 / p99 (ms) | CPU ms per turn: {processes} |",
        "|---|---|---|---|---|---|---|",
    ]
    for level, f in report["levels"].items():
        cpu = " / ".join(str(ms) for ms in f["cpu_ms_per_turn"].values())
        lines.append(f"{_latency_row(level, f)} {cpu} |")
    if report.get("widget_levels"):
        lines += [
            "",
            "The same conversations through the chat widget's channel (socket.io over WebSocket; "
            "a turn ends with the typing indicator's end):",
            "",
            "| sockets | turns | turns/s | errors | FAQ p50 / p95 / p99 (ms) "
            "| order p50 / p95 / p99 (ms) |",
            "|---|---|---|---|---|---|",
        ]
        lines += [_latency_row(level, f) for level, f in report["widget_levels"].items()]
    lines += [
        "",
        "| process | start-up (s) | RSS idle (MiB) | peak RSS (MiB) |",
        "|---|---|---|---|",
    ]
    for name, seconds in report["startup_s"].items():
        lines.append(f"| {name} | {seconds} | {report['idle_rss_mib'][name]} "
                     f"| {report['peak_rss_mib'][name]} |")  # fmt: skip
    lines += ["", f"- first answer after the Rasa server is ready: {report['first_answer_s']} s"]
    if "training_from_scratch_s" in report:
        seconds = report["training_from_scratch_s"]
        lines.append(f"- training from scratch: {seconds // 60} min {seconds % 60:02d} s")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cadomaestro.perf")
    parser.add_argument("--levels", default="1,8,32", help="concurrency levels (default 1,8,32)")
    parser.add_argument("--no-train", action="store_true", help="skip the training time")
    parser.add_argument("--out", type=Path, default=paths.REPORTS)
    args = parser.parse_args(argv)
    levels = [int(level) for level in args.levels.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        report = run(levels, not args.no_train, Path(folder))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    text = to_markdown(report)
    (args.out / "bench.md").write_text(text, encoding="utf-8")
    print(text)
    return 0
