"""One truth per document for ``simfin run`` (issue 29): the console, ``samenvatting.md``, the
workbook, the cost chart as drawn and the CSVs show the same figures under the same headers.

The truth is computed here from ``yearly.csv`` and ``kpis.csv`` (the per-replication data the
run writes), never from simfin's own summaries; every other output is read back as the user
sees it (console text, markdown table, workbook cells, the matplotlib figure handed to the
file writer). A writer that formats its own header, computes its own number or prints its own
precision note fails one of these tests."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import simfin.report.charts as charts
from simfin.cli import main
from simfin.report.format import format_eur
from simfin.report.labels import label

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
PRICES = "prijspeil van de invoer"  # the shipped woudenberg file sets no price year
STATS = ("Gemiddelde", "5e percentiel", "95e percentiel")
HEADS = ["Jaar", "Categorie", *(f"{s} (€, {PRICES})" for s in STATS)]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """``simfin run`` through the CLI; (console, figures as drawn, output directory)."""
    out = tmp_path_factory.mktemp("run") / "uit"
    drawn, save, buffer = {}, charts.save_figure, io.StringIO()

    def keep(fig, path):
        drawn[Path(path).name] = fig
        return save(fig, path)

    argv = ["run", str(SCENARIOS / "woudenberg-eigen-beheer.toml"), "-n", "2", "--out", str(out)]
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(buffer):
        mp.setattr(charts, "save_figure", keep)
        assert main(argv) == 0
    return buffer.getvalue(), drawn, out


def _cells(line: str) -> list[str]:
    return [c for c in re.split(r"\s{2,}", line.strip()) if c]


def _console_table(console: str, first: str, second: str = "") -> tuple[list[str],
                                                                      list[list[str]]]:
    """Header and rows of the console table whose header starts with ``first`` (then
    ``second``)."""
    lines = console.splitlines()
    top = next(i for i, x in enumerate(lines) if _cells(x)[:2 if second else 1]
               == [first, *([second] if second else [])])
    rows = []
    for line in lines[top + 2:]:
        if not line.strip():
            break
        rows.append(_cells(line))
    return _cells(lines[top]), rows


def _md_table(md: str, first: str) -> tuple[list[str], list[list[str]]]:
    lines = md.splitlines()
    top = next(i for i, x in enumerate(lines) if x.startswith(f"| {first}"))
    rows = []
    for line in lines[top + 2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split(" | ")])
    return [c.strip() for c in lines[top].strip("|").split(" | ")], rows


def _sheet_table(path: Path, sheet: str, first: str, second: str = "") -> tuple[list[str],
                                                                              list[tuple]]:
    rows = list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[0] == first and (not second or r[1] == second))
    head = [c for c in rows[top] if c is not None]
    body = []
    for r in rows[top + 1:]:
        if r[0] is None:
            break
        body.append(r[:len(head)])
    return head, body


def _cost_truth(out: Path) -> pd.DataFrame:
    """Mean, 5th and 95th percentile per year and category (codes) and of the yearly total,
    from the per-replication rows of yearly.csv (a missing category counts as 0)."""
    yearly = pd.read_csv(out / "yearly.csv")
    own = yearly[yearly["party"] == "municipality"]
    per = own.pivot_table(index=["year", "replication"], columns="category",
                          values="amount_eur", aggfunc="sum", fill_value=0.0)
    per["total"] = per.sum(axis=1)
    rows = []
    for (year, category), values in per.stack().groupby(level=["year", "category"]):
        v = values.to_numpy()
        rows.append((year, category, v.mean(), np.quantile(v, 0.05), np.quantile(v, 0.95)))
    return pd.DataFrame(rows, columns=["year", "category", "mean", "p05", "p95"])


def test_costs_are_one_table_in_console_markdown_workbook_and_chart(run):
    console, drawn, out = run
    truth = _cost_truth(out).set_index(["year", "category"])
    names = {label(c): c for c in truth.index.get_level_values(1)}
    head, shown = _console_table(console, "Jaar")
    md_head, md_rows = _md_table((out / "samenvatting.md").read_text(encoding="utf-8"), "Jaar")
    xl_head, book = _sheet_table(out / "woudenberg-eigen-beheer.xlsx", "Samenvatting", "Jaar")
    # one header, naming the price level, in every output
    assert head == md_head == xl_head == HEADS
    # one order and one number per cell: console and markdown print the same text
    assert md_rows == shown
    assert [(int(r[0]), r[1]) for r in shown] == [(r[0], r[1]) for r in book]
    assert len(shown) == len(truth)
    for text, row in zip(shown, book, strict=True):
        expected = truth.loc[(row[0], names[row[1]])]
        assert text[2:] == [format_eur(expected[s]) for s in ("mean", "p05", "p95")]
        assert list(row[2:]) == pytest.approx(list(expected[["mean", "p05", "p95"]]))
    # the chart as drawn: each category's bar is its mean; the whiskers end at the total's
    # percentiles; the legend names the console's categories; the axis the same price level
    ax = drawn["kosten_per_jaar"].axes[0]
    assert PRICES in ax.get_ylabel()
    for container in ax.containers[:-1]:  # bar containers, the error bar last
        category = names[container.get_label()]
        for patch in container.patches:
            year = round(patch.get_x() + patch.get_width() / 2)
            assert patch.get_height() == pytest.approx(truth.loc[(year, category), "mean"])
    segments = ax.collections[-1].get_segments()
    totals = truth.xs("total", level="category")
    for (x, low), (_, high) in segments:
        assert (low, high) == pytest.approx(tuple(totals.loc[round(x), ["p05", "p95"]]))
    legend = {t.get_text() for t in ax.get_legend().get_texts()}
    assert {r[1] for r in shown if r[1] != "Totaal"} <= legend


def test_kpis_are_one_table_in_console_markdown_and_workbook(run):
    console, _, out = run
    kpis = pd.read_csv(out / "kpis.csv")
    truth = kpis.groupby("kpi")["value"].mean()
    head, shown = _console_table(console, "Indicator")
    md_head, md_rows = _md_table((out / "samenvatting.md").read_text(encoding="utf-8"),
                                 "Indicator")
    assert head == md_head and md_rows == shown  # same headers, same cells
    xl_head, sheet = _sheet_table(out / "woudenberg-eigen-beheer.xlsx", "KPI", "Indicator")
    mean = xl_head.index("Gemiddelde")
    book = {r[0]: r for r in sheet}
    code = xl_head.index("Code")
    for row in shown:
        cells = book[row[0]]  # the console's row title is the workbook's
        if np.isnan(truth[cells[code]]):  # nothing measured: a blank cell, "–" on screen
            assert cells[mean] is None and row[2] == "\u2013"
        else:
            assert cells[mean] == pytest.approx(truth[cells[code]])
        assert row[1] == cells[xl_head.index("Eenheid")]


def test_the_flow_chart_draws_the_flow_sheet(run):
    """The flow chart's bars are the workbook's Stroom sheet, its labels the sheet's row
    titles; the KPI flows are the KPI totals of kpis.csv over the reported years, per year."""
    _, drawn, out = run
    head, sheet = _sheet_table(out / "woudenberg-eigen-beheer.xlsx", "Stroom", "Stroom")
    ax = drawn["stroom_door_lijnen"].axes[0]
    ticks = dict(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())))
    bars = {ticks[round(p.get_y() + p.get_height() / 2)]: p.get_width() for p in ax.patches}
    book = {r[0]: r[1] for r in sheet}
    assert set(bars) == set(book)
    assert [bars[k] for k in book] == pytest.approx(list(book.values()))
    assert head[1] == ax.get_xlabel()
    kpis = pd.read_csv(out / "kpis.csv").groupby("kpi")["value"].mean()
    years = pd.read_csv(out / "yearly.csv")["year"].nunique()
    for kpi in ("requests", "entered_0e", "entered_1e", "entered_2e"):
        assert book[label(kpi)] == pytest.approx(kpis[kpi] / years)


def test_precision_notes_are_a_section_of_the_document(run):
    console, _, out = run
    md = (out / "samenvatting.md").read_text(encoding="utf-8")
    notes = [x for x in console.splitlines() if x.startswith("Let op:")]
    assert notes, "2 replications: the small-sample warning applies"
    assert all(n in md.splitlines() for n in notes)
    # the console prints the document and nothing beside it: the notes once
    assert all(console.count(n) == 1 for n in notes)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_run_document_passes_its_check(lang):
    import simfin
    from simfin.report.build_run import build_run

    results = simfin.run(simfin.load(SCENARIOS / "woudenberg-eigen-beheer.toml"),
                         replications=2, progress=False)
    doc = build_run(results, lang)
    assert doc.check() == []
    assert doc.lang == lang and doc.charts()[0].table is doc.table("costs")


def test_the_ceiling_table_is_one_table_and_says_its_euros_are_nominal(tmp_path):
    """With a ``[ceiling]``: the console and samenvatting.md print the same ceiling table as
    the workbook holds, every euro header saying "nominaal" (the spending against the ceiling
    is indexed, unlike the cost table at the inputs' prices), and the probability of
    overshoot is the share of replications above the ceiling, counted here."""
    from simfin.business.run_ceiling import run_spending

    out = tmp_path / "uit"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["run", str(SCENARIOS / "bbs-nulalternatief.toml"), "-n", "2",
                     "--out", str(out)]) == 0
    ceiling = "Plafond per jaar (€, nominaal)"
    head, shown = _console_table(buffer.getvalue(), "Jaar", ceiling)
    md_head, md_rows = _md_table((out / "samenvatting.md").read_text(encoding="utf-8"),
                                 f"Jaar | {ceiling}")
    xl_head, book = _sheet_table(out / "bbs-nulalternatief.xlsx", "Samenvatting", "Jaar",
                                 ceiling)
    assert head == md_head == xl_head and md_rows == shown
    assert all("nominaal" in h for h in head if "€" in h)
    assert [int(r[0]) for r in shown] == [r[0] for r in book]
    for text, row in zip(shown, book, strict=True):
        assert text[1] == format_eur(row[1]) and text[2] == format_eur(row[2])
    import simfin

    spent = run_spending(simfin.run(simfin.load(SCENARIOS / "bbs-nulalternatief.toml"),
                                    replications=2))
    share = head.index("Kans op overschrijding (%)")
    for text, row in zip(shown, book, strict=True):
        year_spent = spent.loc[spent["year"] == row[0], "spending_eur"]
        over = (year_spent > row[1]).mean()  # replications above that year's ceiling
        assert row[share] == pytest.approx(over)
        assert text[share] == f"{over * 100:.0f}%"
