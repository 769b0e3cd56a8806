"""simfin.compare: common random numbers, the side-by-side table, risk, chart and files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import SCENARIOS, small_scenario_dict

import simfin
from simfin.compare import INDICATORS, TABLE_COLUMNS
from simfin.report.risk_statement import volume_risk_table, volume_risk_text
from simfin.risk import p_loss, per_replication, provider_margins, risk_summary
from simfin.scenario import validate_dict

REPS = 3


def _variant(name: str, jeugd_financing: dict, seed: int = 12345):
    data = small_scenario_dict()
    data["name"] = name
    data["simulation"]["seed"] = seed
    data["providers"]["jeugdhulp"]["financing"] = jeugd_financing
    return validate_dict(data)


@pytest.fixture(scope="module")
def comparison():
    pq = _variant("pq", {"kind": "pq_per_unit"})
    lump = _variant("lump", {"kind": "lump_sum", "budget_eur_per_year": 800_000,
                             "cost_per_client_year_eur": 20_000}, seed=999)  # seed ignored
    return simfin.compare([pq, lump], replications=REPS)


def test_every_scenario_runs_with_the_first_seed_and_the_same_residents(comparison):
    pq, lump = comparison.results["pq"], comparison.results["lump"]
    assert pq.meta["seed"] == lump.meta["seed"] == 12345 == comparison.meta["seed"]
    assert pq.replications == lump.replications == REPS
    first = [r.ledger[(r.ledger["line"] == "1e") & (r.ledger["activity"] == "assessment")
                      & (r.ledger["episode"] == 0)][["replication", "case_id", "t_arrival"]]
             .reset_index(drop=True) for r in (pq, lump)]
    pd.testing.assert_frame_equal(first[0], first[1])


def test_table_has_one_row_per_scenario_and_indicator(comparison):
    table = comparison.table
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert len(table) == 2 * len(INDICATORS)
    assert list(table["scenario"].unique()) == ["pq", "lump"]


def test_table_values_agree_with_the_runs(comparison):
    t = comparison.table.set_index(["scenario", "indicator"])
    for name, results in comparison.results.items():
        reps = per_replication(results)
        assert t.at[(name, "spending_eur"), "mean"] == pytest.approx(reps["spending_eur"].mean())
        assert t.at[(name, "provider_margin_eur"), "std"] == pytest.approx(
            reps["provider_margin_eur"].std(ddof=1))
        assert t.at[(name, "p_provider_loss"), "mean"] == pytest.approx(p_loss(results))
        waiting = results.kpis.query("kpi == 'specialist_waiting_mean'")["value"].mean()
        assert t.at[(name, "waiting_list_mean"), "mean"] == pytest.approx(waiting)


def test_lump_sum_spending_is_fixed_and_its_margin_is_not(comparison):
    t = comparison.table.set_index(["scenario", "indicator"])
    # wmo_zorg is a lump sum in both; jeugdhulp p*q in "pq": only "pq" spending moves
    assert t.at[("lump", "spending_eur"), "std"] == pytest.approx(0.0, abs=1e-6)
    assert t.at[("pq", "spending_eur"), "std"] > 1_000.0
    assert t.at[("lump", "provider_margin_eur"), "std"] > t.at[("pq", "provider_margin_eur"),
                                                               "std"]


def test_per_replication_definitions_by_hand(comparison):
    results = comparison.results["pq"]
    y, years = results.yearly, results.scenario.simulation.horizon_years
    rep0 = y[y["replication"] == 0]
    own = rep0[rep0["party"] == "municipality"]["amount_eur"].sum() / years
    margin = rep0[(rep0["party"] == "provider") & (rep0["category"] == "margin")][
        "amount_eur"].sum() / years
    row = per_replication(results).set_index("replication").loc[0]
    assert row["spending_eur"] == pytest.approx(own)
    assert row["provider_margin_eur"] == pytest.approx(margin)
    per_provider = provider_margins(results)
    assert per_provider[per_provider["replication"] == 0]["margin_eur"].sum() == \
        pytest.approx(margin)


def test_p_loss_counts_replications_with_a_negative_margin():
    # tariff below cost price for jeugdhulp: a loss in every replication
    data = small_scenario_dict()
    data["products"]["ambulant"]["cost_price_eur"] = 90.0
    data["products"]["verblijf"]["cost_price_eur"] = 250.0
    results = simfin.run(validate_dict(data), replications=2)
    assert p_loss(results, "jeugdhulp") == 1.0
    summary = risk_summary(results).set_index("measure")
    margins = provider_margins(results)
    jeugd = margins[margins["provider"] == "jeugdhulp"]["margin_eur"]
    assert summary.at["margin_eur:jeugdhulp", "mean"] == pytest.approx(jeugd.mean())
    assert summary.at["margin_eur:jeugdhulp", "p95"] < 0


def test_wide_table_and_text_in_dutch_and_english(comparison):
    wide = comparison.wide()
    assert list(wide.columns) == ["pq", "lump"]
    assert wide.loc["Bekostiging", "lump"] == "lumpsum"
    assert wide.loc["Bekostiging", "pq"] == "lumpsum, p*q per eenheid"
    # no price_base_year in the files: the price level of the inputs, no invented year
    assert wide.loc["Uitgaven gemeente per jaar, standaardafwijking (€, prijspeil van de invoer)",
                    "lump"] == "€ 0"
    text = comparison.to_text()
    assert "Wie draagt het volumerisico?" in text and "gelijke toevalsgetallen" in text
    assert "Municipal spending per year" in comparison.to_text(lang="en")


def test_chart_panel_and_files(comparison, tmp_path):
    fig = comparison.plot()
    assert len(fig.axes) == 4
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["pq", "lump"]
    written = comparison.save(tmp_path / "uit")
    names = sorted(p.name for p in written)
    assert names == ["vergelijking.csv", "vergelijking.png", "vergelijking.svg",
                     "vergelijking.xlsx", "vergelijking_besparing.csv",
                     "vergelijking_per_replicatie.csv", "volumerisico.md"]
    back = pd.read_csv(tmp_path / "uit" / "vergelijking.csv")
    assert np.allclose(back["mean"], comparison.table["mean"], equal_nan=True)
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "uit" / "vergelijking.xlsx")["Vergelijking"]
    header = [c.value for c in ws[2]]
    assert header == ["Indicator", "pq", "lump"]
    rows = list(ws.iter_rows(min_row=3))
    spending = [r for r in rows  # note rows below the table have an empty first cell
                if (r[0].value or "") == "Uitgaven gemeente per jaar (€, prijspeil van de invoer)"
                ][0]
    expected = comparison.table.set_index(["indicator", "scenario"]).at[
        ("spending_eur", "lump"), "mean"]
    assert spending[2].data_type == "n" and spending[2].number_format == "€ #,##0"
    assert spending[2].value == pytest.approx(expected)
    loss = [r for r in rows if r[0].value == "Kans op verlies aanbieders (%)"][0]
    assert loss[1].number_format == "0%"


def test_volume_risk_statement_names_who_carries_it():
    nl = volume_risk_table(lang="nl").set_index("kind")["volume_risk"]
    assert nl["p*q per eenheid (inspanningsgericht)"].startswith("Gemeente")
    assert nl["lumpsum (taakgericht)"].startswith("Aanbieder")
    assert nl["p*q per traject (outputgericht)"].startswith("Gedeeld")
    assert nl["lumpsum met bandbreedte"].startswith("Gedeeld")
    en = volume_risk_table(["pq_per_unit"], lang="en", headers=True)
    assert list(en.columns) == ["Financing", "Who pays for more clients",
                                "Who pays for longer or heavier care", "Volume risk carried by"]
    assert volume_risk_text(["lump_sum"], "en").startswith("- **lump sum (task-based)**: Provider")
    with pytest.raises(ValueError, match="unknown financing kind"):
        volume_risk_table(["per_diem"])


def test_compare_accepts_files_and_names_duplicates():
    path = SCENARIOS / "jeugd-60k.toml"
    comparison = simfin.compare([path, path], replications=1)
    assert comparison.names == ["jeugd-60k", "jeugd-60k (2)"]
    t = comparison.table.set_index(["scenario", "indicator"])["mean"]
    assert t[("jeugd-60k", "spending_eur")] == t[("jeugd-60k (2)", "spending_eur")]
