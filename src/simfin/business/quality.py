"""Waits per variant: the business case's quality measure next to its money.

Per variant and doorlooptijd KPI (:mod:`simfin.stage_waits`: mean and 90th percentile per
stage, P(within the legal term)) and the backlogs at the end of the run (intake queue,
specialist waiting list): the mean over the replications and the 5th and 95th percentiles
of the replication values. Days, shares and cases as the KPI's unit says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from simfin.stage_waits import STAGE_KPI_UNITS

if TYPE_CHECKING:
    from simfin.business.result import BusinessCase

__all__ = ["QUALITY_KPIS", "waits_per_variant"]

#: The KPIs of the quality measure, in report order.
QUALITY_KPIS = tuple(k for k in STAGE_KPI_UNITS if k.startswith("stage_")) + (
    "intake_queue_end", "specialist_waiting_end")


def waits_per_variant(case: BusinessCase) -> pd.DataFrame:
    """``variant, kpi, unit, mean, p05, p95`` for :data:`QUALITY_KPIS` (variants in the
    case's order; a KPI a variant lacks is left out)."""
    kpis = case.kpis[case.kpis["kpi"].isin(QUALITY_KPIS)]
    grouped = kpis.groupby(["variant", "kpi"], sort=False)["value"]
    table = pd.DataFrame({"mean": grouped.mean(), "p05": grouped.quantile(0.05),
                          "p95": grouped.quantile(0.95)}).reset_index()
    units = kpis.drop_duplicates("kpi").set_index("kpi")["unit"]
    table.insert(2, "unit", table["kpi"].map(units))
    order = {v: i for i, v in enumerate(case.scenarios)}
    table["_v"] = table["variant"].map(order)
    table["_k"] = table["kpi"].map({k: i for i, k in enumerate(QUALITY_KPIS)})
    return table.sort_values(["_v", "_k"]).drop(columns=["_v", "_k"]).reset_index(drop=True)
