"""Regression tests for gaps the property and fuzz tests found (now fixed).

An empty ledger, a run without any specialist care under p*q only, an empty complexity
mix, and money that must be bit-identical whatever the order of municipalities.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import small_scenario_dict

import simfin
from simfin.finance import yearly_costs
from simfin.scenario import validate_dict
from simfin.sim import simulate


def test_a_run_in_which_no_request_arrives():
    data = small_scenario_dict()
    for stream in data["demand_streams"].values():
        stream["rate_per_1000"] = 0
    results = simfin.run(validate_dict(data), replications=1)
    assert results.ledger.empty


def test_a_run_without_specialist_care_under_pq_only():
    data = small_scenario_dict()
    for stream in data["demand_streams"].values():
        stream["outcomes"] = {"light_help": 0.5, "general_facility": 0.5, "referral": 0.0}
    data["providers"]["wmo_zorg"]["financing"] = {"kind": "pq_per_unit"}
    scenario = validate_dict(data)
    yearly = yearly_costs(simulate(scenario, 0).ledger, scenario)
    assert (yearly.query("category == 'specialist_care'")["amount_eur"] == 0).all()


def test_an_empty_complexity_mix_is_refused():
    data = small_scenario_dict()
    data["demand_streams"]["wmo"]["complexity_mix"] = {}
    with pytest.raises(simfin.ScenarioError):
        validate_dict(data)


def test_money_is_bit_identical_whatever_the_order_of_municipalities():
    data = small_scenario_dict()
    data["municipalities"] = {
        "Aadorp": {"inhabitants": 1615, "growth_per_year": 0.01, "age_shares": {"all": 1.0}},
        "Beekdorp": {"inhabitants": 1717, "growth_per_year": -0.03, "age_shares": {"all": 1.0}},
        "Cdorp": {"inhabitants": 1883, "growth_per_year": -0.03, "age_shares": {"all": 1.0}},
    }
    data["simulation"]["horizon_years"] = 3
    for stream in data["demand_streams"].values():
        stream["population"] = "all"
    reordered = {**data, "municipalities": dict(reversed(list(data["municipalities"].items())))}
    a = yearly_costs(simulate(validate_dict(data), 0).ledger, validate_dict(data))
    b = yearly_costs(simulate(validate_dict(reordered), 0).ledger, validate_dict(reordered))
    pd.testing.assert_frame_equal(a, b, check_exact=True)
