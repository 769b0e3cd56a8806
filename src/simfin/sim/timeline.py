"""The timeline inside one simulation: each team's capacity follows the regimes.

At each regime's start (:func:`simfin.scenario.timeline.regimes`) every intake, light-help
and consultation pool gets the servers that regime's FTE gives
(:func:`simfin.sim.access_team.capacity`), and its workers the speed its productive hours
give, times ``1 - share`` during a productivity dip (:class:`simfin.sim.capacity.Speed`).
Nothing else moves: waiting clients keep their place in the queue, and a service that has
started runs on at the speed it meets (:meth:`ServerPool.set_capacity`). A unit (team,
specialist pool) that a regime does not have gets 0 servers in it; when the organisation
form changes, :mod:`simfin.sim.reorganisation` moves the waiting clients.
"""

from __future__ import annotations

import numpy as np
import simpy

from simfin.scenario.timeline import dips, regimes
from simfin.sim.access_team import capacity, pool_capacity, specialist_units, team_units
from simfin.sim.capacity import Speed, step_function
from simfin.sim.cases import CaseTable
from simfin.sim.ledger import activity_code
from simfin.sim.server_pool import ServerPool

__all__ = ["Staffing", "attach_timeline", "worked_intensity"]


class Staffing:
    """The servers of one pool: the timeline's number plus hired ones (inhuur)."""

    def __init__(self, pool: ServerPool) -> None:
        self.pool, self.base, self.hired = pool, pool.capacity, 0

    def set_base(self, servers: int, t: float) -> None:
        self.base = servers
        self.pool.set_capacity(self.base + self.hired, t)

    def set_hired(self, hired: int, t: float) -> None:
        self.hired = hired
        self.pool.set_capacity(self.base + self.hired, t)


def _pool_plans(scenario, regime_list) -> dict[tuple[str, str], list[tuple[float, int, float]]]:
    """Per (unit, pool kind): ``(regime start days, servers, hours per server-day)`` for
    every regime; a unit a regime does not have: 0 servers, hours NaN."""
    plans: dict[tuple[str, str], list] = {}
    for regime in regime_list:
        before = {key: len(plan) for key, plan in plans.items()}
        s = regime.scenario
        spec = s.access_team
        for name, (_, fte) in team_units(s).items():
            servers, hours, slots = capacity(spec, fte)
            plans.setdefault((name, "intake"), []).append((regime.start_days, servers, hours))
            plans.setdefault((name, "light_help"), []).append((regime.start_days, slots, 1.0))
        for name, (_, fte) in specialist_units(s).items():
            servers, hours = pool_capacity(fte, spec)
            plans.setdefault((name, "consult"), []).append((regime.start_days, servers, hours))
        for name, provider in s.providers.items():
            places = provider.capacity_limit
            if places is not None:
                plans.setdefault((name, "places"), []).append((regime.start_days, places, 1.0))
        for key, n in before.items():  # units of earlier regimes this one does not have
            if len(plans[key]) == n:
                plans[key].append((regime.start_days, 0, np.nan))
    for key, plan in plans.items():  # units of later regimes only
        gone = [(r.start_days, 0, np.nan) for r in regime_list[:len(regime_list) - len(plan)]]
        plans[key] = gone + plan
    return plans


def _dip_factor(windows, t: float) -> float:
    factor = 1.0
    for w in windows:
        if w.start_days <= t < w.end_days:
            factor *= 1.0 - w.value
    return factor


def attach_timeline(env: simpy.Environment, scenario, origin: float,
                    pools: dict[tuple[str, str], ServerPool]) -> dict[tuple[str, str], Staffing]:
    """Schedule every capacity change of ``scenario``'s timeline on ``pools`` (keyed by
    unit or provider name and ``"intake"``, ``"light_help"``, ``"consult"`` or
    ``"places"``) and give the intake and consultation pools their speeds; returns the staffing of every pool. ``origin`` is SimPy time of day 0."""
    regime_list = regimes(scenario)
    windows = dips(scenario)
    staffing = {key: Staffing(pool) for key, pool in pools.items()}
    for key, plan in _pool_plans(scenario, regime_list).items():
        if plan[0][1] != staffing[key].base:  # a unit that only a later regime has
            staffing[key].set_base(plan[0][1], env.now)
        _schedule_servers(env, staffing[key], origin, plan)
        if key[1] in ("intake", "consult"):
            pools[key].speed = _speed(plan, windows, origin)
    return staffing


def _schedule_servers(env, staffing: Staffing, origin: float, plan) -> None:
    current = staffing.base
    for start, servers, _ in plan[1:]:
        if servers != current:
            t = origin + start
            env.timeout(max(t - env.now, 0.0)).callbacks.append(
                lambda _, n=servers, t=t: staffing.set_base(n, t))
            current = servers


def _speed(plan, windows, origin: float) -> Speed | None:
    """The pool's speed relative to its first regime that has it, dips included; ``None``
    if 1 always. While the unit is closed its last pace holds (busy workers finish at it)."""
    base = next(p[2] for p in plan if not np.isnan(p[2]))
    edges = sorted({p[0] for p in plan[1:]} | {w.start_days for w in windows}
                   | {w.end_days for w in windows})

    def hours_at(t):
        open_before = [p[2] for p in plan if p[0] <= t and not np.isnan(p[2])]
        return open_before[-1] if open_before else base

    points = [(origin + t, hours_at(t) / base * _dip_factor(windows, t)) for t in edges]
    times, factors = step_function(points)
    return Speed(times, factors) if times else None


def worked_intensity(rows: dict[str, np.ndarray], cases: CaseTable) -> None:
    """Set the intensity of assessment and consultation rows to the case's hours over the
    calendar time its service took, so that the ledger's units stay the hours worked when
    the speed changed during the service (in place; ``rows`` are ledger buffers)."""
    case, episode, activity = rows["case"], rows["episode"], rows["activity"]
    duration = rows["t_end"] - rows["t_start"]
    for name, hours in (("assessment", cases.assessment_hours),
                        ("consultation", cases.consult_hours)):
        at = np.flatnonzero((activity == activity_code(name)) & (duration > 0))
        rows["intensity"][at] = 7.0 * hours[case[at], episode[at]] / duration[at]
