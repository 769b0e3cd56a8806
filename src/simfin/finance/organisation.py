"""Organisation costs: the access team, specialists, indivisible roles, overhead, fixed costs.

* Generalists and specialists: FTE x loaded cost per FTE, per team or pool (generalists:
  filled FTE, ``fte x (1 - access_team.vacancy_rate)``).
* Indivisible roles come in whole persons: ``max(minimum, ceil(inhabitants served /
  inhabitants_per_person))`` per organisation or per local team, so their cost per
  inhabitant falls with scale in steps.
* Fixed costs (management, bedrijfsvoering, ICT) once per organisation: one for a joint
  organisation or a shell model, one per municipality for separate organisations.
* Overhead: a share of all staff cost.

A team or pool that serves one municipality is charged to it; a shared one is spread over
its municipalities by inhabitants. Categories: ``access_team``, ``specialists``,
``indivisible_roles``, ``overhead``, ``fixed_costs`` (zero categories are left out).
Taakvelden (BBV): team and specialists on 6.2 (toegang), each role on its own (default 6.2),
overhead on 0.4 and fixed costs on ``organisation.fixed_costs_taakveld`` (default 0.4).
"""

from __future__ import annotations

import math

from simfin.finance.allocation import inhabitant_shares
from simfin.scenario.schema import Scenario
from simfin.scenario.taakvelden import ORGANISATION_TAAKVELD, OVERHEAD_TAAKVELD
from simfin.sim.access_team import specialist_units, team_units

__all__ = ["access_team_costs", "organisation_units", "role_persons"]


def organisation_units(scenario: Scenario) -> dict[str, list[str]]:
    """Organisations (for fixed costs and organisation-scope roles): name -> municipalities."""
    munis = sorted(scenario.municipalities)
    if scenario.access_team.organisation == "per_municipality":
        return {m: [m] for m in munis}
    return {"organisatie": munis}


def role_persons(role, inhabitants: float) -> int:
    """Whole persons a role needs for an organisation or team serving ``inhabitants``."""
    if role.inhabitants_per_person is None:
        return role.minimum_persons
    workload = math.ceil(inhabitants / role.inhabitants_per_person - 1e-9)
    return max(role.minimum_persons, workload)


def _population(scenario: Scenario, munis: list[str], year: int) -> float:
    return sum(scenario.municipalities[m].inhabitants
               * (1 + scenario.municipalities[m].growth_per_year) ** year for m in munis)


def _spread(scenario: Scenario, munis: list[str], year: int, amount: float, category: str,
            hours: float = float("nan"), taakveld: str = ORGANISATION_TAAKVELD) -> list[dict]:
    shares = inhabitant_shares(scenario, year)
    total = sum(shares[m] for m in munis)
    return [{"year": scenario.simulation.start_year + year, "municipality": m,
             "party": "municipality", "provider": "", "category": category,
             "amount_eur": amount * shares[m] / total, "hours": hours * shares[m] / total,
             "taakveld": taakveld}
            for m in munis]


def _staff(scenario: Scenario, year: int) -> list[dict]:
    team, org = scenario.access_team, scenario.organisation
    records = []
    filled = 1 - team.vacancy_rate  # vacant posts cost nothing
    for munis, fte in team_units(scenario).values():
        records += _spread(scenario, munis, year, fte * filled * team.loaded_cost_per_fte_eur,
                           "access_team", fte * filled * team.productive_hours_per_fte)
    cost = org.specialist_cost_per_fte_eur or team.loaded_cost_per_fte_eur
    for munis, fte in specialist_units(scenario).values():
        records += _spread(scenario, munis, year, fte * cost, "specialists",
                           fte * team.productive_hours_per_fte)
    return records


def _roles(scenario: Scenario, year: int) -> list[dict]:
    units = {"organisation": list(organisation_units(scenario).values()),
             "team": [munis for munis, _ in team_units(scenario).values()]}
    records = []
    for role in scenario.organisation.roles.values():
        for munis in units[role.scope]:
            persons = role_persons(role, _population(scenario, munis, year))
            records += _spread(scenario, munis, year, persons * role.cost_per_person_eur,
                               "indivisible_roles", taakveld=role.taakveld)
    return records


def access_team_costs(scenario: Scenario) -> list[dict]:
    """Organisation costs per year and municipality (see the module docstring)."""
    org = scenario.organisation
    records = []
    for year in range(scenario.simulation.horizon_years):
        staff = _staff(scenario, year) + _roles(scenario, year)
        records += staff
        if org.overhead_share > 0:
            for r in staff:
                records.append({**r, "category": "overhead", "hours": float("nan"),
                                "amount_eur": r["amount_eur"] * org.overhead_share,
                                "taakveld": OVERHEAD_TAAKVELD})
        if org.fixed_costs_eur_per_organisation > 0:
            for munis in organisation_units(scenario).values():
                records += _spread(scenario, munis, year,
                                   org.fixed_costs_eur_per_organisation, "fixed_costs",
                                   taakveld=org.fixed_costs_taakveld)
    return _combine([r for r in records if r["amount_eur"] != 0])


def _combine(records: list[dict]) -> list[dict]:
    """One record per year, municipality, category and taakveld (amounts and hours added up)."""
    out: dict[tuple, dict] = {}
    for r in records:
        key = (r["year"], r["municipality"], r["category"], r["taakveld"])
        if key in out:
            out[key]["amount_eur"] += r["amount_eur"]
            out[key]["hours"] += r["hours"]
        else:
            out[key] = dict(r)
    return list(out.values())
