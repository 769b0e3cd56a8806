"""Run the whole chain for a scenario: simulation, money, indicators, over replications.

Replication ``r`` always gets the same residents for the same seed, whatever else the
scenario changes (common random numbers), and results are sorted by replication.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import simpy

from simfin import __version__
from simfin.finance import yearly_costs
from simfin.metrics import entitlement_kpis, flow_kpis
from simfin.results import Results
from simfin.scenario.load import load
from simfin.scenario.schema import Scenario
from simfin.scenario.steering import steered
from simfin.scenario.size import check_size
from simfin.sim import simulate
from simfin.sim.back_office import office_dossiers, office_kpis
from simfin.sim.entitlements import draw_entitlements

__all__ = ["replication_task", "run", "run_replication", "with_settings"]


def with_settings(scenario: Scenario, replications: int | None = None,
                  seed: int | None = None) -> Scenario:
    """A copy of ``scenario`` with other replications and/or seed."""
    update = {k: v for k, v in (("replications", replications), ("seed", seed)) if v is not None}
    if not update:
        return scenario
    settings = scenario.simulation.model_validate({**scenario.simulation.model_dump(), **update})
    return scenario.model_copy(update={"simulation": settings})


def run_replication(scenario: Scenario, replication: int) -> dict[str, pd.DataFrame]:
    """Ledger, yearly costs, KPIs and monitor of one replication (keyed by replication)."""
    out = simulate(steered(scenario), replication)  # the steering model's referral behaviour
    recipients = draw_entitlements(scenario, replication)
    kpis = flow_kpis(out.ledger, out.monitor, scenario)
    if scenario.entitlements:
        kpis = pd.concat([kpis, entitlement_kpis(recipients, scenario)], ignore_index=True)
    dossiers = None
    if scenario.offices is not None:  # front and back office (FO/BO) per domain
        dossiers = office_dossiers(scenario, replication, out.ledger, recipients)
        kpis = pd.concat([kpis, office_kpis(dossiers, scenario)], ignore_index=True)
    tables = {
        "ledger": out.ledger,
        "yearly": yearly_costs(out.ledger, scenario, recipients, dossiers, out.inhuur),
        "kpis": kpis,
        "monitor": out.monitor,
    }
    return {name: _keyed(df, replication) for name, df in tables.items()}


def _keyed(df: pd.DataFrame, replication: int) -> pd.DataFrame:
    """``df`` with ``replication`` as its first column (as is if it already has it)."""
    if len(df.columns) and df.columns[0] == "replication" \
            and df["replication"].dtype == np.int64 \
            and (df["replication"].to_numpy() == replication).all():
        return df  # e.g. the ledger: the same frame as a copy with the column set again
    out = df.drop(columns="replication") if "replication" in df.columns \
        else df.copy(deep=False)
    out.insert(0, "replication", np.full(len(out), replication, dtype=np.int64))
    return out


def run(scenario: Scenario | str | Path, replications: int | None = None,
        seed: int | None = None, progress: bool = False, workers: int | None = None) -> Results:
    """Run ``scenario`` (optionally overriding replications and seed) and collect Results.

    ``scenario`` is a :class:`Scenario` (e.g. from ``simfin.load(...)`` or
    ``scenario.with_changes(...)``) or the path of a scenario file.

    ``workers`` > 1 runs the replications in that many worker processes (``spawn``, so
    also from a notebook); the results are the same to the last bit as in one process,
    because every replication draws from its own address in the seed sequence.
    """
    file = None
    if not isinstance(scenario, Scenario):
        file = str(scenario)
        scenario = load(scenario)
    scenario = with_settings(scenario, replications, seed)
    check_size(scenario)  # an absurd size is a ScenarioError with the estimate, before running
    n = scenario.simulation.replications
    if workers is not None and workers > 1 and n > 1:
        parts = _in_workers(scenario, n, workers, progress)
    else:
        parts = [run_replication(scenario, r)
                 for r in _progress(range(n), progress, scenario.name)]
    tables = {name: pd.concat([p[name] for p in parts], ignore_index=True)
              for name in ("ledger", "yearly", "kpis", "monitor")}
    meta = _meta(scenario) if file is None else {**_meta(scenario), "scenario_file": file}
    return Results(scenario=scenario, meta=meta, **tables)


def replication_task(task: tuple[Scenario, int]) -> dict[str, pd.DataFrame]:
    """:func:`run_replication` of ``(scenario, replication)``: the work of one worker."""
    return run_replication(*task)


def _in_workers(scenario: Scenario, n: int, workers: int,
                progress: bool) -> list[dict[str, pd.DataFrame]]:
    """The ``n`` replications in ``workers`` processes, in order of replication."""
    from simfin.progress import progress_bar
    from simfin.parallel import run_tasks

    parts: list = [None] * n
    with progress_bar(total=n, disable=not progress, desc=scenario.name, unit="rep") as bar:
        for r, tables in run_tasks(replication_task, [(scenario, r) for r in range(n)],
                                   "process", min(workers, n)):
            parts[r] = tables
            bar.update(1)
    return parts


def _progress(reps: Iterable[int], show: bool, name: str) -> Iterable[int]:
    if not show:
        return reps
    from simfin.progress import progress_bar

    return progress_bar(reps, desc=name, unit="rep")


def _meta(scenario: Scenario) -> dict:
    digest = hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()[:16]
    return {"scenario": scenario.name, "scenario_hash": digest,
            "seed": scenario.simulation.seed, "replications": scenario.simulation.replications,
            "simfin": __version__, "numpy": np.__version__, "simpy": simpy.__version__,
            "scipy": scipy.__version__, "pandas": pd.__version__}
