"""The shipped Woudenberg steering models validate, run on the same residents, and charge
what their model says."""

from __future__ import annotations

import pytest

from simfin.runner import run_replication
from simfin.scenario import load
from tests.conftest import SCENARIOS

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


def test_marktmeester_refers_more_than_eigen_beheer(runs):
    def referred(m):
        ledger = runs[m]["ledger"]
        first = ledger[(ledger["activity"] == "assessment") & (ledger["t_arrival"] >= 0)]
        return (first["outcome"] == "referral").mean()
    assert referred("marktmeester") > referred("eigen-beheer") > referred(
        "samenwerkingspartner")
