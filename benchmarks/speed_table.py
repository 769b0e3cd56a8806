"""The speed table of the docs (docs/benchmarks.md), measured in one run on one machine.

Rows: a bbs-95k replication against the SimPy M/M/9 yardstick (``yardstick.py``); the
BBS business case at 20 replications; a PSA of bbs-95k-onzeker (``--psa-samples`` samples
x 1 replication on 2 worker processes, wall time, projected to 1,000 when fewer are run);
``simfin validate`` start-up (``validate_timing.py --startup``); the what-if emulator's
answer; the held-out M/M/9 queue in SimPy, Ciw and simfin (``queue_engines.py``). CPU
seconds (``time.process_time``) unless a row says wall::

    python benchmarks/speed_table.py [--rounds 3] [--psa-samples 40]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import queue_engines
import validate_timing
from bench_util import machine, table
from yardstick import mm9_simpy

import simfin
from simfin.runner import run_replication

ROOT = Path(__file__).resolve().parents[1]


def _cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def replication_rows(rounds: int) -> tuple[list, float]:
    scenario = simfin.load(ROOT / "scenarios" / "bbs-95k.toml")
    run_replication(scenario, 99)
    yard, rep = [], []
    for r in range(rounds):
        pair = [(yard, lambda: mm9_simpy(r)), (rep, lambda: run_replication(scenario, r))]
        for sink, fn in pair if r % 2 == 0 else pair[::-1]:
            sink.append(_cpu(fn))
    y, p = statistics.median(yard), statistics.median(rep)
    return [("SimPy M/M/9 yardstick (30 years, ~79.000 customers)", f"{y:.2f} s CPU", "1.00"),
            ("bbs-95k replication (simulation, money, KPIs)", f"{p:.2f} s CPU",
             f"{p / y:.2f}")], y


def business_row(yard: float) -> tuple:
    cpu = _cpu(lambda: simfin.business_case(ROOT / "scenarios" / "bbs-nulalternatief.toml",
                                            [ROOT / "scenarios" / "bbs-gezamenlijk.toml"],
                                            replications=20, drivers=False))
    return ("BBS business case, 20 replications (drivers=False)", f"{cpu:.0f} s CPU",
            f"{cpu / yard:.0f}")


def psa_row(samples: int, yard: float) -> tuple:
    from simfin.uncertainty import sweep

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        sweep(ROOT / "scenarios" / "bbs-95k-onzeker.toml", "psa", samples=samples,
              replications=1, workers=2, out=Path(tmp) / "psa")
        wall = time.perf_counter() - start
    projected = wall * 1000 / samples
    return (f"PSA bbs-95k-onzeker, {samples} samples x 1 replication, 2 workers "
            f"(projected to 1.000: {projected / 60:.1f} min)", f"{wall:.0f} s wall", "–")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--psa-samples", type=int, default=40)
    parser.add_argument("--skip-business", action="store_true")
    args = parser.parse_args(argv)
    print(machine(), flush=True)
    rows, yard = replication_rows(args.rounds)
    _show(rows)
    wall, cpu = validate_timing.startup(5)
    rows.append(("simfin validate scenarios/bbs-95k.toml (fresh process, median of 5)",
                 f"{wall:.2f} s wall, {cpu:.2f} s CPU", f"{cpu / yard:.2f}"))
    _show(rows[-1:])
    from simfin.uncertainty.emulator import bbs_emulator

    em = bbs_emulator()
    answer = statistics.median(_cpu(lambda: em.predict({"access_team.fte": 61.0}))
                               for _ in range(20))
    rows.append(("what-if emulator, one answer (4 outputs)", f"{answer * 1000:.1f} ms CPU",
                 f"{answer / yard:.4f}"))
    _show(rows[-1:])
    engines = queue_engines.measure(args.rounds)
    base = engines["simpy"][0]
    for name, (seconds, n, _) in engines.items():
        rows.append((f"held-out M/M/9 queue: {name} ({n} customers)", f"{seconds:.3f} s CPU",
                     f"{seconds / base:.2f}"))
    _show(rows[-len(engines):])
    if not args.skip_business:
        rows.append(business_row(yard))
        _show(rows[-1:])
    if args.psa_samples:
        rows.append(psa_row(args.psa_samples, yard))
        _show(rows[-1:])
    print(table(("what", "time", "x yardstick"), rows))


def _show(rows) -> None:
    for row in rows:
        print(" | ".join(row), flush=True)


if __name__ == "__main__":
    main()
