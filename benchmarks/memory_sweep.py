"""Memory of many replications through the sweep machinery: flat in the replications?

Run from the repository root::

    python benchmarks/memory_sweep.py [--replications 500 2000] [--workers 2]
                                      [--inhabitants 5000]

Each run is ``simfin.uncertainty.sweep`` (process executor, spawned workers, results in
memory, no checkpoint directory) of referentie-100k.toml at ``--inhabitants`` (FTE scaled
alike, 5-year horizon, 8-year warm-up) with one uncertain tariff and one PSA sample, so
every unit is a replication of the same scenario: a replications-only run. Each run is a
fresh Python process, so its peak RSS (``ru_maxrss``) is its own. Prints, per run: the
peak RSS of the main process and of the largest worker, the size of the aggregates the
sweep returns (yearly costs and KPIs; ledgers are dropped as each replication is
summarised) per replication, and that size projected to 10,000 replications.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def one_run(replications: int, workers: int, inhabitants: int) -> dict:
    """Run in this (fresh) process; returns the measurements."""
    from bench_util import REFERENCE_SCENARIO

    from simfin.scenario.load import load_dict
    from simfin.scenario.uncertain import uncertain_from_dict
    from simfin.uncertainty import sweep

    data = load_dict(REFERENCE_SCENARIO)
    factor = inhabitants / data["municipalities"]["Referentie"]["inhabitants"]
    data["municipalities"]["Referentie"]["inhabitants"] = inhabitants
    data["access_team"]["fte"] *= factor
    data["access_team"]["specialist_fte"] *= factor
    data["products"]["jeugd_ambulant"]["tariff_eur"] = {
        "dist": "triangular", "low": 70.0, "mode": 78.0, "high": 90.0}
    uncertain = uncertain_from_dict(data, REFERENCE_SCENARIO)
    start = time.perf_counter()
    result = sweep(uncertain, "psa", samples=1, replications=replications,
                   executor="process", workers=workers)
    wall = time.perf_counter() - start
    aggregates = sum(int(getattr(result, name).memory_usage(deep=True).sum())
                     for name in ("yearly", "kpis"))
    return {"replications": replications, "wall_s": wall,
            "main_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "aggregates_mib": aggregates / 2**20, "rows": len(result.yearly) + len(result.kpis)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--inhabitants", type=int, default=5000)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: a single run
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one, args.workers, args.inhabitants)))
        return
    from bench_util import machine, table

    rows = []
    for n in args.replications:
        out = subprocess.run([sys.executable, str(HERE / "memory_sweep.py"), "--one", str(n),
                              "--workers", str(args.workers), "--inhabitants",
                              str(args.inhabitants)], capture_output=True, text=True, check=True)
        m = json.loads(out.stdout.strip().splitlines()[-1])
        per_rep = m["aggregates_mib"] / n
        rows.append((f"{n:,}", f"{m['wall_s']:.0f}", f"{m['main_peak_mib']:.0f}",
                     f"{m['worker_peak_mib']:.0f}", f"{m['aggregates_mib']:.1f}",
                     f"{per_rep * 1024:.1f}", f"{per_rep * 10_000:.0f}"))
    print(f"sweep of referentie-100k at {args.inhabitants:,} inhabitants, {args.workers} "
          "workers, results in memory")
    print(machine())
    print(table(["replications", "wall s", "main peak RSS MiB", "largest worker RSS MiB",
                 "aggregates MiB", "KiB/rep", "10,000 reps MiB"], rows))


if __name__ == "__main__":
    main()
