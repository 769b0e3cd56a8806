"""Results of a run: tidy DataFrames over replications, plus summaries and exports.

``ledger``   one row per episode per replication (columns: :mod:`simfin.sim.ledger`)
``yearly``   costs per replication, year, municipality, party, provider and category
             (columns: :mod:`simfin.finance.table`, plus ``replication``)
``kpis``     ``replication, kpi, value, unit`` (names: :mod:`simfin.metrics`)
``monitor``  periodic snapshots of queues and caseloads (``replication, t, ...``)
``meta``     scenario name and hash, seed, replications, package versions
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from simfin.scenario.schema import Scenario
from simfin.scenario.taakvelden import roll_up

__all__ = ["Results", "interval"]

LOW, HIGH = 0.05, 0.95  # a 90% interval over replications


def interval(values: pd.core.groupby.SeriesGroupBy | pd.Series) -> pd.DataFrame:
    """Mean and 90% interval (5th and 95th percentile) over replications."""
    agg = values.agg(["mean", lambda s: s.quantile(LOW), lambda s: s.quantile(HIGH)])
    agg.columns = ["mean", "p05", "p95"]
    return agg


def _taakveld_order(column: pd.Series) -> pd.Series:
    """Sort key: years as they are, taakvelden by code with ``total`` last."""
    if column.name != "taakveld":
        return column
    return column.map(lambda t: (2, t) if t == "total" else (1, t) if t == "?" else (0, t))


@dataclass(frozen=True)
class Results:
    """What :func:`simfin.run` returns."""

    scenario: Scenario
    ledger: pd.DataFrame
    yearly: pd.DataFrame
    kpis: pd.DataFrame
    monitor: pd.DataFrame
    meta: dict = field(default_factory=dict)

    @property
    def replications(self) -> int:
        return int(self.meta.get("replications", self.kpis["replication"].nunique()))

    def municipality_costs(self) -> pd.DataFrame:
        """What the municipalities together pay, per replication, year and category."""
        own = self.yearly[self.yearly["party"] == "municipality"]
        return own.groupby(["replication", "year", "category"], as_index=False)["amount_eur"].sum()

    def yearly_summary(self) -> pd.DataFrame:
        """Municipality costs per year and category (and ``total``): mean and 90% interval
        over replications; a category missing in a replication (inhuur where no wait ran
        high) counts as 0 there, so the means of the categories add up to the mean total."""
        by = self.municipality_costs().set_index(["replication", "year", "category"])
        costs = by["amount_eur"].unstack("replication", fill_value=0.0).stack() \
            .rename("amount_eur").reset_index()   # rows of a year a category has only
        total = costs.groupby(["replication", "year"], as_index=False)["amount_eur"].sum()
        both = pd.concat([costs, total.assign(category="total")], ignore_index=True)
        return interval(both.groupby(["year", "category"])["amount_eur"]).reset_index()

    def taakveld_summary(self, level: str = "detail") -> pd.DataFrame:
        """Municipality lasten per year and Iv3 taakveld (and ``total``): mean and 90%
        interval over replications, euros per year in the scenario's price level. ``level``
        "detail" keeps the codes as the scenario gives them (sub-taakvelden such as 6.72a
        included), "main" rolls sub-taakvelden up to their main code (6.72a-6.74c to 6.72)
        per replication before the interval is taken. At either level the means over
        taakvelden add up to the mean total (a missing row counts as 0)."""
        own = self.yearly[self.yearly["party"] == "municipality"]
        own = own.assign(taakveld=roll_up(own["taakveld"], level))
        by = own.groupby(["replication", "year", "taakveld"])["amount_eur"].sum()
        full = by.unstack("taakveld", fill_value=0.0).stack().rename("amount_eur").reset_index()
        total = full.groupby(["replication", "year"], as_index=False)["amount_eur"].sum()
        both = pd.concat([full, total.assign(taakveld="total")], ignore_index=True)
        return interval(both.groupby(["year", "taakveld"], sort=False)["amount_eur"]) \
            .reset_index().sort_values(["year", "taakveld"], key=_taakveld_order,
                                       kind="stable").reset_index(drop=True)

    def kpi_summary(self) -> pd.DataFrame:
        """Every KPI: mean and 90% interval over replications, with its unit."""
        summary = interval(self.kpis.groupby("kpi", sort=False)["value"])
        units = self.kpis.drop_duplicates("kpi").set_index("kpi")["unit"]
        return summary.join(units).reset_index()

