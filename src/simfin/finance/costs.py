"""One replication's yearly cost table: every finance rule applied to its ledger."""

from __future__ import annotations

import pandas as pd

from simfin.finance.admin import admin_costs
from simfin.finance.organisation import access_team_costs
from simfin.finance.payment import cost_of_care, payments, units_per_year
from simfin.finance.table import frame
from simfin.scenario.schema import Scenario

__all__ = ["yearly_costs"]

KEYS = ["year", "municipality", "provider"]


def yearly_costs(ledger: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Tidy yearly costs (see :mod:`simfin.finance.table`) for one replication's ledger."""
    care = ledger[ledger["line"] == "2e"].reset_index(drop=True)
    units = units_per_year(care, scenario.simulation.horizon_years)
    paid = payments(care, units, scenario)
    records = access_team_costs(scenario) + paid + admin_costs(care, scenario)
    records += [{**r, "party": "provider", "category": "revenue"} for r in paid]
    records += cost_of_care(care, units, scenario)
    table = frame(records)
    table = pd.concat([table, _margin(table)], ignore_index=True)
    return table.sort_values(["year", "party", "category", "municipality", "provider"],
                             kind="stable").reset_index(drop=True)


def _margin(table: pd.DataFrame) -> pd.DataFrame:
    """Provider margin = revenue - cost of care - provider admin, per year/municipality/provider."""
    prov = table[table["party"] == "provider"]
    signs = {"revenue": 1.0, "cost_of_care": -1.0, "admin": -1.0}
    sign = prov["category"].map(signs).astype(float)
    margin = (prov.assign(amount_eur=prov["amount_eur"] * sign)
              .groupby(KEYS, as_index=False)["amount_eur"].sum())
    return margin.assign(party="provider", category="margin", hours=float("nan"))[
        list(table.columns)]
