"""Money of the rest of the sociaal domein: benefits of entitlement streams and budget lines.

* ``benefits`` (uitkeringen): each recipient's benefit per full year x the share of each
  reported year it is received (days / 365), summed per municipality and entitlement;
* ``budget_lines``: euros per inhabitant x inhabitants at the start of the year x the
  municipality's local factor x the line's real growth.

Both are municipal lasten with no provider; their taakveld is the entitlement's or the
line's own (:mod:`simfin.scenario.taakvelden`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.coded import coded
from simfin.finance.periods import overlap_days_per_year
from simfin.scenario.schema import Scenario
from simfin.sim.arrivals import DAYS_PER_YEAR

__all__ = ["benefit_costs", "budget_line_costs"]


def benefit_costs(recipients: pd.DataFrame, scenario: Scenario) -> list[dict]:
    """Benefits per year, municipality and entitlement (category ``benefits``)."""
    sim = scenario.simulation
    records = []
    if recipients is None or recipients.empty:
        return records
    muni, entitlement = coded(recipients["municipality"]), coded(recipients["entitlement"])
    per_muni = len(entitlement.names)
    key = np.where((muni.codes < 0) | (entitlement.codes < 0), -1,
                   muni.codes * per_muni + entitlement.codes)
    t_start = recipients["t_start"].to_numpy()
    t_end = recipients["t_end"].to_numpy()
    for k in np.unique(key[key >= 0]).tolist():  # as a sorted groupby on the two names
        mname, ename = muni.names[k // per_muni], entitlement.names[k % per_muni]
        ent = scenario.entitlements[ename]
        rows = key == k
        days = overlap_days_per_year(t_start[rows], t_end[rows], sim.horizon_years)
        amount = days.sum(axis=0) / DAYS_PER_YEAR * ent.amount_eur_per_year
        records += [{"year": sim.start_year + y, "municipality": mname,
                     "party": "municipality", "provider": "", "category": "benefits",
                     "amount_eur": float(amount[y]), "hours": np.nan,
                     "taakveld": ent.taakveld}
                    for y in range(sim.horizon_years)]
    return records


def budget_line_costs(scenario: Scenario) -> list[dict]:
    """Budget lines per year and municipality (category ``budget_lines``)."""
    sim = scenario.simulation
    records = []
    for lname, line in sorted(scenario.budget_lines.items()):
        for mname, muni in sorted(scenario.municipalities.items()):
            factor = muni.local_factors.get(lname, 1.0)
            for y in range(sim.horizon_years):
                inhabitants = muni.inhabitants * (1 + muni.growth_per_year) ** y
                amount = line.eur_per_inhabitant * inhabitants * factor \
                    * (1 + line.growth_per_year) ** y
                records.append({"year": sim.start_year + y, "municipality": mname,
                                "party": "municipality", "provider": "",
                                "category": "budget_lines", "amount_eur": amount,
                                "hours": np.nan, "taakveld": line.taakveld})
    return records
