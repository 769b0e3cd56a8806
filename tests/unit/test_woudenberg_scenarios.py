"""The shipped Woudenberg steering models validate, run on the same residents, and charge
what their model says."""

from __future__ import annotations

import pytest

from simfin.runner import run_replication
from simfin.scenario import load
from conftest import SCENARIOS

MODELS = ("eigen-beheer", "marktmeester", "samenwerkingspartner", "facilitator")


def short(model):
    return load(SCENARIOS / f"woudenberg-{model}.toml").with_changes(
        {"simulation.horizon_years": 1, "simulation.warmup_years": 1.0})


@pytest.fixture(scope="module")
def runs():
    return {m: run_replication(short(m), 0) for m in MODELS}


def test_four_models_for_about_13000_inhabitants():
    kinds = {load(SCENARIOS / f"woudenberg-{m}.toml").steering.model for m in MODELS}
    assert kinds == {"eigen_beheer", "marktmeester", "samenwerkingspartner", "facilitator"}
    assert 12000 <= load(SCENARIOS / "woudenberg-eigen-beheer.toml").municipalities[
        "Woudenberg"].inhabitants <= 14000


def test_same_arrivals_and_the_costs_of_each_model(runs):
    def arrivals(m):
        ledger = runs[m]["ledger"]
        first = ledger[(ledger["episode"] == 0) & (ledger["t_arrival"] >= 0)
                       & ledger["activity"].isin(["advice", "assessment"])]
        return sorted(first.drop_duplicates("case_id")["t_arrival"])
    base = arrivals("eigen-beheer")
    assert all(arrivals(m) == base for m in MODELS)  # common random numbers
    categories = {m: set(runs[m]["yearly"]["category"]) for m in MODELS}
    assert not categories["eigen-beheer"] & {"operator_overhead", "contract_management"}
    assert {"operator_overhead", "contract_management"} <= categories["marktmeester"]
    assert "grants" in categories["facilitator"]


def test_each_steering_cost_is_what_its_model_states(runs):
    """By value, per model and year: the operator's overhead is its share of the staff
    cost of the team and its specialists in the same run; contract management is its FTE
    times their cost; grants are the yearly amount; none of them without its setting."""
    for m in MODELS:
        steering = short(m).steering
        per_year = runs[m]["yearly"].groupby(["year", "category"])["amount_eur"].sum()
        for year in per_year.index.get_level_values("year").unique():
            costs = per_year.loc[year]
            staff = costs.get("access_team", 0.0) + costs.get("specialists", 0.0)
            assert staff > 0
            expected = {"operator_overhead": steering.operator_overhead_share * staff,
                        "contract_management": steering.contract_management_fte
                        * (steering.contract_management_cost_per_fte_eur or 0.0),
                        "grants": steering.grants_eur_per_year}
            for category, value in expected.items():
                assert costs.get(category, 0.0) == pytest.approx(value, rel=1e-9), (m, category)
    assert short("marktmeester").steering.operator_overhead_share > 0
    assert short("facilitator").steering.grants_eur_per_year > 0


def test_marktmeester_refers_more_than_eigen_beheer(runs):
    def referred(m):
        ledger = runs[m]["ledger"]
        first = ledger[(ledger["activity"] == "assessment") & (ledger["t_arrival"] >= 0)]
        return (first["outcome"] == "referral").mean()
    assert referred("marktmeester") > referred("eigen-beheer") > referred(
        "samenwerkingspartner")
