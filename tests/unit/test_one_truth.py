"""One truth per document (issue 29): every figure that appears in more than one output of a
business run is read back from each output and is equal, with the same sign and measure; the
incidental interval lies within the per-replication minimum and maximum; the raadsbijlage is a
finished document (conclusion, a caption under every picture, no code names)."""

from __future__ import annotations

import re

import docx
import numpy as np
import openpyxl
import pandas as pd
import pytest

from simfin.business.case import business_case
from simfin.business.scorecard import scorecard
from simfin.report.business_figures import headline_figures
from simfin.report.business_outputs import business_console, write_business_outputs
from simfin.report.format import format_eur
from simfin.report.raadsbijlage import write_raadsbijlage
from simfin.report.scorecard import cell_text, plot_scorecard
from simfin.scenario import validate_dict
from conftest import small_scenario_dict

REPS = 4


def _scenario(name: str, item: tuple[float, float, float] | None, fte: float):
    data = small_scenario_dict()
    data["name"] = name
    data["access_team"]["fte"] = fte
    data["ceiling"] = {"amount_eur_per_year": 1_200_000, "open_ended_providers": ["jeugdhulp"]}
    if item is not None:
        low, mode, high = item
        data["incidental"] = {"ict": {"category": "ict", "years": [2027],
                                      "amount_eur": {"min": low, "mode": mode, "max": high}}}
        data["afweging"] = {"label": "Variant A: meer toegang"}
    else:
        data["afweging"] = {"label": "Variant 0: huidige situatie"}
    return validate_dict(data, f"{name}.toml")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One business run (item ranges sampled per replication) and every output it writes."""
    out = tmp_path_factory.mktemp("bc")
    case = business_case(_scenario("nul", None, 6), _scenario("meer", (50e3, 100e3, 400e3), 7),
                         replications=REPS)
    write_business_outputs(case, out)
    write_raadsbijlage(case, out / "raadsbijlage.docx")
    return case, out


def _headline_table(path):
    return next(t for t in docx.Document(str(path)).tables if t.cell(0, 0).text == "Kerncijfer")


def _sheet(out, name):
    wb = openpyxl.load_workbook(out / "businesscase.xlsx")
    return [row for row in wb[name].iter_rows(values_only=True)]


def test_the_incidental_interval_lies_within_the_replications(run):
    """The old interval scaled the mean by the items' min/max ratios, emergent costs
    included, and reached beyond the largest total of any replication."""
    case, _ = run
    per_rep = case.incidental_per_replication("meer")
    assert per_rep.nunique() > 1  # the item range is sampled: a real spread to bound
    row = scorecard(case).set_index(["variant", "criterion"]).loc[("meer", "incidental_eur")]
    cost = -row[["high", "value", "low"]]  # a cost is negative under + = besparing
    assert per_rep.min() - 1e-6 <= cost["high"] <= cost["value"] <= cost["low"] \
        <= per_rep.max() + 1e-6
    assert row["value"] == pytest.approx(-per_rep.mean())


def test_one_npv_interval_in_console_samenvatting_varianten_docx_markdown_and_chart(run):
    case, out = run
    npv = headline_figures(case)["meer"]["npv_eur"]
    app = case.appraisal[case.appraisal["variant"] == "meer"]["npv_eur"]
    # the truth, computed here from the replications
    assert (npv.value, npv.low, npv.high) == pytest.approx(
        (app.mean(), np.quantile(app, 0.05), np.quantile(app, 0.95)))
    shown = f"{format_eur(npv.value)} ({format_eur(npv.low)} – {format_eur(npv.high)})"
    # console and samenvatting.md
    assert shown in business_console(case)
    assert shown in (out / "samenvatting.md").read_text(encoding="utf-8")
    # the workbook's Samenvatting: mean, 5th and 95th percentile rows, as numbers
    rows = {r[0]: r[1:] for r in _sheet(out, "Samenvatting") if r[0]}
    got = [rows[k][0] for k in ("Netto contante waarde, gemiddeld",
                                "Netto contante waarde, 5e percentiel",
                                "Netto contante waarde, 95e percentiel")]
    assert got == pytest.approx([npv.value, npv.low, npv.high])
    # Varianten naast elkaar: the numbers block (value, low, high)
    side = _sheet(out, "Varianten naast elkaar")
    head = next(i for i, r in enumerate(side) if r[0] == "Variant" and r[1] == "Criterium")
    cols = side[head]
    numbers = [dict(zip(cols, r)) for r in side[head + 1:]]
    mine = next(r for r in numbers if r["Variant"] == "Variant A: meer toegang"
                and r["Criterium"].startswith("Netto contante waarde"))
    assert (mine["Waarde"], mine["Ondergrens (5%)"], mine["Bovengrens (95%)"]) == pytest.approx(
        (npv.value, npv.low, npv.high))
    # docx: the headline table's cell
    table = _headline_table(out / "raadsbijlage.docx")
    cells = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows}
    npv_row = next(v for k, v in cells.items() if k.startswith("Netto contante waarde"))
    assert shown in npv_row
    # the afwegingskader chart draws the same interval (its data, then its text in € mln)
    table = scorecard(case)
    row = table[(table["variant"] == "meer") & (table["criterion"] == "npv_eur")].iloc[0]
    assert (row["value"], row["low"], row["high"]) == pytest.approx((npv.value, npv.low, npv.high))
    fig = plot_scorecard(case, table=table)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert cell_text(row) in texts


def test_incidental_structural_and_risk_agree_across_outputs(run):
    case, out = run
    figures = headline_figures(case)
    md = (out / "samenvatting.md").read_text(encoding="utf-8")
    console = business_console(case)
    for key in ("incidental_eur", "structural_difference_eur", "p_overshoot_max"):
        for name in case.scenarios:  # every option: the nulalternatief's risk too
            text = figures[name][key].text()
            assert text in md and text in console, (key, name, text)
    table = _headline_table(out / "raadsbijlage.docx")
    risk = next(r for r in table.rows if r.cells[0].text.startswith("Hoogste kans"))
    assert [c.text for c in risk.cells[1:]] == [
        figures[n]["p_overshoot_max"].text() for n in case.scenarios]


def test_jaarcijfers_use_the_sign_of_the_summary(run):
    """+ = besparing everywhere: the last year's structural rows of Jaarcijfers add up to the
    structural saving of the summary (they used to be variant minus nulalternatief)."""
    case, out = run
    rows = _sheet(out, "Jaarcijfers")
    head = rows[1]
    frame = pd.DataFrame(rows[2:], columns=head)
    saving = [c for c in head if c.startswith("Besparing t.o.v. nulalternatief")]
    assert saving, head
    last = frame[(frame["Variant"] == "Variant A: meer toegang")
                 & (frame["Jaar"] == frame["Jaar"].max())
                 & (frame["Kostensoort"] == "Structureel")]
    summary = case.summary().set_index("variant").at["meer", "structural_difference_last_year_eur"]
    assert last[saving[0]].sum() == pytest.approx(summary)


CODE_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b")  # snake_case identifiers such as pq_per_unit


def test_the_raadsbijlage_is_a_finished_document(run):
    case, out = run
    document = docx.Document(str(out / "raadsbijlage.docx"))
    paragraphs = document.paragraphs
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Conclusie"
    title = next(p.text for p in paragraphs if p.style.name == "Title")
    assert "Variant A: meer toegang" in title and "Variant 0" not in title
    conclusion = paragraphs[[p.text for p in paragraphs].index("Conclusie") + 1].text
    assert format_eur(headline_figures(case)["meer"]["npv_eur"].value) in conclusion
    # a caption directly under every picture
    pictures = [i for i, p in enumerate(paragraphs) if p._p.xpath(".//pic:pic")]
    assert len(pictures) >= 4
    for i in pictures:
        assert paragraphs[i + 1].style.name == "Caption" and paragraphs[i + 1].text
    captions = [paragraphs[i + 1].text for i in pictures]
    assert any("Afwegingskader" in c for c in captions)
    assert len(set(captions)) == len(captions)  # distinct: one per chart
    assert any("te weinig" in p.text for p in paragraphs)  # 4 replications
    text = "\n".join([p.text for p in paragraphs] + [c.text for t in document.tables[:1]
                                                     for r in t.rows for c in r.cells])
    assert not CODE_NAME.findall(text), CODE_NAME.findall(text)


def _finished(path, title_words: tuple[str, ...], min_pictures: int = 1) -> None:
    """Conclusion first, a caption under every picture, a proper title, no code names."""
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    title = next(p.text for p in paragraphs if p.style.name == "Title")
    assert all(w in title for w in title_words), title
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Conclusie"
    first = [p.text for p in paragraphs].index("Conclusie") + 1
    assert paragraphs[first].text and paragraphs[first].style.name != "Caption"
    pictures = [i for i, p in enumerate(paragraphs) if p._p.xpath(".//pic:pic")]
    assert len(pictures) >= min_pictures
    for i in pictures:
        assert paragraphs[i + 1].style.name == "Caption" and paragraphs[i + 1].text
    text = "\n".join(p.text for p in paragraphs)
    assert not CODE_NAME.findall(text), CODE_NAME.findall(text)


def test_the_afweging_raadsbijlage_is_a_finished_document(run, tmp_path):
    from simfin.report.afweging_bijlage import write_afweging_bijlage

    case, _ = run
    path = write_afweging_bijlage(case, tmp_path / "raadsbijlage.docx")
    _finished(path, ("afwegingskader", "Variant A: meer toegang"))
    document = docx.Document(str(path))
    assert any("te weinig" in p.text for p in document.paragraphs)
    risk = next(r for r in _headline_table(path).rows if r.cells[0].text.startswith("Hoogste"))
    assert all(c.text for c in risk.cells[1:])  # the risk of every option, the null's too


def test_incidental_costs_carry_the_one_sign_of_the_document(run):
    """Under "+ = besparing" a cost is negative: the incidental costs read back from the
    console, samenvatting.md, the Samenvatting sheet, "Varianten naast elkaar", the docx and
    the afwegingskader chart's data are all negative and equal (they used to be positive
    beside a positive-is-saving NPV)."""
    case, out = run
    per_rep = case.incidental_per_replication("meer")
    assert per_rep.mean() > 0  # the truth: the variant spends money on its ICT item
    inc = headline_figures(case)["meer"]["incidental_eur"]
    assert inc.value == pytest.approx(-per_rep.mean())
    assert inc.high <= 0 and inc.low <= inc.value <= inc.high
    shown = inc.text()
    assert shown.startswith("€ −")
    assert shown in business_console(case)
    assert shown in (out / "samenvatting.md").read_text(encoding="utf-8")
    table = _headline_table(out / "raadsbijlage.docx")
    row = next(r for r in table.rows if r.cells[0].text.startswith("Incidentele kosten"))
    assert shown in [c.text for c in row.cells]
    summary = {r[0]: r[1:] for r in _sheet(out, "Samenvatting") if r[0]}
    nominal = next(v for k, v in summary.items() if k.startswith("Incidentele kosten (€, nom"))
    assert nominal[0] == pytest.approx(inc.value)
    side = _sheet(out, "Varianten naast elkaar")
    head = next(i for i, r in enumerate(side) if r[0] == "Variant" and r[1] == "Criterium")
    numbers = [dict(zip(side[head], r)) for r in side[head + 1:]]
    mine = next(r for r in numbers if r["Variant"] == "Variant A: meer toegang"
                and r["Criterium"].startswith("Incidentele kosten"))
    assert (mine["Waarde"], mine["Ondergrens (5%)"], mine["Bovengrens (95%)"]) == \
        pytest.approx((inc.value, inc.low, inc.high))
    chart = scorecard(case)
    chart = chart[(chart["variant"] == "meer") & (chart["criterion"] == "incidental_eur")]
    assert chart["value"].iat[0] == pytest.approx(inc.value)
    afweging = case.afweging()
    mine = afweging[(afweging["variant"] == "meer") & (afweging["criterion"] == "incidental_eur")]
    assert mine["value"].iat[0] == pytest.approx(inc.value)
