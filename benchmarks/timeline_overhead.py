"""Overhead of the timeline machinery on referentie-100k: one replication, CPU seconds.

Run from the repository root::

    python benchmarks/timeline_overhead.py [--rounds 3]

Variants of the same scenario, interleaved, timed from scenario to ledger
(:func:`simfin.sim.simulate`): without a timeline; with a timeline event that changes
nothing (the same results to the last bit, ``tests/unit/test_timeline.py``); with an FTE
change phased in over 12 months and a productivity dip (every service end integrated over
the speed); with reneging; with inhuur. Prints medians; no timing is asserted in the tests.
"""

from __future__ import annotations

import argparse

from bench_util import interleaved, machine, median, scenario_at, table

from simfin.scenario.load import validate_dict
from simfin.sim import simulate


def variants(base) -> dict:
    data = base.model_dump()
    fte = data["access_team"]["fte"]
    noop = {"timeline": [{"at_month": 6, "changes": {"access_team.fte": fte}}]}
    change = {"timeline": [{"at_month": 0, "changes": {"access_team.fte": 0.9 * fte}},
                           {"at_month": 0, "changes": {"access_team.fte": fte},
                            "phase_in_months": 12, "dip": {"share": 0.1, "months": 6}}]}
    renege = {"reneging": {"patience_days": {"family": "exponential", "mean": 60},
                           "return_share": 0.5,
                           "return_delay_days": {"family": "exponential", "mean": 90}}}
    inhuur = {"inhuur": {"rate_eur_per_hour": 84, "max_fte": 4}}
    return {name: validate_dict({**data, **extra}, name) for name, extra in (
        ("no timeline", {}), ("timeline that changes nothing", noop),
        ("FTE phase-in + dip", change), ("reneging", renege), ("inhuur", inhuur))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="replications per variant")
    parser.add_argument("--inhabitants", type=int, default=100_000)
    args = parser.parse_args()
    scenarios = variants(scenario_at(args.inhabitants))
    seconds = interleaved({name: (lambda r, s=s: simulate(s, r)) for name, s in
                           scenarios.items()}, args.rounds)
    base = median(seconds["no timeline"])
    rows = [(name, f"{median(s):.3f}", f"{min(s):.3f}", f"{median(s) / base - 1:+.1%}")
            for name, s in seconds.items()]
    print(f"referentie-100k at {args.inhabitants:,} inhabitants, {args.rounds} replications "
          "each, interleaved")
    print(machine())
    print(table(["variant", "CPU s/rep (median)", "min", "vs no timeline"], rows))


if __name__ == "__main__":
    main()
