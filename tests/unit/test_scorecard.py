"""Variants side by side (simfin.business.scorecard, simfin.report.scorecard): intervals and
bandbreedtes from their sources, the chart's cells, the sheet read back, the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import openpyxl
import pandas as pd
import pytest

import simfin as simfin_package
from simfin.business.case import business_case
from simfin.business.scorecard import scorecard
from simfin.report.scorecard import cell_text, plot_scorecard, write_scorecard_outputs
from simfin.scenario import validate_dict
from conftest import small_scenario_dict
from test_back_office import offices

SRC = Path(simfin_package.__file__).resolve().parents[1]


def variant_dict() -> dict:
    data = small_scenario_dict()
    data["name"] = "variant"
    data["offices"] = offices()
    data["incidental"] = {"ict": {"category": "ict", "years": [2027],
                                  "amount_eur": {"min": 50000, "mode": 100000, "max": 200000}}}
    data["afweging"] = {"label": "Variant A", "scores": {"governance": "+", "quality": "n.t.b."},
                        "ranges": {"quality": ["-", "+"]}, "notes": {"governance": "meer grip"}}
    return data


@pytest.fixture(scope="module")
def case():
    null = small_scenario_dict()
    null["offices"] = offices(fo_org="eigen", bo_org="eigen")
    return business_case(validate_dict(null, "null.toml"),
                         validate_dict(variant_dict(), "variant.toml"), replications=3,
                         sample_ranges=False)  # items at their mode: the hand-computed values


def test_quantitative_intervals_are_the_summarys_intervals_over_replications(case):
    """One NPV interval everywhere (issue 29): the side-by-side sheet and the afwegingskader
    chart show the summary's 5th–95th percentile over replications, not a mix with the item
    ranges (which stretched it to € −4,69 – −0,05 mln against the summary's −3,73 – −0,76)."""
    table = scorecard(case).set_index(["variant", "criterion"])
    inc = table.loc[("variant", "incidental_eur")]
    # one item in 2027, base year prices; a cost, so negative under + = besparing
    assert inc["value"] == pytest.approx(-100000)
    # items at their mode: every replication has the same incidental total
    assert (inc["low"], inc["high"]) == pytest.approx((-100000, -100000))
    npv = table.loc[("variant", "npv_eur")]
    summary = case.summary().set_index("variant").loc["variant"]
    assert (npv["value"], npv["low"], npv["high"]) == pytest.approx(
        (summary["npv_mean_eur"], summary["npv_p05_eur"], summary["npv_p95_eur"]))
    appraisal = case.appraisal[case.appraisal["variant"] == "variant"]
    assert npv["low"] == pytest.approx(np.quantile(appraisal["npv_eur"], 0.05))
    assert npv["high"] == pytest.approx(np.quantile(appraisal["npv_eur"], 0.95))
    lead = table.loc[("variant", "dossier_lead_p95_days")]
    kpis = case.kpis[(case.kpis["variant"] == "variant")
                     & (case.kpis["kpi"] == "dossier_lead_p95_days")]["value"]
    assert lead["value"] == pytest.approx(kpis.mean())
    assert lead["low"] == pytest.approx(np.quantile(kpis, 0.05))
    null = table.loc[("klein", "npv_eur")]
    assert (null["value"], null["low"], null["high"]) == (0.0, 0.0, 0.0)


def test_office_costs_are_the_four_categories_per_year(case):
    table = scorecard(case).set_index(["variant", "criterion"])
    yearly = case.yearly[(case.yearly["variant"] == "variant") & case.yearly["category"].isin(
        ["front_office_cost", "back_office_cost", "regie", "coordination"])]
    expected = yearly["nominal_eur"].sum() / case.replications / yearly["year"].nunique()
    assert table.loc[("variant", "office_costs_eur"), "value"] == pytest.approx(expected)


def test_qualitative_scores_and_bandbreedtes(case):
    table = scorecard(case)
    q = table[table["kind"] == "qualitative"].set_index(["variant", "criterion"])
    assert q.loc[("variant", "quality"), ["score", "score_low", "score_high"]].tolist() \
        == ["n.t.b.", "-", "+"]
    assert q.loc[("klein", "governance"), "score"] == "+/-"  # the status quo is unchanged
    assert cell_text(q.loc[("variant", "quality")], "nl") == "n.t.b.\n(- tot +)"
    assert cell_text(q.loc[("variant", "governance")], "en") == "+"


def test_cell_text_by_hand():
    row = pd.Series({"kind": "quantitative", "value": -375510.0, "low": -567507.0,
                     "high": -279215.0, "unit": "eur", "score": "", "score_low": ""})
    assert cell_text(row) == "€ −0,38 mln\n(−0,57 – −0,28)"
    days = row.copy()
    days.update({"value": 17.52, "low": 15.8, "high": 19.4, "unit": "days"})
    assert cell_text(days) == "17,5 dagen\n(15,8 – 19,4)"
    days.update({"low": 17.52, "high": 17.52})
    assert cell_text(days) == "17,5 dagen"


def test_chart_shows_every_variant_and_score(case):
    fig = plot_scorecard(case)
    texts = [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)
    assert any("Variant A" in t for t in texts)
    assert "n.t.b.\n(- tot +)" in texts and "+" in texts
    assert any(t.startswith("€ ") for t in texts)


def test_sheet_and_csv_read_back(case, tmp_path):
    written = write_scorecard_outputs(case, tmp_path)
    assert {p.name for p in written} == {"afwegingskader.csv", "afwegingskader.xlsx",
                                         "afwegingskader.png", "afwegingskader.svg"}
    ws = openpyxl.load_workbook(tmp_path / "afwegingskader.xlsx")["Varianten naast elkaar"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Variant A" in values and "n.t.b. (- tot +)" in values
    numbers = [v for v in values if isinstance(v, int | float)]
    assert any(v == pytest.approx(-100000) for v in numbers)  # incidental, a cost
    table = pd.read_csv(tmp_path / "afwegingskader.csv")
    assert set(table["variant"]) == {"klein", "variant"}


@pytest.mark.slow
def test_cli_afweging_end_to_end(tmp_path):
    from toml_text import to_toml

    null = small_scenario_dict()
    null["offices"] = offices(fo_org="eigen", bo_org="eigen")
    (tmp_path / "null.toml").write_text(to_toml(null), encoding="utf-8")
    (tmp_path / "variant.toml").write_text(to_toml(variant_dict()), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "simfin", "afweging", "null.toml",
                           "variant.toml", "-n", "2", "--out", "uit"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                               "PYTHONPATH": str(SRC)})
    assert proc.returncode == 0, proc.stderr
    assert "Netto contante waarde" in proc.stdout and "n.t.b. (- tot +)" in proc.stdout
    assert (tmp_path / "uit" / "afwegingskader.png").stat().st_size > 0
