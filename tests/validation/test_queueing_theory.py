"""The access team against queueing theory: Erlang C (M/M/c) and Little's law.

Configured as M/M/c (Poisson arrivals, exponential assessment times, c workers, no
urgency), the simulated mean intake wait must match Erlang C within 3% at utilisation
0.8, and the theory value must lie inside the simulation's confidence interval.
"""

from __future__ import annotations

import numpy as np
import pytest
from mmc import mmc_scenario_dict

from simfin.scenario import validate_dict
from simfin.sim import simulate
from simfin.sim.access_team import capacity
from simfin.theory import erlang_c, mmc_mean_wait

pytestmark = pytest.mark.slow  # long M/M/c runs against Erlang C: see docs/testing.md

SERVERS, RHO, REPLICATIONS = 5, 0.8, 48


@pytest.fixture(scope="module")
def mmc_runs():
    scenario = validate_dict(mmc_scenario_dict(servers=SERVERS, rho=RHO))
    runs = []
    for rep in range(REPLICATIONS):
        out = simulate(scenario, rep, monitor_interval_days=1.0)
        rows = out.ledger[(out.ledger["activity"] == "assessment")
                          & (out.ledger["t_arrival"] >= 0) & out.ledger["t_start"].notna()]
        runs.append((rows, out.monitor[out.monitor["t"] >= 0]))
    return scenario, runs


def test_mmc_configuration_is_what_the_theory_assumes(mmc_runs):
    scenario, _ = mmc_runs
    servers, hours_per_day, _ = capacity(scenario.access_team)
    assert servers == SERVERS
    assert hours_per_day == pytest.approx(1460 / 365)


def test_mean_wait_matches_erlang_c_within_3_percent(mmc_runs):
    _, runs = mmc_runs
    means = np.array([(rows["t_start"] - rows["t_arrival"]).mean() for rows, _ in runs])
    theory = mmc_mean_wait(RHO * SERVERS, 1.0, SERVERS)
    estimate = means.mean()
    half_width = 3 * means.std(ddof=1) / np.sqrt(len(means))  # ~99.7% interval
    assert abs(estimate - theory) / theory < 0.03
    assert abs(estimate - theory) < half_width


def test_probability_of_waiting_matches_erlang_c(mmc_runs):
    _, runs = mmc_runs
    shares = np.array([((rows["t_start"] - rows["t_arrival"]) > 1e-9).mean()
                       for rows, _ in runs])
    theory = erlang_c(SERVERS, RHO * SERVERS)
    assert abs(shares.mean() - theory) < 3 * shares.std(ddof=1) / np.sqrt(len(shares)) + 0.005


def test_littles_law_queue_length_equals_rate_times_wait(mmc_runs):
    """Time-averaged queue length (daily snapshots) against lambda x W from the ledger."""
    _, runs = mmc_runs
    horizon = 30 * 365.0
    sampled, predicted = [], []
    for rows, monitor in runs:
        waits = rows["t_start"] - rows["t_arrival"]
        sampled.append(monitor["intake_queue"].mean())
        predicted.append(len(rows) / horizon * waits.mean())
    sampled, predicted = np.array(sampled), np.array(predicted)
    assert abs(sampled.mean() - predicted.mean()) / predicted.mean() < 0.02
