"""Inhuur: temporary external intake workers while the intake wait is above the norm.

Every ``check_interval_days`` (from the start of the first reported year; never in the
warm-up) each team's *expected intake wait* is estimated as ``queue length x mean
assessment days / (workers x their speed now)`` (the wait a new arrival would have if the queue emptied at the
team's average pace; clients who already gave up but have not yet been reached count too).
Above ``trigger_wait_days`` one more hired worker is ordered; it starts ``reaction_days``
later, as long as no more than ``max_fte`` are hired or ordered. Below half the trigger,
the most recently hired worker leaves. Each spell of a hired worker is one row of
:func:`Inhuur.frame`: its cost follows in :mod:`simfin.finance.timeline`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import simpy

__all__ = ["INHUUR_COLUMNS", "Inhuur", "trigger_days"]

INHUUR_COLUMNS = ("team", "t_start", "t_end", "hours")


def trigger_days(scenario) -> float:
    """The expected wait that triggers inhuur: the scenario's, or the smallest legal norm."""
    spec = scenario.inhuur
    if spec.trigger_wait_days is not None:
        return spec.trigger_wait_days
    return min(s.legal_norm_days for s in scenario.demand_streams.values())


class Inhuur:
    """Hires and releases intake workers per team (:class:`simfin.sim.timeline.Staffing`)."""

    def __init__(self, env: simpy.Environment, scenario, origin: float, stop: float,
                 staffing: dict, mean_days: dict[str, float]) -> None:
        spec = scenario.inhuur
        self.env, self.origin, self.stop = env, origin, stop
        self.max, self.delay, self.every = spec.max_fte, spec.reaction_days, \
            spec.check_interval_days
        self.trigger = trigger_days(scenario)
        self.staffing, self.mean_days = staffing, mean_days
        self.ordered = dict.fromkeys(mean_days, 0)
        self.started: dict[str, list[float]] = {name: [] for name in mean_days}
        self.spells: list[tuple[str, float, float]] = []
        env.timeout(max(origin - env.now, 0.0)).callbacks.append(self._check)

    def _check(self, _event: simpy.Event) -> None:
        now = self.env.now
        for name, mean in self.mean_days.items():
            staffing = self.staffing[name]
            pool = staffing.pool
            pool.catch_up(now)  # lets in the expected cases that arrived by now
            speed = 1.0 if pool.speed is None else pool.speed.at(now)
            if pool.capacity == 0:  # a unit closed by a reorganisation, or not yet open
                continue
            wait = pool.queue_length * mean / (pool.capacity * speed)
            if wait > self.trigger and self.ordered[name] < self.max:
                self.ordered[name] += 1
                self.env.timeout(self.delay).callbacks.append(
                    lambda _, n=name: self._hire(n))
            elif wait < self.trigger / 2 and self.started[name] \
                    and self.ordered[name] == staffing.hired:
                self._release(name)
        self.env.timeout(self.every).callbacks.append(self._check)

    def _hire(self, name: str) -> None:
        staffing, now = self.staffing[name], self.env.now
        staffing.set_hired(staffing.hired + 1, now)
        self.started[name].append(now)

    def _release(self, name: str) -> None:
        staffing, now = self.staffing[name], self.env.now
        staffing.set_hired(staffing.hired - 1, now)
        self.ordered[name] -= 1
        self.spells.append((name, self.started[name].pop(), now))

    def frame(self, hours_per_day: dict[str, float]) -> pd.DataFrame:
        """Spells of hired workers (days since year one; still hired: ends at the end of
        the run) and the hours each worked, at the team's hours per worker-day."""
        spells = self.spells + [(name, t, self.stop) for name, starts in self.started.items()
                                for t in starts]
        spells.sort(key=lambda s: (s[0], s[1], s[2]))
        team = [s[0] for s in spells]
        t0 = np.array([s[1] for s in spells], dtype=float) - self.origin
        t1 = np.array([s[2] for s in spells], dtype=float) - self.origin
        hours = (t1 - t0) * np.array([hours_per_day[n] for n in team], dtype=float)
        return pd.DataFrame({"team": team, "t_start": t0, "t_end": t1, "hours": hours},
                            columns=list(INHUUR_COLUMNS))
