"""The behaviour face of a financing model: capacity bought, multipliers, step-down, zorgplicht.

Multipliers are applied to values drawn from the same base quantiles, so every check
here compares a variant with the base case by case (common random numbers).
"""

from __future__ import annotations

import numpy as np
import pytest
import simpy
from conftest import small_scenario_dict

from simfin.errors import ScenarioError
from simfin.scenario import validate_dict
from simfin.sim import simulate
from simfin.sim.cases import draw_cases
from simfin.sim.providers import Providers


def _with_financing(provider: str, financing: dict):
    data = small_scenario_dict()
    data["providers"][provider]["financing"] = financing
    return validate_dict(data, "test.toml")


def _lump(**fields) -> dict:
    return {"kind": "lump_sum", "budget_eur_per_year": 1_000_000, **fields}


@pytest.mark.parametrize(("cost_per_client_year", "places"), [
    (12_500.0, 80),       # 1,000,000 / 12,500 = 80 exactly
    (12_600.0, 79),       # 79.37 -> 79 whole places
    (12_345.0, 81),       # 81.00 -> 81
    (1_000_000.0, 1),     # the budget buys exactly one place
])
def test_places_bought_by_the_budget_by_hand(cost_per_client_year, places):
    scenario = _with_financing("wmo_zorg", _lump(cost_per_client_year_eur=cost_per_client_year))
    assert scenario.providers["wmo_zorg"].financing.places == places
    resource = Providers(simpy.Environment(), scenario).places["wmo_zorg"]
    assert resource.capacity == places


def test_shipped_lump_sum_capacity_by_hand():
    # 5,150,000 / 8,134.29 = 633.13 -> 633; 2,125,000 / 34,696.90 = 61.25 -> 61
    scenario = _with_financing("wmo_zorg", {"kind": "lump_sum", "budget_eur_per_year": 5_150_000,
                                            "cost_per_client_year_eur": 8134.29})
    assert scenario.providers["wmo_zorg"].financing.places == 633
    scenario = _with_financing("wmo_zorg", {"kind": "lump_sum", "budget_eur_per_year": 2_125_000,
                                            "cost_per_client_year_eur": 34696.90})
    assert scenario.providers["wmo_zorg"].financing.places == 61


def test_explicit_places_still_work_and_win():
    scenario = _with_financing("wmo_zorg", _lump(client_places=7, cost_per_client_year_eur=10.0))
    assert scenario.providers["wmo_zorg"].financing.places == 7


def test_places_missing_or_unaffordable_is_a_one_line_error():
    with pytest.raises(ScenarioError, match=r"providers\.wmo_zorg\.financing.*client_places"):
        _with_financing("wmo_zorg", _lump())
    with pytest.raises(ScenarioError, match="cost_per_client_year_eur"):
        _with_financing("wmo_zorg", _lump(cost_per_client_year_eur=2_000_000.0))


def test_duty_to_accept_has_no_cap_and_no_waiting_list():
    tight = _lump(client_places=3)
    waiting = simulate(_with_financing("jeugdhulp", tight), replication=0)
    duty = simulate(_with_financing("jeugdhulp", {**tight, "when_full": "duty_to_accept"}),
                    replication=0)
    assert Providers(simpy.Environment(), _with_financing(
        "jeugdhulp", {**tight, "when_full": "duty_to_accept"})).places["jeugdhulp"] is None
    jeugd = [led[led["provider"] == "jeugdhulp"] for led in (waiting.ledger, duty.ledger)]
    assert (jeugd[0]["outcome"] == "waiting").sum() > 0
    assert (jeugd[1]["outcome"] == "waiting").sum() == 0


def test_multipliers_apply_after_the_draw_and_leave_the_indication_alone():
    base = draw_cases(validate_dict(small_scenario_dict()), 0)
    changed = draw_cases(_with_financing("jeugdhulp", {
        "kind": "pq_per_unit", "duration_multiplier": 0.8, "intensity_multiplier": 1.25}), 0)
    ambulant = base.product == base.products.index("ambulant")
    assert ambulant.sum() > 50
    assert np.allclose(changed.care_days[ambulant], 0.8 * base.care_days[ambulant])
    assert np.allclose(changed.care_units_per_week[ambulant],
                       1.25 * base.care_units_per_week[ambulant])
    assert np.array_equal(changed.care_days_indicated, base.care_days_indicated)
    assert np.array_equal(changed.care_units_per_week_indicated,
                          base.care_units_per_week_indicated)
    assert np.array_equal(base.care_days_indicated[ambulant], base.care_days[ambulant])


def test_step_down_multiplier_and_override_on_the_same_base_quantiles():
    base = draw_cases(validate_dict(small_scenario_dict()), 0)        # ambulant share 0.3
    double = draw_cases(_with_financing("jeugdhulp", {"kind": "pq_per_unit",
                                                      "step_down_multiplier": 2.0}), 0)
    never = draw_cases(_with_financing("jeugdhulp", {"kind": "pq_per_unit",
                                                     "step_down_share": 0.0}), 0)
    ambulant = base.product == base.products.index("ambulant")
    b, d = base.step_down[ambulant], double.step_down[ambulant]
    assert np.all(d[b])                       # every base step-down still steps down (u < 0.3)
    # about twice as many (u < 0.6); n ≈ 900 draws, so 4 standard deviations ≈ 0.065
    assert d.mean() == pytest.approx(0.6, abs=0.065)
    assert b.mean() == pytest.approx(0.3, abs=0.06)
    assert not never.step_down[ambulant].any()
    verblijf = base.product == base.products.index("verblijf")   # share 0: stays 0 when doubled
    assert not double.step_down[verblijf].any()


def test_step_down_probability_is_capped_at_one():
    scenario = _with_financing("jeugdhulp", {"kind": "pq_per_unit", "step_down_multiplier": 5.0})
    assert scenario.providers["jeugdhulp"].financing.effective_step_down(0.3) == 1.0
