"""The access team (toegang, 1e lijn) as capacity-limited SimPy resources.

Intake and assessment: the assessment part of a team's formation is modelled as
``servers`` parallel workers (one per assessment FTE, rounded, at least one) that each
take one request at a time; a request of ``h`` hours occupies a worker for
``h / hours_per_day`` calendar days, where the hours per day spread the case hours of
the assessment FTE evenly over the year. The total capacity in hours is exactly
``fte * assessment_share * case_hours_per_fte`` a year, with ``case_hours_per_fte =
productive_hours_per_fte * (1 - absence_rate) * (1 - time_use.total) * (1 -
vacancy_rate)``: absence, the time around the cases (administration, overleg, travel,
caseload management) and vacant posts are all hours that do no assessment. Urgent
requests go first (priority queue, first come first served within a priority).

Light help: the filled rest of the formation carries ``slots`` clients at a time
(light-help FTE x (1 - vacancy_rate) x caseload per FTE; a caseload norm already holds
the time around the cases); a client above that waits for a slot.

Organisation (``access_team.organisation``): one joint team, a team per municipality, or
local generalist teams around one pooled shell of specialists. Specialists give
consultations (a pool of workers like the assessment pool) and sit in each municipal team
under ``per_municipality``, in one pool otherwise.
"""

from __future__ import annotations

import math

import simpy

from simfin.scenario.schema import AccessTeam as AccessTeamSpec
from simfin.scenario.schema import Scenario
from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.server_pool import ServerPool

__all__ = ["JOINT", "SHELL", "AccessTeam", "SpecialistPool", "capacity", "fte_per_10000",
           "pool_capacity",
           "specialist_units", "team_units"]

JOINT, SHELL = "gezamenlijk", "schil"


def pool_capacity(fte: float, spec: AccessTeamSpec) -> tuple[int, float]:
    """``(servers, hours_per_server_day)`` of a pool of ``fte`` FTE working on cases."""
    servers = max(1, round(fte))
    # in this order, so that without time use and vacancies the hours are those of before
    hours_per_day = (fte * spec.productive_hours_per_fte * (1 - spec.absence_rate)
                     * (1 - spec.time_use.total) * (1 - spec.vacancy_rate))
    return servers, hours_per_day / DAYS_PER_YEAR / servers


def capacity(spec: AccessTeamSpec, fte: float | None = None) -> tuple[int, float, int]:
    """``(servers, hours_per_server_day, light_help_slots)`` of a team of ``fte`` FTE."""
    fte = spec.fte if fte is None else fte
    servers, hours_per_server_day = pool_capacity(fte * spec.assessment_share, spec)
    fte_light = fte * (1 - spec.assessment_share) * (1 - spec.vacancy_rate)
    slots = max(1, math.floor(fte_light * spec.caseload_per_fte + 1e-9))
    return servers, hours_per_server_day, slots


def _inhabitant_split(scenario: Scenario, total: float) -> dict[str, float]:
    pops = {name: m.inhabitants for name, m in scenario.municipalities.items()}
    whole = sum(pops.values())
    return {name: total * pop / whole for name, pop in pops.items()}


def team_units(scenario: Scenario) -> dict[str, tuple[list[str], float]]:
    """Generalist teams: name -> (municipalities served, FTE)."""
    spec = scenario.access_team
    if spec.organisation == "joint":
        return {JOINT: (sorted(scenario.municipalities), spec.fte)}
    split = spec.fte_by_municipality or _inhabitant_split(scenario, spec.fte)
    return {name: ([name], split[name]) for name in sorted(scenario.municipalities)}


def specialist_units(scenario: Scenario) -> dict[str, tuple[list[str], float]]:
    """Specialist pools: name -> (municipalities served, FTE); empty without specialists."""
    spec = scenario.access_team
    if spec.specialist_fte <= 0:
        return {}
    if spec.organisation == "per_municipality":
        split = _inhabitant_split(scenario, spec.specialist_fte)
        return {name: ([name], split[name]) for name in sorted(scenario.municipalities)}
    return {JOINT if spec.organisation == "joint" else SHELL:
            (sorted(scenario.municipalities), spec.specialist_fte)}


class AccessTeam:
    """SimPy resources of one generalist team."""

    def __init__(self, env: simpy.Environment, spec: AccessTeamSpec,
                 fte: float | None = None, name: str = JOINT) -> None:
        self.name = name
        self.servers, self.hours_per_server_day, self.slots = capacity(spec, fte)
        self.intake = ServerPool(env, self.servers)
        self.light_help = ServerPool(env, self.slots)

    def assessment_days(self, hours: float) -> float:
        """Calendar days a worker needs for ``hours`` of assessment work."""
        return hours / self.hours_per_server_day


class SpecialistPool:
    """SimPy resource of a pool of specialists giving consultations."""

    def __init__(self, env: simpy.Environment, spec: AccessTeamSpec, fte: float,
                 name: str) -> None:
        self.name = name
        self.servers, self.hours_per_server_day = pool_capacity(fte, spec)
        self.consult = ServerPool(env, self.servers)

    def consultation_days(self, hours: float) -> float:
        """Calendar days a specialist needs for ``hours`` of consultation."""
        return hours / self.hours_per_server_day


def fte_per_10000(scenario: Scenario) -> dict[str, float]:
    """Generalist FTE per 10,000 inhabitants (start of the run): the formation, the filled
    posts (less ``vacancy_rate``), and the FTE-equivalent of the hours left for
    assessments and light help after absence and the time around the cases."""
    spec = scenario.access_team
    per = 10_000 / sum(m.inhabitants for m in scenario.municipalities.values())
    working = spec.case_hours_per_fte / spec.productive_hours_per_fte
    return {"formation": spec.fte * per, "filled": spec.fte * (1 - spec.vacancy_rate) * per,
            "on_cases": spec.fte * working * per}
