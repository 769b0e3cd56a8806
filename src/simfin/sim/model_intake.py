"""The expected path: cases whose every step that needs a server follows from the one before
are no process; the pools serve them without events (a mixin of
:class:`simfin.sim.model.Simulation`, see its module docstring).

A first intake is an expected request of the team's intake pool
(:meth:`ServerPool.expect`). When a step starts, its end is known, and so is what follows,
which the pool feeds to the next pool as an expected request at the time it is due
(:meth:`ServerPool.feed`): the consultation at the specialist pool, light help (after the
decision or after care) at the team's light-help pool, a return (re-entry) to the intake
pool itself. Open-capacity care needs no server and follows at once. A pool that is fed
and the pools that feed it are linked (:meth:`ServerPool.link`: a team's intake, light
help and specialist pools) and catch up together, in time order across them, so each knows
every request due before the time it looks, returns to the intake included.

Which cases: every case, the client places of a lump-sum provider included (a pool fed at
the decision, linked to every team's intake). A reorganisation that moves teams keeps all
but single-episode cases without consultation, light help and client place processes;
reneging keeps returning cases processes. Under a policy regime on the timeline a return
takes the attributes of the regime in force when it is due, set when it is fed
(:meth:`Simulation._adopt`, as a process does when it comes back).
"""

from __future__ import annotations

from functools import partial

import numpy as np

from simfin.sim.cases import EPISODES, OUTCOMES
from simfin.sim.server_pool import ServerPool
from simfin.sim.stage_times import ASSESSMENT, CARE, CONSULTATION, LIGHT_HELP, STAGES

__all__ = ["HELPED", "REFERRED", "ExpectedPathMixin"]

HELPED, REFERRED = OUTCOMES.index("light_help"), OUTCOMES.index("referral")


class ExpectedPathMixin:
    """Which cases take the expected path, and their steps at the pools."""

    def _on_expected_path(self) -> np.ndarray:
        """Cases (bool per case) on the expected path (see the module docstring)."""
        c = self.cases
        limited = np.array([places is not None for places in self.places_of] + [False])
        referred = c.outcome == REFERRED  # product -1 (not referred) reads False
        light = (c.outcome == HELPED) | (referred & c.step_down)
        returns = c.reentry.copy()
        returns[:, -1] = False
        if self.route_changes:  # one episode, the intake the only server
            return (~c.consult[:, 0] & ~returns[:, 0] & ~light[:, 0]
                    & ~(referred[:, 0] & limited[c.product[:, 0]])
                    & (True if self.renege is None else ~self.renege.returns[:, 0]))
        ok = np.ones(c.n, dtype=bool)
        if self.renege is not None:  # returning cases: processes
            ok &= ~returns[:, 0] & ~self.renege.returns[:, 0]
        return ok

    def _expect_cases(self, cases: np.ndarray, compiled: bool = False) -> None:
        """Hand the expected ``cases`` (sorted by arrival) to the intake pools of their
        teams, which serve them without events (:meth:`ServerPool.expect`), and link the
        pools their later steps are fed to. With ``compiled`` (no case is a process) the
        pools hand their work to compiled code where the run allows it
        (:mod:`simfin.sim.compiled_pools`)."""
        times = self.cases.arrival[cases] + self.origin
        rows = cases * EPISODES * len(STAGES) + ASSESSMENT
        np.frombuffer(self.stages.arrival)[rows] = times  # arrivals are before the stop
        municipality = self.cases.municipality[cases]
        serving = None if self.reorganisation is None else self.reorganisation.team_at(
            times, municipality, self.route_changes)
        if not self.route_changes:
            places = self.providers.limited()
            for team, shell in zip(self.team_of, self.shell_of, strict=True):
                team.intake.link(team.light_help)
                if shell is not None:
                    team.intake.link(shell.consult)
                for pool in places:  # any team may refer to a provider's client places
                    team.intake.link(pool)
        compiled = compiled and self._compilable()
        expected = {}
        for team in self.teams.values():
            if serving is None:
                served = [m for m, serving_m in enumerate(self.team_of) if serving_m is team]
                mine = np.isin(municipality, served)
            else:  # the team serving the municipality when the case arrives
                mine = np.array([s is team for s in serving], dtype=bool)
            if compiled:
                expected[id(team.intake)] = (times[mine], cases[mine])
                continue
            ids = cases[mine].tolist()
            self.expected_ids[id(team.intake)] = ids
            deadlines = abandon = None
            if self.renege is not None:
                deadlines = (times[mine] + self.renege.patience_days[cases[mine], 0]).tolist()
                abandon = partial(self._abandon_first_intake, ids)
            team.intake.expect(times[mine].tolist(), [self.c.priority[i * EPISODES] for i in ids],
                               partial(self._start_first_intake, team.intake, ids),
                               deadlines, abandon)
        if compiled:
            self._compile_pools(expected)

    def _compilable(self) -> bool:
        """Whether the compiled pools can serve this run: nothing but expected and fed
        requests (no reorganisation or patience) and numba at hand."""
        if self.route_changes or self.renege is not None:
            return False
        try:
            import numba  # noqa: F401  (a dependency; without it the pools run in Python)
        except ImportError:  # pragma: no cover - numba is installed with simfin
            return False
        return True

    def _speed_varies(self) -> bool:
        """Whether a pool works at a rate that changes over time (the timeline)."""
        return any(pool.speed is not None for pool in self._pools())

    def _compile_pools(self, expected: dict) -> None:
        """Hand the pools and the expected cases to compiled code (numbered in the order of
        the pools' groups, as the groups break ties)."""
        from simfin.sim.compiled_pools import CompiledPools

        ordered, seen = [], set()
        for pool in self._pools():
            for member in pool._group.pools:
                if id(member) not in seen:
                    seen.add(id(member))
                    ordered.append(member)
        intake_of = [team.intake for team in self.team_of]
        light_of = [team.light_help for team in self.team_of]
        consult_of = [None if shell is None else shell.consult for shell in self.shell_of]
        self.compiled_pools = CompiledPools(ordered, expected, self.c, self.cases.municipality,
                                            intake_of, light_of, consult_of, self.stages,
                                            self.origin + self.horizon, self.places_of)
        if self.policy is not None:  # returns take their regime's attributes when fed
            self.compiled_pools.adopt(self.policy, self.intake_rate, self.consult_rate,
                                      self.origin)

    def _catch_up_all(self, t: float) -> None:
        """Every pool lets in what arrived before ``t`` (days, the end of the run); the
        case table takes the attributes the compiled pools' returns adopted."""
        for pool in self._pools():
            pool.catch_up(t)
        if self.compiled_pools is not None and self.policy is not None:
            self.policy.adopt_each(self.cases, self.compiled_pools.cases.adopted)

    def _abandon_first_intake(self, ids: list[int], n: int, deadline: float) -> None:
        """Case ``ids[n]`` gave up waiting for its intake at ``deadline``."""
        self.stages.end[ids[n] * EPISODES * len(STAGES) + ASSESSMENT] = deadline

    def _start_first_intake(self, pool: ServerPool, ids: list[int], n: int,
                           start: float) -> float:
        """The first intake of case ``ids[n]`` starts at ``start``; returns its end."""
        return self._start_intake(pool, ids[n] * EPISODES, start)

    def _start_intake(self, pool: ServerPool, j: int, start: float) -> float:
        """The intake of episode ``j`` starts at ``start`` at ``pool``: what follows is
        fed on; returns the end of the intake."""
        c = self.c
        end = self._leave(None, j * len(STAGES) + ASSESSMENT, start, c.assessment_days[j],
                          pool.speed)
        if c.consult[j]:
            consult = self.shell_of[c.municipality[j // EPISODES]].consult
            self._feed(consult, j * len(STAGES) + CONSULTATION, end, c.priority[j],
                       partial(self._start_consult, consult, j))
        else:
            self._decided(j, end)
        return end

    def _start_consult(self, pool: ServerPool, j: int, start: float) -> float:
        """The consultation of episode ``j`` starts at ``start``; returns its end."""
        end = self._leave(None, j * len(STAGES) + CONSULTATION, start, self.c.consult_days[j],
                          pool.speed)
        self._decided(j, end)
        return end

    def _decided(self, j: int, t: float) -> None:
        """Episode ``j`` is decided at ``t``: open-capacity care starts at once, a client
        place of a lump-sum provider is asked for (fed to its pool); light help (after the
        decision or after care) is fed to the team's pool."""
        c, row = self.c, j * len(STAGES)
        outcome = c.outcome[j]
        if outcome == REFERRED:
            places = self.places_of[c.product[j]]
            if places is not None:
                self._feed(places, row + CARE, t, c.priority[j],
                           partial(self._start_care, places, j))
                return
            t = self._open_care(row + CARE, t, c.care_days[j])
        self._after_decision(j, t)

    def _start_care(self, pool: ServerPool, j: int, start: float) -> float:
        """Care of episode ``j`` starts at ``start`` in a client place of ``pool``; returns
        its end."""
        end = self._leave(None, j * len(STAGES) + CARE, start, self.c.care_days[j], pool.speed)
        self._after_decision(j, end)
        return end

    def _after_decision(self, j: int, t: float) -> None:
        """What follows the decision of episode ``j`` and its care, from ``t``: light help
        fed to the team's pool, or the end of the episode."""
        c, row = self.c, j * len(STAGES)
        outcome = c.outcome[j]
        if outcome == HELPED or (outcome == REFERRED and c.step_down[j]):
            light_help = self.team_of[c.municipality[j // EPISODES]].light_help
            self._feed(light_help, row + LIGHT_HELP, t, c.priority[j],
                       partial(self._start_light_help, light_help, j))
        else:
            self._episode_over(j, t)

    def _start_light_help(self, pool: ServerPool, j: int, start: float) -> float:
        """Light help of episode ``j`` starts at ``start``; returns its end."""
        end = self._leave(None, j * len(STAGES) + LIGHT_HELP, start, self.c.light_days[j],
                          pool.speed)
        self._episode_over(j, end)
        return end

    def _episode_over(self, j: int, t: float) -> None:
        """Episode ``j`` is over at ``t``: a return is fed to the intake pool for the end
        of its re-entry delay, with the attributes of the policy regime in force then."""
        c = self.c
        if c.reentry[j] and (j + 1) % EPISODES:
            due = t + c.reentry_delay_days[j]
            if self.policy is not None and due < self.origin + self.horizon:  # comes back
                self._adopt(j // EPISODES, (j + 1) % EPISODES, due)
            intake = self.team_of[c.municipality[j // EPISODES]].intake
            self._feed(intake, (j + 1) * len(STAGES) + ASSESSMENT, due, c.priority[j + 1],
                       partial(self._start_intake, intake, j + 1))

    def _feed(self, pool: ServerPool, row: int, due: float, priority: int, start) -> None:
        """Stage ``row`` asks ``pool`` for a server at ``due``: its arrival is written if a
        process would have arrived before the end of the run."""
        if due < self.origin + self.horizon:
            self.stages.arrival[row] = due
        pool.feed(due, priority, start)
