"""Payment rules in exact euros on small hand-made ledgers, one test group per kind.

Every expected amount is worked out by hand in the comments. The scenario is the small
conftest scenario with ambulant at a round tariff (100.00 per hour, cost price 95.00) and
verblijf moved to a provider of its own, so that one provider bills one unit.
Inhabitant shares: year 2027 Aadorp 8,000 / 20,000 = 0.4, Beekdorp 0.6.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import small_scenario_dict

from simfin.finance import yearly_costs
from simfin.finance.corridor import corridor_borders, corridor_settlement
from simfin.finance.trajectory import band_of
from simfin.scenario import validate_dict

BUDGET = 100_000.0


def _scenario(financing: dict):
    data = small_scenario_dict()
    data["products"]["ambulant"].update(tariff_eur=100.0, cost_price_eur=95.0)
    data["providers"]["jeugdhulp"] = {"products": ["ambulant"], "financing": financing}
    data["providers"]["verblijf_zorg"] = {"products": ["verblijf"],
                                          "financing": {"kind": "pq_per_unit"}}
    return validate_dict(data)


def _row(case, start, end, per_week=1.0, indicated=np.nan, muni="Aadorp"):
    return {"replication": 0, "case_id": case, "episode": 0, "municipality": muni,
            "stream": "jeugd", "complexity": "licht", "urgent": False, "line": "2e",
            "activity": "ambulant", "provider": "jeugdhulp", "unit": "hour", "t_arrival": start,
            "t_start": start, "t_end": end, "intensity_per_week": per_week, "units": np.nan,
            "outcome": "discharged", "indicated_days": np.nan, "indicated_units": indicated}


def _paid(ledger: pd.DataFrame, scenario) -> pd.Series:
    costs = yearly_costs(ledger, scenario)
    rows = costs[(costs["party"] == "municipality") & (costs["category"] == "specialist_care")
                 & (costs["provider"] == "jeugdhulp")]
    return rows.groupby("year")["amount_eur"].sum()


# --- pq_per_trajectory -----------------------------------------------------------------------

TRAJECTORY = {"kind": "pq_per_trajectory", "band_by": "units", "start_share": 0.25,
              "bands": {"zwaar": {"price_eur": 12_000},           # listed out of order on purpose
                        "licht": {"up_to": 50, "price_eur": 1_000},
                        "middel": {"up_to": 200, "price_eur": 4_000}}}


def test_bands_include_their_upper_limit():
    financing = _scenario(TRAJECTORY).providers["jeugdhulp"].financing
    bands = band_of(np.array([0.0, 50.0, 50.01, 200.0, 200.01, 1e6]), financing)
    names = [financing.ordered_bands()[i][0] for i in bands]
    assert names == ["licht", "licht", "middel", "middel", "zwaar", "zwaar"]


def test_trajectory_price_paid_at_start_and_end_whatever_the_real_length():
    ledger = pd.DataFrame([
        _row(1, 10.0, 100.0, indicated=50.0),        # licht: 250 + 750 in 2027
        _row(2, 300.0, 400.0, indicated=50.01),      # middel: 1,000 in 2027, 3,000 in 2028
        _row(3, -30.0, 500.0, indicated=500.0),      # zwaar, started in warm-up: 9,000 in 2028
        _row(4, 700.0, np.nan, indicated=10.0),      # licht, still running: 250 in 2028
        _row(5, 20.0, 729.0, per_week=9.0, indicated=10.0),  # licht, ten times longer care than
    ])                                                       # row 1: 250 in 2027 + 750 in 2028
    paid = _paid(ledger, _scenario(TRAJECTORY))
    assert paid[2027] == pytest.approx(250 + 750 + 1_000 + 250, abs=0.005)        # 2,250.00
    assert paid[2028] == pytest.approx(3_000 + 9_000 + 250 + 750, abs=0.005)      # 13,000.00


def test_trajectory_paid_all_at_start_when_start_share_is_one():
    financing = {**TRAJECTORY, "start_share": 1.0}
    ledger = pd.DataFrame([_row(1, 300.0, 400.0, indicated=120.0),     # middel at start, 2027
                           _row(2, -30.0, 100.0, indicated=120.0)])    # started in warm-up
    paid = _paid(ledger, _scenario(financing))
    assert paid[2027] == pytest.approx(4_000.0, abs=0.005)
    assert paid[2028] == pytest.approx(0.0, abs=0.005)


def test_trajectory_provider_cost_still_follows_real_units():
    ledger = pd.DataFrame([_row(1, 0.0, 70.0, per_week=3.5, indicated=30.0)])  # 35 hours
    costs = yearly_costs(ledger, _scenario(TRAJECTORY))
    prov = costs[(costs["party"] == "provider") & (costs["provider"] == "jeugdhulp")]
    totals = prov.groupby("category")["amount_eur"].sum()
    assert totals["revenue"] == pytest.approx(1_000.0, abs=0.005)
    assert totals["cost_of_care"] == pytest.approx(35 * 95.0, abs=0.005)  # 3,325.00: a loss


# --- lump_sum --------------------------------------------------------------------------------

def test_lump_sum_pays_the_budget_split_by_inhabitants():
    scenario = _scenario({"kind": "lump_sum", "budget_eur_per_year": BUDGET,
                          "client_places": 10})
    costs = yearly_costs(pd.DataFrame([_row(1, 0.0, 300.0, per_week=50.0)]), scenario)
    rows = costs[(costs["party"] == "municipality") & (costs["category"] == "specialist_care")
                 & (costs["provider"] == "jeugdhulp")]
    by = rows.groupby(["year", "municipality"])["amount_eur"].sum()
    assert by[(2027, "Aadorp")] == pytest.approx(40_000.00, abs=0.005)
    assert by[(2027, "Beekdorp")] == pytest.approx(60_000.00, abs=0.005)
    # 2028: Aadorp grew 1%: 8,080 / 20,080 of the budget = 40,239.04
    assert by[(2028, "Aadorp")] == pytest.approx(40_239.04, abs=0.005)
    assert by[(2028, "Aadorp")] + by[(2028, "Beekdorp")] == pytest.approx(BUDGET, abs=0.005)


# --- lump_sum_corridor -----------------------------------------------------------------------

CORRIDOR = {"kind": "lump_sum_corridor", "budget_eur_per_year": BUDGET, "client_places": 50,
            "corridor_share": 0.10, "excess_settled_share": 0.5, "shortfall_settled_share": 0.25}


def test_corridor_borders_by_hand():
    financing = _scenario(CORRIDOR).providers["jeugdhulp"].financing
    assert corridor_borders(financing) == (90_000.0, 110_000.0)


@pytest.mark.parametrize(("value", "settled"), [
    (110_000.00, 0.0),          # exactly on the upper border
    (109_999.99, 0.0),          # just inside
    (110_000.01, 0.005),        # just outside: half of one cent
    (150_000.00, 20_000.0),     # far above: 0.5 x 40,000
    (100_000.00, 0.0),          # on the budget
    (90_000.00, 0.0),           # exactly on the lower border
    (90_000.01, 0.0),           # just inside
    (89_999.99, -0.0025),       # just outside: a quarter of one cent back
    (50_000.00, -10_000.0),     # far below: 0.25 x 40,000 back
    (0.00, -22_500.0),          # nothing delivered: 0.25 x 90,000 back
])
def test_corridor_settlement_at_and_around_the_borders(value, settled):
    financing = _scenario(CORRIDOR).providers["jeugdhulp"].financing
    assert float(corridor_settlement(value, financing)) == pytest.approx(settled, abs=1e-6)


@pytest.mark.parametrize(("per_week", "paid_2027"), [
    (22.0, 100_000.0),          # 22 x 350/7 = 1,100 h x 100 = 110,000 = upper border
    (21.9998, 100_000.0),       # V = 109,999 just inside
    (22.0002, 100_000.5),       # V = 110,001: 0.5 x 1 euro extra
    (30.0, 120_000.0),          # V = 150,000: 0.5 x 40,000 extra
    (18.0, 100_000.0),          # V = 90,000 = lower border
    (17.9998, 99_999.75),       # V = 89,999: 0.25 x 1 euro back
    (10.0, 90_000.0),           # V = 50,000: 0.25 x 40,000 back
])
def test_corridor_on_a_ledger_budget_plus_settlement(per_week, paid_2027):
    # one client for 350 days in 2027; nothing in 2028, so 2028 settles 0.25 x 90,000 back
    ledger = pd.DataFrame([_row(1, 0.0, 350.0, per_week=per_week)])
    paid = _paid(ledger, _scenario(CORRIDOR))
    assert paid[2027] == pytest.approx(paid_2027, abs=0.005)
    assert paid[2028] == pytest.approx(BUDGET - 22_500.0, abs=0.005)


# Budgets and shares whose borders fall on cents (worked by hand):
#   123,456.78 x 0.075 = 9,259.2585: L = 114,197.5215 -> 114,197.52, U = 132,716.0385 -> 132,716.04
#   987,654.32 x 0.035 = 34,567.9012: L = 953,086.4188 -> 953,086.42, U = 1,022,222.2212 -> .22
#   250,000.50 x 0.1 = 25,000.05: L = 225,000.45, U = 275,000.55
CENT_BORDERS = [(123_456.78, 0.075, 114_197.52, 132_716.04),
                (987_654.32, 0.035, 953_086.42, 1_022_222.22),
                (250_000.50, 0.1, 225_000.45, 275_000.55)]


def _corridor(budget: float, share: float):
    return _scenario({**CORRIDOR, "budget_eur_per_year": budget,
                      "corridor_share": share}).providers["jeugdhulp"].financing


@pytest.mark.parametrize(("budget", "share", "lower", "upper"), CENT_BORDERS)
def test_corridor_borders_are_rounded_to_cents_not_euros(budget, share, lower, upper):
    got = corridor_borders(_corridor(budget, share))
    assert got[0] == pytest.approx(lower, abs=1e-6)
    assert got[1] == pytest.approx(upper, abs=1e-6)


@pytest.mark.parametrize(("budget", "share", "lower", "upper"), CENT_BORDERS)
def test_corridor_settles_from_the_cent_border(budget, share, lower, upper):
    financing = _corridor(budget, share)
    for value, settled in [(upper, 0.0), (upper - 0.01, 0.0), (upper + 0.01, 0.5 * 0.01),
                           (upper + 1000.0, 0.5 * 1000.0),
                           (lower, 0.0), (lower + 0.01, 0.0), (lower - 0.01, -0.25 * 0.01),
                           (lower - 1000.0, -0.25 * 1000.0)]:
        assert float(corridor_settlement(value, financing)) == pytest.approx(settled, abs=1e-6)


def test_corridor_settlement_is_shared_like_the_budget():
    ledger = pd.DataFrame([_row(1, 0.0, 350.0, per_week=30.0, muni="Beekdorp")])
    costs = yearly_costs(ledger, _scenario(CORRIDOR))
    rows = costs[(costs["party"] == "municipality") & (costs["category"] == "specialist_care")
                 & (costs["provider"] == "jeugdhulp") & (costs["year"] == 2027)]
    by = rows.groupby("municipality")["amount_eur"].sum()
    assert by["Aadorp"] == pytest.approx(0.4 * 120_000.0, abs=0.005)    # 48,000.00
    assert by["Beekdorp"] == pytest.approx(0.6 * 120_000.0, abs=0.005)  # 72,000.00
    revenue = costs[(costs["party"] == "provider") & (costs["category"] == "revenue")
                    & (costs["provider"] == "jeugdhulp") & (costs["year"] == 2027)]
    assert revenue["amount_eur"].sum() == pytest.approx(120_000.0, abs=0.005)


# --- mixing kinds ----------------------------------------------------------------------------

def test_one_scenario_can_mix_all_four_kinds():
    data = small_scenario_dict()
    data["products"]["ambulant"].update(tariff_eur=100.0)
    data["providers"] = {
        "jeugdhulp": {"products": ["ambulant"], "financing": TRAJECTORY},
        "verblijf_zorg": {"products": ["verblijf"], "financing": {"kind": "pq_per_unit"}},
        "wmo_zorg": {"products": ["begeleiding"], "financing": CORRIDOR},
    }
    scenario = validate_dict(data)
    ledger = pd.DataFrame([
        _row(1, 10.0, 100.0, indicated=50.0),                             # 1,000 in 2027
        {**_row(2, 0.0, 70.0, per_week=7.0), "activity": "verblijf",      # 70 days x 195.91
         "provider": "verblijf_zorg", "unit": "day"},
    ])
    costs = yearly_costs(ledger, scenario)
    paid = costs[(costs["party"] == "municipality") & (costs["category"] == "specialist_care")
                 & (costs["year"] == 2027)].groupby("provider")["amount_eur"].sum()
    assert paid["jeugdhulp"] == pytest.approx(1_000.0, abs=0.005)
    assert paid["verblijf_zorg"] == pytest.approx(70 * 195.91, abs=0.005)       # 13,713.70
    assert paid["wmo_zorg"] == pytest.approx(BUDGET - 0.25 * 90_000, abs=0.005)  # nothing delivered
