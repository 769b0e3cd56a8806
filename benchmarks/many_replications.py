"""Wall time of a real study: many replications of referentie-100k on a few cores.

Run from the repository root::

    python benchmarks/many_replications.py [--replications 1000] [--workers 2]
                                           [--chunk-size 10] [--warmup full]

Runs ``--replications`` replications (common random numbers: replication ``r`` is the
same residents in every study) of referentie-100k.toml (5-year horizon, 8-year warm-up)
through the sweep machinery: ``simfin.uncertainty.work.run_chunk`` on the ``process``
executor of ``simfin.parallel`` (spawned workers), ``--chunk-size``
replications per task, ledgers dropped and only the yearly costs and KPIs kept, as
``simfin sweep`` does. Prints the wall time from start to the last result (starting the
workers included), the wall seconds per replication, the peak memory of the main process
and of the largest worker, and the aggregates kept. No timing is asserted in the tests.
"""

from __future__ import annotations

import argparse
import resource
import time

import pandas as pd
from bench_util import machine, scenario_at, table

from simfin.parallel import run_tasks
from simfin.uncertainty.work import Chunk, run_chunk


def chunks(scenario, replications: int, size: int) -> list[Chunk]:
    """Tasks of ``size`` replications each (sample 0)."""
    return [Chunk(i, tuple((0, r) for r in range(start, min(start + size, replications))),
                  {0: scenario})
            for i, start in enumerate(range(0, replications, size))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=10)
    parser.add_argument("--warmup", choices=("full", "prune"), default="full")
    parser.add_argument("--inhabitants", type=int, default=100_000)
    args = parser.parse_args()
    scenario = scenario_at(args.inhabitants, args.warmup)
    tasks = chunks(scenario, args.replications, args.chunk_size)
    start = time.perf_counter()
    parts, first = [], None
    for _, result in run_tasks(run_chunk, tasks, "process", args.workers):
        first = first if first is not None else time.perf_counter() - start
        parts.append(result)
    wall = time.perf_counter() - start
    kpis = pd.concat([p["kpis"] for p in parts], ignore_index=True)
    yearly = pd.concat([p["yearly"] for p in parts], ignore_index=True)
    kept = (kpis.memory_usage(deep=True).sum() + yearly.memory_usage(deep=True).sum()) / 2**20
    main_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    total = yearly.groupby("replication")["amount_eur"].sum()
    print(machine())
    print(f"{scenario.name}: {args.inhabitants:,} inhabitants, horizon "
          f"{scenario.simulation.horizon_years} y + warm-up "
          f"{scenario.simulation.warmup_years:g} y ({args.warmup})")
    print(table(["replications", "workers", "chunk", "wall min", "wall s/rep",
                 "first result s", "main peak MiB", "worker peak MiB", "aggregates MiB",
                 "mean cost per rep (EUR M)"],
                [(f"{kpis['replication'].nunique():,}", args.workers, args.chunk_size,
                  f"{wall / 60:.2f}", f"{wall / args.replications:.3f}", f"{first:.1f}",
                  f"{main_mib:,.0f}", f"{worker_mib:,.0f}", f"{kept:,.1f}",
                  f"{total.mean() / 1e6:,.2f}")]))


if __name__ == "__main__":
    main()
