"""The expected path: cases whose steps that need a server are known when their intake
starts are no process; the pools serve them without events (a mixin of
:class:`simfin.sim.model.Simulation`, see its module docstring).

Such a case has one episode, no consultation and no return. Its intake is an expected
request of its team's intake pool (:meth:`ServerPool.expect`). When the intake starts, its
end is known, and so is what follows: open-capacity care (no server) and, for a case
helped by the team or stepped down after care, light help, which the intake pool feeds to
the team's light-help pool as an expected request at the time it is due
(:meth:`ServerPool.feed`). A reorganisation that moves teams keeps light help a process.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from simfin.sim.cases import EPISODES, OUTCOMES
from simfin.sim.server_pool import ServerPool
from simfin.sim.stage_times import ASSESSMENT, CARE, LIGHT_HELP, STAGES

__all__ = ["HELPED", "REFERRED", "IntakeOnlyMixin"]

HELPED, REFERRED = OUTCOMES.index("light_help"), OUTCOMES.index("referral")


class IntakeOnlyMixin:
    """Which cases are intake-only, and their intake at the pools."""

    def _intake_only(self) -> np.ndarray:
        """Cases (bool per case) on the expected path: one episode without consultation
        or return, care, if any, at open capacity; light help, after the intake or after
        care, only while no reorganisation moves teams (its pool is the intake team's)."""
        c = self.cases
        limited = np.array([places is not None for places in self.places_of] + [False])
        referred = c.outcome[:, 0] == REFERRED  # product -1 (not referred) reads False
        only = ~c.consult[:, 0] & ~c.reentry[:, 0] & ~(referred & limited[c.product[:, 0]])
        if self.route_changes:
            only &= (c.outcome[:, 0] != HELPED) & ~(referred & c.step_down[:, 0])
        return only if self.renege is None else only & ~self.renege.returns[:, 0]

    def _expect_intake_only(self, cases: np.ndarray) -> None:
        """Hand the intake-only ``cases`` (sorted by arrival) to the intake pools of their
        teams, which serve them without events (:meth:`ServerPool.expect`)."""
        times = self.cases.arrival[cases] + self.origin
        rows = cases * EPISODES * len(STAGES) + ASSESSMENT
        np.frombuffer(self.stages.arrival)[rows] = times  # arrivals are before the stop
        municipality = self.cases.municipality[cases]
        serving = None if self.reorganisation is None else self.reorganisation.team_at(
            times, municipality, self.route_changes)
        for team in self.teams.values():
            if serving is None:
                served = [m for m, serving_m in enumerate(self.team_of) if serving_m is team]
                mine = np.isin(municipality, served)
            else:  # the team serving the municipality when the case arrives
                mine = np.array([s is team for s in serving], dtype=bool)
            ids = cases[mine].tolist()
            self.expected_ids[id(team.intake)] = ids
            deadlines = abandon = None
            if self.renege is not None:
                deadlines = (times[mine] + self.renege.patience_days[cases[mine], 0]).tolist()
                abandon = partial(self._abandon_intake_only, ids)
            if not self.route_changes:
                team.light_help.add_feeder(team.intake)
            team.intake.expect(times[mine].tolist(), [self.c.priority[i * EPISODES] for i in ids],
                               partial(self._start_intake_only, team.intake, team.light_help,
                                       ids),
                               deadlines, abandon)

    def _abandon_intake_only(self, ids: list[int], n: int, deadline: float) -> None:
        """Case ``ids[n]`` gave up waiting for its intake at ``deadline``."""
        self.stages.end[ids[n] * EPISODES * len(STAGES) + ASSESSMENT] = deadline

    def _start_intake_only(self, pool: ServerPool, light_help: ServerPool, ids: list[int],
                           n: int, start: float) -> float:
        """The intake of case ``ids[n]`` starts at ``start``: open-capacity care, if any,
        follows at once, and light help is fed to ``light_help`` for when it is due;
        returns the end of the intake."""
        c, j = self.c, ids[n] * EPISODES
        row = j * len(STAGES)
        end = due = self._leave(None, row + ASSESSMENT, start, c.assessment_days[j], pool.speed)
        outcome = c.outcome[j]
        if outcome == REFERRED:
            due = self._open_care(row + CARE, end, c.care_days[j])
        if outcome == HELPED or (outcome == REFERRED and c.step_down[j]):
            if due < self.origin + self.horizon:  # a process would have arrived in the run
                self.stages.arrival[row + LIGHT_HELP] = due
            light_help.feed(due, c.priority[j], partial(self._start_light_help, light_help, j))
        return end

    def _start_light_help(self, pool: ServerPool, j: int, start: float) -> float:
        """Light help of episode ``j`` (an expected case's) starts at ``start``; returns
        its end."""
        return self._leave(None, j * len(STAGES) + LIGHT_HELP, start, self.c.light_days[j],
                           pool.speed)
