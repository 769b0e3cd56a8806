"""The business case on the timeline: a variant that takes over from the nulalternatief
mid-run ([business_case.switch], simfin.business.switch)."""

from __future__ import annotations

import pytest

import simfin
from simfin.business.switch import switch_changes, switched
from simfin.errors import ScenarioError
from simfin.runner import run_replication
from simfin.scenario import validate_dict
from simfin.scenario.timeline import DAYS_PER_MONTH, regimes


def _pair(**switch):
    from conftest import small_scenario_dict

    null = small_scenario_dict()
    null["simulation"]["horizon_years"] = 3
    variant = small_scenario_dict()
    variant["simulation"]["horizon_years"] = 3
    variant["name"] = "variant"
    variant["access_team"]["fte"] = 7
    variant["demand_streams"]["jeugd"]["outcomes"] = {
        "light_help": 0.4, "general_facility": 0.2, "referral": 0.4}
    variant["business_case"] = {"switch": {"at_month": 12, **switch}}
    return validate_dict(null), validate_dict(variant)


def _yearly(scenario, replication=0):
    costs = run_replication(scenario, replication)["yearly"]
    return costs.groupby(["year", "category"])["amount_eur"].sum()


def test_before_the_switch_the_variant_costs_exactly_what_the_nulalternatief_costs():
    null, variant = _pair()
    a, b = _yearly(null), _yearly(switched(null, variant))
    assert (a.loc[2027] - b.loc[2027]).abs().max() < 0.005  # to the cent, every category
    # and after it the variant's rules apply: more staff cost, less specialist care
    assert b.loc[(2028, "access_team")] > a.loc[(2028, "access_team")]
    # all of 2029 under the variant: exactly one FTE more (7 against 6) at the cost per FTE
    per_fte = null.access_team.loaded_cost_per_fte_eur
    assert b.loc[(2029, "access_team")] - a.loc[(2029, "access_team")] == pytest.approx(per_fte)


def test_the_switch_lands_in_the_year_at_its_share_of_the_year():
    null, variant = _pair()
    variant = variant.model_copy(update={"business_case": variant.business_case.model_copy(
        update={"switch": variant.business_case.switch.model_copy(update={"at_month": 18})})})
    null_staff = _yearly(null).xs("access_team", level="category")
    variant_staff = _yearly(switched(null, variant)).xs("access_team", level="category")
    # one more FTE from month 18: half of 2028 and all of 2029 (hand-computed, cost per FTE)
    per_fte = null.access_team.loaded_cost_per_fte_eur
    assert variant_staff.loc[2027] == pytest.approx(null_staff.loc[2027])
    assert variant_staff.loc[2028] - null_staff.loc[2028] == pytest.approx(0.5 * per_fte)
    assert variant_staff.loc[2029] - null_staff.loc[2029] == pytest.approx(per_fte)


def test_the_differences_become_timeline_events_grouped_by_kind():
    null, variant = _pair(phase_in_months=6, policy_phase_in_months=24)
    groups = switch_changes(null, variant)
    assert groups["organisation"] == {"access_team.fte": 7.0}
    assert groups["policy"] == {"demand_streams.jeugd.outcomes.light_help": 0.4,
                                "demand_streams.jeugd.outcomes.referral": 0.4}
    assert groups["financing"] == {}
    s = switched(null, variant)
    assert s.name == "variant" and s.access_team.fte == 6  # the nulalternatief until month 12
    starts = [(r.start_days / DAYS_PER_MONTH, r.scenario.access_team.fte,
               r.scenario.demand_streams["jeugd"].outcomes.referral) for r in regimes(s)[1:]]
    # FTE in six monthly steps from month 12; the policy in two yearly steps from month 12,
    # side by side and in time order
    assert [round(m, 6) for m, *_ in starts] == sorted(round(m, 6) for m, *_ in starts)
    assert starts[-1][1:] == (7.0, 0.4)
    fte_at_month_14 = [f for m, f, _ in starts if m <= 14 + 1e-9][-1]
    assert fte_at_month_14 == pytest.approx(6 + 3 / 6)
    referral_at_month_30 = [r for m, _, r in starts if m <= 30 + 1e-9][-1]
    assert referral_at_month_30 == pytest.approx(0.4)
    referral_at_month_20 = [r for m, _, r in starts if m <= 20 + 1e-9][-1]
    assert referral_at_month_20 == pytest.approx(0.5 - 0.1 / 2)


def test_what_cannot_change_inside_a_run_is_refused_with_the_field_and_the_way_out():
    null, variant = _pair()
    data = variant.model_dump()
    data["demand_streams"]["wmo"]["rate_per_1000"] = 30
    with pytest.raises(ScenarioError) as err:
        switched(null, validate_dict(data), "variant.toml")
    text = str(err.value)
    assert "variant.toml" in text and "demand_streams.wmo.rate_per_1000" in text
    assert "remove [business_case.switch]" in text


def test_a_switch_and_a_phase_in_percentage_are_not_combined():
    from conftest import small_scenario_dict

    data = small_scenario_dict()
    data["business_case"] = {"phase_in": [0.5], "switch": {"at_month": 0}}
    with pytest.raises(ScenarioError, match="business_case.phase_in"):
        validate_dict(data)


def test_the_business_case_simulates_the_switch_and_keeps_items_apart():
    null, variant = _pair(double_running={"amount_eur_per_year": 50_000, "months": 6})
    case = simfin.business_case(null, [variant], replications=2, drivers=False)
    yearly = case.yearly[case.yearly["variant"] == "variant"]
    running = yearly[yearly["category"] == "double_running"]
    assert set(running["cost_type"]) == {"incidental"} and set(running["year"]) == {2028}
    assert running.groupby("replication")["constant_eur"].sum().to_numpy() == \
        pytest.approx([25_000, 25_000])  # six months of 50,000 a year, 2028 at base prices
    balance = case.balance.groupby("year")["balance_constant_eur"].mean()
    assert balance.loc[2027] == pytest.approx(0.0, abs=0.01)  # identical before the switch
    # after it, the balance is the nulalternatief's costs minus the variant's, recomputed
    # from the yearly table (double running included)
    per_year = case.yearly.groupby(["variant", "year"])["constant_eur"].sum() / 2
    expected = per_year[("klein", 2028)] - per_year[("variant", 2028)]
    assert balance.loc[2028] == pytest.approx(expected, abs=0.01)


def test_a_sampled_switch_amount_is_drawn_per_replication(tmp_path):
    from conftest import small_scenario_dict
    from toml_text import to_toml

    null = small_scenario_dict()
    variant = small_scenario_dict()
    variant["name"] = "variant"
    variant["business_case"] = {"switch": {"at_month": 12, "double_running": {
        "amount_eur_per_year": {"dist": "uniform", "low": 10_000, "high": 90_000},
        "months": 12}}}
    (tmp_path / "null.toml").write_text(to_toml(null), encoding="utf-8")
    (tmp_path / "variant.toml").write_text(to_toml(variant), encoding="utf-8")
    case = simfin.business_case(tmp_path / "null.toml", [tmp_path / "variant.toml"],
                                replications=3, drivers=False)
    rows = case.yearly[(case.yearly["variant"] == "variant")
                       & (case.yearly["category"] == "double_running")]
    per_rep = rows.groupby("replication")["nominal_eur"].sum()
    drawn = case.draws[case.draws["name"].str.endswith("double_running.amount_eur_per_year")]
    assert len(set(per_rep.round(2))) == 3
    # twelve months from 1 January 2028: a whole year of each draw (no indexation here)
    assert per_rep.to_numpy() == pytest.approx(
        drawn.sort_values("replication")["value"].to_numpy())


def test_a_variant_with_another_organisation_form_switches_inside_the_run():
    """Two local teams (nulalternatief) become one joint team at the switch: the fixed costs
    of two organisations until month 12, of one after it (hand-computed)."""
    from conftest import small_scenario_dict

    null = small_scenario_dict()
    null["access_team"].update(organisation="per_municipality",
                               fte_by_municipality={"Aadorp": 2.5, "Beekdorp": 3.5})
    null["organisation"] = {"fixed_costs_eur_per_organisation": 100_000}
    variant = small_scenario_dict()
    variant["name"] = "samen"
    variant["access_team"]["organisation"] = "joint"
    variant["organisation"] = {"fixed_costs_eur_per_organisation": 100_000}
    variant["business_case"] = {"switch": {"at_month": 12}}
    null, variant = validate_dict(null), validate_dict(variant)
    assert switch_changes(null, variant)["organisation"] == {
        "access_team.organisation": "joint", "access_team.fte_by_municipality": None}
    fixed = _yearly(switched(null, variant)).xs("fixed_costs", level="category")
    assert fixed.loc[2027] == pytest.approx(200_000)
    assert fixed.loc[2028] == pytest.approx(100_000)
