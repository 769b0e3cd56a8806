"""Shared helpers of the benchmark scripts: scenarios, CPU timing, event counts, memory.

Timing is CPU time of this process (``time.process_time``), so that other work on a
shared machine disturbs it less than wall time; variants are measured interleaved
(A B B A ...) and reported as medians. Nothing here is used by the tests.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import simpy

import simfin
from simfin.scale import scale_scenario
from simfin.scenario.schema import Scenario

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_SCENARIO = ROOT / "scenarios" / "referentie-100k.toml"


def scenario_at(inhabitants: int, warmup_method: str = "full",
                path: Path = REFERENCE_SCENARIO) -> Scenario:
    """The reference scenario scaled to ``inhabitants`` (FTE, budgets and places alike)."""
    scenario = simfin.load(path)
    if inhabitants != sum(m.inhabitants for m in scenario.municipalities.values()):
        scenario = scale_scenario(scenario, inhabitants)
    settings = scenario.simulation.model_copy(update={"warmup_method": warmup_method})
    return scenario.model_copy(update={"simulation": settings})


def interleaved(variants: dict[str, Callable[[int], object]], rounds: int) -> dict[str, list]:
    """CPU seconds of each variant per round; round ``r`` runs replication ``r`` and the
    order alternates (A B, B A, ...) so drifting machine load hits all variants alike."""
    names = list(variants)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            start = time.process_time()
            variants[name](r)
            seconds[name].append(time.process_time() - start)
    return seconds


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


class CountingEnvironment(simpy.Environment):
    """A SimPy environment that counts the events it processes (slower: use untimed)."""

    def __init__(self) -> None:
        super().__init__()
        self.events = 0

    def step(self) -> None:
        self.events += 1
        super().step()


def peak_traced_mib(fn: Callable[[], object]) -> float:
    """Peak memory (MiB) Python and numpy allocate while ``fn`` runs (tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def machine() -> str:
    """One line: date, CPU, cores, Python, load average (timings on a busy machine vary)."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = "/".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{date.today().isoformat()}, {cpu}, {os.cpu_count()} cores, Python "
            f"{sys.version.split()[0]}, simpy {simpy.__version__}, load average {load}")


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table with right-aligned columns (markdown-compatible)."""
    cells = [list(map(str, header))] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["| " + " | ".join(c.rjust(w) for c, w in zip(row, widths)) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|")
    return "\n".join(lines)
