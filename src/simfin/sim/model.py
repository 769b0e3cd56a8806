"""The SimPy model: cases flow from the 0e lijn through the access team to specialist care.

Pathway of one case (a generator of SimPy events, :meth:`Simulation._case`):

1. 0e lijn: a share is resolved by information and advice; those never become a process.
2. Intake and assessment by the access team that serves the case's municipality
   (capacity-limited, urgent first), for some cases followed by a specialist consultation.
3. Decision: light help by the team, a general facility, or referral to a product.
4. Specialist care at a provider (open capacity under p*q, client places under a lump
   sum); at the end either discharge or step-down (afschalen) to light help.
5. A share returns later (re-entry) straight to the access team, up to ``EPISODES - 1`` times.

The pieces live in their own modules, mixed into :class:`Simulation`: the teams and
specialist pools (:mod:`simfin.sim.model_units`), the expected path
(:mod:`simfin.sim.model_intake`), monitor snapshots and household members
(:mod:`simfin.sim.model_monitor`) and the attribute views the processes read
(:mod:`simfin.sim.case_lists`); the pathway of a case stays here.

SimPy time 0 is the start of the warm-up; the ledger reports days since the start of
the first reported year. The warm-up runs under the same rules and is discarded
(``simulation.warmup_method``, :mod:`simfin.sim.warmup`).

What keeps it fast (about 35,000 events for the 85,000 requests of one replication of
referentie-100k and 88,000 for bbs-95k, whose loaded team keeps processes waiting, measured
in December 2026; 950,000 events and 4.5 s (measured earlier) for the same flow with
every stage a ``simpy.Process`` and ``simpy.PriorityResource``,
``benchmarks/reference_model.py``; the ledgers are identical to the last bit,
``tests/validation/test_fast_path.py``):

* every service's length is drawn up front, so its end is known when it starts: the case
  writes the end at once and tells the :class:`~simfin.sim.server_pool.ServerPool` when
  the server comes free; the pool frees it when it next looks and only needs a wake-up
  event while a process waits. A case yields an event only to be at its next stage that
  needs a server (or back after a re-entry delay) and to wait for a server;
* a case with one episode, no consultation and care, if any, at open capacity (most of
  them) is no process and costs no event: the intake pool knows it in advance and lets it
  in, at its own time, whenever it next looks (:meth:`ServerPool.expect`), and feeds its
  light help, if any, to the team's light-help pool the same way (:meth:`ServerPool.feed`,
  :mod:`simfin.sim.model_intake`);
* a waiting process that gets a server at a wake-up is resumed straight after it, without
  an event of its own;
* open-capacity care (p*q) needs no event at all; the monitor counts clients in care from
  the ledger afterwards;
* the other cases are generators run by :mod:`simfin.sim.arrival`'s driver, started from
  a chain of arrival timeouts: no ``Initialize``, end or arrival-process events;
* the simulation writes only time stamps, at fixed positions per case, episode and stage
  (:mod:`simfin.sim.stage_times`); the ledger rows are built from them with numpy after
  the run. Case attributes are read through memoryviews of the numpy arrays, the cyclic
  garbage collector is paused while the events run (:func:`run_without_gc`), and nothing
  pending after the run refers back to the simulation (:meth:`Simulation._close`), so a
  replication is freed as soon as its results are built.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from math import inf

import numpy as np
import pandas as pd
import simpy

from simfin.scenario.schema import Scenario
from simfin.sim.arrival import start_cases
from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.case_lists import as_lists
from simfin.sim.cases import EPISODES, CaseTable, draw_cases
from simfin.sim.households import form_households, members_by_lead
from simfin.sim.inhuur import INHUUR_COLUMNS, Inhuur
from simfin.sim.ledger import Ledger, ledger_frame
from simfin.sim.model_intake import HELPED, REFERRED, ExpectedPathMixin
from simfin.sim.model_monitor import MonitorMixin
from simfin.sim.model_units import UnitsMixin
from simfin.sim.policy import policy_tables
from simfin.sim.providers import Providers
from simfin.sim.reorganisation import Reorganisation, later_units, route_changes
from simfin.sim.reneging import draw_reneging, make_heavier, mark_abandoned
from simfin.sim.server_pool import ServerPool
from simfin.sim.stage_times import ASSESSMENT, CARE, CONSULTATION, LIGHT_HELP, STAGES, StageTimes
from simfin.sim.timeline import worked_intensity
from simfin.sim.warmup import check_queues, simulated_cases

__all__ = ["MONITOR_COLUMNS", "Simulation", "SimulationOutput", "simulate"]

MONITOR_COLUMNS = ("t", "intake_queue", "intake_busy", "light_help_queue", "light_help_busy",
                   "specialist_waiting", "specialist_in_care")


@dataclass(frozen=True)
class SimulationOutput:
    """What one replication produces: the ledger, periodic snapshots, the cases (durations
    and hours 0.0 for returns a case never reaches: :func:`draw_cases`), and the spells
    of hired intake workers (:mod:`simfin.sim.inhuur`; empty without inhuur)."""

    ledger: pd.DataFrame
    monitor: pd.DataFrame
    cases: CaseTable
    inhuur: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(INHUUR_COLUMNS)))


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


class Simulation(UnitsMixin, ExpectedPathMixin, MonitorMixin):
    """One replication: builds the environment, runs it, returns plain data."""

    def __init__(self, scenario: Scenario, replication: int,
                 monitor_interval_days: float = 7.0,
                 env: simpy.Environment | None = None, compiled: bool = True) -> None:
        self.scenario = scenario
        self.compiled = compiled  # may the pools run compiled (simfin.sim.compiled_pools)
        self.compiled_pools = None  # the CompiledPools that did, if they did
        self._count_units = None    # its counter of the monitor's pools
        self.replication = replication
        self.origin = scenario.simulation.warmup_years * DAYS_PER_YEAR
        self.horizon = scenario.simulation.horizon_years * DAYS_PER_YEAR
        self.interval = monitor_interval_days
        self.env = env if env is not None else simpy.Environment()
        # draw only the returns a case's own re-entries reach, unless reneging sends clients
        # back too (under policy regimes a later regime's table has all: policy_tables)
        self.cases = form_households(scenario, replication, draw_cases(
            scenario, replication, reached_only=scenario.reneging is None))
        # under integral access: a household's first case starts the others at its intake's end
        self.members = members_by_lead(self.cases, scenario.access_team.intake_mode == "integral")
        self.policy = policy_tables(scenario, replication, self.cases) \
            if scenario.timeline else None
        if self.policy is not None:
            self.policy.compose(self.cases)
        # the organisation form on the timeline: the units of every regime, built now
        self.route_changes = route_changes(scenario)
        self.later_teams, self.later_shells = later_units(scenario) \
            if self.route_changes else ({}, {})
        self.moved: dict[int, ServerPool] = {}   # stage row -> pool it was moved to
        self.expected_ids: dict[int, list[int]] = {}  # id(intake pool) -> its expected cases
        self.teams, self.team_of = self._build_teams()
        self.shells, self.shell_of = self._build_shells()
        # per municipality index: hours a worker of the serving intake / specialist pool
        # does per day (NaN: no specialists)
        self.intake_rate = self._hours_per_day(self.team_of)
        self.consult_rate = self._hours_per_day(self.shell_of)
        self.c = as_lists(self.cases, self.intake_rate, self.consult_rate)
        self.providers = Providers(self.env, scenario)
        self.ledger = Ledger()
        self.stages = StageTimes(self.cases.n)
        self.rows: dict[str, np.ndarray] = {}  # ledger buffers (see run)
        self.snapshots: list[tuple] = []
        self.products = self.cases.products
        self.places_of = [self.providers.places[scenario.provider_of(p)] for p in self.products]
        self.renege = None if scenario.reneging is None else draw_reneging(
            scenario, replication, self.cases)
        if self.renege is not None:
            self.c.patience = memoryview(self.renege.patience_days.ravel())
            self.c.returns = memoryview(self.renege.returns.ravel())
            self.c.return_delay = memoryview(self.renege.return_delay_days.ravel())
            self.c.heavier = memoryview(self.renege.heavier.ravel())
        self.staffing = self._attach_timeline() \
            if scenario.timeline or scenario.inhuur is not None else {}
        self.reorganisation = Reorganisation(self, self.route_changes) \
            if self.route_changes else None
        self.inhuur = None if scenario.inhuur is None else Inhuur(
            self.env, scenario, self.origin, self.origin + self.horizon,
            {name: self.staffing[(name, "intake")] for name in self.teams},
            self._mean_assessment_days())

    def run(self) -> SimulationOutput:
        """Simulate warm-up and horizon; return ledger and monitor frames."""
        stop = self.origin + self.horizon
        self._start_cases()
        if self.interval > 0:
            self._snapshot()
        run_without_gc(self.env, stop)
        self._catch_up_all(stop)  # expected requests that arrived since they last looked
        self._close()
        # the ledger leaves out what ended in a full warm-up (pruning checks those queues)
        prune = self.scenario.simulation.warmup_method == "prune"
        rows = self.stages.rows(self.cases, self._worker_hours_per_week(), self.products,
                                -np.inf if prune else self.origin)
        if self.route_changes or self._speed_varies():
            worked_intensity(rows, self.cases)
        if self.renege is not None:
            mark_abandoned(rows)
        self.ledger.add_rows(**rows)
        self.rows = self.ledger.arrays(self.origin, stop)
        monitor = pd.DataFrame(self.snapshots, columns=list(MONITOR_COLUMNS[:-1]))
        monitor["t"] -= self.origin
        monitor["specialist_in_care"] = self._in_care(monitor["t"].to_numpy())
        if prune:
            monitor = self._after_prune(monitor)
        ledger = ledger_frame(self.rows, self.cases, self.scenario, self.replication,
                              self.horizon)
        if self.inhuur is None:
            return SimulationOutput(ledger, monitor, self.cases)
        hours = {name: team.hours_per_server_day for name, team in self.teams.items()}
        return SimulationOutput(ledger, monitor, self.cases, self.inhuur.frame(hours))

    def _pools(self) -> list[ServerPool]:
        pools = [pool for team in self.teams.values() for pool in (team.intake, team.light_help)]
        return pools + [shell.consult for shell in self.shells.values()]

    def _close(self) -> None:
        """Drop what is still pending after the run. Pending events and waiting requests
        refer back to the cases' generators and through them to this simulation: reference
        cycles that would keep the replication (tens of megabytes) in memory until Python's
        next full garbage collection, which costs more than the whole ledger."""
        pools = self._pools()
        pools += self.providers.limited()
        for pool in pools:
            pool.close()
        self.env._queue.clear()  # SimPy's schedule; the run is over

    def _start_cases(self) -> None:
        """Ledger rows for requests resolved in the 0e lijn; the other simulated cases
        start at their arrival, or are handed to the intake pools when the intake is all
        they need from a server."""
        arrival, resolved = self.cases.arrival, self.cases.resolved_0e
        # 0e rows from year one on (the ledger drops rows that end before it anyway)
        reported = resolved & ~(arrival + self.origin - self.origin < 0)
        self.ledger.add_closed(np.flatnonzero(reported), "0e", "advice",
                               arrival[reported] + self.origin, "resolved")
        simulated = ~resolved & self.simulated()
        expected = simulated & self._on_expected_path()
        started = simulated & ~expected
        if self.members:  # a household's other cases are started by its first case
            joined = np.array([m for ms in self.members.values() for m in ms], dtype=np.int64)
            expected[list(self.members)] = False
            started[list(self.members)] = simulated[list(self.members)]
            started[joined] = expected[joined] = False
        cases = np.flatnonzero(started)
        start_cases(self.env, (arrival[cases] + self.origin).tolist(), cases.tolist(),
                    self._case)
        self._expect_cases(np.flatnonzero(expected), self.compiled and not started.any())

    def _worker_hours_per_week(self) -> dict[str, np.ndarray]:
        """Per municipality index: hours a worker of the serving intake pool and specialist
        pool does per week (intensity of assessment and consultation rows)."""
        return {"assessment": 7 * self.intake_rate, "consultation": 7 * self.consult_rate}

    def _after_prune(self, monitor: pd.DataFrame) -> pd.DataFrame:
        """Warn when the queues late in the warm-up are too long for pruning; drop the
        snapshots of the pruned part of the warm-up (they undercount)."""
        cut = -self.scenario.simulation.warmup_full_years * DAYS_PER_YEAR
        rows = self.rows
        check_queues(rows["activity"], rows["t_arrival"], rows["t_start"],
                     max(cut, -self.origin), 0.0)
        return monitor[monitor["t"] >= cut].reset_index(drop=True)

    def simulated(self) -> np.ndarray:
        """Which cases the run simulates (bool per case): all but those the warm-up method
        leaves out."""
        limited = np.array([places is not None for places in self.places_of], dtype=bool)
        simulated = simulated_cases(self.scenario, self.cases, self.intake_rate,
                                    np.nan_to_num(self.consult_rate, nan=np.inf), limited)
        household = self.cases.household
        if household is None:
            return simulated
        any_simulated = np.zeros(self.cases.n, dtype=bool)  # a household runs as a whole
        np.logical_or.at(any_simulated, household, simulated)
        return any_simulated[household]

    def _case(self, i: int, t: float, joined: bool = False):
        """The pathway of case ``i`` from its arrival at ``t`` (SimPy days).

        Attributes of episode ``k`` are at ``j = i * EPISODES + k``, its stage times at
        ``j * STAGES + stage``. ``t`` is the time the case is due at its next stage: the
        case yields only to be there (:meth:`_at`) or to wait for a server
        (:meth:`_enter`); the end of every service is known when it starts (:meth:`_leave`).
        A ``joined`` case belongs to a household whose first case had the intake for it:
        its first episode starts at the decision, ``t`` (:meth:`_start_members`).
        """
        c, at, enter, leave = self.c, self._at, self._enter, self._leave
        muni, team_of, shell_of, moved = c.municipality[i], self.team_of, self.shell_of, \
            self.moved  # units by municipality now (a reorganisation changes them)
        renege, policy, heavier = self.renege is not None, self.policy is not None, False
        for k in range(EPISODES):
            j = i * EPISODES + k
            row = j * len(STAGES)
            if k:
                yield at(t)                     # back at the team after the re-entry delay
                if policy:
                    self._adopt(i, k, t)
                if heavier:
                    make_heavier(self.cases, self.renege, i, k)
                    heavier = False
            priority = c.priority[j]
            if k or not joined:
                deadline = t + c.patience[j] if renege else inf
                intake = team_of[muni].intake
                wait = enter(intake, row + ASSESSMENT, t, priority, deadline)
                if not k and i in self.members:
                    self._members_arrive(i)
                start = t if wait is None else (yield wait)
                if start is None:               # gave up waiting at the deadline
                    self.stages.end[row + ASSESSMENT] = deadline
                    if not k and i in self.members:
                        self._members_give_up(i, deadline)
                    if k + 1 == EPISODES or not c.returns[j]:
                        return
                    heavier = c.heavier[j]
                    t = deadline + c.return_delay[j]
                    continue
                if moved:                       # moved to another team while waiting
                    intake = moved.pop(row + ASSESSMENT, intake)
                t = leave(intake, row + ASSESSMENT, start, c.assessment_days[j])
                if not k and i in self.members:
                    self._start_members(i, start, t)
            if c.consult[j]:
                yield at(t)
                pool = shell_of[muni].consult
                wait = enter(pool, row + CONSULTATION, t, priority)
                start = t if wait is None else (yield wait)
                if moved:
                    pool = moved.pop(row + CONSULTATION, pool)
                t = leave(pool, row + CONSULTATION, start, c.consult_days[j])
            if c.outcome[j] == REFERRED:
                places = self.places_of[c.product[j]]
                if places is None:              # open capacity: care starts at once
                    t = self._open_care(row + CARE, t, c.care_days[j])
                else:                           # a client place under a lump sum
                    yield at(t)
                    wait = enter(places, row + CARE, t, priority)
                    t = leave(places, row + CARE, t if wait is None else (yield wait),
                              c.care_days[j])
            if c.outcome[j] == HELPED or (c.outcome[j] == REFERRED and c.step_down[j]):
                yield at(t)
                pool = team_of[muni].light_help
                wait = enter(pool, row + LIGHT_HELP, t, priority)
                start = t if wait is None else (yield wait)
                if moved:
                    pool = moved.pop(row + LIGHT_HELP, pool)
                t = leave(pool, row + LIGHT_HELP, start, c.light_days[j])
            if k + 1 == EPISODES or not c.reentry[j]:
                return
            t = t + c.reentry_delay_days[j]

    def _adopt(self, i: int, k: int, t: float) -> None:
        """Episode ``k`` of case ``i`` returns at ``t`` (SimPy days): it gets the policy
        regime's attributes, and the lists the processes read follow."""
        cases, c = self.cases, self.c
        self.policy.adopt(cases, i, k, t - self.origin)
        j, muni = i * EPISODES + k, cases.municipality[i]
        c.priority[j] = 0 if cases.urgent[i, k] else 1
        c.assessment_days[j] = cases.assessment_hours[i, k] / self.intake_rate[muni]
        if cases.consult[i, k]:
            c.consult_days[j] = cases.consult_hours[i, k] / self.consult_rate[muni]

    def _at(self, t: float) -> simpy.Event:
        """An event at time ``t`` (the SimPy clock may differ from ``t`` in the last bit;
        the case keeps ``t`` itself)."""
        delay = t - self.env.now
        return self.env.timeout(delay if delay > 0.0 else 0.0)

    def _enter(self, pool: ServerPool, row: int, t: float, priority: int,
               deadline: float = inf) -> simpy.Event | None:
        """A case arrives at stage ``row`` at ``t`` and asks ``pool`` for a server (urgent
        first): ``None`` if it can start at once, else the event to wait for, whose value is
        the start (``None`` if it gave up at ``deadline`` first)."""
        self.stages.arrival[row] = t
        return pool.acquire(priority, t, deadline, row)

    def _leave(self, pool: ServerPool | None, row: int, start: float, days: float,
               speed=None) -> float:
        """Service of stage ``row`` runs ``days`` of work from ``start`` (at the pool's
        speed, or ``speed``): write the times, tell the pool when its server comes free;
        returns the end."""
        stages = self.stages
        stages.start[row] = start
        if pool is not None:
            speed = pool.speed
        end = stages.end[row] = start + days if speed is None else speed.end(start, days)
        if pool is not None:
            pool.hold(end)
        return end

    def _open_care(self, row: int, t: float, days: float) -> float:
        """Care at open capacity (p*q), stage ``row``, starts at ``t`` and lasts ``days``:
        no event; returns its end."""
        self.stages.arrival[row] = t
        return self._leave(None, row, t, days)
