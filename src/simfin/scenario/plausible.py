"""Plausibility warnings: values the schema accepts but an advisor would want to check.

The schema refuses what cannot be (:mod:`simfin.scenario.bounds`); these are values that
can be but rarely are, each warned about with the value and the plausible range, and what
that range rests on:

* a team of more FTE than :data:`MAX_FTE_PER_1000` per 1,000 inhabitants: more than the
  whole municipal organisation (Baarn 6.7--6.9, Hulst 7.2 FTE per 1,000 inhabitants:
  Baarn Begroting 2026, Programma 9, https://baarn.begrotingsapp.nl/begroting-2026 ; Hulst
  Begroting 2026, beleidsindicatoren, https://hulst.begroting-2026.nl/p7587);
* an access team whose expected intake and assessment work is at least its capacity
  (utilisation >= 100 %): the queue then grows through the horizon (M/M/c is stable only
  below 100 %; :mod:`simfin.theory`), e.g. 0.5 FTE for a whole region;
* a budget ceiling below :data:`MIN_CEILING_EUR_PER_INHABITANT` or above
  :data:`MAX_CEILING_EUR_PER_INHABITANT` a year per inhabitant. The upper end is twice the
  highest social-domain lasten per inhabitant of Baarn, Bunschoten and Soest (about
  € 1,400; CBS Iv3 jaarrekening 2023, ``data/observed/bbs-lasten.csv``); the lower end is
  an assumption (no budget line of a municipal social domain is this small).

Warnings never stop a run: ``simfin validate`` and ``simfin run`` print them as
``simfin: warning: <file>: <field>: ...``.
"""

from __future__ import annotations

import math

from simfin.scenario.schema import Scenario
from simfin.scenario.size import DAYS_PER_YEAR, expected_requests, team_work

__all__ = ["MAX_CEILING_EUR_PER_INHABITANT", "MAX_FTE_PER_1000",
           "MIN_CEILING_EUR_PER_INHABITANT", "plausibility_warnings"]

MAX_FTE_PER_1000 = 7.2
MIN_CEILING_EUR_PER_INHABITANT = 1.0
MAX_CEILING_EUR_PER_INHABITANT = 2_800.0


def _n(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 10 else f"{x:,.2g}"


def plausibility_warnings(scenario: Scenario) -> list[str]:
    """One line per implausible value: ``<field>: <value> ...; plausible: <range> (<basis>)``."""
    inhabitants = sum(m.inhabitants for m in scenario.municipalities.values())
    return [*_fte(scenario, inhabitants), *_utilisation(scenario),
            *_ceiling(scenario, inhabitants)]


def _fte(scenario: Scenario, inhabitants: int) -> list[str]:
    most = MAX_FTE_PER_1000 * inhabitants / 1000
    fte = scenario.access_team.fte
    if fte <= most:
        return []
    return [f"access_team.fte: {_n(fte)} FTE is more than the whole municipal organisation "
            f"of {inhabitants:,} inhabitants; plausible: at most {_n(most)} FTE "
            f"({MAX_FTE_PER_1000} FTE per 1,000 inhabitants, the formatie of Hulst, "
            "Begroting 2026)"]


def intake_utilisation(scenario: Scenario) -> float:
    """Expected intake and assessment hours over the reported years divided by the hours
    the team's assessment share, plus the most hired intake workers of ``[inhuur]``, can give
    in them (>= 1: the queue keeps growing)."""
    sim = scenario.simulation
    days = sim.horizon_years * DAYS_PER_YEAR
    requests = {name: math.fsum(expected_requests(m, stream, 0.0, days,
                                                  m.local_factors.get(name, 1.0))
                                for m in scenario.municipalities.values())
                for name, stream in scenario.demand_streams.items()}
    hours, _ = team_work(scenario, requests)
    team = scenario.access_team
    # hired intake workers (``[inhuur]``, at least one team's ``max_fte``) work as fast as
    # the team's and start when the wait grows: with them the queue is bounded
    hired = scenario.inhuur.max_fte if scenario.inhuur is not None else 0
    capacity = ((team.fte * team.assessment_share + hired) * team.case_hours_per_fte
                * sim.horizon_years)
    return hours / capacity if capacity > 0 else math.inf


def _utilisation(scenario: Scenario) -> list[str]:
    use = intake_utilisation(scenario)
    if use < 1:
        return []
    team = scenario.access_team
    shown = f"{use:.0%}" if math.isfinite(use) and use < 1e6 else "far above 100%"
    return [f"access_team.fte: {_n(team.fte)} FTE (x assessment_share "
            f"{team.assessment_share:g}) cannot keep up with the expected intakes: utilisation "
            f"{shown}, so the waiting times grow through the whole horizon; plausible: "
            "a utilisation below 100% (queueing theory, M/M/c)"]


def _ceiling(scenario: Scenario, inhabitants: int) -> list[str]:
    ceiling = scenario.ceiling
    if ceiling is None or inhabitants <= 0:
        return []
    low = MIN_CEILING_EUR_PER_INHABITANT * inhabitants
    high = MAX_CEILING_EUR_PER_INHABITANT * inhabitants
    amounts = [("ceiling.amount_eur_per_year", ceiling.amount_eur_per_year),
               *((f"ceiling.by_year.{y}", v) for y, v in sorted(ceiling.by_year.items()))]
    return [f"{field}: € {_n(value)} a year is € {_n(value / inhabitants)} per inhabitant; "
            f"plausible: € {_n(low)} to € {_n(high)} for {inhabitants:,} inhabitants "
            f"(€ {MIN_CEILING_EUR_PER_INHABITANT:g} to € {MAX_CEILING_EUR_PER_INHABITANT:,.0f} "
            "per inhabitant: twice the highest social-domain lasten of Baarn, Bunschoten and "
            "Soest, CBS Iv3 2023; the lower end an assumption)"
            for field, value in amounts if value is not None and not low <= value <= high]
