"""Client counts next to the euros (issue 27): counted from the ledger and the benefits, per
1,000 of the measure's denominator, against the band of an own figure or a benchmark."""

from __future__ import annotations

from pathlib import Path

import pytest

import simfin
from simfin.clients import client_rates, compare_clients

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def results():
    scenario = simfin.load(ROOT / "scenarios" / "bbs-95k-gekalibreerd.toml")
    return simfin.run(scenario.with_changes({"simulation.horizon_years": 1}), replications=2)


def test_bbs_client_counts_lie_within_their_stated_bands(results):
    table = compare_clients(results)
    assert len(table) == 9  # 3 municipalities x jeugdhulp, wmo, bijstand
    assert table["source"].str.len().gt(20).all()  # every band names its source
    kinds = table.set_index(["municipality", "measure"])["kind"]
    assert kinds[("Baarn", "jeugdhulp")] == "own"
    assert (kinds.drop(("Baarn", "jeugdhulp")) == "benchmark").all()
    outside = table[~table["within_band"]]
    assert outside.empty, outside[["municipality", "measure", "model_mean"]].to_dict("records")


def test_bijstand_stock_from_benefits_equals_the_recipients_kpi(results):
    """Two paths: euros of benefits / amount per recipient-year (clients.py) and the time
    average of the recipients table (metrics.entitlement_kpis), one reported year."""
    rates = client_rates(results)
    stock = rates[rates["measure"] == "bijstand"].groupby("replication")["clients"].sum()
    kpi = results.kpis[results.kpis["kpi"] == "benefit_recipients_mean"].set_index(
        "replication")["value"]
    for rep, value in stock.items():
        assert value == pytest.approx(kpi[rep], rel=1e-9)


def test_jeugd_is_counted_per_1000_youths_under_18(results):
    rates = client_rates(results)
    baarn = rates[(rates["measure"] == "jeugdhulp") & (rates["municipality"] == "Baarn")]
    assert baarn["per_1000"].to_list() == pytest.approx(
        (baarn["clients"] / 4782.09 * 1000).to_list())
    assert (baarn["clients"] > 0).all()
