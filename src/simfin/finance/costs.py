"""One replication's yearly cost table: every finance rule applied to its ledger."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.finance.admin import admin_costs
from simfin.finance.care import CareRows, group_sum
from simfin.finance.host import office_costs
from simfin.finance.steering import steering_costs
from simfin.finance.payment import cost_of_care, payments, units_per_year
from simfin.finance.scope import benefit_costs, budget_line_costs
from simfin.finance.table import frame
from simfin.finance.timeline import financing_years, inhuur_costs, organisation_costs
from simfin.scenario.schema import Scenario

__all__ = ["yearly_costs"]


def yearly_costs(ledger: pd.DataFrame, scenario: Scenario,
                 recipients: pd.DataFrame | None = None,
                 dossiers: pd.DataFrame | None = None,
                 inhuur: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tidy yearly costs (see :mod:`simfin.finance.table`) for one replication's ledger,
    entitlement recipients (:func:`simfin.sim.entitlements.draw_entitlements`), FO/BO
    dossiers (:func:`simfin.sim.back_office.office_dossiers`, for ``[offices]``) and spells
    of hired intake workers (:attr:`simfin.sim.SimulationOutput.inhuur`)."""
    care = CareRows.from_ledger(ledger)
    units = units_per_year(care, scenario.simulation.horizon_years)
    paid, admin, care_cost = [], [], []
    for regime, years in financing_years(scenario):
        paid += _in_years(payments(care, units, regime), years)
        admin += _in_years(admin_costs(care, regime), years)
        care_cost += _in_years(cost_of_care(care, units, regime), years)
    organisation = organisation_costs(scenario)
    records = organisation + steering_costs(scenario, organisation) \
        + inhuur_costs(inhuur, scenario) + paid + admin
    records += [{**r, "party": "provider", "category": "revenue"} for r in paid]
    records += care_cost
    records += benefit_costs(recipients, scenario) + budget_line_costs(scenario)
    if dossiers is not None:
        records += office_costs(scenario, dossiers)
    table = frame(records + _margin(records))
    _fill_taakveld(table, scenario)
    return table.sort_values(["year", "party", "category", "municipality", "provider",
                              "taakveld"], kind="stable").reset_index(drop=True)


def _in_years(records: list[dict], years: set[int] | None) -> list[dict]:
    """The records of ``years`` (all of them for ``None``)."""
    return records if years is None else [r for r in records if r["year"] in years]


def _fill_taakveld(table: pd.DataFrame, scenario: Scenario) -> None:
    """Rows of a provider (payments, admin, provider side) get the provider's taakveld."""
    missing = table["taakveld"].isna().to_numpy()
    if missing.any():
        of = {p: scenario.taakveld_of_provider(p) for p in scenario.providers}
        table.loc[missing, "taakveld"] = table.loc[missing, "provider"].map(of).to_numpy()


def _margin(records: list[dict]) -> list[dict]:
    """Provider margin = revenue - cost of care - provider admin, per year/municipality/provider.

    Summed as a groupby on the cost table (its provider rows in record order) sums them.
    """
    signs = {"revenue": 1.0, "cost_of_care": -1.0, "admin": -1.0}
    prov = [r for r in records if r["party"] == "provider"]
    keys = [(r["year"], r["municipality"], r["provider"]) for r in prov]
    groups = sorted(set(keys))
    code_of = {key: code for code, key in enumerate(groups)}
    codes = np.array([code_of[key] for key in keys], dtype=np.int64)
    amount = np.array([r["amount_eur"] for r in prov], dtype=float) \
        * np.array([signs.get(r["category"], np.nan) for r in prov], dtype=float)
    present, sums = group_sum(codes, amount[:, None])
    return [{"year": year, "municipality": muni, "party": "provider", "provider": provider,
             "category": "margin", "amount_eur": total[0], "hours": float("nan")}
            for (year, muni, provider), total in zip((groups[g] for g in present.tolist()), sums)]
