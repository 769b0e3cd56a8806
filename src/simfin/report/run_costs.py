"""The municipal costs of a run per year and category, built once for every writer of ``simfin
run`` (console, ``samenvatting.md``, the workbook's Samenvatting, the cost chart, notebook
tables): one frame, one row order, so they show the same numbers in the same order."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from simfin.results import Results

__all__ = ["COST_ORDER", "cost_frame"]

#: row order within a year: these categories, any other after them, the total last
COST_ORDER = ("access_team", "specialists", "indivisible_roles", "overhead", "fixed_costs",
              "specialist_care", "admin", "benefits", "budget_lines")


def cost_frame(results: Results) -> pd.DataFrame:
    """``year, category, mean, p05, p95``: municipal costs per year and category (codes; the
    ``total`` row last in each year), euros at the scenario's price level, mean and 90%
    interval over replications (:meth:`Results.yearly_summary`)."""
    summary = results.yearly_summary()
    order = {c: i for i, c in enumerate(COST_ORDER)}
    last = len(order) + 1
    key = summary["category"].map(lambda c: last if c == "total" else order.get(c, len(order)))
    ordered = summary.assign(_o=key).sort_values(["year", "_o"], kind="stable")
    return ordered[["year", "category", "mean", "p05", "p95"]].reset_index(drop=True)
