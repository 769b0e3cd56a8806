"""Directional checks with common random numbers: each variant sees the same residents.

Each comparison is paired by replication, so the direction must hold in every replication,
not just on average: the variants differ only by the financing, never by the random numbers.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import small_scenario_dict

import simfin
from simfin.risk import per_replication
from simfin.scenario import validate_dict

REPS = 4


def _all(kind_financing: dict, name: str, **product_changes) -> simfin.Scenario:
    data = small_scenario_dict()
    data["name"] = name
    for provider in data["providers"].values():
        provider["financing"] = dict(kind_financing)
    for product in data["products"].values():
        product.update(product_changes)
    return validate_dict(data)


def _kpi(results, name: str) -> np.ndarray:
    k = results.kpis
    return k[k["kpi"] == name].sort_values("replication")["value"].to_numpy()


def _pq_spend(results) -> np.ndarray:
    return per_replication(results)["specialist_care_eur"].to_numpy()


def test_duration_multiplier_below_one_lowers_trajectory_length_and_pq_spending():
    base = simfin.run(_all({"kind": "pq_per_unit"}, "pq"), replications=REPS)
    short = simfin.run(_all({"kind": "pq_per_unit", "duration_multiplier": 0.8}, "pq-kort"),
                       replications=REPS)
    assert np.all(_kpi(short, "trajectory_mean_days_2e") < _kpi(base, "trajectory_mean_days_2e"))
    assert np.all(_pq_spend(short) < _pq_spend(base))
    # Open capacity: in steady state the caseload, and so p*q spending, is proportional to the
    # duration (Little's law), a fall of exactly 20%. The one-year warm-up leaves the longer base
    # case further below its steady state, so the fall is a little smaller (0.81-0.83 here).
    ratio = _pq_spend(short) / _pq_spend(base)
    assert np.all((ratio > 0.75) & (ratio < 0.95))


def test_lump_sum_below_demand_makes_a_waiting_list_that_pq_does_not_have():
    pq = simfin.run(_all({"kind": "pq_per_unit"}, "pq"), replications=REPS)
    lump = simfin.run(_all({"kind": "lump_sum", "budget_eur_per_year": 300_000,
                            "client_places": 15}, "lump"), replications=REPS)
    assert np.all(_kpi(pq, "specialist_waiting_mean") == 0.0)
    assert np.all(_kpi(pq, "specialist_wait_mean_days") == 0.0)
    assert np.all(_kpi(lump, "specialist_waiting_mean") > 1.0)
    assert np.all(_kpi(lump, "specialist_wait_mean_days") > 7.0)


def test_duty_to_accept_removes_the_waiting_list_and_the_provider_absorbs_the_loss():
    financing = {"kind": "lump_sum", "budget_eur_per_year": 300_000, "client_places": 15}
    wait = simfin.run(_all(financing, "wachtlijst"), replications=REPS)
    duty = simfin.run(_all({**financing, "when_full": "duty_to_accept"}, "zorgplicht"),
                      replications=REPS)
    assert np.all(_kpi(duty, "specialist_waiting_mean") == 0.0)
    spend = [per_replication(r)["spending_eur"].to_numpy() for r in (wait, duty)]
    np.testing.assert_allclose(spend[0], spend[1], rtol=1e-12)     # the municipality pays the same
    margin = [per_replication(r)["provider_margin_eur"].to_numpy() for r in (wait, duty)]
    assert np.all(margin[1] < margin[0])                            # more care, same budget


def test_spending_variance_is_zero_under_lump_sum_and_margin_varies():
    lump = simfin.run(_all({"kind": "lump_sum", "budget_eur_per_year": 300_000,
                            "client_places": 15}, "lump"), replications=REPS)
    table = per_replication(lump)
    assert table["spending_eur"].std() == pytest.approx(0.0, abs=1e-6)
    assert table["provider_margin_eur"].std() > 1_000.0


def test_under_pq_spending_varies_and_the_margin_only_by_the_margin_rate():
    # Cost price = 0.95 x tariff for every product and no admin: the provider margin is then
    # exactly 5% of what the municipality pays for care, replication by replication.
    data = small_scenario_dict()
    for provider in data["providers"].values():
        provider["financing"] = {"kind": "pq_per_unit"}
    for product in data["products"].values():
        product["cost_price_eur"] = 0.95 * product["tariff_eur"]
    for key in ("allocation_message_minutes", "declaration_minutes"):
        data["admin"][key] = {"municipality": 0, "provider": 0}
    pq = simfin.run(validate_dict(data), replications=REPS)
    table = per_replication(pq)
    assert table["spending_eur"].std() > 10_000.0
    np.testing.assert_allclose(table["provider_margin_eur"], 0.05 * table["specialist_care_eur"],
                               rtol=1e-9)
    assert table["provider_margin_eur"].std() == pytest.approx(
        0.05 * table["spending_eur"].std(), rel=1e-9)


def test_corridor_spending_varies_less_than_pq_and_more_than_lump_sum():
    pq = simfin.run(_all({"kind": "pq_per_unit"}, "pq"), replications=REPS)
    budget = float(np.mean(_pq_spend(pq))) / 2  # two providers share it
    corridor = simfin.run(_all({"kind": "lump_sum_corridor", "budget_eur_per_year": budget,
                                "client_places": 1000, "corridor_share": 0.02,
                                "excess_settled_share": 0.5, "shortfall_settled_share": 0.5},
                               "corridor"), replications=REPS)
    sd = [per_replication(r)["spending_eur"].std() for r in (pq, corridor)]
    assert 0.0 < sd[1] < sd[0]
