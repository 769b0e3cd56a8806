"""Scale sweep: the same rates and organisation at other population sizes.

:func:`scale_scenario` multiplies every municipality's inhabitants by one factor and scales
what grows with the population: generalist and specialist FTE (same FTE per inhabitant)
and lump-sum budgets and places. Indivisible roles and fixed costs do not scale: they
follow their own rules (whole persons, once per organisation), and queue pooling follows
from the simulation, so scale effects emerge from the mechanisms and are never assumed.
With ``staffing="norm"`` each size is instead staffed to the legal intake norm
(:mod:`simfin.staffing`).

:func:`scale_sweep` returns one row per population size: structural cost per inhabitant
(mean over replications and reported years), FTE per 10,000 inhabitants, intake waiting
time p95 and vulnerability: ``p_any_function_uncovered``, the chance that on a working day at
least one function has nobody available (:func:`~simfin.finance.vulnerability.vulnerability_summary`),
next to the 80%-rule planning figure ``max_p_below_staffing_rule``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from simfin.finance.organisation import organisation_units, role_persons
from simfin.finance.vulnerability import vulnerability_summary, vulnerability_table
from simfin.runner import run
from simfin.scenario.schema import Scenario
from simfin.sim.access_team import specialist_units, team_units
from simfin.scope_check import check_scope, restrict, scope_note, scope_of
from simfin.staffing import staff_to_norm, with_team_fte

__all__ = ["MARKED_POPULATIONS", "organisation_fte", "scale_scenario", "scale_sweep"]

MARKED_POPULATIONS = (95_000, 100_000)


def scale_scenario(scenario: Scenario, inhabitants: int) -> Scenario:
    """``scenario`` with ``inhabitants`` in total and FTE, budgets and places scaled alike."""
    total = sum(m.inhabitants for m in scenario.municipalities.values())
    factor = inhabitants / total
    munis = {name: m.model_copy(update={"inhabitants": max(1, round(m.inhabitants * factor))})
             for name, m in scenario.municipalities.items()}
    team = scenario.access_team
    split = team.fte_by_municipality
    team = team.model_copy(update={
        "fte": team.fte * factor, "specialist_fte": team.specialist_fte * factor,
        "fte_by_municipality": None if split is None else {k: v * factor
                                                           for k, v in split.items()}})
    providers = {name: p.model_copy(update={
        "financing": _scale_financing(p.financing, factor),
        "capacity_places": None if p.capacity_places is None
        else max(1, round(p.capacity_places * factor))})
                 for name, p in scenario.providers.items()}
    return scenario.model_copy(update={
        "name": f"{scenario.name}@{inhabitants}", "municipalities": munis,
        "access_team": team, "providers": providers})


def _scale_financing(financing, factor: float):
    update = {}
    if hasattr(financing, "budget_eur_per_year"):
        update["budget_eur_per_year"] = financing.budget_eur_per_year * factor
    if getattr(financing, "client_places", None) is not None:
        update["client_places"] = max(1, round(financing.client_places * factor))
    return financing.model_copy(update=update)


def organisation_fte(scenario: Scenario) -> float:
    """Generalist + specialist FTE + persons in indivisible roles (counted as 1 FTE each)."""
    fte = sum(f for _, f in team_units(scenario).values())
    fte += sum(f for _, f in specialist_units(scenario).values())
    units = {"organisation": list(organisation_units(scenario).values()),
             "team": [m for m, _ in team_units(scenario).values()]}
    for role in scenario.organisation.roles.values():
        for munis in units[role.scope]:
            fte += role_persons(role, sum(scenario.municipalities[m].inhabitants for m in munis))
    return float(fte)


def scale_sweep(scenario: Scenario, populations, replications: int | None = None,
                seed: int | None = None, staffing: str = "proportional",
                progress: bool = False) -> pd.DataFrame:
    """One row per population size; see the module docstring for the columns' meaning."""
    if staffing not in ("proportional", "norm"):
        raise ValueError('expected staffing "proportional" or "norm"')
    rows = []
    for inhabitants in sorted(int(p) for p in populations):
        scaled = scale_scenario(scenario, inhabitants)
        if staffing == "norm":
            answer = staff_to_norm(scaled, replications=replications)
            scaled = with_team_fte(scaled, answer.fte)
        results = run(scaled, replications=replications, seed=seed, progress=progress)
        rows.append(_row(scaled, results, inhabitants))
    return pd.DataFrame(rows)


def _row(scenario: Scenario, results, inhabitants: int) -> dict:
    costs = results.municipality_costs()
    yearly_total = costs.groupby(["replication", "year"])["amount_eur"].sum()
    per_inhabitant = yearly_total.groupby("replication").mean() / inhabitants
    kpi = results.kpis.pivot(index="replication", columns="kpi", values="value")
    vuln = vulnerability_table(scenario)
    summary = vulnerability_summary(scenario)
    return {
        "inhabitants": inhabitants,
        "cost_per_inhabitant_eur": per_inhabitant.mean(),
        "cost_per_inhabitant_p05_eur": per_inhabitant.quantile(0.05),
        "cost_per_inhabitant_p95_eur": per_inhabitant.quantile(0.95),
        "fte_per_10000": organisation_fte(scenario) / inhabitants * 10_000,
        "intake_wait_p95_days": kpi["intake_wait_p95_days"].mean(),
        "intake_within_norm_share": kpi["intake_within_norm_share"].mean(),
        "max_uncovered_days": float(vuln["uncovered_days"].max()) if len(vuln) else math.nan,
        # the 80%-rule planning figure (rises with size for small roles); not the vulnerability
        "max_p_below_staffing_rule": float(vuln["p_understaffed"].max()) if len(vuln)
        else math.nan,
        "p_any_function_uncovered": float(summary["p_nobody"].iat[-1]),
        "teams": len(team_units(scenario)),
    }


def default_populations(start: int, stop: int, points: int) -> list[int]:
    """Population sizes from ``start`` to ``stop`` (geometric), plus 95,000 and 100,000;
    rounded to thousands, or to two significant digits below 10,000 (never to 0)."""
    grid = [max(1, round(int(p), -min(3, max(0, len(str(int(p))) - 2))))
            for p in np.geomspace(start, stop, points).round()]
    marked = [p for p in MARKED_POPULATIONS if start <= p <= stop]
    return sorted(set(grid) | set(marked))


def compare_organisations(scenarios: list[Scenario], replications: int | None = None,
                          seed: int | None = None, common_scope: bool = False) -> pd.DataFrame:
    """The scale figures of whole scenarios side by side (e.g. BBS apart, joint, 100k).

    Scenarios of different scope are refused (:class:`~simfin.scope_check.ScopeError`);
    ``common_scope=True`` compares the scope they share. ``attrs["scope"]`` and
    ``attrs["scope_restricted"]`` say which (:func:`~simfin.scope_check.scope_note_of`).
    """
    scope = check_scope(scenarios, common=common_scope)
    restricted = any(scope_of(s) != scope for s in scenarios)
    rows = []
    for scenario in (restrict(s, scope) for s in scenarios):
        inhabitants = sum(m.inhabitants for m in scenario.municipalities.values())
        results = run(scenario, replications=replications, seed=seed)
        rows.append({"scenario": scenario.name, "organisation": scenario.access_team.organisation,
                     **_row(scenario, results, inhabitants)})
    table = pd.DataFrame(rows)
    if restricted:  # the CSV says it too
        table["scope"] = scope_note(scope, True, "en")
    table.attrs.update(scope=scope, scope_restricted=restricted)
    return table


def access_mode_comparison(scenario: Scenario, replications: int | None = None,
                           seed: int | None = None) -> pd.DataFrame:
    """Integral versus per-domain access on the same residents: team hours and euros.

    Per-domain access gives a request that touches ``domains`` domains one intake per
    domain; integral access gives one intake plus a joint plan. Columns: ``intake_mode``,
    ``assessment_hours_per_year`` (mean over replications and reported years),
    ``assessment_cost_eur_per_year`` (hours valued at the team's loaded cost per productive
    hour), ``intake_wait_p95_days``.
    """
    team = scenario.access_team
    eur_per_hour = team.loaded_cost_per_fte_eur / team.productive_hours_per_fte
    rows = []
    for mode in ("integral", "per_domain"):
        variant = scenario.model_copy(update={
            "access_team": team.model_copy(update={"intake_mode": mode})})
        results = run(variant, replications=replications, seed=seed)
        hours = _assessment_hours_per_year(results, scenario.simulation.horizon_years)
        wait = results.kpis[results.kpis["kpi"] == "intake_wait_p95_days"]["value"].mean()
        rows.append({"intake_mode": mode, "assessment_hours_per_year": hours,
                     "assessment_cost_eur_per_year": hours * eur_per_hour,
                     "intake_wait_p95_days": wait})
    return pd.DataFrame(rows)


def _assessment_hours_per_year(results, horizon_years: int) -> float:
    ledger = results.ledger
    rows = ledger[ledger["activity"] == "assessment"]
    return float(rows["units"].sum() / results.replications / horizon_years)
