"""Money of the steering model of the access team (:mod:`simfin.scenario.schema.steering`).

Per reported year, spread over the municipalities by inhabitants:

* ``operator_overhead``: ``operator_overhead_share`` x the staff cost of the team and its
  specialists (the operator's overhead and margin when it is not the municipality);
* ``contract_management``: ``contract_management_fte`` x its cost per FTE;
* ``grants``: ``grants_eur_per_year`` to community initiatives (facilitator).

Taakvelden: operator overhead on 6.2 (it is part of the price of the access team), contract
management on 0.4 overhead, grants on 6.1 Samenkracht en burgerparticipatie.
"""

from __future__ import annotations

from simfin.finance.organisation import _spread
from simfin.scenario.schema import Scenario
from simfin.scenario.taakvelden import ORGANISATION_TAAKVELD, OVERHEAD_TAAKVELD

__all__ = ["steering_costs"]


def steering_costs(scenario: Scenario, records: list[dict]) -> list[dict]:
    """Cost records of ``scenario.steering`` (none without it); ``records``: the
    organisation cost records (:func:`simfin.finance.organisation.access_team_costs`)."""
    steering = scenario.steering
    if steering is None:
        return []
    munis = sorted(scenario.municipalities)
    staff = {}
    for r in records:
        if r["category"] in ("access_team", "specialists"):
            staff[r["year"]] = staff.get(r["year"], 0.0) + r["amount_eur"]
    out = []
    for i, year in enumerate(scenario.reported_years):
        out += _spread(scenario, munis, i, steering.operator_overhead_share
                       * staff.get(year, 0.0), "operator_overhead",
                       taakveld=ORGANISATION_TAAKVELD)
        out += _spread(scenario, munis, i, steering.contract_management_fte
                       * steering.contract_management_cost_per_fte_eur, "contract_management",
                       steering.contract_management_fte
                       * scenario.access_team.productive_hours_per_fte, OVERHEAD_TAAKVELD)
        out += _spread(scenario, munis, i, steering.grants_eur_per_year, "grants",
                       taakveld="6.1")
    return [r for r in out if r["amount_eur"] != 0]
