"""Budget ceiling (budgettair plafond): how likely spending exceeds it, and by how much.

The ceiling of a year is ``ceiling.by_year[year]`` or ``ceiling.amount_eur_per_year``, at
base-year prices, indexed with ``ceiling.index`` (usually the price index of a grant).
Spending is the nominal sum of the municipalities' costs in ``ceiling.categories``
(plus incidental items when ``include_incidental``), per replication and year.

Spending at providers listed in ``ceiling.open_ended_providers`` is an open-ended
entitlement (open-einde regeling): a resident with a legal right to care cannot be refused
because the budget is spent, so the ceiling cannot be enforced on it. It is reported
apart: its mean, the room left for the rest (``ceiling - open-ended``), and the probability
that the open-ended part alone exceeds the ceiling.

Over the replications (each one possible course of the years), per year:

* ``p_overshoot``: share of replications with spending > ceiling;
* ``expected_overshoot_eur``: mean of ``max(0, spending - ceiling)``;
* ``overshoot_p50/p90/p95_eur``: percentiles of ``max(0, spending - ceiling)``;
* ``mean_overshoot_if_over_eur``: mean overshoot in the replications that exceed (NaN if none).

Columns of the ceiling table
----------------------------
variant, year, ceiling_eur, spending_mean_eur, spending_p05_eur, spending_p95_eur,
open_ended_mean_eur, controllable_mean_eur, room_for_controllable_eur, p_overshoot,
expected_overshoot_eur, overshoot_p50_eur, overshoot_p90_eur, overshoot_p95_eur,
mean_overshoot_if_over_eur, p_open_ended_over, replications.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.business.indexation import index_factor
from simfin.scenario.schema import Scenario

__all__ = ["CEILING_COLUMNS", "ceiling_per_year", "ceiling_table", "overshoot", "spending"]

CEILING_COLUMNS = [
    "variant", "year", "ceiling_eur", "spending_mean_eur", "spending_p05_eur",
    "spending_p95_eur", "open_ended_mean_eur", "controllable_mean_eur",
    "room_for_controllable_eur", "p_overshoot", "expected_overshoot_eur", "overshoot_p50_eur",
    "overshoot_p90_eur", "overshoot_p95_eur", "mean_overshoot_if_over_eur",
    "p_open_ended_over", "replications"]


def ceiling_per_year(scenario: Scenario) -> pd.Series:
    """Nominal ceiling per reported year (index: year); empty without ``[ceiling]``."""
    ceiling = scenario.ceiling
    if ceiling is None:
        return pd.Series(dtype=float, name="ceiling_eur")
    values = {year: ceiling.by_year.get(year, ceiling.amount_eur_per_year)
              * index_factor(scenario, ceiling.index, year) for year in scenario.reported_years}
    return pd.Series(values, name="ceiling_eur").rename_axis("year")


def spending(yearly: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Spending against the ceiling per replication and year: total and open-ended part.

    Parameters
    ----------
    yearly : DataFrame
        One variant's rows of the business yearly table.
    scenario : Scenario
        That variant's scenario (its ``[ceiling]`` section).

    Returns
    -------
    DataFrame
        ``replication, year, spending_eur, open_ended_eur`` (nominal euros).
    """
    ceiling = scenario.ceiling
    counted = yearly["category"].isin(ceiling.categories) & (yearly["cost_type"] == "structural")
    if ceiling.include_incidental:
        counted |= yearly["cost_type"] == "incidental"
    rows = yearly[counted]
    open_ended = rows["provider"].isin(ceiling.open_ended_providers)
    out = rows.assign(open_ended_eur=np.where(open_ended, rows["nominal_eur"], 0.0))
    return (out.groupby(["replication", "year"], as_index=False)
            .agg(spending_eur=("nominal_eur", "sum"), open_ended_eur=("open_ended_eur", "sum")))


def overshoot(values, ceiling_eur: float) -> dict[str, float]:
    """Overshoot statistics of spending ``values`` (one per replication) against a ceiling.

    Returns
    -------
    dict
        ``p_overshoot`` (share of values > ceiling), ``expected_overshoot_eur``
        (mean of max(0, value - ceiling)), ``overshoot_p50/p90/p95_eur`` (percentiles of
        that excess, linear interpolation) and ``mean_overshoot_if_over_eur``.
    """
    values = np.asarray(values, dtype=float)
    excess = np.maximum(values - ceiling_eur, 0.0)
    over = values > ceiling_eur
    p50, p90, p95 = np.percentile(excess, [50, 90, 95])
    return {"p_overshoot": float(over.mean()), "expected_overshoot_eur": float(excess.mean()),
            "overshoot_p50_eur": float(p50), "overshoot_p90_eur": float(p90),
            "overshoot_p95_eur": float(p95),
            "mean_overshoot_if_over_eur": float(excess[over].mean()) if over.any() else np.nan}


def ceiling_table(yearly: pd.DataFrame, scenario: Scenario, variant: str) -> pd.DataFrame:
    """The ceiling table of one variant (columns: module docstring); empty without ceiling."""
    limits = ceiling_per_year(scenario)
    if limits.empty:
        return pd.DataFrame(columns=CEILING_COLUMNS)
    spent = spending(yearly, scenario)
    rows = []
    for year, limit in limits.items():
        g = spent[spent["year"] == year]
        s, o = g["spending_eur"].to_numpy(), g["open_ended_eur"].to_numpy()
        rows.append({
            "variant": variant, "year": int(year), "ceiling_eur": float(limit),
            "spending_mean_eur": s.mean(), "spending_p05_eur": np.percentile(s, 5),
            "spending_p95_eur": np.percentile(s, 95), "open_ended_mean_eur": o.mean(),
            "controllable_mean_eur": (s - o).mean(),
            "room_for_controllable_eur": float(limit) - o.mean(),
            **overshoot(s, float(limit)),
            "p_open_ended_over": float((o > limit).mean()), "replications": len(s)})
    return pd.DataFrame(rows, columns=CEILING_COLUMNS)
