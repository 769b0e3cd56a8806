"""The held-out queue: one M/M/9 queue over 30 years in plain SimPy, Ciw and simfin's engine.

The same queue as the yardstick (``benchmarks/yardstick.py``: 7.2 arrivals a day, mean
service 1 day, 9 servers, load 0.80, about 79,000 customers), simulated by

* ``simpy``: the obvious SimPy model (a process per customer, ``simpy.Resource``);
* ``ciw``: Ciw 3.2 (``pip install 'simfin[bench]'``; skipped when it is not installed);
* ``simfin-process``: simfin's case driver and server pool as a case that needs more than
  its intake uses them: a generator per customer, started from the arrival chain
  (:mod:`simfin.sim.arrival`), ``ServerPool.acquire``/``hold`` (:mod:`simfin.sim.server_pool`);
* ``simfin-expected``: as an intake-only case: the pool knows the arrivals in advance
  (``ServerPool.expect``) and lets them in whenever it looks: no SimPy event at all;
* ``simfin-compiled``: the same, served by the compiled pools that run every shipped
  scenario without processes (:mod:`simfin.sim.compiled_pools`; compiled on first use,
  before the timing).

Each engine's mean wait is checked against Erlang C (:func:`simfin.theory.mmc_mean_wait`)
so that a fast engine is also a right one; the CPU seconds are medians of ``--rounds``
interleaved rounds in one process, written as ratios to SimPy::

    python benchmarks/queue_engines.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import numpy as np
import simpy
from yardstick import ARRIVALS_PER_DAY, DAYS, MEAN_SERVICE_DAYS, SERVERS, mm9_simpy

from simfin.sim.arrival import start_cases
from simfin.sim.server_pool import ServerPool
from simfin.theory import mmc_mean_wait


def _draws(seed: int) -> tuple[list[float], list[float]]:
    """Arrival times and service lengths (days) of the queue, drawn up front."""
    rng = np.random.default_rng(seed)
    n = int(ARRIVALS_PER_DAY * DAYS * 1.2)
    times = np.cumsum(rng.exponential(1 / ARRIVALS_PER_DAY, n))
    times = times[times < DAYS]
    return times.tolist(), rng.exponential(MEAN_SERVICE_DAYS, len(times)).tolist()


def simfin_process(seed: int) -> list[float]:
    times, service = _draws(seed)
    env = simpy.Environment()
    pool = ServerPool(env, SERVERS)
    waits: list[float] = []

    def customer(i: int, t: float):
        wait = pool.acquire(1, t)
        start = t if wait is None else (yield wait)
        waits.append(start - t)
        pool.hold(start + service[i])

    start_cases(env, times, range(len(times)), customer)
    env.run(until=DAYS)
    return waits


def simfin_expected(seed: int) -> list[float]:
    times, service = _draws(seed)
    env = simpy.Environment()
    pool = ServerPool(env, SERVERS)
    waits: list[float] = []

    def start(n: int, s: float) -> float:
        waits.append(s - times[n])
        return s + service[n]

    pool.expect(times, [1] * len(times), start)
    env.run(until=DAYS)
    pool.busy(DAYS)                           # the pool looks once, at the end
    return waits


def simfin_compiled(seed: int) -> list[float]:
    from types import SimpleNamespace

    from simfin.sim.cases import EPISODES, OUTCOMES
    from simfin.sim.compiled_pools import CompiledPools
    from simfin.sim.stage_times import STAGES, StageTimes

    times, service = _draws(seed)
    n = len(times)
    first = np.arange(n) * EPISODES            # each customer: a case with one intake
    days = np.zeros(n * EPISODES)
    days[first] = service
    no = np.zeros(n * EPISODES, dtype=bool)
    c = SimpleNamespace(assessment_days=days, consult=no, consult_days=days, care_days=days,
                        outcome=np.full(n * EPISODES, OUTCOMES.index("general_facility")),
                        step_down=no, light_days=days, reentry=no, reentry_delay_days=days,
                        priority=np.ones(n * EPISODES, dtype=np.int64))
    pool = ServerPool(simpy.Environment(), SERVERS)
    stages = StageTimes(n)
    CompiledPools([pool], {id(pool): (np.asarray(times), np.arange(n))}, c,
                  np.zeros(n, dtype=np.int64), [pool], [pool], [None], stages, DAYS)
    pool.busy(DAYS)                           # the pool looks once, at the end
    start = np.frombuffer(stages.start)[first * len(STAGES)]
    served = ~np.isnan(start)
    return (start[served] - np.asarray(times)[served]).tolist()


def ciw_queue(seed: int) -> list[float]:
    import ciw

    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=ARRIVALS_PER_DAY)],
        service_distributions=[ciw.dists.Exponential(rate=1 / MEAN_SERVICE_DAYS)],
        number_of_servers=[SERVERS])
    ciw.seed(seed)
    q = ciw.Simulation(network)
    q.simulate_until_max_time(DAYS)
    return [r.waiting_time for r in q.get_all_records()]


def engines() -> dict:
    out = {"simpy": mm9_simpy, "simfin-process": simfin_process,
           "simfin-expected": simfin_expected, "simfin-compiled": simfin_compiled}
    try:
        import ciw  # noqa: F401
    except ImportError:
        return out
    return {"simpy": mm9_simpy, "ciw": ciw_queue, **{k: v for k, v in out.items()
                                                      if k != "simpy"}}


def measure(rounds: int) -> dict[str, tuple[float, int, float]]:
    """Per engine: median CPU seconds, customers served, mean wait (days)."""
    fns = engines()
    simfin_compiled(99)                       # compile (or load the compiled code) first
    seconds = {name: [] for name in fns}
    results = {}
    for r in range(rounds):
        for name in list(fns) if r % 2 == 0 else list(fns)[::-1]:
            start = time.process_time()
            waits = fns[name](r)
            seconds[name].append(time.process_time() - start)
            results.setdefault(name, []).append((len(waits), float(np.mean(waits))))
    return {name: (statistics.median(seconds[name]),
                   int(statistics.median(n for n, _ in results[name])),
                   float(np.mean([w for _, w in results[name]]))) for name in fns}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    random.seed(0)
    theory = mmc_mean_wait(ARRIVALS_PER_DAY, 1 / MEAN_SERVICE_DAYS, SERVERS)
    table = measure(args.rounds)
    base = table["simpy"][0]
    print(f"M/M/{SERVERS}, {DAYS / 365:.0f} years; Erlang C mean wait {theory:.4f} days")
    print(f"{'engine':<16} {'CPU s':>7} {'x SimPy':>8} {'customers':>10} {'mean wait':>10}")
    for name, (cpu, n, wait) in table.items():
        print(f"{name:<16} {cpu:7.3f} {cpu / base:8.2f} {n:10d} {wait:10.4f}")
    return table


if __name__ == "__main__":
    main()
