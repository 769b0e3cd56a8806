"""The access team (toegang, 1e lijn) as capacity-limited SimPy resources.

Intake and assessment: the assessment part of the formation is modelled as ``servers``
parallel workers (one per assessment FTE, rounded, at least one) that each take one
request at a time; a request of ``h`` hours occupies a worker for ``h / hours_per_day``
calendar days, where the hours per day spread the productive, non-absent hours of the
assessment FTE evenly over the year. The total capacity in hours is exactly
``fte * assessment_share * productive_hours_per_fte * (1 - absence_rate)`` per year.
Urgent requests go first (priority queue, first come first served within a priority).

Light help: the rest of the formation carries ``slots`` clients at a time
(light-help FTE x caseload per FTE); a client above that waits for a slot.
"""

from __future__ import annotations

import math

import simpy

from simfin.scenario.schema import AccessTeam as AccessTeamSpec
from simfin.sim.arrivals import DAYS_PER_YEAR

__all__ = ["AccessTeam", "capacity"]


def capacity(spec: AccessTeamSpec) -> tuple[int, float, int]:
    """``(servers, hours_per_server_day, light_help_slots)`` of an access-team spec."""
    fte_assessment = spec.fte * spec.assessment_share
    servers = max(1, round(fte_assessment))
    hours_per_day = fte_assessment * spec.productive_hours_per_fte * (1 - spec.absence_rate)
    hours_per_server_day = hours_per_day / DAYS_PER_YEAR / servers
    fte_light = spec.fte * (1 - spec.assessment_share)
    slots = max(1, math.floor(fte_light * spec.caseload_per_fte + 1e-9))
    return servers, hours_per_server_day, slots


class AccessTeam:
    """SimPy resources of the access team."""

    def __init__(self, env: simpy.Environment, spec: AccessTeamSpec) -> None:
        self.servers, self.hours_per_server_day, self.slots = capacity(spec)
        self.intake = simpy.PriorityResource(env, capacity=self.servers)
        self.light_help = simpy.PriorityResource(env, capacity=self.slots)

    def assessment_days(self, hours: float) -> float:
        """Calendar days a worker needs for ``hours`` of assessment work."""
        return hours / self.hours_per_server_day
