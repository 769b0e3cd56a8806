"""Every row of the raadsbijlage's headline table by value, not by title: once with a
summary whose figures all differ (so a row showing the wrong figure, such as the discounted
payback year, is seen), once recomputed from the case's own tables."""

from __future__ import annotations

import copy

import docx
import numpy as np
import pandas as pd
import pytest

import simfin
from simfin.business.result import BusinessCase
from simfin.report.format import format_eur, format_share
from simfin.scenario import validate_dict

REPS = 2
NPV = "Netto contante waarde t.o.v. nulalternatief (€, contant; + = besparing)"
PAYBACK = "Terugverdienjaar (nominaal)"
STRUCTURAL = "Structurele besparing laatste jaar (€, nominaal; + = besparing)"
INCIDENTAL = "Incidentele kosten (€, nominaal; kosten negatief)"
CEILING = "Hoogste kans op overschrijding van het plafond"


def _dict(name: str) -> dict:
    from conftest import small_scenario_dict

    d = copy.deepcopy(small_scenario_dict())
    d["name"] = name
    d["simulation"]["horizon_years"] = 3
    d["business_case"] = {"wage_index_per_year": 0.03, "price_index_per_year": 0.02}
    d["ceiling"] = {"amount_eur_per_year": 1_200_000, "open_ended_providers": ["jeugdhulp"]}
    return d


@pytest.fixture(scope="module")
def case() -> BusinessCase:
    null, variant = _dict("nul"), _dict("variant")
    variant["access_team"]["fte"] = 5     # one FTE less: a structural saving
    variant["incidental"] = {"ict": {"category": "ict_migration", "amount_eur": 50000,
                                     "years": [2027], "allocation": "usage"}}
    variant["afweging"] = {"label": "Variant A"}
    return simfin.business_case(validate_dict(null), validate_dict(variant),
                                replications=REPS, sample_ranges=False)


def _headline(path) -> dict[str, str]:
    """The headline table's column of the one variant, by row title (the nulalternatief's
    column comes first: every option's figures, its ceiling risk too)."""
    table = next(t for t in docx.Document(str(path)).tables if t.cell(0, 0).text == "Kerncijfer")
    assert [c.text for c in table.rows[0].cells] == ["Kerncijfer", "nul", "Variant A"]
    return {row.cells[0].text: row.cells[2].text for row in table.rows[1:]}


def test_every_headline_row_shows_its_own_figure(case, tmp_path, monkeypatch):
    """Figures that all differ from each other: a row showing the wrong figure (such as the
    discounted payback year) is seen; a structural difference of -7,890 (a cost, not a
    saving) shows its sign; no payback is a dash, not "nan"."""
    from simfin.report import raadsbijlage
    from simfin.report.business_figures import Headline

    def figures(case, payback=2028.0):
        def one(npv, pay):
            return {"npv_eur": Headline("npv_eur", "eur", *npv),
                    "incidental_eur": Headline("incidental_eur", "eur", -123_456.0),
                    "structural_difference_eur": Headline("structural_difference_eur", "eur",
                                                          -7_890.0),
                    "payback_year": Headline("payback_year", "year", pay),
                    "p_overshoot_max": Headline("p_overshoot_max", "share", 0.37)}
        return {"nul": one((0.0, 0.0, 0.0), np.nan),
                "variant": one((250_000.0, -100_000.0, 600_000.0), payback)}

    monkeypatch.setattr(raadsbijlage, "headline_figures", figures)
    # the charts do not matter here; leaving them out saves most of the time
    monkeypatch.setattr("simfin.report.business_charts.write_business_charts",
                        lambda *a, **k: [], raising=False)
    rows = _headline(case.to_raadsbijlage(tmp_path / "r.docx"))
    assert list(rows) == [NPV, INCIDENTAL, STRUCTURAL, PAYBACK, CEILING]
    assert rows[NPV] == f"{format_eur(250_000)} ({format_eur(-100_000)} – {format_eur(600_000)})"
    assert rows[PAYBACK] == "2028"
    assert rows[INCIDENTAL] == format_eur(-123_456)
    assert rows[STRUCTURAL] == format_eur(-7_890)
    assert rows[CEILING] == format_share(0.37)
    monkeypatch.setattr(raadsbijlage, "headline_figures",
                        lambda case: figures(case, payback=np.nan))
    assert _headline(case.to_raadsbijlage(tmp_path / "s.docx"))[PAYBACK] == "–"


def _payback(years, cumulative) -> float:
    """First year from which the cumulative balance stays at or above 0, by hand."""
    for i, year in enumerate(years):
        if all(c >= -0.005 for c in cumulative[i:]):
            return float(year)
    return float("nan")


@pytest.mark.slow
def test_headline_rows_match_the_case_tables(case, tmp_path):
    """The same rows recomputed from the yearly, appraisal, balance and ceiling tables."""
    rows = _headline(case.to_raadsbijlage(tmp_path / "r.docx"))
    npv = case.appraisal.loc[case.appraisal["variant"] == "variant", "npv_eur"]
    assert rows[NPV] == (f"{format_eur(npv.mean())} ({format_eur(npv.quantile(0.05))} – "
                         f"{format_eur(npv.quantile(0.95))})")
    y = case.yearly
    mine = y[y["variant"] == "variant"]
    incidental = mine.loc[mine["cost_type"] == "incidental", "nominal_eur"].sum() / REPS
    assert incidental == pytest.approx(50_000.0)   # the item, in its base year 2027
    assert rows[INCIDENTAL] == format_eur(-incidental)  # a cost: negative
    last = y[(y["year"] == 2029) & (y["cost_type"] == "structural")]
    per_variant = last.groupby("variant")["nominal_eur"].sum() / REPS
    saving = per_variant["nul"] - per_variant["variant"]
    per_rep = last.groupby(["replication", "variant"])["nominal_eur"].sum().unstack()
    per_rep = per_rep["nul"] - per_rep["variant"]  # the interval: over the replications
    assert rows[STRUCTURAL] == (f"{format_eur(saving)} ({format_eur(per_rep.quantile(0.05))} "
                                f"– {format_eur(per_rep.quantile(0.95))})")
    balance = case.balance[case.balance["variant"] == "variant"]
    mean = balance.groupby("year")["cumulative_nominal_eur"].mean().sort_index()
    year = _payback(list(mean.index), list(mean.to_numpy()))
    assert rows[PAYBACK] == ("–" if np.isnan(year) else str(int(year)))
    ceiling = case.ceiling.loc[case.ceiling["variant"] == "variant", "p_overshoot"].max()
    assert rows[CEILING] == format_share(ceiling)
