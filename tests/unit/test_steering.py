"""Steering models of the access team: referral behaviour and costs, by hand; no
``[steering]`` leaves a scenario as it was."""

from __future__ import annotations

import pandas as pd
import pytest

from simfin.errors import ScenarioError
from simfin.finance.organisation import access_team_costs
from simfin.finance.steering import steering_costs
from simfin.runner import run_replication
from simfin.scenario import validate_dict
from simfin.scenario.steering import steered, steered_outcomes
from conftest import small_scenario_dict


def with_steering(**kw):
    data = small_scenario_dict()
    data["steering"] = {"model": "marktmeester", "operator": "contracted",
                        "financing": "contract", **kw}
    return validate_dict(data, "klein.toml")


def test_referral_multiplier_by_hand():
    out = steered_outcomes({"light_help": 0.3, "general_facility": 0.2, "referral": 0.5}, 1.2)
    assert out["referral"] == pytest.approx(0.6)
    assert out["light_help"] == pytest.approx(0.24)  # 0.3 x 0.4 / 0.5
    assert out["general_facility"] == pytest.approx(0.16)
    assert steered_outcomes({"light_help": 0.0, "general_facility": 0.0, "referral": 1.0},
                            0.5)["referral"] == 0.5


def test_steered_scenario_changes_only_the_outcomes():
    scenario = with_steering(referral_multiplier=1.2)
    s = steered(scenario)
    assert s.demand_streams["jeugd"].outcomes.referral == pytest.approx(0.6)
    assert s.demand_streams["wmo"].outcomes.referral == pytest.approx(0.36)
    assert s.access_team == scenario.access_team
    assert steered(with_steering()) == with_steering()


def test_more_referrals_in_the_ledger_with_the_same_residents():
    plain, more = (run_replication(with_steering(referral_multiplier=m), 0)["ledger"]
                   for m in (1.0, 1.3))
    first = lambda l: l[(l["activity"] == "assessment") & (l["episode"] == 0)]  # noqa: E731
    assert first(plain)["case_id"].nunique() == first(more)["case_id"].nunique()
    referred = [(first(l)["outcome"] == "referral").mean() for l in (plain, more)]
    assert referred[1] > referred[0]


def test_costs_by_hand():
    """Staff 6 FTE x 72,200 = 433,200 a year; overhead 10% = 43,320; contract management
    0.5 FTE x 90,000 = 45,000; grants 20,000."""
    scenario = with_steering(operator_overhead_share=0.1, contract_management_fte=0.5,
                             contract_management_cost_per_fte_eur=90000,
                             grants_eur_per_year=20000)
    table = pd.DataFrame(steering_costs(scenario, access_team_costs(scenario)))
    per_year = table.groupby(["year", "category"])["amount_eur"].sum()
    for year in (2027, 2028):
        assert per_year[(year, "operator_overhead")] == pytest.approx(0.1 * 6 * 72200)
        assert per_year[(year, "contract_management")] == pytest.approx(45000)
        assert per_year[(year, "grants")] == pytest.approx(20000)


def test_operator_overhead_counts_the_specialists_too():
    """The operator's overhead is a share of the staff of the team *and* its specialists:
    6 FTE x 72,200 = 433,200 plus 1.5 specialist FTE x 80,000 = 120,000; 10% = 55,320,
    spread over the municipalities by inhabitants (8,000 and 12,000 in 2027)."""
    data = small_scenario_dict()
    data["access_team"]["specialist_fte"] = 1.5
    data["organisation"] = {**data.get("organisation", {}), "specialist_cost_per_fte_eur": 80000}
    data["steering"] = {"model": "marktmeester", "operator": "contracted",
                        "financing": "contract", "operator_overhead_share": 0.1}
    scenario = validate_dict(data, "klein.toml")
    organisation = pd.DataFrame(access_team_costs(scenario))
    staff = organisation[organisation["category"].isin(["access_team", "specialists"])]
    assert staff.groupby("year")["amount_eur"].sum()[2027] == pytest.approx(433200 + 120000)
    table = pd.DataFrame(steering_costs(scenario, access_team_costs(scenario)))
    overhead = table[table["category"] == "operator_overhead"]
    per_year = overhead.groupby("year")["amount_eur"].sum()
    assert per_year[2027] == pytest.approx(0.1 * (433200 + 120000))
    first = overhead[overhead["year"] == 2027].set_index("municipality")["amount_eur"]
    assert first["Aadorp"] == pytest.approx(0.1 * 553200 * 8000 / 20000)
    assert set(overhead["taakveld"]) == {"6.2"}


def test_no_steering_no_rows(small_scenario):
    assert steering_costs(small_scenario, access_team_costs(small_scenario)) == []
    assert steered(small_scenario) is small_scenario


@pytest.mark.parametrize("kw, field", [
    ({"operator": "municipality", "operator_overhead_share": 0.1},
     "steering.operator_overhead_share"),
    ({"contract_management_fte": 1.0}, "steering.contract_management_cost_per_fte_eur"),
    ({"referral_multiplier": 5.0}, "steering.referral_multiplier"),
])
def test_bad_steering_names_the_field(kw, field):
    with pytest.raises(ScenarioError) as err:
        with_steering(**kw)
    assert field in str(err.value)
