"""Budget ceiling: probability and size of an overshoot against known distributions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from simfin.business.ceiling import ceiling_per_year, ceiling_table, overshoot
from simfin.scenario import validate_dict


def test_overshoot_on_a_hand_example():
    values = np.arange(1.0, 11.0)                       # 1, 2, ..., 10
    got = overshoot(values, 7.5)
    assert got["p_overshoot"] == pytest.approx(0.3)     # 8, 9 and 10
    assert got["expected_overshoot_eur"] == pytest.approx((0.5 + 1.5 + 2.5) / 10)
    assert got["overshoot_p50_eur"] == 0.0
    # excess sorted: seven zeros, 0.5, 1.5, 2.5; the 90th percentile sits at position 8.1
    assert got["overshoot_p90_eur"] == pytest.approx(1.5 + 0.1 * (2.5 - 1.5))
    assert got["mean_overshoot_if_over_eur"] == pytest.approx(1.5)
    assert math.isnan(overshoot(values, 10.0)["mean_overshoot_if_over_eur"])


def test_overshoot_against_a_normal_distribution():
    """Spending ~ N(100, 10), ceiling 110 (z = 1); n = 200,000 draws.

    Theory: P(S > c) = 1 - Phi(1) = 0.158655; E[max(0, S - c)] = sigma * phi(z) - (c - mu) *
    (1 - Phi(z)) = 10 * 0.241971 - 10 * 0.158655 = 0.833155; the 95th percentile of the excess
    is mu + 1.644854 sigma - c = 6.44854. Tolerances are 4 standard errors.
    """
    n, mu, sigma, c = 200_000, 100.0, 10.0, 110.0
    values = np.random.default_rng(20270101).normal(mu, sigma, n)
    got = overshoot(values, c)
    z = (c - mu) / sigma
    p = stats.norm.sf(z)
    assert got["p_overshoot"] == pytest.approx(p, abs=4 * math.sqrt(p * (1 - p) / n))
    expected = sigma * stats.norm.pdf(z) - (c - mu) * p
    second = sigma**2 * ((1 + z**2) * p - z * stats.norm.pdf(z))   # E[excess^2]
    se = math.sqrt((second - expected**2) / n)
    assert got["expected_overshoot_eur"] == pytest.approx(expected, abs=4 * se)
    q95 = mu + stats.norm.ppf(0.95) * sigma - c
    se_q = math.sqrt(0.95 * 0.05 / n) / stats.norm.pdf(stats.norm.ppf(0.95)) * sigma
    assert got["overshoot_p95_eur"] == pytest.approx(q95, abs=4 * se_q)
    # conditional mean excess: sigma * phi(z) / (1 - Phi(z)) - (c - mu)
    assert got["mean_overshoot_if_over_eur"] == pytest.approx(
        sigma * stats.norm.pdf(z) / p - (c - mu), rel=0.02)


@pytest.fixture
def scenario(small_dict):
    small_dict["business_case"] = {"price_index_per_year": 0.02, "wage_index_per_year": 0.05}
    small_dict["ceiling"] = {"amount_eur_per_year": 1000.0, "by_year": {"2028": 1200.0},
                             "open_ended_providers": ["jeugdhulp"]}
    return validate_dict(small_dict)


def test_ceiling_is_indexed_per_year(scenario):
    limits = ceiling_per_year(scenario)
    assert limits.to_dict() == pytest.approx({2027: 1000.0, 2028: 1200.0 * 1.02})


def test_ceiling_table_with_a_known_spending_distribution(scenario):
    """2,000 replications; open-ended care (jeugdhulp) is exactly 600 in 2027 and uniform on
    [0, 1,000] in 2028, the controllable part (team, wmo_zorg) a fixed 500 a year.

    2027: spending 1,100 > 1,000 always: P = 1, expected overshoot 100.
    2028: ceiling 1,224; spending 500 + U(0, 1000) > 1,224 when U > 724: P = 0.276;
    expected overshoot = integral of (u - 724) / 1000 du over [724, 1000] = 276^2 / 2000 = 38.088.
    The open-ended part alone exceeds 1,224 never.
    """
    n = 2000
    u = (np.arange(n) + 0.5) / n * 1000          # an exact uniform grid on [0, 1000]
    rows = []
    for r in range(n):
        for year, care in ((2027, 600.0), (2028, u[r])):
            rows += [(r, year, "Aadorp", "structural", "specialist_care", "jeugdhulp", care),
                     (r, year, "Aadorp", "structural", "access_team", "", 300.0),
                     (r, year, "Beekdorp", "structural", "specialist_care", "wmo_zorg", 200.0),
                     (r, year, "Aadorp", "incidental", "housing", "", 1e6),   # not counted
                     (r, year, "Aadorp", "structural", "management", "", 1e6)]  # not counted
    yearly = pd.DataFrame(rows, columns=["replication", "year", "municipality", "cost_type",
                                         "category", "provider", "nominal_eur"])
    table = ceiling_table(yearly, scenario, "v").set_index("year")
    assert table.loc[2027, "p_overshoot"] == 1.0
    assert table.loc[2027, "expected_overshoot_eur"] == pytest.approx(100.0)
    assert table.loc[2027, "open_ended_mean_eur"] == pytest.approx(600.0)
    assert table.loc[2027, "room_for_controllable_eur"] == pytest.approx(400.0)
    assert table.loc[2028, "ceiling_eur"] == pytest.approx(1224.0)
    assert table.loc[2028, "p_overshoot"] == pytest.approx(0.276, abs=1 / n)
    assert table.loc[2028, "expected_overshoot_eur"] == pytest.approx(276**2 / 2000, rel=1e-3)
    assert table.loc[2028, "spending_mean_eur"] == pytest.approx(1000.0)
    assert table.loc[2028, "controllable_mean_eur"] == pytest.approx(500.0)
    assert table.loc[2028, "p_open_ended_over"] == 0.0
    assert (table["replications"] == n).all()


def test_no_ceiling_section_gives_an_empty_table(small_scenario):
    assert ceiling_per_year(small_scenario).empty
    empty = ceiling_table(pd.DataFrame(), small_scenario, "v")
    assert empty.empty and "p_overshoot" in empty.columns
