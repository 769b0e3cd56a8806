"""The SimPy model: cases flow from the 0e lijn through the access team to specialist care.

Pathway of one case (one SimPy process per case that reaches the access team):

1. 0e lijn: a share is resolved by information and advice; those never become a process.
2. Intake and assessment by the access team that serves the case's municipality
   (capacity-limited, urgent first), for some cases followed by a specialist consultation.
3. Decision: light help by the team, a general facility, or referral to a product.
4. Specialist care at a provider (open capacity under p*q, client places under a lump
   sum); at the end either discharge or step-down (afschalen) to light help.
5. A share returns later (re-entry) straight to the access team, up to ``EPISODES - 1`` times.

SimPy time 0 is the start of the warm-up; the ledger reports days since the start of
the first reported year. The warm-up runs under the same rules and is discarded.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from types import SimpleNamespace

import numpy as np
import pandas as pd
import simpy

from simfin.scenario.schema import Scenario
from simfin.sim.access_team import AccessTeam, SpecialistPool, specialist_units, team_units
from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.cases import EPISODES, OUTCOMES, CaseTable, draw_cases
from simfin.sim.ledger import OUTCOME, T_END, T_START, Ledger
from simfin.sim.providers import Providers

__all__ = ["MONITOR_COLUMNS", "Simulation", "SimulationOutput", "simulate"]

LIGHT_HELP, REFERRAL = OUTCOMES.index("light_help"), OUTCOMES.index("referral")
MONITOR_COLUMNS = ("t", "intake_queue", "intake_busy", "light_help_queue", "light_help_busy",
                   "specialist_waiting", "specialist_in_care")


@dataclass(frozen=True)
class SimulationOutput:
    """What one replication produces: the ledger, periodic snapshots and the cases."""

    ledger: pd.DataFrame
    monitor: pd.DataFrame
    cases: CaseTable


def simulate(scenario: Scenario, replication: int = 0,
             monitor_interval_days: float = 7.0) -> SimulationOutput:
    """Run one replication of ``scenario``."""
    return Simulation(scenario, replication, monitor_interval_days).run()


def _as_lists(cases: CaseTable) -> SimpleNamespace:
    """The per-episode case attributes as flat Python lists, element ``i * EPISODES + k``
    for case ``i``, episode ``k``.

    Element access in the processes is several times faster on lists than on numpy arrays,
    and flat lists of numbers are a few objects for the garbage collector to track instead
    of one list per case (nested lists of 85,000 cases made the collector's full passes a
    third of the run time).
    """
    return SimpleNamespace(**{f.name: getattr(cases, f.name).ravel().tolist()
                              for f in fields(cases) if isinstance(getattr(cases, f.name),
                                                                   np.ndarray)})


class Simulation:
    """One replication: builds the environment, runs it, returns plain data."""

    def __init__(self, scenario: Scenario, replication: int,
                 monitor_interval_days: float = 7.0,
                 env: simpy.Environment | None = None) -> None:
        self.scenario = scenario
        self.replication = replication
        self.origin = scenario.simulation.warmup_years * DAYS_PER_YEAR
        self.horizon = scenario.simulation.horizon_years * DAYS_PER_YEAR
        self.interval = monitor_interval_days
        self.env = env if env is not None else simpy.Environment()
        self.cases = draw_cases(scenario, replication)
        self.c = _as_lists(self.cases)
        self.teams, self.team_of = self._build_teams()
        self.shells, self.shell_of = self._build_shells()
        self.providers = Providers(self.env, scenario)
        self.ledger = Ledger()
        self.snapshots: list[tuple] = []
        self.products = self.cases.products
        self.provider_of = {p: scenario.provider_of(p) for p in scenario.products}

    def _build_teams(self) -> tuple[dict[str, AccessTeam], list[AccessTeam]]:
        """Generalist teams and, per municipality index, the team that serves it."""
        spec = self.scenario.access_team
        teams, by_muni = {}, {}
        for name, (munis, fte) in team_units(self.scenario).items():
            teams[name] = AccessTeam(self.env, spec, fte, name)
            by_muni.update(dict.fromkeys(munis, teams[name]))
        return teams, [by_muni[m] for m in self.cases.municipalities]

    def _build_shells(self) -> tuple[dict[str, SpecialistPool], list[SpecialistPool | None]]:
        """Specialist pools and, per municipality index, the pool that serves it."""
        spec = self.scenario.access_team
        pools, by_muni = {}, {}
        for name, (munis, fte) in specialist_units(self.scenario).items():
            pools[name] = SpecialistPool(self.env, spec, fte, name)
            by_muni.update(dict.fromkeys(munis, pools[name]))
        return pools, [by_muni.get(m) for m in self.cases.municipalities]

    def run(self) -> SimulationOutput:
        """Simulate warm-up and horizon; return ledger and monitor frames."""
        self._record_resolved_0e()
        self.env.process(self._arrivals())
        if self.interval > 0:
            self.env.process(self._monitor())
        self.env.run(until=self.origin + self.horizon)
        ledger = self.ledger.to_frame(self.cases, self.scenario, self.replication,
                                      self.origin, self.horizon)
        monitor = pd.DataFrame(self.snapshots, columns=list(MONITOR_COLUMNS))
        monitor["t"] -= self.origin
        return SimulationOutput(ledger, monitor, self.cases)

    def _record_resolved_0e(self) -> None:
        for i in np.flatnonzero(self.cases.resolved_0e):
            t = self.cases.arrival[i] + self.origin
            row = self.ledger.open(int(i), 0, "0e", "advice", t, 0.0)
            row[T_START], row[T_END], row[OUTCOME] = t, t, "resolved"

    def _arrivals(self):
        env, arrival = self.env, self.cases.arrival + self.origin
        for i in np.flatnonzero(~self.cases.resolved_0e):
            yield env.timeout(arrival[i] - env.now)
            env.process(self._case(int(i)))

    def _case(self, i: int):
        c = self.c
        for k in range(EPISODES):
            yield from self._assessment(i, k)
            if c.outcome[i * EPISODES + k] == LIGHT_HELP:
                yield from self._light_help(i, k)
            elif c.outcome[i * EPISODES + k] == REFERRAL:
                stepped_down = yield from self._specialist(i, k)
                if stepped_down:
                    yield from self._light_help(i, k)
            if not c.reentry[i * EPISODES + k] or k + 1 == EPISODES:
                return
            yield self.env.timeout(c.reentry_delay_days[i * EPISODES + k])

    def _priority(self, i: int, k: int) -> int:
        return 0 if self.c.urgent[i * EPISODES + k] else 1

    def _assessment(self, i: int, k: int):
        env, team = self.env, self.team_of[self.c.municipality[i]]
        row = self.ledger.open(i, k, "1e", "assessment", env.now, 7 * team.hours_per_server_day)
        wait = team.intake.acquire(self._priority(i, k))
        if wait is not None:
            yield wait
        row[T_START] = env.now
        yield env.timeout(team.assessment_days(self.c.assessment_hours[i * EPISODES + k]))
        team.intake.release()
        row[T_END], row[OUTCOME] = env.now, OUTCOMES[self.c.outcome[i * EPISODES + k]]
        if self.c.consult[i * EPISODES + k]:
            yield from self._consultation(i, k)

    def _consultation(self, i: int, k: int):
        """A specialist consultation before the decision (specialist shell)."""
        env, pool = self.env, self.shell_of[self.c.municipality[i]]
        row = self.ledger.open(i, k, "1e", "consultation", env.now, 7 * pool.hours_per_server_day)
        wait = pool.consult.acquire(self._priority(i, k))
        if wait is not None:
            yield wait
        row[T_START] = env.now
        yield env.timeout(pool.consultation_days(self.c.consult_hours[i * EPISODES + k]))
        pool.consult.release()
        row[T_END], row[OUTCOME] = env.now, OUTCOMES[self.c.outcome[i * EPISODES + k]]

    def _light_help(self, i: int, k: int):
        env, c = self.env, self.c
        row = self.ledger.open(i, k, "1e", "light_help", env.now, c.light_hours_per_week[i * EPISODES + k])
        team = self.team_of[c.municipality[i]]
        wait = team.light_help.acquire(self._priority(i, k))
        if wait is not None:
            yield wait
        row[T_START] = env.now
        yield env.timeout(c.light_days[i * EPISODES + k])
        team.light_help.release()
        row[T_END], row[OUTCOME] = env.now, "finished"

    def _specialist(self, i: int, k: int):
        env, c = self.env, self.c
        product = self.products[c.product[i * EPISODES + k]]
        provider = self.provider_of[product]
        row = self.ledger.open(i, k, "2e", product, env.now, c.care_units_per_week[i * EPISODES + k])
        places = self.providers.places[provider]
        if places is None:
            yield from self._care(row, provider, c.care_days[i * EPISODES + k])
        else:
            wait = places.acquire(self._priority(i, k))
            if wait is not None:
                yield wait
            yield from self._care(row, provider, c.care_days[i * EPISODES + k])
            places.release()
        stepped_down = bool(c.step_down[i * EPISODES + k])
        row[OUTCOME] = "stepped_down" if stepped_down else "discharged"
        return stepped_down

    def _care(self, row: list, provider: str, days: float):
        row[T_START] = self.env.now
        self.providers.in_care[provider] += 1
        yield self.env.timeout(days)
        self.providers.in_care[provider] -= 1
        row[T_END] = self.env.now

    def _monitor(self):
        env, teams, providers = self.env, list(self.teams.values()), self.providers
        while True:
            self.snapshots.append((
                env.now, sum(t.intake.queue_length for t in teams),
                sum(t.intake.count for t in teams),
                sum(t.light_help.queue_length for t in teams),
                sum(t.light_help.count for t in teams),
                providers.waiting(), sum(providers.in_care.values())))
            yield env.timeout(self.interval)
