"""Conservation of cases: everything that enters a line leaves it or is still in it."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from simfin.scenario import validate_dict
from simfin.sim import simulate
from simfin.sim.cases import EPISODES, OUTCOMES

HORIZON_DAYS = 3 * 365.0


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


def _entries_from_arrivals(out) -> dict[tuple, float]:
    """Every (case, episode, line, activity) the cases must have entered, with the time
    they entered it, walked from the drawn arrivals and case attributes (not from the
    ledger's labels): a step is entered when the previous one ends before the horizon.
    The ledger supplies only the end time of each step that was entered."""
    cases, ledger = out.cases, out.ledger
    ends = {(r.case_id, r.episode, r.activity): r.t_end
            for r in ledger[["case_id", "episode", "activity", "t_end"]].itertuples()}
    entered: dict[tuple, float] = {}

    def enter(i, k, line, activity, t):
        """Enter a step at ``t``; the time it ends (NaN while open), None if never entered."""
        if t >= HORIZON_DAYS:
            return None
        entered[(i, k, line, activity)] = t
        end = ends.get((i, k, activity), math.nan)  # a missing row counts as still open
        return None if math.isnan(end) else end

    for i in range(cases.n):
        t = cases.arrival[i]
        if cases.resolved_0e[i]:
            enter(i, 0, "0e", "advice", t)
            continue
        for k in range(EPISODES):
            t = enter(i, k, "1e", "assessment", t)
            if t is not None and cases.consult[i, k]:
                t = enter(i, k, "1e", "consultation", t)
            if t is not None and OUTCOMES[cases.outcome[i, k]] == "light_help":
                t = enter(i, k, "1e", "light_help", t)
            elif t is not None and OUTCOMES[cases.outcome[i, k]] == "referral":
                t = enter(i, k, "2e", cases.products[cases.product[i, k]], t)
                if t is not None and cases.step_down[i, k]:
                    t = enter(i, k, "1e", "light_help", t)
            if t is None or not cases.reentry[i, k] or k + 1 == EPISODES:
                break
            t += cases.reentry_delay_days[i, k]
    return entered


@pytest.mark.parametrize("line", ["0e", "1e", "2e"])
def test_entered_counted_from_arrivals_equals_finished_plus_still_in_the_line(no_warmup_run,
                                                                               line):
    """Entries are counted from the arrivals; the ledger must show each of them, either
    finished or still in the line (waiting or in service), and nothing else."""
    entered = _entries_from_arrivals(no_warmup_run)
    ledger = no_warmup_run.ledger
    rows = ledger[ledger["line"] == line]
    expected = Counter(key[3] for key in entered if key[2] == line)
    assert sum(expected.values()) > 0
    finished = Counter(rows.loc[rows["t_end"].notna(), "activity"])
    still = Counter(rows.loc[rows["outcome"].isin(["waiting", "in_service"]), "activity"])
    assert finished + still == expected
    if line != "0e":
        assert sum(still.values()) > 0  # the run ends with cases still in this line
    got = {(r.case_id, r.episode, line, r.activity): r.t_arrival for r in rows.itertuples()}
    assert got == {key: t for key, t in entered.items() if key[2] == line}


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
