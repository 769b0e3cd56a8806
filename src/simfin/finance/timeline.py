"""Money on the timeline: organisation costs per regime, double running and inhuur.

* Organisation costs (:func:`simfin.finance.organisation.access_team_costs`) of each
  regime count for the share of each reported year the regime is in force, so a change of
  FTE or fixed costs in July costs half a year at the old level and half at the new one.
* Double running (category ``double_running``): euros per year times the share of the year
  inside the event's window, spread over the municipalities by inhabitants, on the
  event's taakveld.
* Financing changes (at the start of a year): payments, administration and the provider's
  cost of care of each year follow the financing in force that year
  (:func:`financing_years`); clients keep the behaviour (duration, intensity, step-down) of
  the financing under which their episode arrived.
* Inhuur (category ``inhuur``, taakveld 6.2): hours each hired worker worked in the year
  (:mod:`simfin.sim.inhuur`) times ``inhuur.rate_eur_per_hour``, charged to the team's
  municipalities by inhabitants.

All amounts are nominal euros per year, as in the rest of the cost table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.finance.allocation import inhabitant_shares
from simfin.finance.organisation import access_team_costs
from simfin.scenario.schema import Scenario
from simfin.scenario.taakvelden import ORGANISATION_TAAKVELD
from simfin.scenario.timeline import double_running, regimes
from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.access_team import team_units

__all__ = ["financing_years", "inhuur_costs", "organisation_costs"]


def _year_overlap(start: float, end: float, year: int) -> float:
    """Share of reported year ``year`` (0-based) inside ``[start, end)`` days."""
    lo, hi = year * DAYS_PER_YEAR, (year + 1) * DAYS_PER_YEAR
    return max(0.0, min(end, hi) - max(start, lo)) / DAYS_PER_YEAR


def _spread(scenario: Scenario, munis: list[str], year: int, amount: float, category: str,
            taakveld: str, hours: float = float("nan")) -> list[dict]:
    shares = inhabitant_shares(scenario, year)
    total = sum(shares[m] for m in munis)
    return [{"year": scenario.simulation.start_year + year, "municipality": m,
             "party": "municipality", "provider": "", "category": category,
             "amount_eur": amount * shares[m] / total, "hours": hours * shares[m] / total,
             "taakveld": taakveld} for m in munis]


def organisation_costs(scenario: Scenario) -> list[dict]:
    """Organisation costs per year and municipality over the regimes, plus double running;
    exactly :func:`access_team_costs` without a timeline."""
    if not scenario.timeline:
        return access_team_costs(scenario)
    horizon = scenario.simulation.horizon_years
    periods = _cost_periods(scenario)
    out: dict[tuple, dict] = {}
    for start, end, costs in periods:
        for r in costs:
            weight = _year_overlap(start, end, r["year"] - scenario.simulation.start_year)
            if weight == 0:
                continue
            key = (r["year"], r["municipality"], r["category"], r["taakveld"])
            if key not in out:
                out[key] = {**r, "amount_eur": 0.0, "hours": 0.0}
            out[key]["amount_eur"] += weight * r["amount_eur"]
            out[key]["hours"] += weight * r["hours"]
    records = list(out.values())
    munis = sorted(scenario.municipalities)
    for window in double_running(scenario):
        for year in range(horizon):
            share = _year_overlap(window.start_days, window.end_days, year)
            if share > 0:
                records += _spread(scenario, munis, year, window.value * share,
                                   "double_running", window.taakveld)
    return records


def _cost_periods(scenario: Scenario) -> list[tuple[float, float, list[dict]]]:
    """``(start, end, access_team_costs)`` per period of equal costs (regimes whose costs
    do not differ are one period, so a timeline that changes no cost changes no euro)."""
    periods: list[tuple[float, float, list[dict]]] = []
    for regime in regimes(scenario):
        costs = access_team_costs(regime.scenario)
        if periods and _same(periods[-1][2], costs):
            continue
        if periods:
            periods[-1] = (periods[-1][0], regime.start_days, periods[-1][2])
        periods.append((regime.start_days, np.inf, costs))
    return periods


def _same(a: list[dict], b: list[dict]) -> bool:
    """Equal records, NaN equal to NaN."""
    def key(records):
        return [{k: ("nan" if isinstance(v, float) and v != v else v) for k, v in r.items()}
                for r in records]
    return key(a) == key(b)


def financing_years(scenario: Scenario) -> list[tuple[Scenario, set[int] | None]]:
    """``(scenario, calendar years)``: the providers' financing in force in those years
    (changes on the timeline fall at the start of a year); ``[(scenario, None)]`` (every
    year) when the timeline changes no financing."""
    reg = regimes(scenario) if scenario.timeline else []
    if all(r.scenario.providers == scenario.providers for r in reg):
        return [(scenario, None)]
    start = scenario.simulation.start_year
    out: list[tuple[Scenario, set[int] | None]] = []
    for y in range(scenario.simulation.horizon_years):
        regime = [r for r in reg if r.start_days <= y * DAYS_PER_YEAR][-1].scenario
        if out and out[-1][0].providers == regime.providers:
            out[-1][1].add(start + y)
        else:
            out.append((regime, {start + y}))
    return out


def inhuur_costs(spells: pd.DataFrame | None, scenario: Scenario) -> list[dict]:
    """Cost of hired intake workers per year and municipality (empty without spells)."""
    if spells is None or len(spells) == 0 or scenario.inhuur is None:
        return []
    rate = scenario.inhuur.rate_eur_per_hour
    units = {name: unit for regime in regimes(scenario)  # every regime's teams
             for name, unit in team_units(regime.scenario).items()}
    per_day = spells["hours"].to_numpy() / np.maximum(
        (spells["t_end"] - spells["t_start"]).to_numpy(), 1e-300)
    records = []
    team_of = spells["team"].to_numpy()
    start, end = spells["t_start"].to_numpy(), spells["t_end"].to_numpy()
    rows_of = {team: np.flatnonzero(team_of == team) for team in sorted(set(team_of))}
    for year in range(scenario.simulation.horizon_years):
        for team, rows in rows_of.items():
            hours = sum(per_day[i] * DAYS_PER_YEAR * _year_overlap(start[i], end[i], year)
                        for i in rows)
            if hours > 0:
                records += _spread(scenario, units[team][0], year, hours * rate, "inhuur",
                                   ORGANISATION_TAAKVELD, hours)
    return records
