"""Conservation of cases: everything that enters a line leaves it or is still in it."""

from __future__ import annotations

import pytest

from simfin.scenario import validate_dict
from simfin.sim import simulate


@pytest.fixture(scope="module")
def no_warmup_run():
    from conftest import small_scenario_dict

    data = small_scenario_dict()
    data["simulation"]["warmup_years"] = 0
    data["simulation"]["horizon_years"] = 3
    scenario = validate_dict(data)
    return simulate(scenario, replication=3)


def test_every_arrival_enters_the_0e_or_the_access_team(no_warmup_run):
    ledger, cases = no_warmup_run.ledger, no_warmup_run.cases
    first = ledger[ledger["episode"] == 0]
    zero = first[first["line"] == "0e"]
    assessed = first[first["activity"] == "assessment"]
    assert len(zero) == cases.resolved_0e.sum()
    assert len(zero) + len(assessed) == cases.n
    assert set(zero["case_id"]).isdisjoint(assessed["case_id"])


@pytest.mark.parametrize("line", ["0e", "1e", "2e"])
def test_entered_equals_finished_plus_in_system_per_line(no_warmup_run, line):
    rows = no_warmup_run.ledger[no_warmup_run.ledger["line"] == line]
    finished = rows["t_end"].notna().sum()
    in_system = rows["outcome"].isin(["waiting", "in_service"]).sum()
    assert finished + in_system == len(rows)
    assert (rows["t_end"].isna() == rows["outcome"].isin(["waiting", "in_service"])).all()


def test_referrals_arrive_in_specialist_care(no_warmup_run):
    ledger = no_warmup_run.ledger
    referred = ledger[(ledger["activity"] == "assessment") & (ledger["outcome"] == "referral")]
    care = ledger[ledger["line"] == "2e"]
    assert set(zip(referred["case_id"], referred["episode"])) == \
        set(zip(care["case_id"], care["episode"]))


def test_light_help_comes_from_decisions_and_step_downs(no_warmup_run):
    ledger = no_warmup_run.ledger
    decided = ledger[(ledger["activity"] == "assessment") & (ledger["outcome"] == "light_help")]
    stepped = ledger[(ledger["line"] == "2e") & (ledger["outcome"] == "stepped_down")]
    light = ledger[ledger["activity"] == "light_help"]
    assert len(light) == len(decided) + len(stepped)


def test_times_are_ordered_and_inside_the_horizon(no_warmup_run):
    ledger = no_warmup_run.ledger
    started = ledger[ledger["t_start"].notna()]
    assert (started["t_start"] >= started["t_arrival"]).all()
    ended = ledger[ledger["t_end"].notna()]
    assert (ended["t_end"] >= ended["t_start"]).all()
    assert ledger["t_arrival"].between(0, 3 * 365).all()
    assert (ledger["units"] >= 0).all()
