"""Invariants that hold for every valid scenario, checked on random small ones (hypothesis).

* conservation of cases per line: everything that enters a line has left it or is still
  in it, and every flow between lines arrives where it should;
* non-negative times, units and costs; ledger times in order along each case's pathway;
* yearly money reconciles to the ledger to the cent, recomputed here independently of
  :mod:`simfin.finance` (overlap days and declaration months counted by hand);
* the same results whatever the order of the municipalities in the file, and the same
  results when run again or as part of a larger run (determinism).
"""

from __future__ import annotations

import math
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import find, given, settings
from scenario_strategies import FINANCING_KINDS, SETTINGS, scenario_dicts
from toml_text import to_toml

import simfin
from simfin.finance import yearly_costs
from simfin.runner import run_replication
from simfin.scenario import validate_dict
from simfin.sim import simulate

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

YEAR = 365.0
MONTH = YEAR / 12
CENT = 0.005  # "to the cent": rounding to cents gives the same amount


def _pairs(rows: pd.DataFrame) -> set[tuple[int, int]]:
    return set(zip(rows["case_id"], rows["episode"]))


@pytest.mark.parametrize("kind", FINANCING_KINDS)
def test_the_scenarios_reach_every_financing_kind(kind):
    found = find(scenario_dicts(), lambda d: any(
        p["financing"]["kind"] == kind for p in d["providers"].values()),
        settings=settings(database=None, derandomize=True))
    assert validate_dict(found)


@SETTINGS
@given(scenario_dicts())
def test_conservation_of_cases_per_line(data):
    scenario = validate_dict(data)
    out = simulate(scenario, replication=0)
    ledger, cases = out.ledger, out.cases
    # Every request of the reported years enters the 0e lijn or the access team, once.
    reported = set(np.flatnonzero(cases.arrival >= 0))
    first = ledger[(ledger["episode"] == 0) & ((ledger["line"] == "0e")
                                               | (ledger["activity"] == "assessment"))]
    assert reported <= set(first["case_id"])
    assert not first.duplicated("case_id").any()
    zero = set(first.loc[first["line"] == "0e", "case_id"])
    assert zero & reported == set(np.flatnonzero(cases.resolved_0e)) & reported
    # Per line: entered = left + still in the line (waiting or in service).
    for line in ("0e", "1e", "2e"):
        rows = ledger[ledger["line"] == line]
        still = rows["outcome"].isin(["waiting", "in_service"])
        assert (rows["t_end"].isna() == still).all()
        assert rows["t_end"].notna().sum() + still.sum() == len(rows)
    # Flows between lines: referrals arrive in specialist care, light help comes from a
    # decision or a step-down, and nothing else arrives anywhere.
    assess = ledger[ledger["activity"] == "assessment"]
    care = ledger[ledger["line"] == "2e"]
    light = ledger[ledger["activity"] == "light_help"]
    assert _pairs(assess[assess["outcome"] == "referral"]) == _pairs(care[care["t_arrival"] >= 0])
    from_decision = _pairs(assess[assess["outcome"] == "light_help"])
    from_step_down = _pairs(care[(care["outcome"] == "stepped_down") & (care["t_end"] >= 0)])
    assert from_decision.isdisjoint(from_step_down)
    assert _pairs(light[light["t_arrival"] >= 0]) == from_decision | from_step_down


@SETTINGS
@given(scenario_dicts())
def test_times_non_negative_and_in_order(data):
    scenario = validate_dict(data)
    ledger = simulate(scenario, replication=0).ledger
    horizon = scenario.simulation.horizon_years * YEAR
    warmup = scenario.simulation.warmup_years * YEAR
    t0, t1, t2 = (ledger[c].to_numpy() for c in ("t_arrival", "t_start", "t_end"))
    assert np.all((t0 >= -warmup) & (t0 <= horizon))
    started, ended = ~np.isnan(t1), ~np.isnan(t2)
    assert np.all(started[ended])                  # nothing ends without starting
    assert np.all(t1[started] >= t0[started])
    assert np.all(t2[ended] >= t1[ended])
    assert np.all(t2[ended] >= 0) and np.all(t2[ended] <= horizon)
    assert np.all(t1[started] <= horizon)
    assert (ledger["units"] >= 0).all() and (ledger["intensity_per_week"] >= 0).all()
    # Along a case's pathway each step starts the moment the previous one ends, and a
    # return (next episode) comes after the previous episode.
    for _, case in ledger.groupby("case_id", sort=False):
        previous_end = -math.inf
        for _, episode in case.groupby("episode", sort=True):
            steps = episode.sort_values("t_arrival", kind="stable")
            assert steps["t_arrival"].iloc[0] >= previous_end
            ends = steps["t_end"].to_numpy()[:-1]
            assert np.array_equal(steps["t_arrival"].to_numpy()[1:], ends)
            previous_end = steps["t_end"].iloc[-1]
            if np.isnan(previous_end):
                break


def _overlap_days(start: float, end: float, year: int, horizon: float) -> float:
    if math.isnan(start):
        return 0.0
    end = horizon if math.isnan(end) else min(end, horizon)
    return max(0.0, min(end, (year + 1) * YEAR) - max(start, year * YEAR))


def _months(start: float, end: float, year: int, horizon: float) -> int:
    """Declaration months in ``year``: calendar months with care in them."""
    if math.isnan(start):
        return 0
    end = horizon if math.isnan(end) else min(end, horizon)
    start = max(start, 0.0)
    if end <= start:
        return 0
    return sum(1 for m in range(12 * year, 12 * year + 12)
               if m * MONTH < end and (m + 1) * MONTH > start)


def _year_of(t: float, horizon_years: int) -> int | None:
    """The reported year an event at ``t`` falls in, or None (warm-up, not yet)."""
    if math.isnan(t) or t < 0:
        return None
    year = int(t // YEAR)
    return year if year < horizon_years else None


def _band_price(financing, indicated: float) -> float:
    """The price of the first band (light to heavy) whose inclusive ``up_to`` holds it."""
    bands = sorted(financing.bands.values(),
                   key=lambda b: math.inf if b.up_to is None else b.up_to)
    return next(b.price_eur for b in bands if b.up_to is None or indicated <= b.up_to)


def _corridor_settlement(value: float, financing) -> float:
    """Settlement by hand: borders at budget x (1 -+ share) in cents, only the part
    outside them settled."""
    budget, x = financing.budget_eur_per_year, financing.corridor_share
    lower, upper = round(budget * (1 - x), 2), round(budget * (1 + x), 2)
    if value > upper:
        return financing.excess_settled_share * (value - upper)
    if value < lower:
        return -financing.shortfall_settled_share * (lower - value)
    return 0.0


def _expected_money(ledger: pd.DataFrame, scenario) -> dict[tuple, float]:
    """Municipality payments, provider costs and admin hours, recomputed from the ledger
    (admin hours for ``pq_per_unit`` and ``lump_sum`` only)."""
    horizon = scenario.simulation.horizon_years * YEAR
    n_years = scenario.simulation.horizon_years
    start_year = scenario.simulation.start_year
    admin = scenario.admin
    out: dict[tuple, float] = defaultdict(float)
    pq_value: dict[tuple, float] = defaultdict(float)  # tariff x units, for the corridor
    for row in ledger[ledger["line"] == "2e"].itertuples():
        product = scenario.products[row.activity]
        financing = scenario.providers[row.provider].financing
        kind = financing.kind
        if kind == "pq_per_trajectory":
            indicated = row.indicated_units if financing.band_by == "units" \
                else row.indicated_days
            price = _band_price(financing, indicated)
            for t, part in ((row.t_start, financing.start_share),
                            (row.t_end, 1 - financing.start_share)):
                year = _year_of(t, n_years)
                if year is not None:
                    out[("paid", start_year + year, row.provider)] += part * price
        for y in range(n_years):
            units = row.intensity_per_week * _overlap_days(row.t_start, row.t_end, y, horizon) / 7
            year = start_year + y
            out[("cost_of_care", year, row.provider)] += units * product.cost_price_eur
            pq_value[(year, row.provider)] += units * product.tariff_eur
            if kind != "pq_per_unit":
                continue
            out[("paid", year, row.provider)] += units * product.tariff_eur
            messages = sum(1 for t in (row.t_start, row.t_end)
                           if not math.isnan(t) and y * YEAR <= t < (y + 1) * YEAR)
            minutes = messages * admin.allocation_message_minutes.municipality + \
                _months(row.t_start, row.t_end, y, horizon) * admin.declaration_minutes.municipality
            out[("admin_hours", year, row.provider)] += minutes / 60
    for name, provider in scenario.providers.items():
        financing = provider.financing
        for y in range(n_years):
            year = start_year + y
            if financing.kind == "lump_sum":
                out[("paid", year, name)] += financing.budget_eur_per_year
                out[("admin_hours", year, name)] += \
                    admin.lump_sum_monitoring_hours_per_year.municipality
            elif financing.kind == "lump_sum_corridor":
                out[("paid", year, name)] += financing.budget_eur_per_year + \
                    _corridor_settlement(pq_value[(year, name)], financing)
            elif financing.kind == "pq_per_trajectory":
                out[("paid", year, name)] += 0.0  # a year without any trajectory pays 0
    return out


@SETTINGS
@given(scenario_dicts())
def test_yearly_money_reconciles_to_the_ledger_to_the_cent(data):
    scenario = validate_dict(data)
    ledger = simulate(scenario, replication=0).ledger
    yearly = yearly_costs(ledger, scenario)
    # Amounts are non-negative except margins; a corridor's settlement back to the
    # municipality is negative, but never more than the budget it is settled against.
    sums = yearly[yearly["category"] != "margin"].groupby(
        ["party", "category", "year", "municipality", "provider"])["amount_eur"].sum()
    assert (sums > -CENT).all()
    assert (yearly["hours"].dropna() >= 0).all()
    expected = _expected_money(ledger, scenario)
    own = yearly[yearly["party"] == "municipality"]
    prov = yearly[yearly["party"] == "provider"]
    for (what, year, provider), value in expected.items():
        if what == "paid":
            got = own[(own["category"] == "specialist_care") & (own["year"] == year)
                      & (own["provider"] == provider)]["amount_eur"].sum()
        elif what == "cost_of_care":
            got = prov[(prov["category"] == "cost_of_care") & (prov["year"] == year)
                       & (prov["provider"] == provider)]["amount_eur"].sum()
        else:
            got = own[(own["category"] == "admin") & (own["year"] == year)
                      & (own["provider"] == provider)]["hours"].sum()
        assert abs(got - value) < CENT, (what, year, provider, got, value)
    team = scenario.access_team
    team_cost = own[own["category"] == "access_team"].groupby("year")["amount_eur"].sum()
    for year, total in team_cost.items():
        assert abs(total - team.fte * team.loaded_cost_per_fte_eur) < CENT, year
    # The ledger's units (within the reported years) carry the same p*q money.
    pq = ledger[(ledger["line"] == "2e") & ledger["provider"].map(
        lambda p: p != "" and scenario.providers[p].financing.kind == "pq_per_unit")]
    tariffs = np.array([scenario.products[p].tariff_eur for p in pq["activity"]], dtype=float)
    paid_pq = sum(v for (what, _, p), v in expected.items()
                  if what == "paid" and scenario.providers[p].financing.kind == "pq_per_unit")
    assert abs(float(np.sum(pq["units"].to_numpy(dtype=float) * tariffs)) - paid_pq) < CENT
    # Provider margin = revenue - cost of care - provider admin, per year and provider.
    sums = prov.pivot_table(index=["year", "municipality", "provider"], columns="category",
                            values="amount_eur", aggfunc="sum", fill_value=0.0)
    for col in ("revenue", "cost_of_care", "admin", "margin"):
        if col not in sums:
            sums[col] = 0.0
    residual = sums["revenue"] - sums["cost_of_care"] - sums["admin"] - sums["margin"]
    assert (residual.abs() < CENT).all()


def _reversed_municipalities(data: dict) -> dict:
    return {**data, "municipalities": dict(reversed(list(data["municipalities"].items())))}


@SETTINGS
@given(scenario_dicts())
def test_results_do_not_depend_on_the_order_of_municipalities_in_the_file(data):
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / "a.toml", Path(tmp) / "b.toml"]
        paths[0].write_text(to_toml(data), encoding="utf-8")
        paths[1].write_text(to_toml(_reversed_municipalities(data)), encoding="utf-8")
        a, b = (simfin.load(p) for p in paths)
    assert list(a.municipalities) == list(reversed(list(b.municipalities)))
    first, second = run_replication(a, 0), run_replication(b, 0)
    for table in ("ledger", "kpis", "monitor"):
        pd.testing.assert_frame_equal(first[table], second[table], check_exact=True)
    pd.testing.assert_frame_equal(first["yearly"], second["yearly"], check_exact=True)


@SETTINGS
@given(scenario_dicts())
def test_same_seed_same_results_and_replications_are_independent_of_the_run(data):
    scenario = validate_dict(data)
    together = simfin.run(scenario, replications=2)
    alone = run_replication(scenario, 1)
    again = run_replication(scenario, 1)
    for table in ("ledger", "yearly", "kpis", "monitor"):
        pd.testing.assert_frame_equal(alone[table], again[table], check_exact=True)
        part = getattr(together, table)
        part = part[part["replication"] == 1].reset_index(drop=True)
        pd.testing.assert_frame_equal(part, alone[table].reset_index(drop=True),
                                      check_exact=True)
