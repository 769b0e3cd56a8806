"""Flow indicators (KPIs) of one replication, from its ledger and monitor.

Tidy table with columns ``kpi``, ``value``, ``unit``. Only the reported years count:
rows that arrived before year one (warm-up) are left out of waiting times.

Intake waiting time of a request still waiting at the end is censored: it is counted as
the time it has waited so far (a lower bound), so p95 is never flattered by leaving the
longest waits out; it counts as within the norm only once it is known to be.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.scenario.schema import Scenario
from simfin.sim.arrivals import DAYS_PER_YEAR

__all__ = ["KPI_UNITS", "flow_kpis"]

KPI_UNITS = {
    "requests": "cases",
    "entered_0e": "episodes", "entered_1e": "episodes", "entered_2e": "episodes",
    "resolved_0e_share": "share",
    "intake_wait_mean_days": "days", "intake_wait_p50_days": "days",
    "intake_wait_p95_days": "days", "intake_within_norm_share": "share",
    "intake_queue_end": "cases",
    "trajectory_mean_days_2e": "days",
    "specialist_waiting_mean": "clients", "specialist_waiting_end": "clients",
    "specialist_wait_mean_days": "days",
    "specialist_in_care_mean": "clients",
    "light_help_clients_mean": "clients",
}


def flow_kpis(ledger: pd.DataFrame, monitor: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """KPIs of the reported years as a tidy ``kpi, value, unit`` frame."""
    horizon = scenario.simulation.horizon_years * DAYS_PER_YEAR
    inside = ledger[ledger["t_arrival"] >= 0]
    values = {"requests": float(inside.loc[inside["episode"] == 0, "case_id"].nunique())}
    for line in ("0e", "1e", "2e"):
        values[f"entered_{line}"] = float((inside["line"] == line).sum())
    first = inside[inside["episode"] == 0]
    n_first = first["case_id"].nunique()
    values["resolved_0e_share"] = (first["line"] == "0e").sum() / n_first if n_first else np.nan
    values.update(_intake(inside, scenario, horizon))
    values.update(_specialist(ledger, inside, horizon))
    late = monitor[monitor["t"] >= 0]
    values["specialist_waiting_mean"] = late["specialist_waiting"].mean()
    values["specialist_in_care_mean"] = late["specialist_in_care"].mean()
    values["light_help_clients_mean"] = late["light_help_busy"].mean()
    return pd.DataFrame({"kpi": list(values), "value": [float(v) for v in values.values()],
                         "unit": [KPI_UNITS[k] for k in values]})


def _intake(inside: pd.DataFrame, scenario: Scenario, horizon: float) -> dict[str, float]:
    rows = inside[inside["activity"] == "assessment"]
    waited = rows["t_start"].fillna(horizon).to_numpy() - rows["t_arrival"].to_numpy()
    norm = rows["stream"].map({k: s.legal_norm_days for k, s in scenario.demand_streams.items()})
    known = rows["t_start"].notna().to_numpy() | (waited > norm.to_numpy())
    within = (waited <= norm.to_numpy()) & known
    empty = len(rows) == 0
    return {
        "intake_wait_mean_days": np.nan if empty else waited.mean(),
        "intake_wait_p50_days": np.nan if empty else np.percentile(waited, 50),
        "intake_wait_p95_days": np.nan if empty else np.percentile(waited, 95),
        "intake_within_norm_share": within.sum() / known.sum() if known.any() else np.nan,
        "intake_queue_end": float(rows["t_start"].isna().sum()),
    }


def _specialist(ledger: pd.DataFrame, inside: pd.DataFrame, horizon: float) -> dict[str, float]:
    care = ledger[ledger["line"] == "2e"]
    ended = care[(care["t_end"] >= 0) & (care["t_end"] <= horizon)]
    started = inside[(inside["line"] == "2e") & inside["t_start"].notna()]
    return {
        "trajectory_mean_days_2e": (ended["t_end"] - ended["t_start"]).mean(),
        "specialist_waiting_end": float((care["outcome"] == "waiting").sum()),
        "specialist_wait_mean_days": (started["t_start"] - started["t_arrival"]).mean(),
    }
