"""Organisation costs of the access team: FTE x loaded cost per FTE, per year.

The team is one joint organisation; its cost is spread over municipalities by
inhabitants. (Indivisible roles, overhead and separate teams come with the scale issue.)
"""

from __future__ import annotations

from simfin.finance.allocation import inhabitant_shares
from simfin.scenario.schema import Scenario

__all__ = ["access_team_costs"]


def access_team_costs(scenario: Scenario) -> list[dict]:
    """Staff cost of the access team per year and municipality (category ``access_team``)."""
    team, sim = scenario.access_team, scenario.simulation
    cost = team.fte * team.loaded_cost_per_fte_eur
    hours = team.fte * team.productive_hours_per_fte
    return [{"year": sim.start_year + y, "municipality": muni, "party": "municipality",
             "provider": "", "category": "access_team", "amount_eur": cost * share,
             "hours": hours * share}
            for y in range(sim.horizon_years)
            for muni, share in sorted(inhabitant_shares(scenario, y).items())]
