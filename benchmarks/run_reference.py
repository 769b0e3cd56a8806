"""Seconds per replication and simulated events per second for referentie-100k.toml.

Run: ``python benchmarks/run_reference.py [--replications N] [--horizon YEARS]``.
Prints a table; no timing is asserted anywhere in the tests.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import simpy

import simfin
from simfin.finance import yearly_costs
from simfin.runner import with_settings
from simfin.sim.model import Simulation

ROOT = Path(__file__).resolve().parents[1]


class CountingEnvironment(simpy.Environment):
    """A SimPy environment that counts processed events."""

    events = 0

    def step(self) -> None:
        CountingEnvironment.events += 1
        super().step()


def _one(scenario, rep: int) -> tuple[float, float, int, int]:
    sim = Simulation(scenario, rep, env=CountingEnvironment())
    CountingEnvironment.events = 0
    t0 = time.process_time()
    out = sim.run()
    t_sim = time.process_time() - t0
    yearly_costs(out.ledger, scenario)
    t_all = time.process_time() - t0
    return t_sim, t_all, CountingEnvironment.events, out.cases.n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=5)
    parser.add_argument("--horizon", type=int, default=5)
    parser.add_argument("--scenario", type=Path, default=ROOT / "scenarios/referentie-100k.toml")
    args = parser.parse_args()
    scenario = simfin.load(args.scenario)
    settings = scenario.simulation.model_copy(update={"horizon_years": args.horizon})
    scenario = with_settings(scenario.model_copy(update={"simulation": settings}))
    rows = [_one(scenario, r) for r in range(args.replications)]
    sim_s = statistics.median(r[0] for r in rows)
    all_s = statistics.median(r[1] for r in rows)
    events = statistics.median(r[2] for r in rows)
    cases = statistics.median(r[3] for r in rows)
    print(f"scenario: {scenario.name}, horizon {args.horizon} y + warm-up "
          f"{scenario.simulation.warmup_years} y, {args.replications} replications (median)")
    print(f"{'measure':<40}{'value':>14}")
    for label, value in [("CPU seconds per replication (simulation)", f"{sim_s:.3f}"),
                         ("CPU seconds per replication (with money)", f"{all_s:.3f}"),
                         ("cases per replication", f"{cases:,.0f}"),
                         ("simulated events per replication", f"{events:,.0f}"),
                         ("simulated events per CPU second", f"{events / sim_s:,.0f}"),
                         ("cases per CPU second", f"{cases / sim_s:,.0f}")]:
        print(f"{label:<40}{value:>14}")


if __name__ == "__main__":
    main()
