"""Fingerprints of what a replication computes, to check that a speed-up changes nothing.

For each scenario below (together they use every part of the engine: intake-only and
process cases, client places and a waiting list, households under integral access, a
timeline with a capacity dip, inhuur and reneging, front and back offices, seasonal
demand, a policy regime on the timeline and a business case's switch) it runs
:func:`simfin.runner.run_replication` and prints a SHA-256 of each table
(ledger, yearly, kpis, monitor): column names, dtypes and every value to the last bit.
Run it before and after a change and compare the output (``diff``)::

    python benchmarks/fingerprint.py > before.txt
    ... change the engine ...
    python benchmarks/fingerprint.py | diff before.txt -

``--replications N`` (default 2) sets the replications per scenario.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

import simfin
from simfin.runner import run_replication

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ("referentie-100k", "bbs-95k-gekalibreerd", "bbs-transitie", "jeugd-60k-lumpsum",
             "bch-integraal", "leusden-variant-2")
#: No shipped scenario has seasonal demand: referentie-100k with a winter peak in jeugd.
SEASONAL = {"seasonality.jeugd": [1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.8, 1.0, 1.1, 1.0, 1.1]}


def table_digest(df: pd.DataFrame) -> str:
    """SHA-256 of ``df``'s columns, dtypes and values (floats by their bits)."""
    digest = hashlib.sha256()
    for name in df.columns:
        column = df[name]
        digest.update(f"{name}:{column.dtype}:{len(column)}".encode())
        values = column.to_numpy()
        if values.dtype.kind in "biufcmM":
            digest.update(np.ascontiguousarray(values).tobytes())
        else:  # object / category / string: their text, None and NaN told apart
            digest.update("\x1f".join(map(repr, values.tolist())).encode())
    return digest.hexdigest()[:16]


def scenarios() -> dict[str, simfin.Scenario]:
    """The scenarios to fingerprint, by label."""
    from simfin.business.switch import switched
    from simfin.scenario.schema.timeline import TimelineEvent

    out = {name: simfin.load(ROOT / "scenarios" / f"{name}.toml") for name in SCENARIOS}
    out["referentie-100k+seizoen"] = out["referentie-100k"].with_changes(SEASONAL)
    # No shipped scenario has a policy regime on its timeline: bbs-95k where jeugd's
    # pathways change after two years, and the business case's switch (other hours, a dip
    # and other financing from 2028), as `simfin business` runs it.
    bbs = simfin.load(ROOT / "scenarios" / "bbs-95k.toml")
    out["bbs-95k+beleid"] = bbs.model_copy(update={"timeline": [TimelineEvent.model_validate(
        {"at_month": 24, "changes": {"demand_streams.jeugd.reentry_share": 0.3,
                                     "demand_streams.jeugd.resolved_0e_share": 0.2}})]})
    out["bbs-switch"] = switched(simfin.load(ROOT / "scenarios" / "bbs-nulalternatief.toml"),
                                 simfin.load(ROOT / "scenarios" / "bbs-gezamenlijk.toml"), "")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=2)
    args = parser.parse_args()
    for label, scenario in scenarios().items():
        for rep in range(args.replications):
            tables = run_replication(scenario, rep)
            digests = " ".join(f"{name}={table_digest(df)}" for name, df in tables.items())
            print(f"{label:<26} rep {rep}  {digests}", flush=True)


if __name__ == "__main__":
    main()
