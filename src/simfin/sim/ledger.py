"""The ledger: one row per episode (case x line x activity), time stamps only.

During a run rows are plain Python lists, opened when a case enters a line and filled in
as it moves on (the SimPy monitoring idiom: buffer in lists, build a DataFrame once).
:func:`Ledger.to_frame` adds the case attributes and the delivered units.

Columns of the ledger DataFrame
-------------------------------
replication : int
case_id : int              position of the case in arrival order (unique per replication)
episode : int              0 for the first request, 1, 2 for returns (re-entry)
municipality, stream, complexity : str
urgent : bool
line : str                 "0e", "1e" (access team) or "2e" (specialist care)
activity : str             "advice" (0e), "assessment", "consultation" (by a specialist, before
                           the decision), "light_help" (1e), or the product (2e)
provider : str             provider of a 2e product, "" otherwise
unit : str                 "hour" for 0e/1e rows, the product's billing unit for 2e
t_arrival : float          days since 1 January of the first reported year (warm-up < 0)
t_start : float            intake start (assessment) or care start; NaN if still waiting
t_end : float              decision (assessment) or care end; NaN if still running at the end
intensity_per_week : float units (team hours, or product units) per week while in service
units : float              units delivered within the reported years (team hours for 1e)
outcome : str              see :data:`OUTCOME_LABELS`
indicated_days : float     2e only: care length the need implies, before the financing's
                           behaviour multiplier (what an arrangement band is based on); NaN else
indicated_units : float    2e only: units the need implies (indicated days x indicated units
                           per week / 7), before behaviour multipliers; NaN else

Rows that ended before the first reported year are discarded (warm-up).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["COLUMNS", "OUTCOME_LABELS", "Ledger"]

COLUMNS = ("replication", "case_id", "episode", "municipality", "stream", "complexity",
           "urgent", "line", "activity", "provider", "unit", "t_arrival", "t_start", "t_end",
           "intensity_per_week", "units", "outcome", "indicated_days", "indicated_units")

OUTCOME_LABELS = {
    "resolved": "resolved in the 0e lijn",
    "light_help": "assessment ended in light help",
    "general_facility": "assessment ended in a general facility",
    "referral": "assessment ended in a referral to specialist care",
    "finished": "light help finished",
    "discharged": "specialist care ended",
    "stepped_down": "specialist care ended with step-down to light help",
    "waiting": "still waiting at the end of the horizon",
    "in_service": "still in service at the end of the horizon",
}

# Positions in a raw row.
CASE, EPISODE, LINE, ACTIVITY, T_ARRIVAL, T_START, T_END, INTENSITY, OUTCOME = range(9)


class Ledger:
    """Row buffer filled by the simulation."""

    def __init__(self) -> None:
        self.rows: list[list] = []

    def open(self, case: int, episode: int, line: str, activity: str, t: float,
             intensity_per_week: float) -> list:
        """Start a row when a case enters a line; returns the row to fill in later."""
        row = [case, episode, line, activity, t, np.nan, np.nan, intensity_per_week, ""]
        self.rows.append(row)
        return row

    def to_frame(self, cases, scenario, replication: int, t_origin: float,
                 t_horizon: float) -> pd.DataFrame:
        """Build the tidy ledger; times shifted by ``t_origin`` (start of year one)."""
        raw = pd.DataFrame(self.rows, columns=["case_id", "episode", "line", "activity",
                                               "t_arrival", "t_start", "t_end",
                                               "intensity_per_week", "outcome"])
        for col in ("t_arrival", "t_start", "t_end"):
            raw[col] = raw[col].astype(float) - t_origin
        raw = raw[~(raw["t_end"] < 0)]
        open_rows = raw["outcome"] == ""
        raw.loc[open_rows, "outcome"] = np.where(raw.loc[open_rows, "t_start"].isna(),
                                                 "waiting", "in_service")
        return _decorate(raw, cases, scenario, replication, t_horizon)


def _decorate(raw: pd.DataFrame, cases, scenario, replication: int,
              t_horizon: float) -> pd.DataFrame:
    case = raw["case_id"].to_numpy(dtype=np.int64)  # int also when no case arrived
    episode = raw["episode"].to_numpy(dtype=np.int64)
    out = raw.assign(
        replication=replication,
        municipality=np.asarray(cases.municipalities, dtype=object)[cases.municipality[case]],
        stream=np.asarray(cases.streams, dtype=object)[cases.stream[case]],
        complexity=np.asarray(cases.complexities, dtype=object)[cases.complexity[case, episode]],
        urgent=cases.urgent[case, episode],
    )
    is_2e = out["line"].to_numpy() == "2e"
    products = out["activity"].to_numpy()
    provider_of = {p: scenario.provider_of(p) for p in scenario.products}
    unit_of = {p: spec.unit for p, spec in scenario.products.items()}
    out["provider"] = [provider_of[p] if s else "" for p, s in zip(products, is_2e)]
    out["unit"] = [unit_of[p] if s else "hour" for p, s in zip(products, is_2e)]
    start = np.fmax(out["t_start"].to_numpy(), 0.0)
    stop = np.fmin(np.nan_to_num(out["t_end"].to_numpy(), nan=t_horizon), t_horizon)
    served = np.where(np.isnan(start), 0.0, np.maximum(stop - start, 0.0))
    out["units"] = out["intensity_per_week"].to_numpy() * served / 7.0
    out["indicated_days"] = np.where(is_2e, cases.care_days_indicated[case, episode], np.nan)
    out["indicated_units"] = out["indicated_days"].to_numpy() * np.where(
        is_2e, cases.care_units_per_week_indicated[case, episode], np.nan) / 7.0
    out = out.sort_values(["case_id", "episode", "t_arrival"], kind="stable")
    return out[list(COLUMNS)].reset_index(drop=True)
