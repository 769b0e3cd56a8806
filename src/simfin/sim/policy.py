"""Policy changes on the timeline: the case attributes of each regime.

A timeline event may change the pathway shares of a demand stream (outcomes, referral
products, the share resolved in the 0e lijn, complexity mix, urgency, re-entry) or a
provider's financing, whose behaviour face (duration and intensity multipliers, step-down)
sits in the case attributes. The cases
of every such regime are drawn with the same seed and replication (:func:`draw_cases`):
the arrivals and every base quantile are the same, only the values differ (common random
numbers). An episode takes the attributes of the regime in force when it arrives: the
first episode of every case from the start (:meth:`PolicyTables.compose`), a return when
it comes back (:meth:`PolicyTables.adopt`). A client keeps them for the whole episode, so
a client in care keeps the product and terms it was referred to.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np

from simfin.errors import SimulationError
from simfin.scenario.timeline import regimes
from simfin.sim.cases import CaseTable, draw_cases, draw_random

__all__ = ["EPISODE_ATTRIBUTES", "PolicyTables", "policy_tables"]

#: Per-episode case attributes a policy regime sets.
EPISODE_ATTRIBUTES = ("complexity", "urgent", "outcome", "product", "assessment_hours",
                      "light_days", "light_hours_per_week", "care_days", "care_units_per_week",
                      "step_down", "reentry", "reentry_delay_days", "consult", "consult_hours",
                      "care_days_indicated", "care_units_per_week_indicated")


def _policy_key(scenario) -> str:
    return scenario.model_dump_json(include={"demand_streams", "providers"})


class PolicyTables:
    """The case table of every policy regime, with their starts (days since year one)."""

    def __init__(self, starts: list[float], tables: list[CaseTable]) -> None:
        self.starts, self.tables = starts, tables

    def compose(self, cases: CaseTable) -> None:
        """Give every case's first episode (and the episodes after it, until they are
        adopted at their return) the attributes of the regime at its arrival (in place)."""
        ordered = bool(np.all(cases.arrival[1:] >= cases.arrival[:-1]))
        for start, table in zip(self.starts[1:], self.tables[1:]):
            # the cases come in order of arrival (draw_cases): those from the start on are
            # a block at the end, copied as one slice
            rows = slice(int(np.searchsorted(cases.arrival, start)), None) if ordered \
                else cases.arrival >= start
            for name in (*EPISODE_ATTRIBUTES, "resolved_0e"):
                getattr(cases, name)[rows] = getattr(table, name)[rows]

    def adopt_each(self, cases: CaseTable, regime: np.ndarray) -> None:
        """:meth:`adopt` for every episode ``j = i * EPISODES + k`` with ``regime[j] >= 0``:
        it takes the attributes of table ``regime[j]`` (in place)."""
        for r, table in enumerate(self.tables):
            j = np.flatnonzero(regime == r)
            for name in EPISODE_ATTRIBUTES:
                getattr(cases, name).reshape(-1)[j] = getattr(table, name).reshape(-1)[j]

    def regime_at(self, t_days: float) -> CaseTable:
        """The case table in force at ``t_days`` (days since year one)."""
        return self.tables[bisect_right(self.starts, t_days) - 1]

    def adopt(self, cases: CaseTable, i: int, k: int, t_days: float) -> None:
        """Episode ``k`` of case ``i``, arriving at ``t_days``, gets the attributes of the
        regime in force then (in place)."""
        table = self.regime_at(t_days)
        for name in EPISODE_ATTRIBUTES:
            getattr(cases, name)[i, k] = getattr(table, name)[i, k]


def policy_tables(scenario, replication: int, cases: CaseTable) -> PolicyTables | None:
    """The policy regimes of ``scenario`` (``None`` if the timeline changes no demand
    stream). The first table is a copy of ``cases`` as drawn; the others are drawn with
    every episode, because a return takes the attributes of the regime in force when it
    comes, also a return that only the re-entries of an earlier regime reach."""
    starts, tables, key = [-np.inf], [None], _policy_key(scenario)
    draws = None  # the arrivals and base quantiles, the same for every regime
    for regime in regimes(scenario)[1:]:
        if _policy_key(regime.scenario) == key:
            continue
        key = _policy_key(regime.scenario)
        draws = draws or draw_random(regime.scenario, replication)
        table = draw_cases(regime.scenario, replication, draws=draws)
        if not np.array_equal(table.arrival, cases.arrival):
            raise SimulationError("a timeline change of a demand stream changed the "
                                  "arrivals; only pathway shares may change on the timeline")
        if starts[-1] == regime.start_days:
            tables[-1] = table
        else:
            starts.append(regime.start_days)
            tables.append(table)
    if len(tables) == 1:
        return None
    tables[0] = _copy(cases)
    return PolicyTables(starts, tables)


def _copy(cases: CaseTable) -> CaseTable:
    from dataclasses import replace

    return replace(cases, **{name: getattr(cases, name).copy()
                             for name in (*EPISODE_ATTRIBUTES, "resolved_0e")})
