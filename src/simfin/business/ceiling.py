"""Budget ceiling (budgettair plafond): how likely spending exceeds it, and by how much.

This module holds the **one** definition of the ceiling that ``simfin run``, ``simfin
business`` and ``simfin sweep`` (ceiling curve, ``overshoot:`` output) all use.

The ceiling of a year is ``ceiling.by_year[year]`` or ``ceiling.amount_eur_per_year``, at
the prices of ``ceiling.price_year`` (default the scenario's price base year), indexed with
``ceiling.index`` (usually the price index of a grant) from that year on: nominal euros.
Spending is the nominal sum of the municipalities' costs that **count** (:func:`counts`):
structural rows whose category is in ``ceiling.categories`` and, when ``ceiling.taakvelden``
is given, whose Iv3 taakveld is in it, a main code counting its sub-taakvelden too ("6.72"
counts 6.72a-6.74c; then ``categories`` applies only when written explicitly), plus incidental items when ``include_incidental``; per replication and year.

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

from simfin.business.indexation import index_factor, index_kind_of, price_base_year, to_nominal
from simfin.business.incidental import item_years
from simfin.errors import SimfinError
from simfin.scenario.schema import Ceiling, Scenario
from simfin.scenario.taakvelden import selects

__all__ = ["CEILING_COLUMNS", "ceiling_per_year", "ceiling_table", "counts", "overshoot",
           "spending", "spending_from_costs", "spending_table"]

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
    start = ceiling.price_year or price_base_year(scenario)
    values = {year: ceiling.by_year.get(year, ceiling.amount_eur_per_year)
              * index_factor(scenario, ceiling.index, year)
              / index_factor(scenario, ceiling.index, start) for year in scenario.reported_years}
    return pd.Series(values, name="ceiling_eur").rename_axis("year")


def counts(rows: pd.DataFrame, ceiling: Ceiling) -> pd.Series:
    """Which cost rows count against ``ceiling`` (boolean mask; the module's rule).

    ``rows`` needs ``category`` and ``taakveld``, and ``cost_type`` ("structural" or
    "incidental"; rows without it are structural).
    """
    structural = rows["cost_type"] == "structural" if "cost_type" in rows else \
        pd.Series(True, index=rows.index)
    categories = ceiling.counted_categories()
    mask = structural.copy()
    if categories is not None:
        mask &= rows["category"].isin(categories)
    if ceiling.taakvelden:
        mask &= selects(rows["taakveld"], ceiling.taakvelden)
    if ceiling.include_incidental:
        mask |= ~structural
    return mask


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
    return _summed(yearly, scenario.ceiling, ["replication", "year"])


def _summed(rows: pd.DataFrame, ceiling: Ceiling, keys: list[str],
            explicit: bool = True) -> pd.DataFrame:
    """Counted rows summed per ``keys``; a run or year where nothing counts spends 0.

    Raises SimfinError when ``explicit`` (the scenario's own ``[ceiling]``) and no row of
    any run counts: the ceiling names categories or taakvelden the scenario has no costs on.
    """
    mask = counts(rows, ceiling)
    if explicit and len(rows) and not mask.any():
        raise SimfinError(
            f"[ceiling] counts no cost of this scenario: categories "
            f"{sorted(ceiling.counted_categories() or ['(any)'])}, taakvelden "
            f"{ceiling.taakvelden or ['(any)']}; its costs are in categories "
            f"{sorted(rows['category'].unique())} on taakvelden "
            f"{sorted(rows['taakveld'].unique()) if 'taakveld' in rows else '(unknown)'}")
    counted = rows[mask]
    open_ended = counted["provider"].isin(ceiling.open_ended_providers)
    out = counted.assign(open_ended_eur=np.where(open_ended, counted["nominal_eur"], 0.0))
    sums = {"spending_eur": ("nominal_eur", "sum"), "open_ended_eur": ("open_ended_eur", "sum")}
    if "base_eur" in rows.columns:
        sums["base_eur"] = ("base_eur", "sum")
    summed = out.groupby(keys, as_index=False).agg(**sums)
    every = rows[keys].drop_duplicates()
    return (every.merge(summed, on=keys, how="left").fillna(0.0)
            .sort_values(keys, kind="stable").reset_index(drop=True))


def _item_totals(scenario: Scenario) -> pd.DataFrame:
    """Items per year summed over the municipalities (a verdeelsleutel moves no euro)."""
    items = pd.DataFrame(item_years(scenario), columns=["year", "cost_type", "category",
                                                        "taakveld", "index", "base_eur"])
    return items.assign(provider="")


def spending_from_costs(costs: pd.DataFrame, scenario: Scenario,
                        ceiling: Ceiling | None = None) -> pd.DataFrame:
    """Spending against the ceiling per run and year, from finance cost tables.

    The path of ``simfin run`` and of sweeps: the municipalities' rows of the cost table
    (:mod:`simfin.finance.table`, with ``replication`` and optionally ``sample``) plus the
    scenario's structural (and incidental) items, indexed to nominal euros exactly as the
    business case does (:mod:`simfin.business.yearly`), then :func:`counts`. The ceiling
    is over all municipalities together, so no verdeelsleutel is needed.

    Parameters
    ----------
    costs : DataFrame
        ``[sample,] replication, year, party, category, provider, taakveld, amount_eur``.
    scenario : Scenario
    ceiling : Ceiling, optional
        Default ``scenario.ceiling``.

    Returns
    -------
    DataFrame
        ``[sample,] replication, year, spending_eur, open_ended_eur`` (nominal euros) and
        ``base_eur``: the same spending at the scenario's price level (before indexation).
    """
    explicit = ceiling is None
    ceiling = ceiling or scenario.ceiling
    runs = [k for k in ("sample", "replication") if k in costs.columns]
    own = costs[costs["party"] == "municipality"]
    sim = (own.groupby([*runs, "year", "category", "provider", "taakveld"], as_index=False)
           ["amount_eur"].sum().rename(columns={"amount_eur": "base_eur"}))
    sim = sim.assign(cost_type="structural",
                     index=[index_kind_of(scenario, c) for c in sim["category"]])
    items = _item_totals(scenario)
    if not items.empty:
        keys = own[runs].drop_duplicates()
        sim = pd.concat([sim, keys.merge(items, how="cross")], ignore_index=True)
    sim["nominal_eur"] = to_nominal(scenario, sim["base_eur"], sim["index"], sim["year"])
    return _summed(sim, ceiling, [*runs, "year"], explicit or ceiling is scenario.ceiling)




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
    if scenario.ceiling is None:
        return pd.DataFrame(columns=CEILING_COLUMNS)
    return spending_table(spending(yearly, scenario), scenario, variant)


def spending_table(spent: pd.DataFrame, scenario: Scenario, variant: str) -> pd.DataFrame:
    """The ceiling table (module docstring) from spending per replication and year."""
    limits = ceiling_per_year(scenario)
    if limits.empty:
        return pd.DataFrame(columns=CEILING_COLUMNS)
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
