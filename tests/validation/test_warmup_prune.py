"""``warmup_method = "prune"``: which cases it leaves out, and that it changes nothing that
matters when queues are short (statistically indistinguishable, not identical).

The small scenario here has a four-year warm-up of which the last year is simulated with
every arrival; earlier arrivals that would be done before that year even without waiting
are left out (see :mod:`simfin.sim.warmup`).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from conftest import small_scenario_dict
from scipy import stats

from simfin.errors import ScenarioError
from simfin.finance import yearly_costs
from simfin.scenario import validate_dict
from simfin.scenario.schema import Scenario
from simfin.sim import Simulation, simulate
from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.ledger import Ledger
from simfin.sim.warmup import PruneWarning, no_wait_end

REPLICATIONS = 24


def _scenario(method: str, **team) -> Scenario:
    data = small_scenario_dict()
    data["simulation"].update(warmup_years=4, horizon_years=2, warmup_method=method,
                              warmup_full_years=1.0)
    data["access_team"].update(team)
    return validate_dict(data)


def _case_ends(sim: Simulation) -> tuple[np.ndarray, np.ndarray]:
    """Per case: when its last ledger row ended (days since year one) and whether it is
    done: every row ended within the run and its last episode was reached."""
    # every stage of the run as ledger buffers, the warm-up's included (the ledger's own
    # rows leave out what ended in a full warm-up); 0e rows are not needed here
    ledger = Ledger()
    ledger.add_rows(**sim.stages.rows(sim.cases, sim._worker_hours_per_week(), sim.products))
    rows, cases = ledger.arrays(sim.origin, sim.origin + sim.horizon), sim.cases
    case, t_end = rows["case_id"], rows["t_end"]  # NaN: not ended by the end of the run
    end = np.full(cases.n, -np.inf)
    np.maximum.at(end, case, np.where(t_end < sim.horizon, t_end, np.inf))
    reached = np.full(cases.n, -1)
    np.maximum.at(reached, case, rows["episode"])
    stops = np.column_stack([~cases.reentry[:, :-1], np.ones(cases.n, dtype=bool)])
    last = np.argmax(stops, axis=1)  # first episode without a return
    return end, np.isfinite(end) & (reached == last)


def _no_wait_end(sim: Simulation) -> np.ndarray:
    consult = [np.inf if p is None else p.hours_per_server_day for p in sim.shell_of]
    end, _ = no_wait_end(sim.cases, np.array([t.hours_per_server_day for t in sim.team_of]),
                         np.array(consult), np.zeros(len(sim.products), dtype=bool))
    return end


def test_without_waiting_a_case_leaves_when_the_vectorised_pathway_says():
    # 300 intake workers and 10,000 light-help slots, p*q everywhere: nobody ever waits
    data = small_scenario_dict()
    data["access_team"].update(fte=600)
    data["providers"]["wmo_zorg"]["financing"] = {"kind": "pq_per_unit"}
    sim = Simulation(validate_dict(data), 0)
    sim.run()
    end, done = _case_ends(sim)
    team = done & ~sim.cases.resolved_0e
    assert team.sum() > 1000
    assert np.allclose(_no_wait_end(sim)[team], end[team], rtol=0, atol=1e-6)


def test_waiting_only_delays_a_case():
    sim = Simulation(_scenario("full", fte=4.2), 0)  # long intake queue
    sim.run()
    end, done = _case_ends(sim)
    team = done & ~sim.cases.resolved_0e
    late = end[team] - _no_wait_end(sim)[team]
    assert late.min() > -1e-6
    assert np.median(late) > 30  # the queue is real: the typical case waits over a month


def test_pruned_cases_would_have_left_no_row_in_the_ledger():
    full, prune = _scenario("full"), _scenario("prune")
    for replication in range(3):
        sim = Simulation(prune, replication)
        kept = sim.simulated()
        cut = -DAYS_PER_YEAR
        early_team = (sim.cases.arrival < cut) & ~sim.cases.resolved_0e
        assert (~kept[early_team]).mean() > 0.4  # most early cases are left out
        assert kept[sim.cases.arrival >= cut].all()
        reported = simulate(full, replication).ledger
        assert not np.isin(reported["case_id"], np.flatnonzero(~kept)).any()


def _outputs(scenario, replication: int) -> list[float]:
    out = simulate(scenario, replication)
    led = out.ledger
    costs = yearly_costs(led, scenario)
    year_one = costs[(costs["party"] == "municipality")
                     & (costs["year"] == scenario.simulation.start_year)]["amount_eur"].sum()
    at_start = (led["t_start"] <= 0) & ~(led["t_end"] <= 0)
    intake = led[(led["activity"] == "assessment") & (led["t_arrival"] >= 0)]
    return [year_one,
            float((at_start & (led["line"] == "2e")).sum()),
            float((at_start & (led["activity"] == "light_help")).sum()),
            float((intake["t_start"] - intake["t_arrival"]).mean()),
            float((led["line"] == "2e").sum())]


@pytest.mark.slow
def test_prune_is_statistically_indistinguishable_when_queues_are_short():
    """Equivalence, not identity: for each output the 99% confidence interval of the paired
    (same residents) difference prune - full lies within 0.1 standard deviations of the
    replication spread. An unpaired comparison would need about 2,300 replications per
    method to detect a difference of 0.1 sd (alpha 0.01, power 0.8)."""
    names = ["municipal costs year one", "in specialist care at day 0",
             "in light help at day 0", "mean intake wait", "specialist rows"]
    full, prune = _scenario("full"), _scenario("prune")
    with warnings.catch_warnings():
        warnings.simplefilter("error", PruneWarning)
        a = np.array([_outputs(full, r) for r in range(REPLICATIONS)])
        b = np.array([_outputs(prune, r) for r in range(REPLICATIONS)])
    t = stats.t.ppf(0.995, REPLICATIONS - 1)
    for k, name in enumerate(names):
        diff = b[:, k] - a[:, k]
        bound = abs(diff.mean()) + t * diff.std(ddof=1) / np.sqrt(REPLICATIONS)
        assert bound < 0.1 * a[:, k].std(ddof=1), name


def test_prune_warns_and_misleads_when_the_team_queue_is_long():
    full, prune = _scenario("full", fte=4.2), _scenario("prune", fte=4.2)
    with pytest.warns(PruneWarning, match="use warmup_method 'full'"):
        pruned = [_outputs(prune, r)[3] for r in range(3)]
    waits = np.array([_outputs(full, r)[3] for r in range(3)])
    assert np.mean(pruned) < 0.8 * np.mean(waits)  # the early queue is missing


def test_full_is_the_default_and_a_bad_method_names_the_field():
    assert validate_dict(small_scenario_dict()).simulation.warmup_method == "full"
    data = small_scenario_dict()
    data["simulation"]["warmup_method"] = "snel"
    with pytest.raises(ScenarioError) as info:
        validate_dict(data)
    assert info.value.field == "simulation.warmup_method"
