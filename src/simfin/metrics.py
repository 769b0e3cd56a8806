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

from simfin.coded import coded_column
from simfin.scenario.schema import Scenario
from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.back_office import OFFICE_KPI_UNITS
from simfin.stage_waits import STAGE_KPI_UNITS, stage_kpis

__all__ = ["KPI_UNITS", "entitlement_kpis", "flow_kpis"]

KPI_UNITS = {
    "requests": "cases",
    "entered_0e": "episodes", "entered_1e": "episodes", "entered_2e": "episodes",
    "resolved_0e_share": "share",
    "intake_wait_mean_days": "days", "intake_wait_p50_days": "days",
    "intake_wait_p95_days": "days", "intake_within_norm_share": "share",
    "intake_queue_end": "cases",
    "intake_abandoned": "episodes", "intake_abandoned_share": "share",
    "returns_after_abandoning": "episodes",
    "trajectory_mean_days_2e": "days",
    "specialist_waiting_mean": "clients", "specialist_waiting_end": "clients",
    "specialist_wait_mean_days": "days",
    "specialist_in_care_mean": "clients",
    "light_help_clients_mean": "clients",
    "benefit_recipients_mean": "persons",
    "benefit_inflow_per_year": "persons",
    "benefit_exit_to_work_share": "share",
}
KPI_UNITS.update(OFFICE_KPI_UNITS)  # front and back office (simfin.sim.back_office)
KPI_UNITS.update(STAGE_KPI_UNITS)  # doorlooptijd per stage (simfin.stage_waits)


def flow_kpis(ledger: pd.DataFrame, monitor: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """KPIs of the reported years as a tidy ``kpi, value, unit`` frame."""
    horizon = scenario.simulation.horizon_years * DAYS_PER_YEAR
    rows = _Rows(ledger)
    inside = rows.t_arrival >= 0
    first = inside & (rows.episode == 0)
    n_first = _distinct(rows.case_id[first])
    values = {"requests": float(n_first)}
    for line in ("0e", "1e", "2e"):
        values[f"entered_{line}"] = float((inside & rows.line(line)).sum())
    values["resolved_0e_share"] = (first & rows.line("0e")).sum() / n_first if n_first \
        else np.nan
    values.update(_intake(ledger, rows, inside, scenario, horizon))
    if scenario.reneging is not None:
        values.update(_abandoned(ledger, rows, inside))
    values.update(_specialist(ledger, rows, inside, horizon))
    values.update(stage_kpis(ledger, scenario, horizon))
    late = monitor["t"].to_numpy() >= 0
    for kpi, column in (("specialist_waiting_mean", "specialist_waiting"),
                        ("specialist_in_care_mean", "specialist_in_care"),
                        ("light_help_clients_mean", "light_help_busy")):
        values[kpi] = pd.Series(monitor[column].to_numpy()[late]).mean()
    return pd.DataFrame({"kpi": list(values), "value": [float(v) for v in values.values()],
                         "unit": [KPI_UNITS[k] for k in values]})


def _distinct(ids: np.ndarray) -> int:
    """Number of distinct case ids (non-negative ints: marked in an array, no sort or hash)."""
    if len(ids) == 0 or ids.min() < 0:
        return len(pd.unique(ids))
    seen = np.zeros(ids.max() + 1, dtype=bool)
    seen[ids] = True
    return int(np.count_nonzero(seen))


class _Rows:
    """The ledger columns the KPIs need, as numpy arrays (the line column coded,
    :func:`simfin.finance.care.coded_column`)."""

    def __init__(self, ledger: pd.DataFrame) -> None:
        self.t_arrival = ledger["t_arrival"].to_numpy(dtype=float)
        self.t_start = ledger["t_start"].to_numpy(dtype=float)
        self.t_end = ledger["t_end"].to_numpy(dtype=float)
        self.episode = ledger["episode"].to_numpy()
        self.case_id = ledger["case_id"].to_numpy()
        self._line = coded_column(ledger["line"])

    def line(self, line: str) -> np.ndarray:
        """Boolean mask of the rows of ``line``."""
        return self._line.where(line)


def _intake(ledger: pd.DataFrame, rows: _Rows, inside: np.ndarray, scenario: Scenario,
            horizon: float) -> dict[str, float]:
    assessed = inside & coded_column(ledger["activity"]).where("assessment") \
        & ~coded_column(ledger["outcome"]).where("abandoned")
    t_start = rows.t_start[assessed]
    waited = np.where(np.isnan(t_start), horizon, t_start) - rows.t_arrival[assessed]
    norm_of = {k: s.legal_norm_days for k, s in scenario.demand_streams.items()}
    norm = coded_column(ledger["stream"]).take(assessed).lookup(
        lambda name: norm_of.get(name, np.nan))
    known = ~np.isnan(t_start) | (waited > norm)
    within = (waited <= norm) & known
    empty = len(waited) == 0
    p50, p95 = (np.nan, np.nan) if empty else np.percentile(waited, [50, 95])
    return {
        "intake_wait_mean_days": np.nan if empty else waited.mean(),
        "intake_wait_p50_days": p50,
        "intake_wait_p95_days": p95,
        "intake_within_norm_share": within.sum() / known.sum() if known.any() else np.nan,
        "intake_queue_end": float(np.isnan(t_start).sum()),
    }


def _abandoned(ledger: pd.DataFrame, rows: _Rows, inside: np.ndarray) -> dict[str, float]:
    """Intake episodes (arrived in the reported years) whose client gave up waiting, their
    share of all intake episodes, and the episodes that followed one given up (returns)."""
    assessed = inside & coded_column(ledger["activity"]).where("assessment")
    gave_up = coded_column(ledger["outcome"]).where("abandoned")
    n = assessed.sum()
    abandoned = ledger[gave_up]
    after = pd.MultiIndex.from_arrays([abandoned["case_id"], abandoned["episode"] + 1])
    later = pd.MultiIndex.from_arrays([ledger["case_id"], ledger["episode"]])
    returned = later[assessed].isin(after).sum()
    return {"intake_abandoned": float((assessed & gave_up).sum()),
            "intake_abandoned_share": (assessed & gave_up).sum() / n if n else np.nan,
            "returns_after_abandoning": float(returned)}


def _specialist(ledger: pd.DataFrame, rows: _Rows, inside: np.ndarray, horizon: float
                ) -> dict[str, float]:
    care = rows.line("2e")
    ended = care & (rows.t_end >= 0) & (rows.t_end <= horizon)
    started = inside & care & ~np.isnan(rows.t_start)
    waiting = care & coded_column(ledger["outcome"]).where("waiting")
    return {
        "trajectory_mean_days_2e": pd.Series(rows.t_end[ended] - rows.t_start[ended]).mean(),
        "specialist_waiting_end": float(waiting.sum()),
        "specialist_wait_mean_days": pd.Series(rows.t_start[started]
                                               - rows.t_arrival[started]).mean(),
    }


def entitlement_kpis(recipients: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Entitlement KPIs of the reported years (all entitlement streams together): mean
    number of recipients (time-average stock), inflow per year and the share of exits that
    went to work."""
    horizon = scenario.simulation.horizon_years * DAYS_PER_YEAR
    start = recipients["t_start"].to_numpy(dtype=float)
    end = recipients["t_end"].to_numpy(dtype=float)
    inside = np.clip(np.minimum(end, horizon) - np.maximum(start, 0.0), 0.0, None)
    exits = (end >= 0) & (end < horizon)
    to_work = recipients["to_work"].to_numpy(dtype=bool)
    values = {
        "benefit_recipients_mean": inside.sum() / horizon,
        "benefit_inflow_per_year": ((start >= 0) & (start < horizon)).sum()
        / scenario.simulation.horizon_years,
        "benefit_exit_to_work_share": to_work[exits].mean() if exits.any() else np.nan,
    }
    return pd.DataFrame({"kpi": list(values), "value": [float(v) for v in values.values()],
                         "unit": [KPI_UNITS[k] for k in values]})
