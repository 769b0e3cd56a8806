"""Money of the front and back offices: own staff, host tariffs, shares, contracts, regie.

Per reported year and municipality, for each step (FO, BO) of each domain in
``[offices]`` (:mod:`simfin.scenario.schema.offices`), by the kind of organisation that
runs it:

* ``own``: the step's FTE x ``loaded_cost_per_fte_eur``, spread over the municipalities
  by inhabitants (staff are paid whether busy or not);
* ``host``: ``tariff_per_dossier_eur`` (the step's own, else the organisation's) per
  dossier whose step starts in the year, charged to the dossier's municipality; or
  ``cost_share`` x ``shared_costs_eur_per_year``;
* ``partner``: ``cost_share`` x ``shared_costs_eur_per_year``;
* ``commercial``: ``contract_eur_per_year`` plus ``tariff_per_dossier_eur`` per dossier.

Shared costs and contract sums are charged once a year per organisation, split evenly over
the steps (FO or BO of a domain) it runs; tariffs are charged per dossier and step.

Every step not run by an ``own`` organisation adds its ``regie_fte`` x
``offices.regie_cost_per_fte_eur`` (category ``regie``), and every dossier handed over
between organisations ``coordination_hours_per_dossier`` x ``coordination_cost_per_hour_eur``
in the year its FO step ends (category ``coordination``). Categories ``front_office_cost``
and ``back_office_cost`` land on the step's taakveld; regie and coordination on 0.4 overhead.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from simfin.finance.organisation import _spread
from simfin.scenario.schema import Scenario
from simfin.scenario.schema.offices import Office
from simfin.scenario.taakvelden import OVERHEAD_TAAKVELD
from simfin.sim.arrivals import DAYS_PER_YEAR

__all__ = ["office_costs"]

STEPS = (("front_office", "front_office_cost", "fo_start"),
         ("back_office", "back_office_cost", "bo_start"))


def _per_dossier(scenario: Scenario, starts: pd.DataFrame, column: str, amount: float,
                 category: str, taakveld: str, hours: float = float("nan")) -> list[dict]:
    """``amount`` per dossier in ``starts`` whose ``column`` lies in a reported year,
    charged to the dossier's municipality."""
    year = np.floor(starts[column].to_numpy(float) / DAYS_PER_YEAR)
    inside = (year >= 0) & (year < scenario.simulation.horizon_years)
    counts = pd.DataFrame({"year": year[inside].astype(int),
                           "municipality": starts["municipality"].to_numpy(object)[inside]}
                          ).value_counts().sort_index()
    return [{"year": scenario.simulation.start_year + y, "municipality": m,
             "party": "municipality", "provider": "", "category": category,
             "amount_eur": n * amount, "hours": n * hours, "taakveld": taakveld}
            for (y, m), n in counts.items()]


def _step_costs(scenario: Scenario, office: Office, dossiers: pd.DataFrame, column: str,
                category: str, steps_of_org: int) -> list[dict]:
    """Costs of one step; the organisation's shared costs and contract sum are split evenly
    over the ``steps_of_org`` steps it runs, so that they are charged once a year."""
    org = scenario.offices.organisations[office.organisation]
    munis = sorted(scenario.municipalities)
    hours = office.fte * scenario.access_team.productive_hours_per_fte
    records = []
    for year in range(scenario.simulation.horizon_years):
        if org.kind == "own":
            records += _spread(scenario, munis, year, office.fte * org.loaded_cost_per_fte_eur,
                               category, hours, office.taakveld)
        if org.cost_share is not None:
            records += _spread(scenario, munis, year, org.cost_share
                               * org.shared_costs_eur_per_year / steps_of_org, category,
                               taakveld=office.taakveld)
        if org.contract_eur_per_year > 0:
            records += _spread(scenario, munis, year, org.contract_eur_per_year / steps_of_org,
                               category, taakveld=office.taakveld)
        if org.kind != "own" and office.regie_fte > 0:
            records += _spread(scenario, munis, year,
                               office.regie_fte * scenario.offices.regie_cost_per_fte_eur,
                               "regie", office.regie_fte
                               * scenario.access_team.productive_hours_per_fte,
                               OVERHEAD_TAAKVELD)
    tariff = scenario.offices.tariff_of(office)
    if tariff is not None:
        records += _per_dossier(scenario, dossiers, column, tariff, category, office.taakveld)
    return records


def office_costs(scenario: Scenario, dossiers: pd.DataFrame) -> list[dict]:
    """Cost records of the FO/BO steps (see the module docstring); none without
    ``[offices]``. ``dossiers``: :func:`simfin.sim.back_office.office_dossiers`."""
    offices = scenario.offices
    if offices is None:
        return []
    steps = Counter(getattr(d, step).organisation for d in offices.domains.values()
                    for step, _, _ in STEPS)
    records = []
    for name, domain in offices.domains.items():
        mine = dossiers[dossiers["domain"] == name]
        for step, category, column in STEPS:
            office = getattr(domain, step)
            records += _step_costs(scenario, office, mine, column, category,
                                   steps[office.organisation])
        if offices.hands_over(domain):
            hours = offices.handover.coordination_hours_per_dossier
            records += _per_dossier(scenario, mine, "fo_end",
                                    hours * offices.handover.coordination_cost_per_hour_eur,
                                    "coordination", OVERHEAD_TAAKVELD, hours)
    return [r for r in records if r["amount_eur"] != 0]
