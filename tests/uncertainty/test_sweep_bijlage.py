"""The raadsbijlage of a ceiling sweep and its chart (issue 29): a computed conclusion that
agrees with the sweep, a caption under the curve, the tested budget drawn, a footnote that
counts every run, no code names."""

from __future__ import annotations

import re

import docx
import matplotlib.pyplot as plt
import numpy as np
import pytest
from uncertainty_helpers import uncertain_dict

from simfin.business.ceiling import ceiling_per_year
from simfin.report.format import format_eur, format_share
from simfin.report.sensitivity import plot_ceiling_curve, sweep_footnote
from simfin.report.sweep_bijlage import write_sweep_bijlage
from simfin.scenario.uncertain import uncertain_from_dict
from simfin.uncertainty import sweep
from simfin.uncertainty.sensitivity import ceiling_curve, lowest_ceiling, spending_per_year

SAMPLES, REPLICATIONS, RISK = 6, 2, 0.25
BUDGET = 1_500_000


@pytest.fixture(scope="module")
def sw():
    data = uncertain_dict()
    data["ceiling"] = {"amount_eur_per_year": BUDGET, "open_ended_providers": ["jeugdhulp"]}
    data["afweging"] = {"label": "Klein scenario met plafond"}
    return sweep(uncertain_from_dict(data), "psa", samples=SAMPLES, replications=REPLICATIONS,
                 executor="serial")


def test_the_footnote_counts_every_run(sw):
    note = sweep_footnote(sw)
    assert f"{SAMPLES} trekkingen \u00d7 {REPLICATIONS} replicaties" in note


def test_the_tested_budget_is_drawn(sw):
    budget = ceiling_per_year(sw.results_for(0).scenario)
    ax = plot_ceiling_curve(ceiling_curve(sw), lowest_ceiling(sw, RISK), RISK, budget=budget)
    verticals = {round(float(line.get_xdata()[0]), 2) for line in ax.get_lines()
                 if line.get_linestyle() == ":" and len(set(line.get_xdata())) == 1}
    assert verticals == {round(float(v), 2) for v in budget.to_numpy()}
    assert any("Getoetst plafond" in t.get_text() for t in ax.get_legend().get_texts())
    plt.close("all")


def test_the_sweep_raadsbijlage_is_a_finished_document(sw, tmp_path):
    path = write_sweep_bijlage(sw, tmp_path / "raadsbijlage.docx", RISK)
    paragraphs = docx.Document(str(path)).paragraphs
    title = next(p.text for p in paragraphs if p.style.name == "Title")
    assert "Klein scenario met plafond" in title
    texts = [p.text for p in paragraphs]
    assert texts[[p.style.name for p in paragraphs].index("Heading 1")] == "Conclusie"
    conclusion = " ".join(texts[texts.index("Conclusie") + 1:texts.index("Conclusie") + 4])
    # the conclusion's numbers are the sweep's: lowest ceiling and the tested budget's risk
    low = lowest_ceiling(sw, RISK)
    assert all(format_eur(v) in conclusion for v in low["ceiling_eur"])
    totals = spending_per_year(sw)
    year = int(low["year"].iloc[0])
    budget = ceiling_per_year(sw.results_for(0).scenario)[year]
    share = float(np.mean(totals.loc[totals["year"] == year, "total_eur"] > budget))
    assert f"{year} {format_share(share)} (plafond {format_eur(budget)})" in conclusion
    assert any("te weinig" in t for t in texts)  # 12 runs
    pictures = [i for i, p in enumerate(paragraphs) if p._p.xpath(".//pic:pic")]
    assert pictures and all(paragraphs[i + 1].style.name == "Caption" for i in pictures)
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", "\n".join(texts))
