"""The organisation form changing on the timeline: units open and close, waiting clients move.

Every unit (generalist team, specialist pool) of every regime exists from the start of the
run; a unit that only a later regime has starts with 0 servers, and a unit that a regime
no longer has goes to 0 servers (:mod:`simfin.sim.timeline`: busy workers finish their
client, then stop). At the start of a regime that routes a municipality to another unit
(:func:`route_changes`), :class:`Reorganisation`

* routes the municipality's new requests (and returns) to the new unit;
* moves its waiting clients from the old unit's intake, light-help and consultation
  queues to the new unit's, where they keep their priority and arrival time (their wait
  counts from their arrival), merged with any waiting there by priority, then arrival;
  expected cases the old pool had not yet let in (:meth:`ServerPool.catch_up`) are let
  in first, at their own times;
* gives the municipality's services that have not started the new unit's hours per
  worker-day: their work in days is the hours over the new unit's rate.

Clients in service finish where they are.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from simfin.scenario.schema import Scenario
from simfin.scenario.timeline import regimes
from simfin.sim.access_team import specialist_units, team_units
from simfin.sim.cases import EPISODES
from simfin.sim.server_pool import Waiting
from simfin.sim.stage_times import ASSESSMENT, STAGES

__all__ = ["Reorganisation", "later_units", "route_changes", "routes", "serving_units"]

ROW = EPISODES * len(STAGES)  # stage-time positions per case


def routes(scenario: Scenario) -> tuple[dict[str, str], dict[str, str | None]]:
    """Per municipality: the generalist team and the specialist pool (None: none) that
    serve it in ``scenario``."""
    teams = {m: name for name, (munis, _) in team_units(scenario).items() for m in munis}
    shells = dict.fromkeys(scenario.municipalities)
    shells.update({m: name for name, (munis, _) in specialist_units(scenario).items()
                   for m in munis})
    return teams, shells


def route_changes(scenario: Scenario) -> list[tuple[float, dict, dict]]:
    """``(days since year one, teams, shells)`` at each regime whose routes differ from the
    regime before (empty: the organisation form never changes)."""
    if not scenario.timeline:
        return []
    out, last = [], None
    for regime in regimes(scenario):
        now = routes(regime.scenario)
        if last is not None and now != last:
            out.append((regime.start_days, *now))
        last = now
    return out


def later_units(scenario: Scenario) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """Teams and specialist pools that the first regime does not have: name -> (access
    team spec, FTE) of the first regime that has them (its hours per worker-day are the
    unit's base speed, as in :mod:`simfin.sim.timeline`)."""
    reg = regimes(scenario) if scenario.timeline else []
    teams: dict[str, tuple] = {}
    shells: dict[str, tuple] = {}
    for kind, units in ((teams, team_units), (shells, specialist_units)):
        first = set(units(reg[0].scenario)) if reg else set()
        for regime in reg[1:]:
            for name, (_, fte) in units(regime.scenario).items():
                if name not in first and name not in kind:
                    kind[name] = (regime.scenario.access_team, fte)
    return teams, shells


def serving_units(ledger, scenario: Scenario) -> np.ndarray:
    """Per ledger row: the unit that served it (or holds it waiting at the end of the run):
    the team for an assessment or light help, the specialist pool for a consultation, at
    the row's start (a service that starts at a switch belongs to the new unit); "" for
    the 0e and 2e lijn. The ledger has no such column: this derives it from the regimes."""
    first = routes(scenario)
    table = [(-np.inf, *first)] + route_changes(scenario)
    starts = np.array([c[0] for c in table])
    t = ledger["t_start"].to_numpy(dtype=float)
    t = np.where(np.isnan(t), np.inf, t)  # still waiting: where it waits at the end
    regime = np.searchsorted(starts, t, side="right") - 1
    municipality = ledger["municipality"].to_numpy(dtype=object)
    activity = ledger["activity"].to_numpy(dtype=object)
    out = np.full(len(ledger), "", dtype=object)
    for k, (_, teams, shells) in enumerate(table):
        here = regime == k
        for muni in teams:
            rows = here & (municipality == muni)
            out[rows & np.isin(activity, ["assessment", "light_help"])] = teams[muni]
            out[rows & (activity == "consultation")] = shells[muni] or ""
    return out


class Reorganisation:
    """Schedules the route changes of ``sim``'s scenario (a :class:`simfin.sim.model.
    Simulation` with all units built) and carries them out at their moments."""

    def __init__(self, sim, changes: list[tuple[float, dict, dict]]) -> None:
        self.sim = sim
        munis = sim.cases.municipalities
        self.cases_of = [np.flatnonzero(sim.cases.municipality == m) for m in range(len(munis))]
        for start, teams, shells in changes:
            t = sim.origin + start
            sim.env.timeout(max(t - sim.env.now, 0.0)).callbacks.append(
                lambda _, t=t, a=teams, b=shells: self.switch(t, a, b))

    def team_at(self, times: np.ndarray, municipality: np.ndarray,
                changes: list[tuple[float, dict, dict]]) -> list:
        """The team serving each of the requests arriving at ``times`` (SimPy days) from
        ``municipality`` (indices)."""
        sim = self.sim
        names = sim.cases.municipalities
        table = [list(sim.team_of)] + [[sim.teams[teams[m]] for m in names]
                                       for _, teams, _ in changes]
        starts = np.array([sim.origin + c[0] for c in changes])
        regime = np.searchsorted(starts, times, side="right")
        return [table[r][m] for r, m in zip(regime.tolist(), municipality.tolist())]

    def switch(self, t: float, teams: dict[str, str], shells: dict[str, str | None]) -> None:
        """At ``t`` (SimPy days): route each municipality to its new units, then move the
        waiting clients of every municipality that changed unit."""
        sim = self.sim
        moved_team, moved_shell = set(), set()
        for m, name in enumerate(sim.cases.municipalities):
            team, shell = sim.teams[teams[name]], shells[name] and sim.shells[shells[name]]
            if team is not sim.team_of[m]:
                moved_team.add(m)
                self._rate(m, team.hours_per_server_day, "assessment", sim.intake_rate)
            if shell is not sim.shell_of[m]:
                moved_shell.add(m)
                rate = np.nan if shell is None else shell.hours_per_server_day
                self._rate(m, rate, "consult", sim.consult_rate)
            sim.team_of[m], sim.shell_of[m] = team, shell
        # every unit's leavers first, then each new unit takes them all at once (so that
        # its free workers serve them by priority and arrival, whatever unit they left)
        arriving: dict[int, tuple] = {}
        for team in sim.teams.values():
            self._take(t, team.intake, moved_team, lambda m: sim.team_of[m].intake, arriving)
            self._take(t, team.light_help, moved_team, lambda m: sim.team_of[m].light_help,
                       arriving)
        for shell in sim.shells.values():
            self._take(t, shell.consult, moved_shell, lambda m: sim.shell_of[m].consult,
                       arriving)
        for target, requests in arriving.values():
            target.admit(t, requests)

    def _rate(self, m: int, rate: float, kind: str, rates: np.ndarray) -> None:
        """Municipality ``m``'s services of ``kind`` not yet started: work at ``rate``
        hours per worker-day (``rates`` per municipality updated in place)."""
        sim = self.sim
        rates[m] = rate
        cases = self.cases_of[m]
        hours = getattr(sim.cases, f"{kind}_hours")[cases]
        days = np.frombuffer(getattr(sim.c, f"{kind}_days")).reshape(-1, EPISODES)
        with np.errstate(invalid="ignore"):
            days[cases] = hours / rate

    def _take(self, t: float, pool, moved: set[int], target_of, arriving: dict) -> None:
        """Take the waiting requests of the municipalities ``moved`` out of ``pool``, each
        into ``arriving[id(target)] = (target, requests)`` for the pool
        ``target_of(municipality)`` now serving it."""
        if not moved:
            return
        sim = self.sim
        ids = sim.expected_ids.get(id(pool), [])

        def case_of(r: Waiting) -> int:  # keys: stage rows, or indices into ids
            return ids[r.key] if r.expected_here() else r.key // ROW

        municipality = sim.cases.municipality

        def leaves(r: Waiting) -> bool:
            m = int(municipality[case_of(r)])
            return m in moved and target_of(m) is not pool

        for r in pool.take_waiting(t, leaves):
            case = case_of(r)
            target = target_of(int(municipality[case]))
            if r.event is None:  # an expected case: its intake at the new pool
                r.key, r.start = case * ROW + ASSESSMENT, partial(
                    sim._start_first_intake, target, [case], 0)
            else:
                sim.moved[r.key] = target
            arriving.setdefault(id(target), (target, []))[1].append(r)
