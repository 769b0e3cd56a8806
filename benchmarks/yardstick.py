"""The yardstick: the obvious SimPy model of one M/M/9 queue over 30 years.

About 79,000 customers (arrival rate 7.2 a day, mean service 1 day, 9 servers: load
0.80) pass one ``simpy.Resource``; each customer is a process that requests a server,
holds it for an exponential time and records its wait. The time of one whole bbs-95k
replication (simulation, money, KPIs: :func:`simfin.runner.run_replication`) is written
as a ratio to it, both measured in the same process, interleaved, as CPU time
(``time.process_time``: on a shared machine wall time shows the other work)::

    python benchmarks/yardstick.py [--rounds 7] [--scenario bbs-95k]

Issue 32 asks for a replication at ≤ 0.25x the yardstick. :func:`mm9_simpy` is also
the SimPy column of the held-out queue in ``benchmarks/queue_engines.py``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

import simpy

ROOT = Path(__file__).resolve().parents[1]
SERVERS = 9
ARRIVALS_PER_DAY = 7.2
MEAN_SERVICE_DAYS = 1.0
YEARS = 30
DAYS = YEARS * 365.0


def mm9_simpy(seed: int, servers: int = SERVERS, rate: float = ARRIVALS_PER_DAY,
              mean_service: float = MEAN_SERVICE_DAYS, days: float = DAYS) -> list[float]:
    """Waits (days) of the customers served in ``days`` of an M/M/``servers`` queue."""
    rng = random.Random(seed)
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=servers)
    waits: list[float] = []

    def customer():
        arrived = env.now
        with desk.request() as request:
            yield request
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(1.0 / mean_service))

    def source():
        while True:
            yield env.timeout(rng.expovariate(rate))
            env.process(customer())

    env.process(source())
    env.run(until=days)
    return waits


def cpu_seconds(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--scenario", default="bbs-95k")
    args = parser.parse_args(argv)
    import simfin
    from simfin.runner import run_replication

    scenario = simfin.load(ROOT / "scenarios" / f"{args.scenario}.toml")
    run_replication(scenario, 99)  # warm the imports and caches
    yard, rep = [], []
    for r in range(args.rounds):
        pair = [(yard, lambda: mm9_simpy(r)), (rep, lambda: run_replication(scenario, r))]
        for sink, fn in pair if r % 2 == 0 else pair[::-1]:
            sink.append(cpu_seconds(fn))
    customers = len(mm9_simpy(0))
    ratios = [b / a for a, b in zip(yard, rep, strict=True)]
    print(f"yardstick SimPy M/M/{SERVERS}, {YEARS} years, {customers} customers: "
          f"median {statistics.median(yard):.3f} CPU s")
    print(f"{args.scenario} replication (simulation, money, KPIs): "
          f"median {statistics.median(rep):.3f} CPU s")
    print(f"ratio replication / yardstick: median {statistics.median(ratios):.2f}x "
          f"(per round {min(ratios):.2f}–{max(ratios):.2f}x, {args.rounds} rounds)")


if __name__ == "__main__":
    main()
