"""The intake-only path: cases whose only step that needs a server is their intake are no
process; the intake pools serve them without events (a mixin of
:class:`simfin.sim.model.Simulation`, see its module docstring)."""

from __future__ import annotations

from functools import partial

import numpy as np

from simfin.sim.cases import EPISODES, OUTCOMES
from simfin.sim.server_pool import ServerPool
from simfin.sim.stage_times import ASSESSMENT, CARE, STAGES

__all__ = ["HELPED", "REFERRED", "IntakeOnlyMixin"]

HELPED, REFERRED = OUTCOMES.index("light_help"), OUTCOMES.index("referral")


class IntakeOnlyMixin:
    """Which cases are intake-only, and their intake at the pools."""

    def _intake_only(self) -> np.ndarray:
        """Cases (bool per case) whose only step that needs a server is the intake of
        their first and only episode: no consultation, no light help, no return, and care,
        if any, at open capacity without step-down."""
        c = self.cases
        limited = np.array([places is not None for places in self.places_of] + [False])
        referred = c.outcome[:, 0] == REFERRED  # product -1 (not referred) reads False
        only = (~c.consult[:, 0] & (c.outcome[:, 0] != HELPED) & ~c.reentry[:, 0]
                & ~(referred & (c.step_down[:, 0] | limited[c.product[:, 0]])))
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
            team.intake.expect(times[mine].tolist(), [self.c.priority[i * EPISODES] for i in ids],
                               partial(self._start_intake_only, team.intake, ids),
                               deadlines, abandon)

    def _abandon_intake_only(self, ids: list[int], n: int, deadline: float) -> None:
        """Case ``ids[n]`` gave up waiting for its intake at ``deadline``."""
        self.stages.end[ids[n] * EPISODES * len(STAGES) + ASSESSMENT] = deadline

    def _start_intake_only(self, pool: ServerPool, ids: list[int], n: int,
                           start: float) -> float:
        """The intake of case ``ids[n]`` starts at ``start`` (open-capacity care, if any,
        follows at once); returns the end of the intake."""
        c, j = self.c, ids[n] * EPISODES
        row = j * len(STAGES)
        end = self._leave(None, row + ASSESSMENT, start, c.assessment_days[j], pool.speed)
        if c.outcome[j] == REFERRED:
            self._open_care(row + CARE, end, c.care_days[j])
        return end
