"""Sensitivity analyses against analytic answers, one small real-simulation check, and the
budget-ceiling curve by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from uncertainty_helpers import DRIVER, NO_EFFECT, SMALL, uncertain_dict

from simfin.scenario.uncertain import uncertain_from_dict
from simfin.uncertainty import analyse, ceiling_curve, lowest_ceiling, make_design, outputs, sweep
from simfin.uncertainty.sensitivity import (
    morris_table,
    psa_table,
    sobol_table,
    tornado_table,
    two_way_table,
)

A, B, C = DRIVER, SMALL, NO_EFFECT


def _uniform_scenario(low: float, high: float):
    """Three parameters, each uniform on [low, high] (the simulation is never run)."""
    data = uncertain_dict()
    for keys in (("products", "ambulant", "tariff_eur"),
                 ("access_team", "loaded_cost_per_fte_eur"),
                 ("admin", "hourly_cost_eur", "provider")):
        table = data
        for k in keys[:-1]:
            table = table[k]
        table[keys[-1]] = {"dist": "uniform", "low": low, "high": high}
    return uncertain_from_dict(data)


def _linear(design):
    """y = 10 x_A + x_B, no dependence on x_C."""
    return 10 * design.values[A].to_numpy() + design.values[B].to_numpy()


def test_sobol_indices_of_a_linear_function_match_theory():
    # independent uniforms of equal width: S_A = 100/101, S_B = 1/101, S_C = 0; no interactions
    design = make_design(_uniform_scenario(0, 1), "sobol", samples=1024)
    table = sobol_table(design, _linear(design)).set_index("parameter")
    assert table.index[0] == A
    assert table.loc[A, "S1"] == pytest.approx(100 / 101, abs=0.03)
    assert table.loc[A, "ST"] == pytest.approx(100 / 101, abs=0.03)
    assert table.loc[B, "S1"] == pytest.approx(1 / 101, abs=0.02)
    assert abs(table.loc[C, "S1"]) < 1e-12 and abs(table.loc[C, "ST"]) < 1e-12


def test_sobol_indices_of_the_ishigami_function_match_theory():
    """Ishigami (a=7, b=0.1) on U(-pi, pi)^3: analytic S1 = .3139, .4424, 0; ST = .5576, .4424, .2437."""
    design = make_design(_uniform_scenario(-math.pi, math.pi), "sobol", samples=2048)
    x1, x2, x3 = (design.values[n].to_numpy() for n in (B, A, C))  # file order: B, A, C
    y = np.sin(x1) + 7 * np.sin(x2) ** 2 + 0.1 * x3**4 * np.sin(x1)
    table = sobol_table(design, y).set_index("parameter")
    expected = {B: (0.3139, 0.5576), A: (0.4424, 0.4424), C: (0.0, 0.2437)}
    for name, (s1, st) in expected.items():
        assert table.loc[name, "S1"] == pytest.approx(s1, abs=0.05), name
        assert table.loc[name, "ST"] == pytest.approx(st, abs=0.05), name


#: Ishigami (a = 7, b = 0.1) on U(-pi, pi)^3, analytic indices (Ishigami & Homma 1990; the
#: values SALib documents for its Ishigami test function), worked from
#: V1 = b pi^4/5 + b^2 pi^8/50 + 1/2, V2 = a^2/8, V13 = b^2 pi^8 (1/18 - 1/50),
#: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2.
_V1 = 0.1 * math.pi**4 / 5 + 0.01 * math.pi**8 / 50 + 0.5
_V2 = 49 / 8
_V13 = 0.01 * math.pi**8 * (1 / 18 - 1 / 50)
_V = _V1 + _V2 + _V13
ISHIGAMI = {"x1": (_V1 / _V, (_V1 + _V13) / _V), "x2": (_V2 / _V, _V2 / _V),
            "x3": (0.0, _V13 / _V)}


def test_ishigami_analytic_values_are_the_published_ones():
    published = {"x1": (0.3139, 0.5576), "x2": (0.4424, 0.4424), "x3": (0.0, 0.2437)}
    for name, (s1, st) in published.items():
        assert ISHIGAMI[name][0] == pytest.approx(s1, abs=1e-4)
        assert ISHIGAMI[name][1] == pytest.approx(st, abs=1e-4)


def test_sobol_indices_of_ishigami_lie_within_their_confidence_intervals():
    """With N = 8192 the bootstrap intervals are narrow (a few hundredths): every analytic
    index must lie within about two half-widths of its estimate, and the estimates must be
    what indices can be (S1 <= ST, both in [0, 1], sum of S1 at most 1), up to that width."""
    design = make_design(_uniform_scenario(-math.pi, math.pi), "sobol", samples=8192)
    x = {"x1": B, "x2": A, "x3": C}  # file order: B, A, C
    v = {k: design.values[name].to_numpy() for k, name in x.items()}
    y = np.sin(v["x1"]) + 7 * np.sin(v["x2"]) ** 2 + 0.1 * v["x3"] ** 4 * np.sin(v["x1"])
    table = sobol_table(design, y).set_index("parameter")
    for k, (s1, st) in ISHIGAMI.items():
        row = table.loc[x[k]]
        assert 0 < row["S1_conf"] < 0.05 and 0 < row["ST_conf"] < 0.05, k
        assert abs(row["S1"] - s1) <= 2 * row["S1_conf"], (k, row["S1"], s1)
        assert abs(row["ST"] - st) <= 2 * row["ST_conf"], (k, row["ST"], st)
        assert -row["S1_conf"] <= row["S1"] <= row["ST"] + row["S1_conf"], k
        assert 0 <= row["ST"] <= 1 + row["ST_conf"], k
    assert table["S1"].sum() <= 1 + table["S1_conf"].max()
    assert list(table.index) == [x["x1"], x["x2"], x["x3"]]  # sorted by ST


def test_morris_elementary_effects_of_a_linear_function_by_hand():
    # quantiles 5%..95% of U(0, 1) span 0.9 in value, so an effect per unit of that range is
    # 10 * 0.9 = 9 for A, 0.9 for B and 0 for C, with no spread (sigma = 0)
    design = make_design(_uniform_scenario(0, 1), "morris", samples=10)
    table = morris_table(design, _linear(design)).set_index("parameter")
    assert list(table.index) == [A, B, C]
    assert table.loc[A, "mu_star"] == pytest.approx(9.0, rel=1e-9)
    assert table.loc[B, "mu_star"] == pytest.approx(0.9, rel=1e-9)
    assert table.loc[C, "mu_star"] == 0
    assert table["sigma"].abs().max() < 1e-9


def test_tornado_and_grid_layouts_on_a_linear_function():
    us = _uniform_scenario(0, 1)
    design = make_design(us, "tornado")
    table = tornado_table(design, _linear(design))
    assert list(table["parameter"]) == [A, B, C] and list(table["rank"]) == [1, 2, 3]
    assert table["swing"].tolist() == pytest.approx([9.0, 0.9, 0.0])
    assert table["value_low"].tolist() == pytest.approx([0.05] * 3)
    assert table["output_base"].iloc[0] == pytest.approx(10 * 0.5 + 0.5)
    grid = make_design(us, "grid", params=(C, A), levels=3)
    two = two_way_table(grid, _linear(grid))
    assert len(two) == 9 and set(two["parameter_a"]) == {C}
    assert sorted(set(two["value_b"])) == pytest.approx([0.05, 0.5, 0.95])
    assert two["output"].tolist() == pytest.approx((10 * two["value_b"] + 0.5).tolist())


def test_psa_rank_correlation_finds_the_driver():
    design = make_design(_uniform_scenario(0, 1), "psa", samples=200)
    table = psa_table(design, _linear(design))
    assert table["parameter"].iloc[0] == A and table["spearman"].iloc[0] > 0.95
    assert abs(table.set_index("parameter").loc[C, "spearman"]) < 0.2


@pytest.fixture(scope="module")
def real_tornado():
    return sweep(uncertain_from_dict(uncertain_dict()), "tornado", replications=2,
                 executor="serial")


def test_real_tornado_puts_the_driver_on_top_and_the_no_effect_parameter_at_zero(real_tornado):
    table = analyse(real_tornado, outputs.total_spending())
    assert table["parameter"].iloc[0] == DRIVER
    row = table.set_index("parameter")
    assert row.loc[NO_EFFECT, "swing"] == 0.0  # same residents, no effect: exactly equal
    assert row.loc[SMALL, "swing"] > 0
    # p*q spending is linear in the tariff: the base lies on the line through low and high
    d = row.loc[DRIVER]
    slope = (d["output_high"] - d["output_low"]) / (d["value_high"] - d["value_low"])
    assert d["output_base"] == pytest.approx(
        d["output_low"] + slope * (d["value_base"] - d["value_low"]), rel=1e-9)


def test_real_tornado_samples_share_their_residents(real_tornado):
    """Common random numbers: replication r meets the same requests in every sample."""
    requests = real_tornado.kpis[real_tornado.kpis["kpi"] == "requests"]
    per_rep = requests.groupby("replication")["value"].nunique()
    assert (per_rep == 1).all()
    assert requests.groupby("sample")["value"].apply(tuple).nunique() == 1


@pytest.mark.slow
def test_real_sobol_gives_the_driver_the_largest_index_and_no_effect_zero():
    sw = sweep(uncertain_from_dict(uncertain_dict()), "sobol", samples=8, replications=1,
               executor="serial")
    table = analyse(sw, outputs.total_spending(year=2028)).set_index("parameter")
    assert table.index[0] == DRIVER
    assert table.loc[DRIVER, "ST"] > 0.5 and table.loc[DRIVER, "S1"] > 0.5
    assert abs(table.loc[NO_EFFECT, "ST"]) < 1e-9 and abs(table.loc[NO_EFFECT, "S1"]) < 1e-9


def _yearly(totals: list[float], year: int = 2030) -> pd.DataFrame:
    """Two categories per replication summing to ``totals``, plus provider rows to ignore."""
    rows = []
    for r, total in enumerate(totals):
        for category, share in (("access_team", 0.25), ("specialist_care", 0.75)):
            rows.append({"replication": r, "year": year, "party": "municipality",
                         "category": category, "amount_eur": share * total})
        rows.append({"replication": r, "year": year, "party": "provider",
                     "category": "revenue", "amount_eur": 1e9})
    return pd.DataFrame(rows)


def test_ceiling_curve_and_lowest_ceiling_by_hand():
    yearly = _yearly([float(v) for v in range(1, 11)])  # totals 1..10 euros
    curve = ceiling_curve(yearly, ceilings=[0, 5, 5.5, 10])
    assert curve["p_overshoot"].tolist() == [1.0, 0.5, 0.5, 0.0]
    # Clopper-Pearson 95% for 5 of 10: 0.1871 .. 0.8129 (table value)
    assert (curve["p_low"].iloc[1], curve["p_high"].iloc[1]) == pytest.approx(
        (0.1871, 0.8129), abs=1e-4)
    # 10 of 10: [0.025^(1/10), 1]; 0 of 10: [0, 1 - 0.025^(1/10)] = [0, 0.3085]
    assert (curve["p_low"].iloc[0], curve["p_high"].iloc[0]) == pytest.approx((0.6915, 1.0), abs=1e-4)
    assert (curve["p_low"].iloc[3], curve["p_high"].iloc[3]) == pytest.approx((0.0, 0.3085), abs=1e-4)
    low = lowest_ceiling(yearly, risk=0.10).iloc[0]
    assert (low["ceiling_eur"], low["p_overshoot"], low["n"]) == (9.0, 0.1, 10)
    assert lowest_ceiling(yearly, risk=0.25)["ceiling_eur"].iloc[0] == 8.0  # 2 of 10 above
    assert lowest_ceiling(yearly, risk=0.0)["ceiling_eur"].iloc[0] == 10.0
    assert lowest_ceiling(yearly, risk=0.29)["ceiling_eur"].iloc[0] == 8.0  # floor(2.9) = 2


def test_ceiling_works_on_a_plain_run(small_scenario):
    import simfin

    run = simfin.run(small_scenario, replications=3)
    totals = run.municipality_costs().groupby(["replication", "year"])["amount_eur"].sum()
    low = lowest_ceiling(run, risk=0.0)
    for row in low.itertuples():
        assert row.ceiling_eur == pytest.approx(totals.xs(row.year, level="year").max())
