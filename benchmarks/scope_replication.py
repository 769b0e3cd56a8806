"""CPU seconds of one replication (simulation + money) with and without the whole scope.

Prints a table: scenario, CPU s per replication (best of 3). bbs-95k-gekalibreerd carries the
whole hoofdtaakveld 6 (bijstand entitlement stream, budget lines); referentie-100k only the
streams through the access team. Run: ``python benchmarks/scope_replication.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

import simfin
from simfin.runner import run_replication

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds(name: str, repeats: int = 3) -> float:
    scenario = simfin.load(ROOT / "scenarios" / f"{name}.toml")
    best = float("inf")
    for rep in range(repeats):
        start = time.process_time()
        run_replication(scenario, rep)
        best = min(best, time.process_time() - start)
    return best


if __name__ == "__main__":
    print(f"{'scenario':<24} {'CPU s / replication':>20}")
    for name in ("referentie-100k", "bbs-95k", "bbs-95k-gekalibreerd"):
        print(f"{name:<24} {cpu_seconds(name):>20.3f}")
