"""Balance, cumulative balance, NPV and payback year against a hand-computed table.

The small case: two municipalities (Aadorp 40% of the inhabitants in 2027, Beekdorp 60%),
four years 2027–2030 at 2027 prices, wage index 3% and price index 2% a year, real
discount rate 4% to 2027.

nulalternatief, every year at 2027 prices: access team (wage) Aadorp 100,000 + Beekdorp
150,000; specialist care (price) 200,000 + 300,000.
variant: access team 110,000 + 165,000 (+25,000); care 150,000 + 250,000 (-100,000);
phase-in 0.5 in 2027, full later; an incidental item of 190,000 in 2027 (price index,
spread by inhabitants: 76,000 / 114,000).

Hand computation (balance = null - variant, nominal):
  2027: -0.5 x 25,000 + 0.5 x 100,000 - 190,000                  = -152,500.00
  2028: -25,000 x 1.03    + 100,000 x 1.02                        =   76,250.00
  2029: -25,000 x 1.03^2  + 100,000 x 1.02^2 = -26,522.5 + 104,040 =  77,517.50
  2030: -25,000 x 1.03^3  + 100,000 x 1.02^3                      =   78,802.625
  cumulative: -152,500; -76,250; 1,267.50; 80,070.125  -> payback year 2029
  constant prices (/ price index): -152,500; 74,754.901961; 74,507.401000; 74,257.473558
  discounted (/ 1.04^(t-2027)): -152,500; 71,879.713424; 68,886.280510; 66,014.623598
  cumulative discounted: -152,500; -80,620.286576; -11,734.006066; 54,280.617531
  -> NPV 54,280.62 and discounted payback year 2030.
Aadorp alone: balance -56,000; 40,700; 41,411; 42,133.13 -> cumulative -56,000; -15,300;
26,111; 68,244.13 (payback 2029), NPV 54,463.16.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from simfin.business.appraisal import discount_factors, npv, payback_year
from simfin.business.case import ScenarioRuns, assemble
from simfin.scenario import validate_dict

CENT = 0.005
YEARS = [2027, 2028, 2029, 2030]


def _dict(name: str, **business) -> dict:
    from conftest import small_scenario_dict

    d = small_scenario_dict()
    d["name"] = name
    d["simulation"]["horizon_years"] = 4
    d["business_case"] = {"discount_rate": 0.04, "wage_index_per_year": 0.03,
                          "price_index_per_year": 0.02, **business}
    return d


def _costs(access: dict[str, float], care: dict[str, float]) -> pd.DataFrame:
    rows = []
    for year in YEARS:
        for muni in ("Aadorp", "Beekdorp"):
            rows.append((0, year, muni, "municipality", "", "access_team", access[muni]))
            rows.append((0, year, muni, "municipality", "zorg", "specialist_care", care[muni]))
            rows.append((0, year, muni, "provider", "zorg", "revenue", 1e9))  # never counted
    df = pd.DataFrame(rows, columns=["replication", "year", "municipality", "party",
                                     "provider", "category", "amount_eur"])
    return df.assign(hours=np.nan)


def _runs(costs: pd.DataFrame) -> ScenarioRuns:
    kpis = pd.DataFrame({"replication": [0], "kpi": ["intake_wait_p95_days"], "value": [3.0],
                         "unit": ["days"]})
    return ScenarioRuns(costs, kpis, {})


@pytest.fixture(scope="module")
def case():
    null = validate_dict(_dict("nul"))
    variant = validate_dict(_dict(
        "variant", phase_in=[0.5]) | {"incidental": {"ict": {
            "category": "ict_migration", "amount_eur": 190000, "years": [2027]}}})
    runs = {"nul": _runs(_costs({"Aadorp": 100000, "Beekdorp": 150000},
                                {"Aadorp": 200000, "Beekdorp": 300000})),
            "variant": _runs(_costs({"Aadorp": 110000, "Beekdorp": 165000},
                                    {"Aadorp": 150000, "Beekdorp": 250000}))}
    return assemble({"nul": null, "variant": variant}, runs, "nul")


def test_balance_table_matches_the_hand_computation(case):
    b = case.balance.sort_values("year")
    assert list(b["year"]) == YEARS
    assert b["cost_null_nominal_eur"].to_numpy() == pytest.approx(
        [750000, 767500, 785425, 803785.75], abs=CENT)
    assert b["cost_variant_nominal_eur"].to_numpy() == pytest.approx(
        [902500, 691250, 707907.5, 724983.125], abs=CENT)
    assert b["balance_nominal_eur"].to_numpy() == pytest.approx(
        [-152500, 76250, 77517.5, 78802.625], abs=CENT)
    assert b["cumulative_nominal_eur"].to_numpy() == pytest.approx(
        [-152500, -76250, 1267.5, 80070.125], abs=CENT)
    assert b["balance_constant_eur"].to_numpy() == pytest.approx(
        [-152500, 74754.901961, 74507.401000, 74257.473558], abs=CENT)
    assert b["discounted_eur"].to_numpy() == pytest.approx(
        [-152500, 71879.713424, 68886.280510, 66014.623598], abs=CENT)
    assert b["cumulative_discounted_eur"].to_numpy() == pytest.approx(
        [-152500, -80620.286576, -11734.006066, 54280.617531], abs=CENT)


def test_npv_and_payback_years(case):
    app = case.appraisal.iloc[0]
    assert app["npv_eur"] == pytest.approx(54280.617531, abs=CENT)
    assert app["payback_year"] == 2029
    assert app["payback_year_discounted"] == 2030
    summary = case.summary().iloc[0]
    assert summary["npv_mean_eur"] == pytest.approx(54280.617531, abs=CENT)
    assert summary["payback_year"] == 2029 and summary["payback_year_discounted"] == 2030
    assert summary["incidental_nominal_eur"] == pytest.approx(-190000, abs=CENT)  # a cost
    # no ranges: the NPV at item minimum and maximum is the NPV itself
    assert summary["npv_items_min_eur"] == summary["npv_items_max_eur"] == app["npv_eur"]


def test_balance_per_municipality(case):
    b = case.balance_by_municipality
    a = b[b["municipality"] == "Aadorp"].sort_values("year")
    assert a["balance_nominal_eur"].to_numpy() == pytest.approx(
        [-56000, 40700, 41411, 42133.13], abs=CENT)
    assert a["cumulative_nominal_eur"].to_numpy() == pytest.approx(
        [-56000, -15300, 26111, 68244.13], abs=CENT)
    assert a["cumulative_discounted_eur"].iloc[-1] == pytest.approx(54463.157345, abs=CENT)
    # the municipalities add up to the total in every year
    total = b.groupby("year")["balance_nominal_eur"].sum().to_numpy()
    assert total == pytest.approx(case.balance["balance_nominal_eur"].to_numpy(), abs=CENT)


def test_incidental_item_is_spread_by_inhabitants(case):
    y = case.yearly
    inc = y[(y["variant"] == "variant") & (y["cost_type"] == "incidental")]
    assert dict(zip(inc["municipality"], inc["nominal_eur"])) == {"Aadorp": 76000.0,
                                                                   "Beekdorp": 114000.0}
    assert set(inc["year"]) == {2027} and set(inc["item"]) == {"ict"}


def test_item_range_gives_npv_band():
    null = validate_dict(_dict("nul"))
    variant = validate_dict(_dict("variant", phase_in=[0.5]) | {"incidental": {"ict": {
        "category": "ict_migration", "amount_eur": {"min": 150000, "mode": 190000,
                                                    "max": 290000}, "years": [2028]}}})
    runs = {"nul": _runs(_costs({"Aadorp": 1.0, "Beekdorp": 1.0}, {"Aadorp": 1, "Beekdorp": 1})),
            "variant": _runs(_costs({"Aadorp": 1.0, "Beekdorp": 1.0},
                                    {"Aadorp": 1, "Beekdorp": 1}))}
    app = assemble({"nul": null, "variant": variant}, runs, "nul").appraisal.iloc[0]
    # only the item differs: 2028 at price index 1.02, in constant prices the base amount,
    # discounted one year at 4%
    assert app["npv_eur"] == pytest.approx(-190000 / 1.04, abs=CENT)
    assert app["npv_items_min_eur"] == pytest.approx(-150000 / 1.04, abs=CENT)
    assert app["npv_items_max_eur"] == pytest.approx(-290000 / 1.04, abs=CENT)


class TestPureFunctions:
    def test_discount_factors(self):
        assert discount_factors([2027, 2029, 2026], 0.0225, 2027) == pytest.approx(
            [1.0, 1 / 1.0225**2, 1.0225])

    def test_npv(self):
        assert npv([-100, 50, 60], [2030, 2031, 2032], 0.10, 2030) == pytest.approx(
            -100 + 50 / 1.1 + 60 / 1.21)

    @pytest.mark.parametrize(("cumulative", "expected"), [
        ([-10, -5, 1, 2], 2029),
        ([1, 2, 3, 4], 2027),
        ([0, 0, 0, 0], 2027),
        ([-1, 1, -1, 1], 2030),       # back below zero: paid back only from 2030
        ([-1, -1, -1, -0.01], math.nan),
        ([-1, -1, -1, -0.004], 2030),  # rounds to zero cents
    ])
    def test_payback_year(self, cumulative, expected):
        got = payback_year(YEARS, cumulative)
        assert (math.isnan(got) and math.isnan(expected)) or got == expected
