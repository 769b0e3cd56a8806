"""Benchmark table: CPU seconds per replication, events, cases and memory by population, and
wall time with 1 and 2 worker processes.

Run from the repository root::

    python benchmarks/run_benchmarks.py [--rounds 3] [--populations 20000 100000 500000]
                                        [--worker-reps 8] [--workers 1 2]

Part 1, per population (referentie-100k.toml scaled with ``simfin.scale.scale_scenario``:
5-year horizon, 8-year warm-up) and warm-up method: median CPU seconds of ``simulate``
(scenario to ledger) and of a whole replication with money and KPIs
(``simfin.runner.run_replication``), simulated events and cases per replication and per
CPU second of ``simulate``, and the peak memory one replication allocates (tracemalloc, in
a separate untimed run that also counts the events).

Part 2, at 100,000 inhabitants: wall seconds for ``--worker-reps`` replications through
the sweep machinery (``simfin.uncertainty.work.run_chunk`` on the ``process`` executor of
``simfin.parallel``, one replication per chunk, ledgers dropped), per
worker count: until the first results (starting the spawned workers, which import
simfin, costs a few seconds), the wall seconds per replication after that, and the
projected wall time of 1,000 replications (first results + 1,000 x the steady rate).
On a machine shared with other work the wall rate shows that load; the second projection
is for cores busy with nothing else: first results + 1,000 x the CPU seconds of a whole
replication (part 1, money included) / workers.
"""

from __future__ import annotations

import argparse
import time

from bench_util import (
    CountingEnvironment,
    interleaved,
    machine,
    median,
    peak_traced_mib,
    scenario_at,
    table,
)

from simfin.runner import run_replication
from simfin.sim import Simulation, simulate
from simfin.parallel import run_tasks
from simfin.uncertainty.work import Chunk, run_chunk


def population_rows(inhabitants: int, rounds: int) -> list[tuple]:
    """One row per warm-up method at ``inhabitants``."""
    rows = []
    scenarios = {m: scenario_at(inhabitants, m) for m in ("full", "prune")}
    seconds = interleaved({
        **{f"sim {m}": (lambda r, s=s: simulate(s, r)) for m, s in scenarios.items()},
        **{f"rep {m}": (lambda r, s=s: run_replication(s, r)) for m, s in scenarios.items()},
    }, rounds)
    for method, scenario in scenarios.items():
        sim = Simulation(scenario, 0, env=CountingEnvironment())
        peak = peak_traced_mib(sim.run)
        events, cases = sim.env.events, sim.cases.n
        cpu = median(seconds[f"sim {method}"])
        rows.append((f"{inhabitants:,}", method, f"{cpu:.3f}",
                     f"{median(seconds[f'rep {method}']):.3f}", f"{cases:,}", f"{events:,}",
                     f"{events / cpu:,.0f}", f"{cases / cpu:,.0f}", f"{peak:,.0f}"))
    return rows


def worker_rows(worker_counts: list[int], reps: int, cpu_per_rep: dict[str, float]) -> list:
    """Wall time of ``reps`` replications of the 100k scenario per worker count: until the
    first results (starting the workers included), the steady wall rate after that, and two
    projections for 1,000 replications (see the module docstring)."""
    rows = []
    for method in ("full", "prune"):
        scenario = scenario_at(100_000, method)
        chunks = [Chunk(r, ((0, r),), {0: scenario}) for r in range(reps)]
        for workers in worker_counts:
            start = time.perf_counter()
            done = [time.perf_counter() - start for _ in run_tasks(run_chunk, chunks, "process",
                                                                 workers)]
            first, rest = done[workers - 1], done[-1] - done[workers - 1]
            steady = rest / max(1, reps - workers)
            idle = (first + 1000 * cpu_per_rep[method] / workers) / 60
            rows.append((method, workers, reps, f"{done[-1]:.1f}", f"{first:.1f}",
                         f"{steady:.2f}", f"{(first + 1000 * steady) / 60:.1f}", f"{idle:.1f}"))
    return rows


def cpu_with_money(rounds: int) -> dict[str, float]:
    """Median CPU seconds of a whole replication (money and KPIs included) at 100k."""
    scenarios = {m: scenario_at(100_000, m) for m in ("full", "prune")}
    seconds = interleaved({m: (lambda r, s=s: run_replication(s, r))
                           for m, s in scenarios.items()}, rounds)
    return {m: median(s) for m, s in seconds.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed replications per cell")
    parser.add_argument("--populations", type=int, nargs="+", default=[20_000, 100_000, 500_000])
    parser.add_argument("--worker-reps", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(machine())
    print("\nPer replication (referentie-100k scaled; 5-year horizon + 8-year warm-up; "
          f"median of {args.rounds}, CPU seconds):")
    rows = [row for pop in args.populations for row in population_rows(pop, args.rounds)]
    cpu = {row[1]: float(row[3]) for row in rows if row[0] == "100,000"} or \
        cpu_with_money(args.rounds)
    print(table(["inhabitants", "warm-up", "simulate s", "with money s", "cases", "events",
                 "events/s", "cases/s", "peak MiB"], rows))
    if args.worker_reps > 0:
        print(f"\nWall time, {args.worker_reps} replications of 100,000 inhabitants through "
              "the sweep machinery (process executor, spawn; includes starting the workers):")
        print(table(["warm-up", "workers", "replications", "wall s", "first result s",
                     "then wall s/rep", "1,000 reps: measured rate (min)",
                     "1,000 reps: idle cores (min)"],
                    worker_rows(args.workers, args.worker_reps, cpu)))
    print("\n" + machine())


if __name__ == "__main__":
    main()
