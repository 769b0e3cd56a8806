"""Payment rule of ``lump_sum_corridor``: a lump sum with a bandbreedte (risicocorridor).

Each reported year the provider's p*q-equivalent value ``V`` (tariff x units delivered in
the year, as under ``pq_per_unit``) is set against the budget ``B``:

* upper border ``U = B * (1 + x)``, lower border ``L = B * (1 - x)``, both rounded to
  whole cents (``x`` = ``corridor_share``);
* ``V > U``: the municipality pays ``excess_settled_share * (V - U)`` on top of ``B``;
* ``V < L``: the provider pays back ``shortfall_settled_share * (L - V)``;
* ``L <= V <= U`` (borders included): no settlement.

Only the part outside the corridor is settled, so the settlement grows continuously from
zero at the border. The settlement is spread over the municipalities like the budget
(by inhabitants), since the contract is one contract for all of them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.finance.allocation import inhabitant_shares
from simfin.finance.care import CareRows, care_rows
from simfin.scenario.schema import LumpSumCorridor, Scenario

__all__ = ["corridor_borders", "corridor_payments", "corridor_settlement", "pq_equivalent"]


def corridor_borders(financing: LumpSumCorridor) -> tuple[float, float]:
    """``(lower, upper)`` border of the corridor in euros per year, rounded to cents."""
    budget, x = financing.budget_eur_per_year, financing.corridor_share
    return round(budget * (1.0 - x), 2), round(budget * (1.0 + x), 2)


def corridor_settlement(value_eur: np.ndarray | float, financing: LumpSumCorridor
                        ) -> np.ndarray:
    """Settlement per year: > 0 the municipality pays extra, < 0 the provider pays back.

    Parameters
    ----------
    value_eur : array_like
        p*q-equivalent value of each year, euros.
    financing : LumpSumCorridor
        Budget, corridor half-width and settled shares.
    """
    value = np.asarray(value_eur, dtype=float)
    lower, upper = corridor_borders(financing)
    excess = np.maximum(value - upper, 0.0)
    shortfall = np.maximum(lower - value, 0.0)
    return financing.excess_settled_share * excess \
        - financing.shortfall_settled_share * shortfall


def pq_equivalent(care: pd.DataFrame | CareRows, units: np.ndarray, scenario: Scenario,
                  provider: str) -> np.ndarray:
    """p*q-equivalent value (tariff x units) of one provider per reported year, euros."""
    care = care_rows(care)
    mask = care.provider.where(provider)
    tariff = care.activity.take(mask).lookup(lambda p: scenario.products[p].tariff_eur)
    return (units[mask] * tariff[:, None]).sum(axis=0) if mask.any() \
        else np.zeros(units.shape[1])


def corridor_payments(care: pd.DataFrame | CareRows, units: np.ndarray, scenario: Scenario,
                      provider: str) -> list[dict]:
    """Settlement records per year and municipality (category ``specialist_care``)."""
    financing = scenario.providers[provider].financing
    value = pq_equivalent(care, units, scenario, provider)
    settle = corridor_settlement(value, financing)
    sim = scenario.simulation
    return [{"year": sim.start_year + y, "municipality": muni, "party": "municipality",
             "provider": provider, "category": "specialist_care",
             "amount_eur": float(settle[y]) * share, "hours": np.nan}
            for y in range(sim.horizon_years)
            for muni, share in sorted(inhabitant_shares(scenario, y).items())]
