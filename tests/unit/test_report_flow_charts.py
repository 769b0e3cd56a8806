"""Flow and intake-wait charts: counts reconcile to the ledger; Dutch labels by default."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import simfin  # noqa: E402
from simfin.report.flow_charts import flow_per_year, plot_flow, plot_intake_waits  # noqa: E402


@pytest.fixture(scope="module")
def results():
    from conftest import small_scenario_dict

    from simfin.scenario import validate_dict

    return simfin.run(validate_dict(small_scenario_dict()), replications=2)


def test_flows_are_consistent_with_each_other(results):
    flows = flow_per_year(results)
    ledger = results.ledger
    first = ledger[(ledger["t_arrival"] >= 0) & (ledger["episode"] == 0)]
    distinct = first.groupby("replication")["case_id"].nunique().sum()
    assert flows["requests"] == pytest.approx(distinct / (2 * 2))  # KPI: distinct requests
    assert flows["entered_1e"] >= flows["assessed"]  # intakes plus light-help episodes
    decided = flows["light_help"] + flows["general_facility"] + flows["referral"]
    assert decided <= flows["assessed"]  # some assessments still run at the end
    referred = ledger[(ledger["t_arrival"] >= 0) & (ledger["activity"] == "assessment")
                      & (ledger["outcome"] == "referral")]
    assert flows["referral"] == pytest.approx(len(referred) / (2 * 2))


@pytest.mark.parametrize("plot", [plot_flow, plot_intake_waits])
def test_charts_are_dutch_by_default_and_english_on_request(results, plot):
    nl = plot(results)
    en = plot(results, lang="en")
    assert nl.get_title() != en.get_title()
    dutch_words = ("Stroom", "Wachttijd")
    assert any(w in nl.get_title() for w in dutch_words)
    assert not any(w in en.get_title() for w in dutch_words)
    assert nl.figure.texts and "Scenario: klein" in nl.figure.texts[-1].get_text()


@pytest.mark.slow
def test_run_outputs_include_the_flow_charts(results, tmp_path):
    from simfin.report.outputs import write_outputs

    written = {p.name for p in write_outputs(results, tmp_path)}
    assert {"stroom_door_lijnen.png", "wachttijd_intake.svg", "kosten_per_jaar.png"} <= written
