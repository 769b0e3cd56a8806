"""PSA over the business items (issue 15, item 6): ranges and declared policy parameters are
drawn once per replication on their own stream, and the NPV interval carries them."""

from __future__ import annotations

import copy
import zlib

import numpy as np
import pytest
from conftest import small_scenario_dict
from scipy import stats
from toml_text import to_toml

import simfin
from simfin.business.psa import draw_uniform, sampled_amounts, sampled_scenario
from simfin.scenario import load_uncertain, validate_dict

REPS = 2


def _case_dict(name: str) -> dict:
    d = small_scenario_dict()
    d["name"] = name
    d["simulation"]["horizon_years"] = 2
    d["business_case"] = {"wage_index_per_year": 0.0, "price_index_per_year": 0.0}
    return d


def _with_items(d: dict) -> dict:
    d = copy.deepcopy(d)
    d["incidental"] = {"ict": {"category": "ict_migration", "years": [2027],
                               "amount_eur": {"min": 30000, "mode": 50000, "max": 90000}}}
    return d


def test_a_draw_is_addressed_by_replication_stream_and_name():
    """Rebuilt from the documented address, not from the library's generator helper."""
    seed, name = 12345, "incidental.ict"
    for r in (0, 3):
        key = (r, 20, zlib.crc32(name.encode("utf-8")))
        expected = np.random.Generator(np.random.PCG64(
            np.random.SeedSequence(seed, spawn_key=key))).random()
        assert draw_uniform(seed, r, name) == expected


def test_item_amounts_follow_their_triangular_distribution():
    scenario = validate_dict(_with_items(_case_dict("posten")))
    draws = np.array([sampled_amounts(scenario, r)["incidental.ict"] for r in range(2000)])
    assert draws.min() >= 30000 and draws.max() <= 90000
    mean, half = draws.mean(), 3 * draws.std(ddof=1) / np.sqrt(len(draws))
    assert abs(mean - (30000 + 50000 + 90000) / 3) < half
    shape = (50000 - 30000) / (90000 - 30000)
    assert stats.kstest(draws, stats.triang(shape, loc=30000, scale=60000).cdf).pvalue > 1e-3


def test_adding_an_item_leaves_the_other_draws_alone():
    one = validate_dict(_with_items(_case_dict("a")))
    data = _with_items(_case_dict("b"))
    data["incidental"]["aaa"] = {"category": "training", "years": [2027],
                                 "amount_eur": {"min": 1, "mode": 2, "max": 3}}
    two = validate_dict(data)
    for r in range(5):
        assert sampled_amounts(one, r)["incidental.ict"] == \
            sampled_amounts(two, r)["incidental.ict"]


@pytest.fixture(scope="module")
def sampled_case():
    null = validate_dict(_case_dict("nul"))
    variant = validate_dict(_with_items(_case_dict("posten")))
    return simfin.business_case(null, variant, replications=REPS)


def test_the_balance_carries_each_replications_draw(sampled_case):
    """The variant has the nulalternatief's flow, so its 2027 balance is minus the drawn
    ICT amount of that replication (no indexation); NPVs differ between replications."""
    case = sampled_case
    draws = case.draws.set_index(["variant", "replication", "name"])["value"]
    first = case.balance[(case.balance["variant"] == "posten") & (case.balance["year"] == 2027)]
    for row in first.itertuples():
        drawn = draws[("posten", row.replication, "incidental.ict")]
        assert row.balance_nominal_eur == pytest.approx(-drawn, abs=0.01)
    assert case.appraisal["npv_eur"].nunique() == REPS
    npv = case.appraisal.iloc[0]  # the min / max band stays, as a sensitivity
    assert npv["npv_items_min_eur"] > npv["npv_items_max_eur"]


def test_sampling_leaves_the_simulation_untouched(sampled_case):
    null = validate_dict(_case_dict("nul"))
    variant = validate_dict(_with_items(_case_dict("posten")))
    plain = simfin.business_case(null, variant, replications=REPS, sample_ranges=False)
    structural = [f[(f["variant"] == "nul")].reset_index(drop=True)
                  for f in (plain.yearly, sampled_case.yearly)]
    assert structural[0].equals(structural[1])
    assert plain.draws.empty


def test_a_declared_referral_share_is_drawn_and_balanced_by_light_help(tmp_path):
    data = _case_dict("beleid")
    data["demand_streams"]["jeugd"]["outcomes"]["referral"] = {
        "dist": "triangular", "low": 0.40, "mode": 0.45, "high": 0.50}
    data["demand_streams"]["jeugd"]["outcomes"]["light_help"] = 0.35
    path = tmp_path / "beleid.toml"
    path.write_text(to_toml(data), encoding="utf-8")
    uncertain = load_uncertain(path)
    values = []
    for r in range(4):
        scenario, drawn = sampled_scenario(uncertain, uncertain.base, r)
        out = scenario.demand_streams["jeugd"].outcomes
        value = drawn["demand_streams.jeugd.outcomes.referral"]
        assert out.referral == value and 0.40 <= value <= 0.50
        assert out.light_help == pytest.approx(1 - value - 0.2)
        assert out.general_facility == 0.2
        values.append(value)
    assert len(set(values)) == 4
