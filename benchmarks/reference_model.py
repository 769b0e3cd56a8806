"""The straightforward SimPy implementation of simfin's flow, kept as a yardstick.

Every stage is its own SimPy process, every capacity is a ``simpy.PriorityResource``
requested with a ``with`` block, every request (also those resolved in the 0e lijn) is a
process started by an arrival process, and case attributes are read from numpy arrays.
It draws the same cases (``simfin.sim.cases.draw_cases``) and writes the same ledger as
:class:`simfin.sim.model.Simulation`, so the two can be compared row by row
(``tests/validation/test_fast_path.py``) and timed against each other
(``benchmarks/run_reference.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import simpy

from simfin.scenario.schema import Scenario
from simfin.sim.access_team import capacity, pool_capacity, specialist_units, team_units
from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.cases import EPISODES, OUTCOMES, draw_cases
from simfin.sim.ledger import Ledger
from simfin.sim.model import SimulationOutput

LIGHT_HELP, REFERRAL = OUTCOMES.index("light_help"), OUTCOMES.index("referral")


class RowLedger(Ledger):
    """The ledger filled the straightforward way: a row is opened when a case enters a line
    and filled in as it moves on (Python lists, one per row)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list] = []

    def open(self, case: int, episode: int, line: str, activity: str, t: float,
             intensity_per_week: float) -> int:
        """Start a row; returns the row to fill in later."""
        self.rows.append([case, episode, line, activity, t, np.nan, np.nan,
                          intensity_per_week, ""])
        return len(self.rows) - 1

    def start(self, row: int, t: float) -> None:
        self.rows[row][5] = t

    def close(self, row: int, t: float, outcome: str) -> None:
        self.rows[row][6], self.rows[row][8] = t, outcome

    def _columns(self) -> dict[str, np.ndarray]:
        columns = list(zip(*self.rows)) if self.rows else [()] * len(self.BUFFERS)
        return {name: np.asarray(values, dtype=kind)
                for (name, kind), values in zip(self.BUFFERS.items(), columns)}


class _Pool:
    """A pool of workers as a PriorityResource with its hours per worker-day."""

    def __init__(self, env, servers: int, hours_per_server_day: float) -> None:
        self.resource = simpy.PriorityResource(env, capacity=servers)
        self.hours_per_server_day = hours_per_server_day


class ReferenceSimulation:
    """One replication, every stage a process (see the module docstring)."""

    def __init__(self, scenario: Scenario, replication: int,
                 env: simpy.Environment | None = None) -> None:
        self.scenario, self.replication = scenario, replication
        self.env = env if env is not None else simpy.Environment()
        self.origin = scenario.simulation.warmup_years * DAYS_PER_YEAR
        self.horizon = scenario.simulation.horizon_years * DAYS_PER_YEAR
        self.cases = draw_cases(scenario, replication)
        self.ledger = RowLedger()
        self.intake, self.light, self.consult = {}, {}, {}
        spec = scenario.access_team
        for munis, fte in team_units(scenario).values():
            servers, hours, slots = capacity(spec, fte)
            intake, light = _Pool(self.env, servers, hours), _Pool(self.env, slots, 1.0)
            self.intake.update(dict.fromkeys(munis, intake))
            self.light.update(dict.fromkeys(munis, light))
        for munis, fte in specialist_units(scenario).values():
            pool = _Pool(self.env, *pool_capacity(fte, spec))
            self.consult.update(dict.fromkeys(munis, pool))
        self.places = {}
        for name, provider in scenario.providers.items():
            places = getattr(provider.financing, "capacity_limit", None)
            self.places[name] = None if places is None else \
                simpy.PriorityResource(self.env, capacity=places)

    def run(self) -> SimulationOutput:
        for i in range(self.cases.n):
            self.env.process(self._arrival(i))
        self.env.run(until=self.origin + self.horizon)
        ledger = self.ledger.to_frame(self.cases, self.scenario, self.replication,
                                      self.origin, self.horizon)
        return SimulationOutput(ledger, pd.DataFrame(), self.cases)

    def _muni(self, i: int) -> str:
        return self.cases.municipalities[self.cases.municipality[i]]

    def _arrival(self, i: int):
        yield self.env.timeout(self.cases.arrival[i] + self.origin)
        if self.cases.resolved_0e[i]:
            row = self.ledger.open(i, 0, "0e", "advice", self.env.now, 0.0)
            self.ledger.start(row, self.env.now)
            self.ledger.close(row, self.env.now, "resolved")
            return
        yield self.env.process(self._case(i))

    def _case(self, i: int):
        c = self.cases
        for k in range(EPISODES):
            yield self.env.process(self._assessment(i, k))
            if c.consult[i, k]:
                yield self.env.process(self._consultation(i, k))
            if c.outcome[i, k] == LIGHT_HELP:
                yield self.env.process(self._light_help(i, k))
            elif c.outcome[i, k] == REFERRAL:
                yield self.env.process(self._specialist(i, k))
                if c.step_down[i, k]:
                    yield self.env.process(self._light_help(i, k))
            if not c.reentry[i, k] or k + 1 == EPISODES:
                return
            yield self.env.timeout(c.reentry_delay_days[i, k])

    def _serve(self, pool: _Pool, i: int, k: int, line: str, activity: str, days: float,
               per_week: float, outcome: str):
        row = self.ledger.open(i, k, line, activity, self.env.now, per_week)
        with pool.resource.request(priority=0 if self.cases.urgent[i, k] else 1) as req:
            yield req
            self.ledger.start(row, self.env.now)
            yield self.env.timeout(days)
        self.ledger.close(row, self.env.now, outcome)

    def _assessment(self, i: int, k: int):
        pool = self.intake[self._muni(i)]
        days = self.cases.assessment_hours[i, k] / pool.hours_per_server_day
        yield from self._serve(pool, i, k, "1e", "assessment", days,
                               7 * pool.hours_per_server_day, OUTCOMES[self.cases.outcome[i, k]])

    def _consultation(self, i: int, k: int):
        pool = self.consult[self._muni(i)]
        days = self.cases.consult_hours[i, k] / pool.hours_per_server_day
        yield from self._serve(pool, i, k, "1e", "consultation", days,
                               7 * pool.hours_per_server_day, OUTCOMES[self.cases.outcome[i, k]])

    def _light_help(self, i: int, k: int):
        yield from self._serve(self.light[self._muni(i)], i, k, "1e", "light_help",
                               self.cases.light_days[i, k],
                               self.cases.light_hours_per_week[i, k], "finished")

    def _specialist(self, i: int, k: int):
        c = self.cases
        product = c.products[c.product[i, k]]
        provider = self.scenario.provider_of(product)
        outcome = "stepped_down" if c.step_down[i, k] else "discharged"
        places = self.places[provider]
        if places is None:
            row = self.ledger.open(i, k, "2e", product, self.env.now, c.care_units_per_week[i, k])
            self.ledger.start(row, self.env.now)
            yield self.env.timeout(c.care_days[i, k])
            self.ledger.close(row, self.env.now, outcome)
        else:
            pool = _Pool.__new__(_Pool)
            pool.resource = places
            yield from self._serve(pool, i, k, "2e", product, c.care_days[i, k],
                                   c.care_units_per_week[i, k], outcome)


def reference_simulate(scenario: Scenario, replication: int = 0) -> SimulationOutput:
    """Run one replication with the reference implementation."""
    return ReferenceSimulation(scenario, replication).run()


__all__ = ["ReferenceSimulation", "RowLedger", "reference_simulate"]
