"""A provider with finite capacity under p*q against queueing theory (M/M/c).

Capacity is physical: a p*q provider with ``capacity_places = c`` is an M/M/c queue when
referrals arrive as a Poisson stream and care lasts an exponential time. The referrals
here leave an access team of 40 workers at utilisation 0.01 (the departures of a stable
M/M/c queue are Poisson, Burke's theorem), so the wait for a place must match Erlang C:
the mean wait within 3 standard errors of the replication means, the probability of
waiting likewise, and Little's law must hold for the waiting list of the monitor.
Without ``capacity_places`` the same p*q provider lets nobody wait (the old open-ended
behaviour), which is the bug the M/M/c test would catch.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
from mmc import mmc_scenario_dict

from simfin.scenario import validate_dict
from simfin.sim import simulate
from simfin.theory import erlang_c, littles_law_queue, mmc_mean_wait

PLACES, RHO, CARE_DAYS, YEARS, REPLICATIONS = 4, 0.75, 10.0, 30, 30


def provider_mmc_dict(places: int | None = PLACES) -> dict:
    """Every request is referred to one p*q product with exponential care of CARE_DAYS;
    arrivals at RHO * places / CARE_DAYS per day."""
    per_day = RHO * PLACES / CARE_DAYS
    data = mmc_scenario_dict(servers=40, rho=0.01, years=YEARS, mean_service_days=0.01)
    data["demand_streams"]["s"]["rate_per_1000"] = per_day * 365.0 / 100.0
    data["demand_streams"]["s"]["outcomes"] = {"light_help": 0.0, "general_facility": 0.0,
                                                "referral": 1.0}
    data["demand_streams"]["s"]["referral_products"] = {"zorg": 1.0}
    data["products"] = {"zorg": {
        "unit": "hour", "intensity_per_week": {"family": "fixed", "value": 1.0},
        "duration_days": {"family": "exponential", "mean": CARE_DAYS},
        "tariff_eur": 80.0, "cost_price_eur": 75.0}}
    provider = {"products": ["zorg"], "financing": {"kind": "pq_per_unit"}}
    if places is not None:
        provider["capacity_places"] = places
    data["providers"] = {"aanbieder": provider}
    return data


def _care(out):
    rows = out.ledger[(out.ledger["line"] == "2e") & (out.ledger["t_arrival"] >= 0)
                      & out.ledger["t_start"].notna()]
    return rows["t_start"] - rows["t_arrival"]


@pytest.fixture(scope="module")
def runs():
    scenario = validate_dict(provider_mmc_dict())
    return [simulate(scenario, rep, monitor_interval_days=1.0) for rep in range(REPLICATIONS)]


def test_pq_provider_with_places_waits_as_erlang_c(runs):
    means = np.array([_care(out).mean() for out in runs])
    theory = mmc_mean_wait(RHO * PLACES / CARE_DAYS, 1 / CARE_DAYS, PLACES)
    se = means.std(ddof=1) / np.sqrt(len(means))
    assert abs(means.mean() - theory) < 3 * se, (means.mean(), theory, se)


def test_probability_of_waiting_for_a_place_is_erlang_c(runs):
    shares = np.array([(_care(out) > 1e-9).mean() for out in runs])
    theory = erlang_c(PLACES, RHO * PLACES)
    se = shares.std(ddof=1) / np.sqrt(len(shares))
    assert abs(shares.mean() - theory) < 3 * se + 0.005, (shares.mean(), theory)


def test_waiting_list_obeys_littles_law(runs):
    sampled, predicted = [], []
    for out in runs:
        waits = _care(out)
        monitor = out.monitor[out.monitor["t"] >= 0]
        sampled.append(monitor["specialist_waiting"].mean())
        predicted.append(littles_law_queue(len(waits) / (YEARS * 365.0), waits.mean()))
    assert abs(np.mean(sampled) - np.mean(predicted)) / np.mean(predicted) < 0.03


def test_pq_provider_without_places_lets_nobody_wait():
    data = provider_mmc_dict(places=None)
    data["simulation"]["horizon_years"] = 2
    out = simulate(validate_dict(data), 0)
    assert _care(out).max() == 0.0


def test_lump_sum_budget_limit_comes_on_top_of_the_physical_places():
    """The smaller of the physical places and the places the budget buys holds; a duty to
    accept lifts the budget's limit only."""
    data = provider_mmc_dict()
    lump = {"kind": "lump_sum", "budget_eur_per_year": 1e6, "client_places": 2}
    data["providers"]["aanbieder"]["financing"] = lump
    assert validate_dict(data).providers["aanbieder"].capacity_limit == 2
    duty = copy.deepcopy(data)
    duty["providers"]["aanbieder"]["financing"]["when_full"] = "duty_to_accept"
    assert validate_dict(duty).providers["aanbieder"].capacity_limit == PLACES
    lump["client_places"] = 9
    assert validate_dict(data).providers["aanbieder"].capacity_limit == PLACES


def test_shipped_pq_scenario_has_a_provider_waiting_list():
    """jeugd-60k-pq-uur (p*q per hour) has physical places below the demand for care, so
    its providers keep a waiting list (before issue 28: 0, open-ended capacity)."""
    import simfin
    from conftest import SCENARIOS

    scenario = simfin.load(SCENARIOS / "jeugd-60k-pq-uur.toml")
    assert scenario.providers["jeugdhulp_ambulant"].financing.kind == "pq_per_unit"
    out = simulate(scenario, 0)
    waiting = out.monitor.loc[out.monitor["t"] >= 0, "specialist_waiting"]
    assert waiting.mean() > 0
    assert _care(out).mean() > 0
