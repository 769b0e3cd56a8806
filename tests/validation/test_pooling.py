"""Pooling against theory: one pool of c workers versus k separate groups (Erlang C)."""

from __future__ import annotations

import numpy as np
import pytest
from mmc import mmc_scenario_dict

from simfin.scenario import validate_dict
from simfin.sim import simulate
from simfin.theory import mmc_mean_wait

RHO, SERVERS, GROUPS, REPLICATIONS, YEARS = 0.8, 4, 2, 24, 20


def _two_municipalities(organisation: str) -> dict:
    data = mmc_scenario_dict(servers=SERVERS, rho=RHO, years=YEARS)
    data["municipalities"] = {"Oost": {"inhabitants": 50_000, "age_shares": {"all": 1.0}},
                              "West": {"inhabitants": 50_000, "age_shares": {"all": 1.0}}}
    data["access_team"]["organisation"] = organisation
    return data


def _mean_waits(organisation: str) -> np.ndarray:
    scenario = validate_dict(_two_municipalities(organisation))
    means = []
    for rep in range(REPLICATIONS):
        ledger = simulate(scenario, rep, monitor_interval_days=0).ledger
        rows = ledger[(ledger["activity"] == "assessment") & (ledger["t_arrival"] >= 0)
                      & ledger["t_start"].notna()]
        means.append((rows["t_start"] - rows["t_arrival"]).mean())
    return np.array(means)


@pytest.fixture(scope="module")
def waits() -> dict[str, np.ndarray]:
    return {org: _mean_waits(org) for org in ("joint", "per_municipality")}


@pytest.mark.slow
@pytest.mark.parametrize(("organisation", "servers", "share"), [
    ("joint", SERVERS, 1.0),
    ("per_municipality", SERVERS // GROUPS, 1.0 / GROUPS),
])
def test_waits_match_erlang_c_for_pooled_and_separate_teams(waits, organisation, servers, share):
    """Two equal municipalities: pooled M/M/4, or two M/M/2 groups with half the demand each."""
    theory = mmc_mean_wait(RHO * SERVERS * share, 1.0, servers)
    assert abs(waits[organisation].mean() - theory) / theory < 0.05


def test_pooling_shortens_waits_as_theory_says(waits):
    pooled, separate = mmc_mean_wait(RHO * 4, 1.0, 4), mmc_mean_wait(RHO * 2, 1.0, 2)
    assert separate / pooled == pytest.approx(2.385, abs=0.01)  # 1.7778 / 0.7455
    ratio = waits["per_municipality"].mean() / waits["joint"].mean()
    assert abs(ratio - separate / pooled) / (separate / pooled) < 0.08
