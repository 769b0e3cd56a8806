"""The library's simulation against the straightforward SimPy reference model.

Run from the repository root::

    python benchmarks/run_reference.py [--rounds 5] [--inhabitants 100000]

Both run the same replications of referentie-100k.toml (5-year horizon, 8-year warm-up),
interleaved, timed in CPU seconds from scenario to ledger (drawing the cases included);
prints medians, events per replication and the speed-up. The ledgers are identical
(``tests/validation/test_fast_path.py``). No timing is asserted in the tests.
"""

from __future__ import annotations

import argparse

from bench_util import CountingEnvironment, interleaved, machine, median, scenario_at, table
from reference_model import ReferenceSimulation, reference_simulate

from simfin.sim import Simulation, simulate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="replications per variant")
    parser.add_argument("--inhabitants", type=int, default=100_000)
    args = parser.parse_args()
    full = scenario_at(args.inhabitants)
    prune = scenario_at(args.inhabitants, "prune")
    seconds = interleaved({
        "reference (every stage a process)": lambda r: reference_simulate(full, r),
        "simfin, warmup_method = full": lambda r: simulate(full, r),
        "simfin, warmup_method = prune": lambda r: simulate(prune, r),
    }, args.rounds)
    events = {}
    for name, make in [("reference (every stage a process)", ReferenceSimulation),
                       ("simfin, warmup_method = full", Simulation)]:
        sim = make(full, 0, env=CountingEnvironment())
        sim.run()
        events[name] = sim.env.events
    sim = Simulation(prune, 0, env=CountingEnvironment())
    sim.run()
    events["simfin, warmup_method = prune"] = sim.env.events
    ref = median(seconds["reference (every stage a process)"])
    rows = [(name, f"{median(s):.3f}", f"{min(s):.3f}", f"{events[name]:,}",
             f"{ref / median(s):.1f}x") for name, s in seconds.items()]
    print(f"{full.name}: {args.inhabitants:,} inhabitants, horizon "
          f"{full.simulation.horizon_years} y + warm-up {full.simulation.warmup_years:g} y, "
          f"{args.rounds} replications each, interleaved")
    print(machine())
    print(table(["model", "CPU s/rep (median)", "min", "events (rep 0)", "speed-up"], rows))


if __name__ == "__main__":
    main()
