"""Money reconciles: p*q to tariff x units to the cent; a lump sum is the budget."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import small_scenario_dict

import simfin
from simfin.finance import yearly_costs
from simfin.finance.periods import client_months_per_year
from simfin.scenario import validate_dict


def _care_row(case, start, end, per_week, product="ambulant", provider="jeugdhulp",
              muni="Aadorp"):
    return {"replication": 0, "case_id": case, "episode": 0, "municipality": muni,
            "stream": "jeugd", "complexity": "licht", "urgent": False, "line": "2e",
            "activity": product, "provider": provider, "unit": "hour", "t_arrival": start,
            "t_start": start, "t_end": end, "intensity_per_week": per_week, "units": np.nan,
            "outcome": "discharged"}


@pytest.fixture
def hand_ledger() -> pd.DataFrame:
    """Three ambulant trajectories (tariff 78.00) in a 2-year horizon, worked out by hand."""
    return pd.DataFrame([
        _care_row(1, 100.0, 170.0, 2.0),            # 70 days x 2/7 = 20 hours, year 1
        _care_row(2, 330.0, 400.0, 3.5),            # 35 d in year 1 (17.5 h), 35 d in year 2 (17.5 h)
        _care_row(3, -50.0, np.nan, 1.0, muni="Beekdorp"),  # from warm-up to the end: 365/7 h a year
    ])


def test_pq_payments_equal_tariff_times_hand_counted_units(hand_ledger, small_scenario):
    costs = yearly_costs(hand_ledger, small_scenario)
    paid = costs[(costs["party"] == "municipality") & (costs["category"] == "specialist_care")
                 & (costs["provider"] == "jeugdhulp")]
    by = paid.groupby(["year", "municipality"])["amount_eur"].sum().round(2)
    assert by[(2027, "Aadorp")] == round((20.0 + 17.5) * 78.0, 2)       # 2925.00
    assert by[(2028, "Aadorp")] == round(17.5 * 78.0, 2)                 # 1365.00
    assert by[(2027, "Beekdorp")] == round(365 / 7 * 78.0, 2)            # 4067.14
    assert by[(2028, "Beekdorp")] == round(365 / 7 * 78.0, 2)


def test_provider_margin_is_revenue_minus_cost_minus_admin(hand_ledger, small_scenario):
    costs = yearly_costs(hand_ledger, small_scenario)
    prov = costs[(costs["party"] == "provider") & (costs["provider"] == "jeugdhulp")]
    totals = prov.groupby("category")["amount_eur"].sum()
    units = 20.0 + 35.0 + 2 * 365 / 7
    assert totals["revenue"] == pytest.approx(units * 78.0, abs=0.005)
    assert totals["cost_of_care"] == pytest.approx(units * 74.0, abs=0.005)
    assert totals["margin"] == pytest.approx(
        totals["revenue"] - totals["cost_of_care"] - totals["admin"], abs=0.005)


def test_declarations_and_messages_counted_by_hand(hand_ledger, small_scenario):
    # month = 365/12 = 30.4167 days. Row 1: days 100-170 -> months 3..5 (3 lines).
    # Row 2: days 330-400 -> months 10..13: 2 in year 1, 2 in year 2.
    # Row 3: all 24 months. Messages: row 1 start+stop, row 2 start (y1) + stop (y2), row 3 none.
    months = client_months_per_year(hand_ledger["t_start"], hand_ledger["t_end"], 2)
    assert months.tolist() == [[3, 0], [2, 2], [12, 12]]
    costs = yearly_costs(hand_ledger, small_scenario)
    admin = costs[(costs["category"] == "admin") & (costs["party"] == "municipality")
                  & (costs["provider"] == "jeugdhulp")]
    hours = admin.groupby("year")["hours"].sum()
    # municipality: 10 minutes per message, 3 minutes per declaration line
    assert hours[2027] == pytest.approx((3 * 10 + (3 + 2 + 12) * 3) / 60)
    assert hours[2028] == pytest.approx((1 * 10 + (2 + 12) * 3) / 60)


def test_lump_sum_pays_the_budget_whatever_the_volume():
    paid = []
    for factor in (0.5, 2.0):
        data = small_scenario_dict()
        data["demand_streams"]["wmo"]["rate_per_1000"] *= factor
        results = simfin.run(validate_dict(data), replications=2)
        y = results.yearly
        lump = y[(y["party"] == "municipality") & (y["provider"] == "wmo_zorg")
                 & (y["category"] == "specialist_care")]
        per_year = lump.groupby(["replication", "year"])["amount_eur"].sum()
        assert np.allclose(per_year.to_numpy(), 400_000.0, atol=0.005)
        entered = results.kpis.query("kpi == 'entered_2e'")["value"].sum()
        paid.append((per_year.sum(), entered))
    assert paid[0][0] == pytest.approx(paid[1][0], abs=0.01)
    assert paid[0][1] < paid[1][1]  # four times the demand, same payment


def test_yearly_pq_totals_reconcile_to_the_ledger_to_the_cent(small_scenario):
    results = simfin.run(small_scenario, replications=2)
    ledger, y = results.ledger, results.yearly
    for rep in (0, 1):
        care = ledger[(ledger["replication"] == rep) & (ledger["provider"] == "jeugdhulp")]
        tariff = care["activity"].map({"ambulant": 78.0, "verblijf": 195.91})
        expected = float((care["units"] * tariff).sum())
        paid = y[(y["replication"] == rep) & (y["party"] == "municipality")
                 & (y["provider"] == "jeugdhulp") & (y["category"] == "specialist_care")]
        assert round(paid["amount_eur"].sum(), 2) == round(expected, 2)


def test_access_team_cost_is_fte_times_loaded_cost(small_scenario):
    results = simfin.run(small_scenario, replications=1)
    y = results.yearly
    team = y[y["category"] == "access_team"].groupby("year")["amount_eur"].sum()
    assert np.allclose(team.to_numpy(), 6 * 72_200.0, atol=0.005)
