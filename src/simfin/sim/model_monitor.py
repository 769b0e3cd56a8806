"""Monitor snapshots and the household members of a simulation (a mixin of
:class:`simfin.sim.model.Simulation`): queues and busy servers every
``monitor_interval_days``, clients in care from the ledger afterwards, and the other cases
of a household that share its one intake under integral access."""

from __future__ import annotations

import numpy as np
import simpy

from simfin.sim.arrival import start_case
from simfin.sim.cases import EPISODES
from simfin.sim.stage_times import ASSESSMENT, CARE, STAGES

__all__ = ["MonitorMixin"]


class MonitorMixin:
    """Snapshots, clients in care, household members."""

    def _in_care(self, t: np.ndarray) -> np.ndarray:
        """Clients in specialist care at times ``t`` (days since year one), from the care
        intervals (started at or before ``t``, not ended by then) of every care stage
        reached, the warm-up's included, with the ledger's rules (:meth:`Ledger.arrays`):
        a time at or after the end of the run has not happened."""
        stop = self.origin + self.horizon
        at = slice(CARE, None, len(STAGES))
        arrival = np.frombuffer(self.stages.arrival)[at]
        entered = arrival < stop               # reached before the end of the run
        start = np.frombuffer(self.stages.start)[at][entered]
        end = np.frombuffer(self.stages.end)[at][entered]
        start, end = start[start < stop] - self.origin, end[end < stop] - self.origin
        start, end = np.sort(start), np.sort(end)
        return (np.searchsorted(start, t, side="right")
                - np.searchsorted(end, t, side="right")).astype(np.int64)

    def _snapshot(self, event: simpy.Event | None = None) -> None:
        """Record queues and busy servers now, and schedule the next snapshot (a chain of
        timeouts, no process: nothing refers back to the simulation after the run)."""
        env, teams = self.env, list(self.teams.values())
        now = env.now  # busy() first: it lets in the expected cases that arrived
        if self.compiled_pools is not None:
            self._compiled_snapshots(now)
            return
        intake_busy = sum(t.intake.busy(now) for t in teams)
        light_help_busy = sum(t.light_help.busy(now) for t in teams)
        intake_queue = sum(t.intake.queue_length for t in teams)
        light_help_queue = sum(t.light_help.queue_length for t in teams)
        self.snapshots.append((now, intake_queue, intake_busy, light_help_queue,
                               light_help_busy, self.providers.waiting()))
        env.timeout(self.interval).callbacks.append(self._snapshot)

    def _compiled_snapshots(self, now: float) -> None:
        """The snapshots from ``now`` on until SimPy's next event, in one compiled call: in
        between nothing but the compiled catch-up moves the pools (no case is a process),
        so counting at each time in turn gives what the chain of timeouts would. The next
        snapshot is then scheduled at the very time and in the order the chain would have
        it (its time exactly ``now`` + delay; no other event scheduled in between)."""
        if self._count_units is None:  # intake, light help, client places
            teams = list(self.teams.values())
            places = self.providers.limited()
            self._count_units = self.compiled_pools.counter(
                [[t.intake for t in teams], [t.light_help for t in teams], places])
        times, t = [now], now + self.interval
        before = min(self.env.peek(), self.origin + self.horizon)  # the run stops there
        while t < before:
            times.append(t)
            t = t + self.interval
        while len(times) > 1 and now + (t - now) != t:
            t = times.pop()
        counts = self._count_units.each(np.array(times)).tolist()
        self.snapshots += [(at, intake_queue, intake_busy, light_queue, light_busy, waiting)
                           for at, (intake_busy, intake_queue, light_busy, light_queue, _,
                                    waiting) in zip(times, counts, strict=True)]
        delay = self.interval if len(times) == 1 else t - now
        self.env.timeout(delay).callbacks.append(self._snapshot)

    def _members_arrive(self, i: int) -> None:
        """The other cases of case ``i``'s household arrive with it at the intake."""
        for m in self.members[i]:
            self.stages.arrival[m * EPISODES * len(STAGES) + ASSESSMENT] = \
                self.cases.arrival[m] + self.origin

    def _start_members(self, i: int, start: float, end: float) -> None:
        """Case ``i``'s intake (``start`` to ``end``) was its household's one intake: each
        other case of the household gets an intake row without hours (start and end at the
        intake's start) and goes on from ``end``."""
        stages = self.stages
        for m in self.members[i]:
            row = m * EPISODES * len(STAGES) + ASSESSMENT
            stages.start[row] = stages.end[row] = start
            start_case(self._case(m, end, True))

    def _members_give_up(self, i: int, deadline: float) -> None:
        """Case ``i`` gave up waiting for its household's one intake: so do the others."""
        for m in self.members[i]:
            self.stages.end[m * EPISODES * len(STAGES) + ASSESSMENT] = deadline
