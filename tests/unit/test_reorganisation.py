"""The organisation form changing on the timeline: same form changes nothing, nobody is lost
or served twice across the switch, moved clients keep their place and arrival time, costs
follow each regime's form, and what cannot change is refused.

The order of service in the hand-built case is worked out by a separate, plain
first-come-first-served computation (urgent first) on the arrivals of the ledger, not by
simfin; the costs by hand from the scenario's figures.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "validation"))
from mmc import mmc_scenario_dict  # noqa: E402

from simfin.errors import ScenarioError  # noqa: E402
from simfin.runner import run_replication  # noqa: E402
from simfin.scenario import validate_dict  # noqa: E402
from simfin.scenario.timeline import DAYS_PER_MONTH  # noqa: E402
from simfin.sim import simulate  # noqa: E402


def _with_specialists(data: dict, organisation: str) -> dict:
    """The small scenario with a team per municipality (or another form), specialists who
    give consultations, and reneging with returns (every kind of waiting client)."""
    data["access_team"]["organisation"] = organisation
    data["access_team"]["specialist_fte"] = 2.0
    data["access_team"]["fte_by_municipality"] = {"Aadorp": 2.4, "Beekdorp": 3.6}
    for level in data["access_team"]["complexity"].values():
        level["consultation_share"] = 0.3
        level["consultation_hours"] = {"family": "gamma", "mean": 4, "cv": 0.5}
    data["reneging"] = {"patience_days": {"family": "exponential", "mean": 120},
                        "return_share": 0.5,
                        "return_delay_days": {"family": "exponential", "mean": 60}}
    return data


@pytest.mark.parametrize("organisation", ["per_municipality", "local_with_shell", "joint"])
def test_an_event_that_sets_the_form_it_has_changes_nothing(organisation):
    from conftest import small_scenario_dict

    base = _with_specialists(small_scenario_dict(), organisation)
    same = _with_specialists(small_scenario_dict(), organisation)
    same["timeline"] = [{"at_month": 7, "changes": {"access_team.organisation": organisation}}]
    a, b = run_replication(validate_dict(base), 1), run_replication(validate_dict(same), 1)
    for name in ("ledger", "yearly", "kpis", "monitor"):
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True)


def _switched(before: str, after: str, back: str | None = None) -> dict:
    from conftest import small_scenario_dict

    data = _with_specialists(small_scenario_dict(), before)
    data["access_team"]["fte"] = 4.0  # tight before the switch: queues to move
    data["access_team"]["fte_by_municipality"] = {"Aadorp": 1.6, "Beekdorp": 2.4}
    data["timeline"] = [{"at_month": 6, "changes": {
        "access_team.organisation": after, "access_team.fte": 6.0,
        "access_team.fte_by_municipality": {"Aadorp": 2.4, "Beekdorp": 3.6}}}]
    if back is not None:
        data["timeline"].append({"at_month": 15, "changes": {
            "access_team.organisation": back}})
    return data


@pytest.mark.parametrize("forms", [("per_municipality", "joint", None),
                                   ("local_with_shell", "joint", None),
                                   ("joint", "per_municipality", None),
                                   ("per_municipality", "joint", "local_with_shell")])
def test_every_request_is_counted_once_across_the_switch(forms):
    from conftest import small_scenario_dict

    switched = simulate(validate_dict(_switched(*forms)), 0, monitor_interval_days=0).ledger
    plain = small_scenario_dict()
    _with_specialists(plain, forms[0])
    plain["access_team"]["fte"] = 4.0
    plain["access_team"]["fte_by_municipality"] = {"Aadorp": 1.6, "Beekdorp": 2.4}
    unchanged = simulate(validate_dict(plain), 0, monitor_interval_days=0).ledger
    first = {name: set(led.loc[(led["episode"] == 0) & (led["line"] != "0e")
                               & (led["activity"] == "assessment")
                               & (led["t_arrival"] >= 0), "case_id"])
             for name, led in (("switched", switched), ("unchanged", unchanged))}
    # the same residents reach the team (common random numbers), each exactly once
    assert first["switched"] == first["unchanged"] and len(first["switched"]) > 300
    for activity in ("assessment", "consultation", "light_help"):
        rows = switched[switched["activity"] == activity]
        assert not rows.duplicated(["case_id", "episode"]).any(), activity
    # every episode after its assessment was resolved, is waiting, in service or in care
    assert set(switched["outcome"]) <= {"resolved", "light_help", "general_facility",
                                        "referral", "finished", "discharged", "stepped_down",
                                        "abandoned", "waiting", "in_service"}
    # nobody is left behind in a closed unit: who waits for the team at the end arrived
    # well after the last switch (the team after it has room; the lump-sum provider's
    # waiting list for places is another matter)
    waiting = switched[(switched["outcome"] == "waiting") & (switched["line"] == "1e")]
    assert len(waiting) < 20
    last = (15 if forms[2] else 6) * DAYS_PER_MONTH
    assert (waiting["t_arrival"] > last + 60).all()
    consult = switched[switched["activity"] == "consultation"]
    assert consult["t_start"].notna().sum() > 50


def _hand_case(process: bool) -> dict:
    """Two municipalities, one intake worker each (4 hours a day), 40-hour intakes (10
    days), 30% urgent; from month 3 one joint team of two workers (4 hours a day each)."""
    data = mmc_scenario_dict(servers=1, rho=0.6, years=1)
    data["simulation"]["warmup_years"] = 0
    data["municipalities"] = {m: {"inhabitants": 50_000, "age_shares": {"all": 1.0}}
                              for m in ("A", "B")}
    stream = data["demand_streams"]["s"]
    stream["rate_per_1000"] = 0.12 * 365 / 50  # 0.12 a day per municipality of 50,000
    stream["urgent_share"] = 0.3
    if process:  # light help after the intake: every case is a process, not intake-only
        stream["outcomes"] = {"light_help": 1.0, "general_facility": 0.0, "referral": 0.0}
    team = data["access_team"]
    team.update(fte=4.0, organisation="per_municipality",
                fte_by_municipality={"A": 2.0, "B": 2.0})
    team["complexity"]["c"]["assessment_hours"] = {"family": "fixed", "value": 40.0}
    data["timeline"] = [{"at_month": 3, "changes": {"access_team.organisation": "joint"}}]
    return data


def _by_hand(arrival, urgent, municipality, switch: float, days: float) -> np.ndarray:
    """Intake starts: one worker per municipality until ``switch``, then one queue with
    two workers (the old workers finish their client and stop); urgent first, then by
    arrival."""
    def first(queue):
        return min(queue, key=lambda i: (not urgent[i], arrival[i]))

    start = np.full(len(arrival), np.nan)
    for m in set(municipality):                      # before the switch: a team each
        mine = sorted(np.flatnonzero(municipality == m), key=lambda i: arrival[i])
        free, waiting = 0.0, []
        while True:
            nxt = arrival[mine[0]] if mine else np.inf
            if waiting and free <= nxt and free < switch:
                i = first(waiting)
                waiting.remove(i)
                start[i] = max(free, arrival[i])
                free = start[i] + days
            elif nxt < switch:
                waiting.append(mine.pop(0))
            else:
                break
    queue = [i for i in range(len(arrival)) if np.isnan(start[i])]
    workers = [switch, switch]                       # the joint team's two workers
    while queue:
        w = int(np.argmin(workers))
        here = [i for i in queue if arrival[i] <= workers[w]]
        if not here:                                 # idle until the next arrival
            workers[w] = min(arrival[i] for i in queue)
            continue
        i = first(here)
        start[i] = workers[w]
        workers[w] += days
        queue.remove(i)
    return start


@pytest.mark.parametrize("process", [False, True])
def test_moved_clients_keep_their_place_and_arrival_time(process):
    ledger = simulate(validate_dict(_hand_case(process)), 0, monitor_interval_days=0).ledger
    rows = ledger[ledger["activity"] == "assessment"].sort_values("case_id")
    switch = 3 * DAYS_PER_MONTH
    arrival = rows["t_arrival"].to_numpy()
    expected = _by_hand(arrival, rows["urgent"].to_numpy(),
                        rows["municipality"].to_numpy(), switch, 10.0)
    expected[expected >= 365.0] = np.nan             # not started within the year
    started = rows["t_start"].to_numpy()
    np.testing.assert_allclose(started, expected, rtol=0, atol=1e-9)
    moved = (arrival < switch) & (started >= switch)
    assert moved.sum() >= 5                          # a real queue was moved
    assert rows["urgent"].to_numpy()[moved].any()


def test_fixed_costs_and_roles_follow_each_regimes_form():
    data = mmc_scenario_dict(servers=1, rho=0.5, years=2)
    data["municipalities"] = {m: {"inhabitants": 20_000, "age_shares": {"all": 1.0}}
                              for m in ("A", "B", "C")}
    data["access_team"].update(fte=6.0, organisation="per_municipality")
    data["organisation"] = {"fixed_costs_eur_per_organisation": 300_000, "roles": {
        "manager": {"cost_per_person_eur": 100_000, "minimum_persons": 1}}}
    data["timeline"] = [{"at_month": 4, "changes": {"access_team.organisation": "joint"}}]
    yearly = run_replication(validate_dict(data), 0)["yearly"]
    total = yearly.groupby(["category", "year"])["amount_eur"].sum()
    # three organisations for four months, then one; the second year one
    assert total["fixed_costs", 2030] == pytest.approx(
        3 * 300_000 * 4 / 12 + 300_000 * 8 / 12, rel=1e-12)
    assert total["fixed_costs", 2031] == pytest.approx(300_000, rel=1e-12)
    assert total["indivisible_roles", 2030] == pytest.approx(
        3 * 100_000 * 4 / 12 + 100_000 * 8 / 12, rel=1e-12)


@pytest.mark.parametrize(("changes", "extra", "field", "expected"), [
    ({"access_team.organisation": "joint"}, {"phase_in_months": 3},
     r"timeline\.0\.phase_in_months", "expected 0 with a change of access_team.organisation"),
    ({"municipalities.M.inhabitants": 5}, {}, r"timeline\.0\.changes\.municipalities\.M",
     "this part of the scenario cannot change"),
    ({"demand_streams.s.population": "all"}, {}, r"timeline\.0\.changes\.demand_streams\.s",
     "this part of the scenario cannot change"),
    ({"access_team.organisation": "regional"}, {},
     r"timeline\.0\.changes\.access_team\.organisation", "expected"),
    ({"access_team.specialist_fte": 2.0}, {},
     r"timeline\.changes\.access_team\.specialist_fte", "specialists in every regime"),
])
def test_what_cannot_change_is_refused_in_one_line(changes, extra, field, expected):
    data = mmc_scenario_dict(servers=2, rho=0.5, years=1)
    data["timeline"] = [{"at_month": 3, "changes": changes, **extra}]
    with pytest.raises(ScenarioError) as info:
        validate_dict(data, "f.toml")
    message = str(info.value)
    assert "\n" not in message and message.startswith("f.toml: ")
    assert re.search(field, message), message
    assert expected in message


def test_inhuur_after_a_merger_hires_for_the_joint_team_and_is_billed():
    data = mmc_scenario_dict(servers=2, rho=0.5, years=1)
    data["municipalities"] = {m: {"inhabitants": 50_000, "age_shares": {"all": 1.0}}
                              for m in ("A", "B")}
    data["access_team"].update(fte=8.0, organisation="per_municipality",
                               fte_by_municipality={"A": 4.0, "B": 4.0})
    # from month 3 one joint team of one worker at 90% of the hours it needs: it hires
    data["timeline"] = [{"at_month": 3, "changes": {
        "access_team.organisation": "joint", "access_team.fte": 1.8,
        "access_team.fte_by_municipality": {"A": 0.9, "B": 0.9}}}]
    data["inhuur"] = {"rate_eur_per_hour": 100.0, "max_fte": 3, "reaction_days": 7}
    scenario = validate_dict(data)
    spells = simulate(scenario, 0, monitor_interval_days=0).inhuur
    assert len(spells) > 0 and set(spells["team"]) == {"gezamenlijk"}
    assert (spells["t_start"] >= 3 * DAYS_PER_MONTH).all()
    yearly = run_replication(scenario, 0)["yearly"]
    inhuur = yearly[yearly["category"] == "inhuur"]
    assert set(inhuur["municipality"]) == {"A", "B"}  # the joint team's municipalities
    assert inhuur["amount_eur"].sum() == pytest.approx(100.0 * spells["hours"].sum(),
                                                       rel=1e-9)


@pytest.mark.parametrize("process", [False, True])
def test_services_after_the_switch_take_the_new_units_hours_per_day(process):
    # the joint team's workers do 2 hours of casework a day instead of 4: a 40-hour
    # intake takes 20 days from the switch on (moved clients too), 10 days before
    data = _hand_case(process)
    data["timeline"][0]["changes"]["access_team.productive_hours_per_fte"] = 730.0
    ledger = simulate(validate_dict(data), 0, monitor_interval_days=0).ledger
    rows = ledger[(ledger["activity"] == "assessment") & ledger["t_end"].notna()]
    switch = 3 * DAYS_PER_MONTH
    days = (rows["t_end"] - rows["t_start"]).to_numpy()
    after = rows["t_start"].to_numpy() >= switch
    moved = after & (rows["t_arrival"].to_numpy() < switch)
    np.testing.assert_allclose(days[after], 20.0, rtol=1e-12)
    np.testing.assert_allclose(days[~after], 10.0, rtol=1e-12)
    assert moved.sum() >= 5
    # the ledger's hours stay the 40 hours of work, whatever the pace
    np.testing.assert_allclose(rows["intensity_per_week"] * days / 7.0, 40.0, rtol=1e-9)


def test_every_team_row_has_the_unit_that_served_it():
    from simfin.sim.reorganisation import serving_units

    data = _hand_case(True)
    scenario = validate_dict(data)
    ledger = simulate(scenario, 0, monitor_interval_days=0).ledger
    unit = serving_units(ledger, scenario)
    switch = 3 * DAYS_PER_MONTH
    team_rows = ledger["activity"].isin(["assessment", "light_help"]).to_numpy()
    after = (ledger["t_start"].fillna(np.inf) >= switch).to_numpy()
    assert set(unit[team_rows & after]) == {"gezamenlijk"}
    before = team_rows & ~after
    assert (unit[before] == ledger["municipality"].to_numpy()[before]).all()
    assert before.sum() > 10 and (team_rows & after).sum() > 10
    # without a timeline: the municipality's own team throughout
    plain = dict(data, timeline=[])
    unchanged = simulate(validate_dict(plain), 0, monitor_interval_days=0).ledger
    rows = unchanged["activity"].isin(["assessment", "light_help"]).to_numpy()
    assert (serving_units(unchanged, validate_dict(plain))[rows]
            == unchanged["municipality"].to_numpy()[rows]).all()
