"""The SimPy model: cases flow from the 0e lijn through the access team to specialist care.

Pathway of one case (one generator of SimPy events per case that reaches the access team):

1. 0e lijn: a share is resolved by information and advice; those never become a process.
2. Intake and assessment by the access team that serves the case's municipality
   (capacity-limited, urgent first), for some cases followed by a specialist consultation.
3. Decision: light help by the team, a general facility, or referral to a product.
4. Specialist care at a provider (open capacity under p*q, client places under a lump
   sum); at the end either discharge or step-down (afschalen) to light help.
5. A share returns later (re-entry) straight to the access team, up to ``EPISODES - 1`` times.

SimPy time 0 is the start of the warm-up; the ledger reports days since the start of
the first reported year. The warm-up runs under the same rules and is discarded
(``simulation.warmup_method``, :mod:`simfin.sim.warmup`).

What keeps it fast (about 190,000 events and 0.9 CPU s for the 85,000 requests of one
replication of referentie-100k, against 950,000 events and 4 s for the same flow with every
stage a ``simpy.Process`` and ``simpy.PriorityResource``, ``benchmarks/reference_model.py``;
the ledgers are identical):

* capacity is a lean :class:`~simfin.sim.server_pool.ServerPool` (a free server is taken
  without an event, a release hands the server straight to the next in line);
* a case is a generator run by :mod:`simfin.sim.arrival`'s driver: one event per arrival,
  none for starting or ending a process;
* open-capacity care (p*q) that is a case's last step is written in the ledger at its
  start: nobody else notices its end, so it is no event; the monitor counts clients in
  care from the ledger afterwards;
* case attributes are flat Python lists, the ledger is a set of column lists: few objects
  for the garbage collector, and one DataFrame built with numpy at the end; the cyclic
  garbage collector is paused while the events run (:func:`run_without_gc`).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pandas as pd
import simpy

from simfin.scenario.schema import Scenario
from simfin.sim.access_team import AccessTeam, SpecialistPool, specialist_units, team_units
from simfin.sim.arrival import start_case
from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.cases import EPISODES, OUTCOMES, CaseTable, draw_cases
from simfin.sim.ledger import Ledger
from simfin.sim.providers import Providers
from simfin.sim.warmup import check_queues, simulated_cases

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


def run_without_gc(env: simpy.Environment, until: float) -> None:
    """``env.run(until)`` with Python's cyclic garbage collector paused (then restored).

    The event loop creates and drops hundreds of thousands of small objects (events,
    generators) that form no reference cycles while the run lasts; the collector's passes
    over them and over the growing ledger cost some 15% of the run time. Reference counting
    still frees everything as usual, and the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        env.run(until=until)
    finally:
        if enabled:
            gc.enable()


#: Case attributes the processes read (the rest is used only after the run).
_RUN_ATTRIBUTES = ("municipality", "outcome", "consult", "reentry", "reentry_delay_days",
                   "step_down", "assessment_hours", "consult_hours", "light_days",
                   "light_hours_per_week", "product", "care_days", "care_units_per_week")


def _as_lists(cases: CaseTable) -> SimpleNamespace:
    """The case attributes the processes read, as flat Python lists: per-episode
    attributes at ``i * EPISODES + k`` for case ``i``, episode ``k``; ``priority`` is 0 for
    an urgent episode (served first), 1 otherwise.

    Element access in the processes is several times faster on lists than on numpy arrays,
    and flat lists of numbers are a few objects for the garbage collector to track instead
    of one list per case (nested lists of 85,000 cases made the collector's full passes a
    third of the run time).
    """
    lists = SimpleNamespace(**{name: getattr(cases, name).ravel().tolist()
                               for name in _RUN_ATTRIBUTES})
    lists.priority = np.where(cases.urgent, 0, 1).ravel().tolist()
    return lists


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
        self.places_of = [self.providers.places[scenario.provider_of(p)] for p in self.products]

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
        arrival, resolved = self.cases.arrival, self.cases.resolved_0e
        # 0e rows from year one on (the ledger drops rows that end before it anyway)
        reported = resolved & ~(arrival + self.origin - self.origin < 0)
        self.ledger.add_closed(np.flatnonzero(reported), "0e", "advice",
                               arrival[reported] + self.origin, "resolved")
        team_cases = np.flatnonzero(~resolved & self.simulated())
        self.team_cases = team_cases.tolist()
        self.arrivals = (arrival[team_cases] + self.origin).tolist()
        self.env.process(self._arrivals())
        if self.interval > 0:
            self.env.process(self._monitor())
        stop = self.origin + self.horizon
        run_without_gc(self.env, stop)
        monitor = pd.DataFrame(self.snapshots, columns=list(MONITOR_COLUMNS[:-1]))
        monitor["specialist_in_care"] = self._in_care(monitor["t"].to_numpy(), stop)
        monitor["t"] -= self.origin
        if self.scenario.simulation.warmup_method == "prune":
            monitor = self._after_prune(monitor)
        ledger = self.ledger.to_frame(self.cases, self.scenario, self.replication,
                                      self.origin, self.horizon)
        return SimulationOutput(ledger, monitor, self.cases)

    def _after_prune(self, monitor: pd.DataFrame) -> pd.DataFrame:
        """Warn when the queues late in the warm-up are too long for pruning; drop the
        snapshots of the pruned part of the warm-up (they undercount)."""
        cut = -self.scenario.simulation.warmup_full_years * DAYS_PER_YEAR
        led = self.ledger
        check_queues(np.asarray(led.activity, dtype=object), np.asarray(led.t_arrival),
                     np.asarray(led.t_start), self.origin + max(cut, -self.origin), self.origin)
        return monitor[monitor["t"] >= cut].reset_index(drop=True)

    def simulated(self) -> np.ndarray:
        """Which cases the run simulates (bool per case): all but those the warm-up method
        leaves out."""
        limited = np.array([places is not None for places in self.places_of], dtype=bool)
        consult = [np.inf if pool is None else pool.hours_per_server_day
                   for pool in self.shell_of]
        return simulated_cases(self.scenario, self.cases,
                               np.array([team.hours_per_server_day for team in self.team_of]),
                               np.array(consult, dtype=float), limited)

    def _arrivals(self):
        """Each case that reaches the access team starts at its arrival time."""
        env = self.env
        for i, t in zip(self.team_cases, self.arrivals):
            yield env.timeout(t - env.now)
            start_case(self._case(i))

    def _case(self, i: int):
        """The pathway of case ``i``; attributes of episode ``k`` at ``i * EPISODES + k``."""
        c, env = self.c, self.env
        for k in range(EPISODES):
            j = i * EPISODES + k
            yield from self._assessment(i, k, j)
            if c.consult[j]:
                yield from self._consultation(i, k, j)
            if c.outcome[j] == LIGHT_HELP:
                yield from self._light_help(i, k, j)
            elif c.outcome[j] == REFERRAL:
                last = k + 1 == EPISODES or not c.reentry[j]
                yield from self._specialist(i, k, j, last and not c.step_down[j])
                if c.step_down[j]:
                    yield from self._light_help(i, k, j)
            if k + 1 == EPISODES or not c.reentry[j]:
                return
            yield env.timeout(c.reentry_delay_days[j])

    def _assessment(self, i: int, k: int, j: int):
        """Intake and assessment by a worker of the team (capacity-limited, urgent first)."""
        team = self.team_of[self.c.municipality[i]]
        yield from self._worker_task(i, k, j, "assessment", team, team.intake,
                                     self.c.assessment_hours[j])

    def _consultation(self, i: int, k: int, j: int):
        """A specialist consultation before the decision (specialist pool, capacity-limited)."""
        pool = self.shell_of[self.c.municipality[i]]
        yield from self._worker_task(i, k, j, "consultation", pool, pool.consult,
                                     self.c.consult_hours[j])

    def _worker_task(self, i: int, k: int, j: int, activity: str, pool, workers, hours: float):
        """``hours`` of work by one of a pool's ``workers``, as a 1e-lijn ledger row."""
        env, ledger = self.env, self.ledger
        row = ledger.open(i, k, "1e", activity, env.now, 7 * pool.hours_per_server_day)
        wait = workers.acquire(self.c.priority[j])
        if wait is not None:
            yield wait
        ledger.start(row, env.now)
        yield env.timeout(hours / pool.hours_per_server_day)
        workers.release()
        ledger.close(row, env.now, OUTCOMES[self.c.outcome[j]])

    def _light_help(self, i: int, k: int, j: int):
        """Light help by the team: a caseload slot for the duration (capacity-limited)."""
        env, ledger, c = self.env, self.ledger, self.c
        row = ledger.open(i, k, "1e", "light_help", env.now, c.light_hours_per_week[j])
        team = self.team_of[c.municipality[i]]
        wait = team.light_help.acquire(c.priority[j])
        if wait is not None:
            yield wait
        ledger.start(row, env.now)
        yield env.timeout(c.light_days[j])
        team.light_help.release()
        ledger.close(row, env.now, "finished")

    def _specialist(self, i: int, k: int, j: int, last: bool):
        """Specialist care: a client place under a lump sum (capacity-limited), open
        capacity under p*q. Nobody else notices the end of open-capacity care, so when it
        is the case's ``last`` step its end goes in the ledger at the start, no event."""
        env, ledger, c = self.env, self.ledger, self.c
        product = self.products[c.product[j]]
        row = ledger.open(i, k, "2e", product, env.now, c.care_units_per_week[j])
        outcome = "stepped_down" if c.step_down[j] else "discharged"
        places = self.places_of[c.product[j]]
        if places is None:
            ledger.start(row, env.now)
            if last:
                ledger.close(row, env.now + c.care_days[j], outcome)
                return
            yield env.timeout(c.care_days[j])
        else:
            wait = places.acquire(c.priority[j])
            if wait is not None:
                yield wait
            ledger.start(row, env.now)
            yield env.timeout(c.care_days[j])
            places.release()
        ledger.close(row, env.now, outcome)

    def _in_care(self, t: np.ndarray, stop: float) -> np.ndarray:
        """Clients in specialist care at times ``t``, from the care intervals in the ledger
        (started at or before ``t``, not ended by then; an end after ``stop`` is open)."""
        led = self.ledger
        is_2e = np.asarray(led.line, dtype=object) == "2e"
        start = np.asarray(led.t_start, dtype=float)[is_2e]
        end = np.asarray(led.t_end, dtype=float)[is_2e]
        start = np.sort(start[~np.isnan(start)])
        end = np.sort(end[~np.isnan(end)])
        return (np.searchsorted(start, t, side="right")
                - np.searchsorted(end, t, side="right")).astype(np.int64)

    def _monitor(self):
        env, teams, providers = self.env, list(self.teams.values()), self.providers
        while True:
            self.snapshots.append((
                env.now, sum(t.intake.queue_length for t in teams),
                sum(t.intake.count for t in teams),
                sum(t.light_help.queue_length for t in teams),
                sum(t.light_help.count for t in teams),
                providers.waiting()))
            yield env.timeout(self.interval)
