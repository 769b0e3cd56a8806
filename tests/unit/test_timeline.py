"""The timeline, seasonality, inhuur and reneging: schema, engine pieces and money.

Expected euros are worked out by hand from the scenario's figures (FTE x loaded cost x
share of the year), not computed with simfin.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import simpy

sys.path.insert(0, str(Path(__file__).parents[1] / "validation"))
from mmc import mmc_scenario_dict  # noqa: E402

from simfin.runner import run_replication  # noqa: E402
from simfin.scenario import validate_dict  # noqa: E402
from simfin.sim import simulate  # noqa: E402
from simfin.sim.capacity import Speed  # noqa: E402
from simfin.sim.server_pool import ServerPool  # noqa: E402

LOADED = 70_000  # loaded_cost_per_fte_eur of the M/M/c scenario


def _costs(data: dict, category: str) -> pd.Series:
    yearly = run_replication(validate_dict(data), 0)["yearly"]
    return yearly[yearly["category"] == category].groupby("year")["amount_eur"].sum()


def test_a_timeline_that_changes_nothing_gives_identical_results():
    from conftest import small_scenario_dict

    base = small_scenario_dict()
    same = small_scenario_dict()
    same["timeline"] = [{"at_month": 5, "label": "niets", "changes": {
        "access_team.fte": 6, "access_team.absence_rate": 0.06}, "phase_in_months": 3}]
    a, b = run_replication(validate_dict(base), 1), run_replication(validate_dict(same), 1)
    for name in ("ledger", "yearly", "kpis", "monitor"):
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True)


def test_fte_change_costs_each_regime_for_its_share_of_the_year():
    data = mmc_scenario_dict(servers=5, rho=0.5, years=2)
    data["timeline"] = [{"at_month": 3, "changes": {"access_team.fte": 12.0}}]
    costs = _costs(data, "access_team")
    assert costs[2030] == pytest.approx((10 * 3 / 12 + 12 * 9 / 12) * LOADED, rel=1e-12)
    assert costs[2031] == pytest.approx(12 * LOADED, rel=1e-12)


def test_phase_in_reaches_the_new_fte_in_monthly_steps():
    data = mmc_scenario_dict(servers=5, rho=0.5, years=1)
    data["timeline"] = [{"at_month": 0, "changes": {"access_team.fte": 14.0},
                         "phase_in_months": 4}]
    # 11, 12, 13 FTE for a month each, then 14 for nine months
    assert _costs(data, "access_team")[2030] == pytest.approx(
        (11 + 12 + 13 + 14 * 9) / 12 * LOADED, rel=1e-12)


def test_double_running_is_a_cost_line_for_its_months():
    data = mmc_scenario_dict(servers=5, rho=0.5, years=3)
    data["timeline"] = [{"at_month": 6, "double_running": {
        "amount_eur_per_year": 100_000, "months": 18, "taakveld": "0.4"}}]
    yearly = run_replication(validate_dict(data), 0)["yearly"]
    rows = yearly[yearly["category"] == "double_running"]
    assert rows.groupby("year")["amount_eur"].sum().to_dict() == pytest.approx(
        {2030: 50_000, 2031: 100_000})
    assert set(rows["taakveld"]) == {"0.4"}


def test_speed_end_integrates_the_work_over_the_segments():
    speed = Speed([10.0, 20.0], [0.5, 1.0])   # half speed from day 10 to 20
    assert speed.end(0.0, 4.0) == 4.0          # before the dip
    assert speed.end(8.0, 4.0) == pytest.approx(14.0)  # 2 of work by day 10, 2 at 0.5: 4 days
    assert speed.end(12.0, 2.0) == pytest.approx(16.0)
    assert speed.end(18.0, 3.0) == pytest.approx(22.0)  # 1 of work by 20, then 2 at 1
    assert speed.end(25.0, 1.25) == 26.25


def _trace(capacity: int, changes: list[tuple[float, int]], requests: list[tuple[float, float]]):
    """Start times of ``requests`` (arrival, service days) on a pool whose capacity
    changes at the given times."""
    env = simpy.Environment()
    pool, starts = ServerPool(env, capacity), {}

    def client(n, arrival, days):
        yield env.timeout(arrival)
        wait = pool.acquire(1, env.now)
        start = env.now if wait is None else (yield wait)
        starts[n] = start
        pool.hold(start + days)

    for t, c in changes:
        env.timeout(t).callbacks.append(lambda _, c=c, t=t: pool.set_capacity(c, t))
    for n, (arrival, days) in enumerate(requests):
        env.process(client(n, arrival, days))
    env.run()
    return [starts[n] for n in range(len(requests))]


def test_more_servers_serve_waiting_clients_at_once_in_their_order():
    assert _trace(1, [(5.0, 2)], [(0, 10), (0, 10), (1, 10)]) == [0, 5, 10]


def test_fewer_servers_let_busy_ones_finish_and_pass_on_no_more():
    # two busy until 10 and 20; at 1 the capacity drops to 1: the third starts at 20
    assert _trace(2, [(1.0, 1)], [(0, 10), (0, 20), (0.5, 5)]) == [0, 0, 20]


def test_seasonality_moves_demand_between_months_on_its_own_stream():
    data = mmc_scenario_dict(servers=5, rho=0.5, years=4)
    season = [2.0] * 6 + [0.0] * 6
    seasonal = dict(data, seasonality={"s": season})
    plain = simulate(validate_dict(data), 0).cases.arrival
    times = simulate(validate_dict(seasonal), 0).cases.arrival
    inside = times[times >= 0]
    month = (np.mod(inside, 365.0) // (365.0 / 12)).astype(int)
    assert (month >= 6).sum() == 0                 # no demand in the second half-year
    expected = len(plain[plain >= 0])               # same yearly volume in expectation
    assert abs(len(inside) - expected) < 4 * np.sqrt(expected)


def test_a_season_that_is_not_all_or_nothing_keeps_the_shape_of_its_multipliers():
    """Multipliers 1.5 for six months and 0.5 for six (mean 1): arrivals at 2.5 a day become
    3.75 a day in the first half-year and 1.25 in the second (thinning by the largest
    multiplier). Over 4 years of 182.5-day halves: 2,737.5 and 912.5 expected, Poisson sd
    52 and 30. (Thinning by the mean multiplier would keep 1,369 in the second halves.)"""
    data = mmc_scenario_dict(servers=5, rho=0.5, years=4)
    season = [1.5] * 6 + [0.5] * 6
    times = simulate(validate_dict(dict(data, seasonality={"s": season})), 0).cases.arrival
    inside = times[times >= 0]
    month = (np.mod(inside, 365.0) // (365.0 / 12)).astype(int)
    for multiplier, count in ((1.5, (month < 6).sum()), (0.5, (month >= 6).sum())):
        expected = 2.5 * multiplier * 182.5 * 4
        assert abs(count - expected) < 4 * np.sqrt(expected), (multiplier, count, expected)


def _inhuur_hours(servers: int) -> float:
    data = mmc_scenario_dict(servers=5, rho=0.85, years=2)
    data["access_team"]["fte"] = 2.0 * servers
    data["inhuur"] = {"rate_eur_per_hour": 100, "max_fte": 4, "reaction_days": 14}
    return sum(simulate(validate_dict(data), rep, monitor_interval_days=0).inhuur["hours"].sum()
               for rep in range(3))


def test_inhuur_is_zero_when_the_norm_is_met_and_grows_as_capacity_is_cut():
    hours = [_inhuur_hours(servers) for servers in (7, 5, 4, 3)]
    assert hours[0] == 0.0
    assert all(a <= b for a, b in zip(hours, hours[1:])), hours
    assert hours[-1] > hours[1]


def test_inhuur_cost_is_hours_times_rate_in_the_cost_table():
    data = mmc_scenario_dict(servers=5, rho=0.85, years=2)
    data["access_team"]["fte"] = 8.0
    data["inhuur"] = {"rate_eur_per_hour": 100, "max_fte": 4, "reaction_days": 14}
    scenario = validate_dict(data)
    spells = simulate(scenario, 0).inhuur
    yearly = run_replication(scenario, 0)["yearly"]
    inhuur = yearly[yearly["category"] == "inhuur"]
    assert spells["hours"].sum() > 0
    assert inhuur["amount_eur"].sum() == pytest.approx(100 * spells["hours"].sum(), rel=1e-9)
    assert inhuur["hours"].sum() == pytest.approx(spells["hours"].sum(), rel=1e-9)


@pytest.fixture(scope="module")
def reneging_run():
    from conftest import small_scenario_dict, with_reneging

    scenario = validate_dict(with_reneging(small_scenario_dict()))
    return scenario, simulate(scenario, 0)


def test_clients_who_give_up_leave_at_their_patience(reneging_run):
    _, out = reneging_run
    ledger = out.ledger
    gave_up = ledger[ledger["outcome"] == "abandoned"]
    assert len(gave_up) > 20
    assert gave_up["t_start"].isna().all()
    assert np.allclose(gave_up["t_end"] - gave_up["t_arrival"], 20.0)


def test_every_case_is_assessed_gave_up_or_still_waiting(reneging_run):
    _, out = reneging_run
    first = out.ledger[(out.ledger["episode"] == 0) & (out.ledger["activity"] == "assessment")]
    assert len(first) == (~out.cases.resolved_0e).sum()
    assert set(first["outcome"]) <= {"abandoned", "waiting", "in_service", "light_help",
                                     "general_facility", "referral"}


@pytest.mark.slow
def test_a_heavier_return_comes_back_after_the_delay_and_is_referred(reneging_run):
    _, out = reneging_run
    ledger = out.ledger
    keys = set(zip(ledger["case_id"], ledger["episode"]))
    gave_up = out.ledger[(out.ledger["outcome"] == "abandoned") & (out.ledger["episode"] < 2)]
    returned = 0
    for case, episode, left in gave_up[["case_id", "episode", "t_end"]].itertuples(index=False):
        if (case, episode + 1) not in keys:
            continue  # returns after the end of the run
        rows = ledger[(ledger["case_id"] == case) & (ledger["episode"] == episode + 1)]
        intake = rows[rows["activity"] == "assessment"].iloc[0]
        assert intake["t_arrival"] == pytest.approx(left + 30.0)
        jeugd = rows["stream"].iloc[0] == "jeugd"
        if jeugd and intake["outcome"] not in ("abandoned", "waiting", "in_service"):
            assert intake["outcome"] == "referral"
            assert "verblijf" in set(rows["activity"])
            returned += 1
    assert returned > 0


def test_reneging_kpis(reneging_run):
    scenario, out = reneging_run
    from simfin.metrics import flow_kpis

    kpis = flow_kpis(out.ledger, out.monitor, scenario).set_index("kpi")["value"]
    inside = out.ledger[(out.ledger["t_arrival"] >= 0) & (out.ledger["activity"] == "assessment")]
    assert kpis["intake_abandoned"] == (inside["outcome"] == "abandoned").sum()
    assert 0 < kpis["intake_abandoned_share"] < 1
    assert kpis["returns_after_abandoning"] > 0


def test_a_policy_change_gives_arrivals_after_it_the_new_policy_with_the_same_residents():
    from conftest import small_scenario_dict

    new_outcomes = {"light_help": 0.5, "general_facility": 0.2, "referral": 0.3}
    timed = small_scenario_dict()
    timed["timeline"] = [{"at_month": 12, "changes": {
        "demand_streams.jeugd.outcomes": new_outcomes,
        "demand_streams.jeugd.resolved_0e_share": 0.4}}]
    after = small_scenario_dict()
    after["demand_streams"]["jeugd"]["outcomes"] = new_outcomes
    after["demand_streams"]["jeugd"]["resolved_0e_share"] = 0.4
    runs = {name: simulate(validate_dict(data), 0).cases
            for name, data in (("base", small_scenario_dict()), ("timed", timed),
                               ("after", after))}
    late = runs["timed"].arrival >= 365.0
    assert late.any() and (~late).any()
    for name in ("outcome", "product", "resolved_0e"):
        def first(table, name=name):
            values = getattr(table, name)
            return values[:, 0] if values.ndim == 2 else values
        assert np.array_equal(first(runs["timed"])[late], first(runs["after"])[late])
        assert np.array_equal(first(runs["timed"])[~late], first(runs["base"])[~late])
    assert not np.array_equal(runs["after"].outcome[late, 0], runs["base"].outcome[late, 0])


def test_a_return_after_the_policy_change_gets_the_new_policy():
    from conftest import small_scenario_dict

    new_outcomes = {"light_help": 0.0, "general_facility": 1.0, "referral": 0.0}
    timed = small_scenario_dict()
    timed["simulation"]["horizon_years"] = 3
    timed["demand_streams"]["jeugd"]["reentry_share"] = 0.6
    timed["timeline"] = [{"at_month": 12, "changes": {
        "demand_streams.jeugd.outcomes": new_outcomes}}]
    out = simulate(validate_dict(timed), 0)
    ledger = out.ledger
    early_case = out.cases.arrival[ledger["case_id"].to_numpy()] < 365.0  # came before it
    returns = ledger[(ledger["activity"] == "assessment") & (ledger["episode"] > 0)
                     & (ledger["stream"] == "jeugd") & (ledger["t_arrival"] >= 365.0)
                     & ledger["t_start"].notna() & early_case]
    assert len(returns) > 5
    assert set(returns["outcome"]) <= {"general_facility", "in_service"}


def test_a_demand_rate_cannot_change_on_the_timeline():
    from simfin.errors import ScenarioError

    data = mmc_scenario_dict(servers=5, rho=0.5, years=2)
    data["timeline"] = [{"at_month": 3, "changes": {"demand_streams.s.rate_per_1000": 1.0}}]
    with pytest.raises(ScenarioError, match=r"timeline\.0\.changes\.demand_streams\.s\."
                                            r"rate_per_1000: this part"):
        validate_dict(data, "f.toml")


def test_a_lump_sum_budget_change_at_a_new_year_pays_the_new_budget_from_then_on():
    from conftest import small_scenario_dict

    data = small_scenario_dict()
    data["timeline"] = [{"at_month": 12, "changes": {
        "providers.wmo_zorg.financing.budget_eur_per_year": 500_000,
        "providers.wmo_zorg.financing.client_places": 50}}]
    yearly = run_replication(validate_dict(data), 0)["yearly"]
    paid = yearly[(yearly["party"] == "municipality") & (yearly["provider"] == "wmo_zorg")
                  & (yearly["category"] == "specialist_care")]
    by_year = paid.groupby("year")["amount_eur"].sum()
    assert by_year[2027] == pytest.approx(400_000)
    assert by_year[2028] == pytest.approx(500_000)


def test_a_financing_change_must_fall_at_the_start_of_a_year():
    from conftest import small_scenario_dict

    from simfin.errors import ScenarioError

    data = small_scenario_dict()
    data["timeline"] = [{"at_month": 6, "changes": {
        "providers.wmo_zorg.financing.budget_eur_per_year": 500_000}}]
    with pytest.raises(ScenarioError, match="start of a year"):
        validate_dict(data, "f.toml")
    data["timeline"] = [{"at_month": 12, "changes": {
        "providers.wmo_zorg.financing": {"kind": "pq_per_unit"}}}]
    with pytest.raises(ScenarioError, match="same kind of capacity"):
        validate_dict(data, "f.toml")


def test_more_client_places_after_a_budget_change_serve_the_waiting_list():
    from conftest import small_scenario_dict

    def waiting(places_after: int) -> float:
        data = small_scenario_dict()
        data["providers"]["wmo_zorg"]["financing"]["client_places"] = 15
        data["timeline"] = [{"at_month": 12, "changes": {
            "providers.wmo_zorg.financing.client_places": places_after}}]
        monitor = simulate(validate_dict(data), 0, monitor_interval_days=7).monitor
        return monitor[monitor["t"] >= 400]["specialist_waiting"].mean()

    before = waiting(15)
    assert before > 5
    assert waiting(60) < before
    assert waiting(400) < 0.01 * before  # places for all: the list is gone


def test_emergent_transition_costs_are_incidental_and_not_phased_in_the_business_case():
    from conftest import small_scenario_dict

    import simfin

    null = small_scenario_dict()
    variant = small_scenario_dict()
    variant["name"] = "overgang"
    variant["business_case"] = {"phase_in": [0.5]}
    variant["timeline"] = [{"at_month": 0, "double_running": {
        "amount_eur_per_year": 80_000, "months": 6}}]
    case = simfin.business_case(validate_dict(null), [validate_dict(variant)], replications=1)
    rows = case.yearly[(case.yearly["variant"] == "overgang")
                       & (case.yearly["category"] == "double_running")]
    assert set(rows["cost_type"]) == {"incidental"}
    assert rows["constant_eur"].sum() == pytest.approx(40_000)  # six months, not halved


def test_a_household_gives_up_its_one_intake_together():
    from conftest import small_scenario_dict

    data = small_scenario_dict()
    data["simulation"]["warmup_years"] = 0
    data["households"] = {"domains_share": [0.4, 0.6]}
    data["access_team"].update(intake_mode="integral", fte=3)
    data["reneging"] = {"patience_days": {"family": "fixed", "value": 20}}
    out = simulate(validate_dict(data), 0)
    first = out.ledger[(out.ledger["activity"] == "assessment") & (out.ledger["episode"] == 0)]
    household = out.cases.household[first["case_id"].to_numpy()]
    gave_up = (first["outcome"] == "abandoned").to_numpy()
    assert gave_up.any()
    # within a household every request gave up or none did, at the same moment
    frame = pd.DataFrame({"household": household, "gave_up": gave_up,
                          "end": first["t_end"].to_numpy()})
    per_household = frame.groupby("household")["gave_up"].agg(["min", "max"])
    assert (per_household["min"] == per_household["max"]).all()
    ends = frame[frame["gave_up"]].groupby("household")["end"].nunique()
    assert (ends == 1).all()
