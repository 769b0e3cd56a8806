"""Known gaps found by the property and fuzz tests, in modules this work does not own.

Each is a strict ``xfail``: it documents the problem with a minimal reproduction and
turns into a failure (XPASS) the moment the problem is fixed, as a reminder to drop the
mark. They are excluded from the random scenarios of ``tests/property`` until then.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import small_scenario_dict

import simfin
from simfin.finance import yearly_costs
from simfin.scenario import validate_dict
from simfin.sim import simulate


@pytest.mark.xfail(strict=True, raises=IndexError,
                   reason="sim/ledger.py: an empty ledger gets an object-typed case_id column")
def test_a_run_in_which_no_request_arrives():
    data = small_scenario_dict()
    for stream in data["demand_streams"].values():
        stream["rate_per_1000"] = 0
    results = simfin.run(validate_dict(data), replications=1)
    assert results.ledger.empty


@pytest.mark.xfail(strict=True, raises=TypeError,
                   reason="finance/costs.py: no provider rows at all (no care, p*q only) "
                          "gives string-typed empty columns in _margin")
def test_a_run_without_specialist_care_under_pq_only():
    data = small_scenario_dict()
    for stream in data["demand_streams"].values():
        stream["outcomes"] = {"light_help": 0.5, "general_facility": 0.5, "referral": 0.0}
    data["providers"]["wmo_zorg"]["financing"] = {"kind": "pq_per_unit"}
    scenario = validate_dict(data)
    yearly = yearly_costs(simulate(scenario, 0).ledger, scenario)
    assert (yearly.query("category == 'specialist_care'")["amount_eur"] == 0).all()


@pytest.mark.xfail(strict=True, raises=pytest.fail.Exception,
                   reason="scenario/schema.py: an empty mix skips the sum check")
def test_an_empty_complexity_mix_is_refused():
    data = small_scenario_dict()
    data["demand_streams"]["wmo"]["complexity_mix"] = {}
    with pytest.raises(simfin.ScenarioError):
        validate_dict(data)


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="finance/allocation.py sums inhabitants in file order (np.sum), so a "
                          "share can differ in its last bit")
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
