"""Payment rules: what the municipality pays a provider, one rule per financing kind.

* ``pq_per_unit`` (inspanningsgericht): tariff x units delivered in the year.
* ``pq_per_trajectory`` (outputgericht): a price per arrangement band, whatever the real
  length, paid at the start and/or end of care (:mod:`simfin.finance.trajectory`).
* ``lump_sum`` (taakgericht): the yearly budget, whatever the volume, spread over the
  municipalities by inhabitants.
* ``lump_sum_corridor``: the budget plus a settlement outside a bandbreedte around the
  p*q-equivalent value (:mod:`simfin.finance.corridor`).

Pure functions on the ledger; the provider's cost of care (cost price x units) is the
same under every rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.finance.allocation import inhabitant_shares
from simfin.finance.care import CareRows, care_rows
from simfin.finance.corridor import corridor_payments
from simfin.finance.periods import overlap_days_per_year
from simfin.finance.table import coded_by_year
from simfin.finance.trajectory import trajectory_payments
from simfin.scenario.schema import LUMP_SUM_KINDS, Scenario

__all__ = ["cost_of_care", "payments", "units_per_year"]


def units_per_year(care: pd.DataFrame | CareRows, horizon_years: int) -> np.ndarray:
    """Units delivered per 2e-lijn ledger row and reported year, shape (n, years)."""
    care = care_rows(care)
    days = overlap_days_per_year(care.t_start, care.t_end, horizon_years)
    return care.intensity_per_week[:, None] * days / 7.0


def _price(care: CareRows, scenario: Scenario, field: str) -> np.ndarray:
    """``field`` of each row's product (e.g. its tariff), euros per unit."""
    return care.activity.lookup(lambda p: getattr(scenario.products[p], field))


def payments(care: pd.DataFrame | CareRows, units: np.ndarray, scenario: Scenario
             ) -> list[dict]:
    """Municipality payments to providers per year (category ``specialist_care``)."""
    care = care_rows(care)
    sim = scenario.simulation
    records: list[dict] = []
    kinds = care.provider.lookup(lambda p: scenario.providers[p].financing.kind, dtype=object)
    pq = kinds == "pq_per_unit"
    amounts = units[pq] * _price(care, scenario, "tariff_eur")[pq][:, None]
    records += coded_by_year(care.municipality.take(pq), care.provider.take(pq), amounts,
                             sim.start_year, "municipality", "specialist_care")
    for name, provider in scenario.providers.items():
        kind = provider.financing.kind
        if kind in LUMP_SUM_KINDS:
            records += _lump_sum(scenario, name, provider.financing.budget_eur_per_year)
        if kind == "lump_sum_corridor":
            records += corridor_payments(care, units, scenario, name)
        elif kind == "pq_per_trajectory":
            records += trajectory_payments(care, scenario, name)
    return records


def _lump_sum(scenario: Scenario, provider: str, budget: float) -> list[dict]:
    sim = scenario.simulation
    return [{"year": sim.start_year + y, "municipality": muni, "party": "municipality",
             "provider": provider, "category": "specialist_care", "amount_eur": budget * share,
             "hours": np.nan}
            for y in range(sim.horizon_years)
            for muni, share in sorted(inhabitant_shares(scenario, y).items())]


def cost_of_care(care: pd.DataFrame | CareRows, units: np.ndarray, scenario: Scenario
                 ) -> list[dict]:
    """Provider cost price x units per year (category ``cost_of_care``)."""
    care = care_rows(care)
    amounts = units * _price(care, scenario, "cost_price_eur")[:, None]
    return coded_by_year(care.municipality, care.provider, amounts,
                         scenario.simulation.start_year, "provider", "cost_of_care")
