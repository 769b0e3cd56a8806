"""Intervals over replications and the replications a target precision needs."""

from __future__ import annotations

import math

import numpy as np
import pytest

import simfin
from simfin.uncertainty import (
    intervals,
    paired_difference,
    precision_table,
    replications_needed,
    summarise,
    t_interval,
)


def test_t_interval_by_hand():
    # mean 3, sd sqrt(2.5), t(4, 0.975) = 2.7764 (table value) -> half-width 1.9632
    low, high = t_interval([1, 2, 3, 4, 5], 0.95)
    assert (low, high) == pytest.approx((3 - 1.9632, 3 + 1.9632), abs=2e-4)
    # t(4, 0.95) = 2.1318 -> half-width 1.5074
    assert t_interval([1, 2, 3, 4, 5], 0.90) == pytest.approx((1.4926, 4.5074), abs=2e-4)
    assert all(math.isnan(v) for v in t_interval([7.0]))


def test_summarise_names_mean_intervals_and_percentile_intervals_apart():
    table = summarise(_frame(np.arange(1, 101, dtype=float)))
    row = table.iloc[0]
    assert row["n"] == 100 and row["mean"] == 50.5
    # linear-interpolation percentiles of 1..100: 1 + q * 99
    assert (row["p05"], row["p95"]) == pytest.approx((5.95, 95.05))
    assert (row["p025"], row["p975"]) == pytest.approx((3.475, 97.525))
    # the t interval of the mean is far narrower than the spread of the values
    assert row["p05"] < row["ci95_low"] < row["ci90_low"] < 50.5 < row["ci90_high"] \
        < row["ci95_high"] < row["p95"]


def _frame(values):
    import pandas as pd

    return pd.DataFrame({"value": values})


def test_t_interval_covers_the_true_mean_at_its_nominal_rate():
    rng = np.random.default_rng(20240601)
    trials, n, mu = 4000, 8, 50.0
    x = rng.normal(mu, 10.0, size=(trials, n))
    for confidence in (0.90, 0.95):
        covered = np.mean([low <= mu <= high for low, high in
                           (t_interval(row, confidence) for row in x)])
        # binomial sd of the coverage is at most 0.005 here; allow 3.5 sd
        assert abs(covered - confidence) < 0.016, (confidence, covered)


def test_replications_needed_by_hand():
    # mean 100, sd 10; for +-5% at 95% we need t(n-1)/sqrt(n) <= 0.5:
    # n = 17: 2.1199 / 4.1231 = 0.514 (too wide); n = 18: 2.1098 / 4.2426 = 0.497.
    half = 10 / math.sqrt(2)
    assert replications_needed([100 - half, 100 + half], 0.05, 0.95) == 18
    # +-10% needs t(n-1)/sqrt(n) <= 1: n = 6 gives 2.5706 / 2.4495 = 1.049, n = 7 gives 0.925
    assert replications_needed([100 - half, 100 + half], 0.10, 0.95) == 7
    # a pilot that is already precise enough needs no more replications than it has
    assert replications_needed([100.0, 100.1, 99.9, 100.0], 0.05) == 4
    assert replications_needed([5.0, 5.0, 5.0]) == 3
    with pytest.raises(ValueError, match="mean is 0"):
        replications_needed([-1.0, 1.0])
    with pytest.raises(ValueError, match="at least 2"):
        replications_needed([1.0])


def test_paired_difference_by_hand():
    # differences 1, 2, 3: mean 2, sd 1, t(2, 0.975) = 4.3027 -> 2 +- 2.4841
    out = paired_difference([1, 2, 3], [2, 4, 6])
    assert out["mean"] == 2 and out["sd"] == pytest.approx(1)
    assert (out["low"], out["high"]) == pytest.approx((2 - 2.4841, 2 + 2.4841), abs=2e-4)


@pytest.fixture(scope="module")
def run():
    from conftest import small_scenario_dict

    from simfin.scenario import validate_dict

    return simfin.run(validate_dict(small_scenario_dict()), replications=4)


def test_intervals_cover_every_reported_figure_and_add_up(run):
    table = intervals(run)
    years = sorted(run.yearly["year"].unique())
    money = table[table["unit"] == "eur"]
    for year in years:
        rows = money[(money["year"] == year) & (money["municipality"] == "")]
        by_figure = rows.set_index("figure")["mean"]
        # mean of a sum = sum of the means (categories -> total, municipalities -> total)
        parts = by_figure.drop("total")
        assert by_figure["total"] == pytest.approx(parts.sum(), rel=1e-12)
        munis = money[(money["year"] == year) & (money["municipality"] != "")]
        assert set(munis["municipality"]) == {"Aadorp", "Beekdorp"}
        assert munis["mean"].sum() == pytest.approx(by_figure["total"], rel=1e-12)
    kpis = table[table["year"].isna()]
    assert set(kpis["figure"]) == set(run.kpis["kpi"])
    # every replication counts, except a figure that happened in none (NaN: no legal
    # decision term in this scenario's streams)
    never = table["n"] == 0
    assert (table.loc[never, "figure"] == "stage_melding_beschikking_within_term_share").all()
    assert (table.loc[~never, "n"] == 4).all()
    assert (table.loc[~never, "ci95_low"] <= table.loc[~never, "ci90_low"]).all()


def test_precision_table_agrees_with_the_helper_on_one_figure(run):
    table = precision_table(run, rel_half_width=0.01)
    row = table[(table["figure"] == "intake_wait_mean_days")].iloc[0]
    pilot = run.kpis.loc[run.kpis["kpi"] == "intake_wait_mean_days", "value"]
    assert row["replications_needed"] == replications_needed(pilot, 0.01)
    assert (table["replications_needed"].dropna() >= 4).all()
