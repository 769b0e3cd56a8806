"""Organisation: teams per configuration, costs, indivisible roles, vulnerability, staffing."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import small_scenario_dict

from simfin.finance.organisation import access_team_costs, role_persons
from simfin.finance.vulnerability import (
    unavailability,
    uncovered_days,
    understaffed_probability,
    vulnerability_table,
)
from simfin.scale import access_mode_comparison, scale_scenario
from simfin.scenario import validate_dict
from simfin.sim import simulate
from simfin.sim.access_team import specialist_units, team_units
from simfin.staffing import intake_within_norm, staff_to_norm, with_team_fte


def _scenario(**team) -> object:
    data = small_scenario_dict()
    data["access_team"].update(team)
    return validate_dict(data)


def _with_roles(data: dict, **organisation) -> object:
    data["organisation"] = organisation
    return validate_dict(data)


def test_team_units_per_configuration():
    joint = _scenario()
    assert team_units(joint) == {"gezamenlijk": (["Aadorp", "Beekdorp"], 6)}
    apart = _scenario(organisation="per_municipality", specialist_fte=1.0)
    units = team_units(apart)  # 8,000 and 12,000 inhabitants: 40% and 60% of 6 FTE
    assert units["Aadorp"][1] == pytest.approx(2.4) and units["Beekdorp"][1] == pytest.approx(3.6)
    assert specialist_units(apart)["Aadorp"][1] == pytest.approx(0.4)
    shell = _scenario(organisation="local_with_shell", specialist_fte=1.0)
    assert set(team_units(shell)) == {"Aadorp", "Beekdorp"}
    assert specialist_units(shell) == {"schil": (["Aadorp", "Beekdorp"], 1.0)}


def test_fte_by_municipality_must_cover_every_municipality_and_sum_to_fte():
    from simfin.errors import ScenarioError

    with pytest.raises(ScenarioError, match="sum to access_team.fte"):
        _scenario(organisation="per_municipality", fte_by_municipality={"Aadorp": 2, "Beekdorp": 3})
    with pytest.raises(ScenarioError, match="one value per municipality"):
        _scenario(organisation="per_municipality", fte_by_municipality={"Aadorp": 6})


def test_separate_teams_charge_their_own_municipality():
    scenario = _scenario(organisation="per_municipality",
                         fte_by_municipality={"Aadorp": 2.0, "Beekdorp": 4.0})
    costs = pd.DataFrame(access_team_costs(scenario))
    first = costs[(costs["year"] == 2027) & (costs["category"] == "access_team")]
    by = first.set_index("municipality")["amount_eur"]
    assert by["Aadorp"] == pytest.approx(2.0 * 72_200) and by["Beekdorp"] == pytest.approx(4.0 * 72_200)


def test_indivisible_roles_make_cost_per_inhabitant_fall_in_steps():
    """One jurist per 50,000 inhabitants, at least one, €100,000 a person (hand-computed)."""
    data = small_scenario_dict()
    base = _with_roles(data, roles={"jurist": {"cost_per_person_eur": 100_000,
                                               "inhabitants_per_person": 50_000}})
    expected = {20_000: 100_000 / 20_000, 45_000: 100_000 / 45_000,
                60_000: 200_000 / 60_000, 100_000: 200_000 / 100_000}
    for population, per_inhabitant in expected.items():
        costs = pd.DataFrame(access_team_costs(scale_scenario(base, population)))
        roles = costs[(costs["category"] == "indivisible_roles") & (costs["year"] == 2027)]
        assert roles["amount_eur"].sum() / population == pytest.approx(per_inhabitant)
    assert role_persons(base.organisation.roles["jurist"], 50_000) == 1
    assert role_persons(base.organisation.roles["jurist"], 50_001) == 2


def test_roles_are_needed_once_per_organisation():
    data = small_scenario_dict()
    data["access_team"]["organisation"] = "per_municipality"
    apart = _with_roles(data, roles={"jurist": {"cost_per_person_eur": 100_000}},
                        fixed_costs_eur_per_organisation=50_000, overhead_share=0.1)
    costs = pd.DataFrame(access_team_costs(apart))
    year = costs[costs["year"] == 2027].groupby("category")["amount_eur"].sum()
    assert year["indivisible_roles"] == pytest.approx(2 * 100_000)  # one jurist in each
    assert year["fixed_costs"] == pytest.approx(2 * 50_000)
    assert year["overhead"] == pytest.approx(0.1 * (6 * 72_200 + 2 * 100_000))


def test_vulnerability_matches_the_binomial_formula_by_hand():
    p = unavailability(absence=0.05, vacancy=0.05)
    assert p == pytest.approx(0.0975)
    assert uncovered_days(1, 0.1) == pytest.approx(36.5)
    assert uncovered_days(3, 0.1) == pytest.approx(0.365)
    # 5 persons, at least 4 (80%) needed, each present with 0.9:
    # P(X <= 3) = 1 - 5 * 0.9**4 * 0.1 - 0.9**5 = 1 - 0.32805 - 0.59049
    assert understaffed_probability(5, 0.1, 0.8) == pytest.approx(0.08146, abs=1e-9)
    assert understaffed_probability(1, 0.1, 0.8) == pytest.approx(0.1)


def test_vulnerability_table_counts_persons():
    data = small_scenario_dict()
    data["access_team"]["specialist_fte"] = 0.8
    scenario = _with_roles(data, fte_per_person=0.8, vacancy_rate=0.0,
                           roles={"jurist": {"cost_per_person_eur": 1.0}})
    table = vulnerability_table(scenario).set_index("function")
    assert table.loc["generalists", "persons"] == math.ceil(6 / 0.8)
    assert table.loc["specialists", "persons"] == 1
    assert table.loc["jurist", "uncovered_days"] == pytest.approx(365 * 0.06)


def test_integral_intake_needs_fewer_hours_than_one_intake_per_domain():
    data = small_scenario_dict()
    data["demand_streams"]["jeugd"]["domains"] = 3
    data["access_team"]["integral_plan_share"] = 0.25
    integral = simulate(validate_dict(data), 0).cases
    data["access_team"]["intake_mode"] = "per_domain"
    per_domain = simulate(validate_dict(data), 0).cases
    jeugd = integral.stream == integral.streams.index("jeugd")
    # returns a case does not reach have no hours drawn (0.0) in either run
    drawn = per_domain.assessment_hours[jeugd] != 0
    assert np.array_equal(drawn, integral.assessment_hours[jeugd] != 0) and drawn.sum() > 100
    ratio = per_domain.assessment_hours[jeugd][drawn] / integral.assessment_hours[jeugd][drawn]
    assert np.allclose(ratio, 3 / 1.5)  # three intakes versus one intake plus 2 x 25%
    wmo = ~jeugd
    assert np.allclose(per_domain.assessment_hours[wmo], integral.assessment_hours[wmo])
    # hours worked: with a team that keeps up under both modes (a saturated team works its
    # capacity either way, and the difference shows in the waits instead)
    data["access_team"]["fte"] = 14
    table = access_mode_comparison(validate_dict(data), replications=1).set_index("intake_mode")
    assert table.loc["per_domain", "assessment_hours_per_year"] > \
        1.2 * table.loc["integral", "assessment_hours_per_year"]
    euros_per_hour = 72_200 / 1425
    assert table.loc["integral", "assessment_cost_eur_per_year"] == pytest.approx(
        table.loc["integral", "assessment_hours_per_year"] * euros_per_hour)


def test_consultations_go_through_the_specialist_pool():
    data = small_scenario_dict()
    data["access_team"]["specialist_fte"] = 0.5
    data["access_team"]["complexity"]["zwaar"]["consultation_share"] = 1.0
    data["access_team"]["complexity"]["zwaar"]["consultation_hours"] = {"family": "fixed",
                                                                       "value": 4}
    out = simulate(validate_dict(data), 0)
    consults = out.ledger[out.ledger["activity"] == "consultation"]
    assessed = out.ledger[(out.ledger["activity"] == "assessment")
                          & (out.ledger["complexity"] == "zwaar") & out.ledger["t_end"].notna()]
    assert len(consults) > 0 and (consults["complexity"] == "zwaar").all()
    # every finished heavy assessment is followed by exactly one consultation
    assert set(zip(consults["case_id"], consults["episode"])) == \
        set(zip(assessed["case_id"], assessed["episode"]))


def test_consultations_need_specialists():
    from simfin.errors import ScenarioError

    data = small_scenario_dict()
    data["access_team"]["complexity"]["zwaar"]["consultation_share"] = 0.5
    data["access_team"]["complexity"]["zwaar"]["consultation_hours"] = {"family": "fixed",
                                                                       "value": 4}
    with pytest.raises(ScenarioError, match="access_team.specialist_fte"):
        validate_dict(data)


@pytest.fixture(scope="module")
def tight_norm() -> dict:
    data = small_scenario_dict()
    data["demand_streams"]["jeugd"]["legal_norm_days"] = 4
    data["demand_streams"]["wmo"]["legal_norm_days"] = 3
    return data


@pytest.mark.slow
def test_staffing_is_monotone_in_demand(tight_norm):
    low = staff_to_norm(validate_dict(tight_norm), replications=6)
    busier = {**tight_norm, "demand_streams": {
        k: {**v, "rate_per_1000": v["rate_per_1000"] * 1.3}
        for k, v in tight_norm["demand_streams"].items()}}
    high = staff_to_norm(validate_dict(busier), replications=6)
    for team in low.fte:
        assert high.fte[team] >= low.fte[team]


@pytest.mark.slow
def test_staffing_answer_is_minimal_and_holds_on_fresh_replications(tight_norm):
    scenario = validate_dict(tight_norm)
    answer = staff_to_norm(scenario, target_share=0.95, confidence=0.9, replications=8)
    staffed = with_team_fte(scenario, answer.fte)
    fresh = [intake_within_norm(simulate(staffed, rep, monitor_interval_days=0).ledger,
                                staffed) for rep in range(1000, 1016)]
    shares = pd.concat(fresh)
    assert shares.mean() >= 0.95
    assert np.mean([(s >= 0.95).all() for s in fresh]) >= 0.75
    one_less = with_team_fte(scenario, {k: v - 0.5 for k, v in answer.fte.items()})
    short = [intake_within_norm(simulate(one_less, rep, monitor_interval_days=0).ledger,
                                one_less) for rep in range(8)]
    assert answer.rounds == 1 or np.mean([(s >= 0.95).all() for s in short]) < 0.9
