"""Capacity that changes in time: a pool's number of servers and its workers' speed.

A service's length is drawn up front as *work*: the calendar days a worker needs at the
speed of the scenario's first regime. When the speed changes (more or fewer productive
hours per worker, a productivity dip), a service starting at ``s`` with work ``w`` ends at
the ``e`` with ``integral of speed from s to e = w`` (:meth:`Speed.end`); at speed 1 that
is ``s + w`` to the last bit, so a timeline that changes nothing changes no result.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from math import inf

__all__ = ["Speed", "step_function"]


class Speed:
    """Piecewise-constant speed: ``factors[i]`` from ``times[i]`` until ``times[i + 1]``;
    1 before ``times[0]``. Times in SimPy days, factors > 0."""

    def __init__(self, times: Sequence[float], factors: Sequence[float]) -> None:
        self.times = [-inf, *times]
        self.factors = [1.0, *factors]

    def at(self, t: float) -> float:
        """The speed at time ``t``."""
        return self.factors[bisect_right(self.times, t) - 1]

    def end(self, start: float, work: float) -> float:
        """When a service of ``work`` (days at speed 1) that starts at ``start`` ends."""
        times, factors = self.times, self.factors
        i = bisect_right(times, start) - 1
        t = start
        while True:
            f = factors[i]
            nxt = times[i + 1] if i + 1 < len(times) else inf
            end = t + work if f == 1.0 else t + work / f
            if end <= nxt:
                return end
            work -= (nxt - t) * f
            t, i = nxt, i + 1


def step_function(points: Sequence[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """``(times, values)`` of ``(time, value)`` points (a later point at the same time
    wins), sorted, each point that does not change the value left out (the value before
    the first point is 1)."""
    last_at = dict(points)
    times, values, last = [], [], 1.0
    for t in sorted(last_at):
        if last_at[t] != last:
            last = last_at[t]
            times.append(t)
            values.append(last)
    return times, values
