"""Administrative burden for both parties, counted from the ledger (never simulated).

Under ``pq_per_unit``: an allocation message when care starts and when it stops (iJw /
iWmo start and stop), and one declaration line per client per month in care. Under
``lump_sum``: no client-level messages or declarations, but monitoring and contract
management hours per provider per year, spread over municipalities by inhabitants.
Minutes per item and hourly costs are scenario parameters (``[admin]``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.finance.allocation import inhabitant_shares
from simfin.finance.periods import client_months_per_year, events_per_year
from simfin.finance.table import by_year
from simfin.scenario.schema import Scenario

__all__ = ["admin_costs"]

PARTIES = ("municipality", "provider")


def admin_costs(care: pd.DataFrame, scenario: Scenario) -> list[dict]:
    """Administrative hours and euros per year, municipality and provider side."""
    h = scenario.simulation.horizon_years
    kinds = np.array([scenario.providers[p].financing.kind for p in care["provider"]])
    pq = care[kinds == "pq_per_unit"]
    messages = events_per_year(pq["t_start"], h) + events_per_year(pq["t_end"], h)
    months = client_months_per_year(pq["t_start"], pq["t_end"], h)
    records: list[dict] = []
    for party in PARTIES:
        minutes = (messages * getattr(scenario.admin.allocation_message_minutes, party)
                   + months * getattr(scenario.admin.declaration_minutes, party))
        hours = minutes / 60.0
        rate = getattr(scenario.admin.hourly_cost_eur, party)
        records += by_year(pq["municipality"].to_numpy(), pq["provider"].to_numpy(),
                           hours * rate, scenario.simulation.start_year, party, "admin", hours)
        records += _monitoring(scenario, party, rate)
    return records


def _monitoring(scenario: Scenario, party: str, rate: float) -> list[dict]:
    hours = getattr(scenario.admin.lump_sum_monitoring_hours_per_year, party)
    sim = scenario.simulation
    return [{"year": sim.start_year + y, "municipality": muni, "party": party,
             "provider": name, "category": "admin", "amount_eur": hours * share * rate,
             "hours": hours * share}
            for name, provider in scenario.providers.items()
            if provider.financing.kind == "lump_sum"
            for y in range(sim.horizon_years)
            for muni, share in sorted(inhabitant_shares(scenario, y).items())]
