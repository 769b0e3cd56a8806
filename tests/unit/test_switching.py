"""Switching values (omslagpunten): root-finding on the mean with common random numbers."""

import math

import numpy as np
import pytest
from conftest import small_scenario_dict
from scipy import stats
from toml_text import to_toml

import simfin
from simfin.business.evaluate import CaseEvaluator
from simfin.business.switching import evaluator_levers, find_switch, lever_switches

NOISE = np.random.default_rng(7).normal(0.0, 1000.0, size=8)   # one value per replication


def test_linear_result_gives_the_closed_form():
    """NPV(s) = a + b·s per replication (common noise): the switching share is −a/b."""
    a, b = -6_000_000.0, 4_000_000.0
    found = find_switch(lambda s: a + b * s + NOISE, linear=True)
    assert found["share"] == pytest.approx(-(a + NOISE.mean()) / b, rel=1e-12)
    assert found["status"] == "flip"
    assert found["effect_eur"] == pytest.approx(b)
    # with common random numbers the noise shifts the root, and the interval shows it
    half = stats.t.ppf(0.975, len(NOISE) - 1) * NOISE.std(ddof=1) / math.sqrt(len(NOISE)) / b
    assert found["share_ci_high"] - found["share"] == pytest.approx(half, rel=1e-9)


def test_curved_result_is_refined_to_the_root():
    """m(s) = 4·s² − 1 (root 0.5): the linear estimate 0.25 is wrong, the search is not."""
    calls = []

    def f(s):
        calls.append(s)
        return np.full(4, 4.0 * s * s - 1.0)

    found = find_switch(f, low=0.0, high=2.0)
    assert found["share"] == pytest.approx(0.5, abs=2e-3)
    assert len(calls) <= 8   # near-linear search: few runs


def test_no_flip_inside_the_bounds_is_said():
    found = find_switch(lambda s: np.full(3, -5.0 + s), low=0.0, high=2.0)
    assert found["status"] == "none" and math.isnan(found["share"])
    assert find_switch(lambda s: np.full(3, 7.0))["status"] == "no_effect"


BUDGET = "providers.wmo_zorg.financing.budget_eur_per_year"


def _budget_case(tmp_path) -> CaseEvaluator:
    """Nulalternatief: lump-sum budget € 400.000 per year. Variant: the budget is a ``dist``
    with mode € 350.000 (its assumed value) and mean € 430.000, plus a structural item of
    € 30.000 per year. No indexation, no discounting, two years: nothing else differs."""
    cases = {}
    for name in ("nul", "variant"):
        d = small_scenario_dict()
        d["name"] = name
        d["business_case"] = {"wage_index_per_year": 0.0, "price_index_per_year": 0.0,
                              "discount_rate": 0.0}
        cases[name] = d
    cases["variant"]["providers"]["wmo_zorg"]["financing"]["budget_eur_per_year"] = {
        "dist": "triangular", "low": 340000, "mode": 350000, "high": 600000}
    cases["variant"]["structural"] = {"beheer": {"category": "management",
                                                 "amount_eur_per_year": 30000}}
    for name, d in cases.items():
        (tmp_path / f"{name}.toml").write_text(to_toml(d), encoding="utf-8")
    return CaseEvaluator(tmp_path / "nul.toml", tmp_path / "variant.toml", 2)


def test_share_one_pins_a_drawn_parameter_at_its_assumed_value(tmp_path):
    """Regression (7e8659b): at budget b the saving is 2·(400.000 − b) − 2·30.000 over two
    years (NPV) and (400.000 − b) − 30.000 in the last year; b(s) = 400.000 − 50.000·s, so
    both flip at s = 0,6 (b = € 370.000). The old point s = 1 was the variant as drawn
    (mean € 430.000, not its mode), which gave a negative share."""
    evaluator = _budget_case(tmp_path)
    lever = next(lv for lv in evaluator_levers(evaluator) if lv.paths == (BUDGET,))
    assert (lever.reference, lever.assumed) == ((400000.0,), (350000.0,))
    drawn = evaluator.outcome().npv_eur   # the variant as drawn: not the point s = 1
    assert np.all(drawn < -60000.0)       # both draws above € 400.000 with this seed
    rows = {r["criterion"]: r for r in lever_switches(evaluator, lever)}
    for criterion, at_one, effect in (("npv", 40000.0, 100000.0),
                                      ("structural", 20000.0, 50000.0)):
        row = rows[criterion]
        assert row["method"] == "exact (linear)" and row["status"] == "flip"
        assert row["share"] == pytest.approx(0.6, abs=1e-9)
        assert row["switching_value"] == pytest.approx(370000.0, abs=1e-3)
        assert row["result_eur"] == pytest.approx(at_one, abs=1e-6)
        assert row["effect_eur"] == pytest.approx(effect, abs=1e-6)


@pytest.mark.slow
def test_rerun_at_the_switching_value_has_npv_zero_in_its_interval():
    """The reported switching value of an incidental item, rerun through the public
    business case (another code path), gives an NPV whose 95 % interval contains 0."""
    reps = 3
    evaluator = CaseEvaluator("scenarios/bbs-nulalternatief.toml",
                              "scenarios/bbs-gezamenlijk.toml", reps, sample_ranges=False)
    lever = next(lv for lv in evaluator_levers(evaluator)
                 if lv.name == "incidental.ict.amount_eur")
    row = lever_switches(evaluator, lever, ("npv",))[0]
    assert row["method"] == "exact (linear)"
    scenario, _ = evaluator.scenario_at({lever.paths[0]: row["switching_value"]})
    case = simfin.business_case("scenarios/bbs-nulalternatief.toml", [scenario],
                                replications=reps, drivers=False, sample_ranges=False)
    npv = case.appraisal["npv_eur"].to_numpy()
    half = stats.t.ppf(0.975, reps - 1) * npv.std(ddof=1) / math.sqrt(reps)
    assert abs(npv.mean()) <= half
    assert abs(npv.mean()) < 1.0   # linear in the amount: exact up to rounding
