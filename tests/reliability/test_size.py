"""The size estimate: close to the events a run really has, and absurd runs refused early."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import SCENARIOS, small_scenario_dict

import simfin
import simfin.runner  # a submodule: the lazy package does not import it by itself
from simfin.cli import main
from simfin.errors import ScenarioError
from simfin.scenario import size, validate_dict
from simfin.scenario.size import check_size, estimate_size, expected_requests
from simfin.sim import arrivals, cases
from simfin.sim.model import Simulation


def _counted_events(scenario, replication: int) -> int:
    """The steps a run really took: every stage a request reached, warm-up included (with
    or without a SimPy event of its own), each request resolved in the 0e lijn, and the
    monitor snapshots."""
    sim = Simulation(scenario, replication)
    out = sim.run()
    stages = int(np.count_nonzero(~np.isnan(np.frombuffer(sim.stages.arrival))))
    return stages + int(out.cases.resolved_0e.sum()) + len(out.monitor)


def _variant(kind: str) -> dict:
    data = small_scenario_dict()
    if kind == "lump_sum_everywhere":
        data["providers"]["jeugdhulp"]["financing"] = {
            "kind": "lump_sum", "budget_eur_per_year": 1e6, "client_places": 15}
    elif kind == "many_returns":
        data["demand_streams"]["jeugd"]["reentry_share"] = 0.6
        data["demand_streams"]["jeugd"]["reentry_delay_days"] = {"family": "fixed", "value": 30}
        data["simulation"]["warmup_years"] = 0
    return data


def test_constants_mirror_the_simulation():
    assert size.DAYS_PER_YEAR == arrivals.DAYS_PER_YEAR
    assert size.EPISODES == cases.EPISODES


@pytest.mark.parametrize("kind", ["as_is", "lump_sum_everywhere", "many_returns"])
def test_estimate_is_a_modest_upper_estimate_of_the_counted_events(kind):
    # The estimate also counts steps that would fall after the horizon (clients still
    # waiting, returns not yet due), so it errs on the high side, more so for short runs.
    scenario = validate_dict(_variant(kind))
    counted = np.mean([_counted_events(scenario, r) for r in range(3)])
    estimated = estimate_size(scenario).events_per_replication
    assert counted * 0.95 < estimated < counted * 1.5, (estimated, counted)


@pytest.mark.parametrize("name", ["bbs-95k.toml"])
def test_estimate_is_within_10_percent_for_a_long_run(name):
    scenario = simfin.load(SCENARIOS / name)
    counted = _counted_events(scenario, 0)
    estimated = estimate_size(scenario).events_per_replication
    assert abs(estimated - counted) / counted < 0.10, (estimated, counted)


def test_expected_requests_match_a_numerical_integral_of_the_simulated_rate():
    data = small_scenario_dict()
    scenario = validate_dict(data)
    muni, stream = scenario.municipalities["Aadorp"], scenario.demand_streams["jeugd"]
    t = np.linspace(-365.0, 730.0, 200_001)
    numeric = np.trapezoid(arrivals.rate_per_day(muni, stream, t), t)
    assert expected_requests(muni, stream, -365.0, 730.0) == pytest.approx(numeric, rel=1e-9)
    # Without growth or trend: rate x population x years, by hand: 60/1000 x 2000 x 3 = 360.
    flat = muni.model_copy(update={"growth_per_year": 0.0})
    still = stream.model_copy(update={"trend_per_year": 0.0})
    assert expected_requests(flat, still, -365.0, 730.0) == pytest.approx(360.0)


def test_the_estimated_requests_match_the_drawn_requests():
    scenario = validate_dict(small_scenario_dict())
    drawn = np.mean([cases.draw_cases(scenario, r).n for r in range(20)])
    expected = estimate_size(scenario).requests_per_replication
    # 20 replications of a Poisson count with mean ~2,000: standard error ~10.
    assert abs(drawn - expected) < 5 * math.sqrt(expected / 20)


@pytest.mark.parametrize("name", ["bbs-95k.toml", "referentie-100k.toml"])
def test_shipped_scenarios_pass(name):
    scenario = simfin.load(SCENARIOS / name)
    estimate = check_size(scenario)
    assert estimate.events_per_replication < size.MAX_EVENTS_PER_REPLICATION / 10


def test_an_absurd_rate_is_refused_with_the_estimate():
    data = small_scenario_dict()
    data["demand_streams"]["wmo"]["rate_per_1000"] = 1e6
    with pytest.raises(ScenarioError) as info:
        check_size(validate_dict(data), "s.toml")
    err = info.value
    assert (err.file, err.field) == ("s.toml", "demand_streams.wmo.rate_per_1000")
    # 1e6 per 1,000 x 20,000 inhabitants x 3 years = 6e7 requests, each at least one step
    # (its 0e advice or its intake) and at most three per episode (intake, light help,
    # care) with a return for some.
    events = float(err.message.split("estimated ")[1].split(" ")[0].replace(",", ""))
    assert 6e7 * 1 < events < 6e7 * 3 * 1.5
    assert "at most 10,000,000" in err.message


def test_a_trend_extrapolated_back_over_the_warm_up_is_blamed():
    data = small_scenario_dict()
    data["simulation"]["warmup_years"] = 20
    data["demand_streams"]["jeugd"]["trend_per_year"] = -0.99
    with pytest.raises(ScenarioError) as info:
        check_size(validate_dict(data))
    assert info.value.field == "demand_streams.jeugd.trend_per_year"


def test_too_many_replications_are_refused_but_not_by_the_loader(tmp_path):
    data = small_scenario_dict()
    data["simulation"]["replications"] = 100_000
    scenario = validate_dict(data)
    per_rep = estimate_size(scenario).events_per_replication
    assert per_rep * 100_000 < size.MAX_EVENTS_TOTAL  # the small one is fine even so...
    bbs = simfin.load(SCENARIOS / "bbs-95k.toml")  # ...bbs-95k is not
    with pytest.raises(ScenarioError) as info:
        check_size(simfin.runner.with_settings(bbs, replications=100_000))
    assert info.value.field == "simulation.replications"
    check_size(simfin.runner.with_settings(bbs, replications=100_000), total=False)


def test_run_refuses_before_simulating(monkeypatch):
    data = small_scenario_dict()
    data["demand_streams"]["wmo"]["rate_per_1000"] = 900_000  # within its bound, too big a run

    def never(*args, **kwargs):
        raise AssertionError("simulated anyway")

    monkeypatch.setattr(simfin.runner, "simulate", never)
    with pytest.raises(ScenarioError, match="simulation steps per replication"):
        simfin.run(validate_dict(data))


def test_load_refuses_an_absurd_file(tmp_path):
    text = (SCENARIOS / "bbs-95k.toml").read_text(encoding="utf-8")
    path = tmp_path / "groot.toml"
    path.write_text(text.replace("horizon_years = 5", "horizon_years = 30"), encoding="utf-8")
    assert simfin.load(path).simulation.horizon_years == 30  # big, not absurd
    data = text.replace("inhabitants = ", "inhabitants = 40")  # 40x more people in each
    path.write_text(data, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        simfin.load(path)
    assert info.value.file == str(path) and info.value.field.startswith("demand_streams.")


def test_cli_refuses_too_many_replications_in_one_line(tmp_path, capsys):
    out = tmp_path / "uit"
    code = main(["run", str(SCENARIOS / "bbs-95k.toml"), "--replications", "100000",
                 "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"simfin: error: {SCENARIOS / 'bbs-95k.toml'}: simulation.replications: "
                          "expected a run of at most 2,000,000,000 simulation steps in total")
    assert not out.exists()
