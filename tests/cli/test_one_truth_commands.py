"""One truth per document for ``simfin compare``, ``organisations``, ``scale``, ``staffing`` and
``calibrate`` (issue 29):
run the command through the CLI on shipped scenarios, read every figure back from the console,
the CSV, the workbook and the chart as drawn (the matplotlib figure handed to the file writer),
and find them equal, with the same sign and the same price-level label."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import simfin
import simfin.report.charts as charts
from simfin.cli import main
from simfin.report.format import format_eur, format_value
from simfin.report.tables import scenario_label

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
PRICES = "prijspeil van de invoer"  # the shipped jeugd and woudenberg files set no price year
SPEND = f"Uitgaven gemeente per jaar (€, {PRICES})"


def _run(argv, out: Path):
    """Run the CLI into ``out``; returns (stdout, {file stem: Figure}) with every figure the
    command saved, as it was drawn."""
    drawn, save, buffer = {}, charts.save_figure, io.StringIO()

    def keep(fig, path):
        drawn[Path(path).name] = fig
        return save(fig, path)

    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(buffer):
        mp.setattr(charts, "save_figure", keep)
        assert main([*argv, "--out", str(out)]) == 0
    return buffer.getvalue(), drawn


def _console_row(text: str, head: str) -> list[str]:
    """The cells after ``head`` on its console line (split on two or more spaces)."""
    line = next(x for x in text.splitlines() if x.startswith(head + "  "))
    return [c.strip() for c in line[len(head):].split("  ") if c.strip()]


def _sheet_rows(path: Path, sheet: str) -> dict[str, list]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {r[0]: list(r[1:]) for r in ws.iter_rows(values_only=True) if r[0]}


@pytest.fixture(scope="module")
def compare_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmp") / "uit"
    console, drawn = _run(["compare", str(SCENARIOS / "jeugd-60k-pq-uur.toml"),
                           str(SCENARIOS / "jeugd-60k-lumpsum.toml"), "-n", "3"], out)
    return console, drawn, out


def test_compare_spending_is_one_figure_in_console_csv_xlsx_and_chart(compare_run):
    console, drawn, out = compare_run
    table = pd.read_csv(out / "vergelijking.csv").set_index(["indicator", "scenario"])
    names = ["jeugd-60k-pq-uur", "jeugd-60k-lumpsum"]
    truth = {stat: [table.at[("spending_eur", n), stat] for n in names]
             for stat in ("mean", "p05", "p95")}
    # console: the mean and both percentiles, nl-NL euros under the one header
    assert _console_row(console, SPEND) == [format_eur(v) for v in truth["mean"]]
    p05 = f"Uitgaven gemeente per jaar, 5e percentiel (€, {PRICES})"
    assert _console_row(console, p05) == [format_eur(v) for v in truth["p05"]]
    # workbook: the same numbers as numbers, under the same header
    rows = _sheet_rows(out / "vergelijking.xlsx", "Vergelijking")
    assert rows[SPEND][:2] == pytest.approx(truth["mean"])
    assert rows[p05][:2] == pytest.approx(truth["p05"])
    # the chart as drawn: bar lengths are the means, whiskers end at the percentiles
    fig = drawn["vergelijking"]
    spend = fig.axes[0]
    # the panel title is the table's header, price level too
    assert spend.get_title(loc="left").replace("\n", " ") == SPEND
    widths = [bar.get_width() for bar in spend.patches]
    assert widths == pytest.approx(truth["mean"])
    whiskers = spend.collections[0].get_segments()
    assert [s[0][0] for s in whiskers] == pytest.approx(np.minimum(truth["p05"], truth["mean"]))
    assert [s[1][0] for s in whiskers] == pytest.approx(np.maximum(truth["p95"], truth["mean"]))
    # the scope note and the chart footnote name the same price level, never the start year
    assert f"; {PRICES}." in console and "prijspeil 2027" not in console
    assert PRICES in " ".join(" ".join(t.get_text() for t in fig.texts).split())


def test_compare_waiting_list_and_loss_agree_between_console_xlsx_and_chart(compare_run):
    console, drawn, out = compare_run
    table = pd.read_csv(out / "vergelijking.csv").set_index(["indicator", "scenario"])
    names = ["jeugd-60k-pq-uur", "jeugd-60k-lumpsum"]
    waiting = [table.at[("waiting_list_mean", n), "mean"] for n in names]
    head = "Wachtlijst specialistische zorg, gemiddeld (cliënten)"
    assert _console_row(console, head) == [format_value(v, "number", 1) for v in waiting]
    assert _sheet_rows(out / "vergelijking.xlsx", "Vergelijking")[head][:2] == \
        pytest.approx(waiting)
    bars = drawn["vergelijking"].axes[2].patches
    assert [b.get_width() for b in bars] == pytest.approx(waiting)


def test_compare_saving_has_one_sign_everywhere(compare_run):
    """+ = besparing: the reference (first scenario) minus the variant, per replication with
    the same residents; console, CSV and workbook show that one number."""
    console, _, out = compare_run
    reps = pd.read_csv(out / "vergelijking_per_replicatie.csv")
    ref = reps[reps["scenario"] == "jeugd-60k-pq-uur"].set_index("replication")
    var = reps[reps["scenario"] == "jeugd-60k-lumpsum"].set_index("replication")
    truth = (ref["spending_eur"] - var["spending_eur"]).mean()  # computed here, independently
    saving = pd.read_csv(out / "vergelijking_besparing.csv").set_index("indicator")
    assert saving.at["spending_eur", "mean"] == pytest.approx(truth)
    head = f"Uitgaven gemeente per jaar (€, {PRICES}, + = besparing)"
    assert _console_row(console, head) == [format_eur(truth)]
    reference = scenario_label(simfin.load(SCENARIOS / "jeugd-60k-pq-uur.toml"))
    assert f"Besparing t.o.v. {reference}" in console  # the reference under its label
    rows = _sheet_rows(out / "vergelijking.xlsx", "Vergelijking")
    assert rows[head][0] == pytest.approx(truth)
    # lumpsum spends more here: a negative saving, and it says so with a minus
    assert truth < 0 and _console_row(console, head)[0].startswith("€ −")


def test_organisations_figures_agree_between_console_csv_and_xlsx(tmp_path):
    files = [str(SCENARIOS / f"woudenberg-{n}.toml") for n in ("eigen-beheer", "facilitator")]
    out = tmp_path / "uit"
    console, _ = _run(["organisations", *files, "-n", "2"], out)
    data = pd.read_csv(out / "organisations.csv")
    head = f"Kosten per inwoner per jaar (€, {PRICES})"
    assert _console_row(console, head) == [format_eur(v) for v in data["cost_per_inhabitant_eur"]]
    rows = _sheet_rows(out / "organisaties.xlsx", "Organisaties")
    assert rows[head] == pytest.approx(list(data["cost_per_inhabitant_eur"]))
    share = "Intake binnen wettelijke termijn (%)"
    assert _console_row(console, share) == [format_value(v, "share", 0)
                                            for v in data["intake_within_norm_share"]]
    assert rows[share] == pytest.approx(list(data["intake_within_norm_share"]))
    assert f"; {PRICES}." in console and "prijspeil 2027" not in console


def test_scale_figures_agree_between_console_csv_xlsx_and_chart(tmp_path):
    out = tmp_path / "uit"
    console, drawn = _run(["scale", str(SCENARIOS / "woudenberg-eigen-beheer.toml"), "-n", "2",
                           "--points", "2", "--from", "6000", "--to", "13000"], out)
    data = pd.read_csv(out / "scale.csv")
    head = f"Kosten per inwoner per jaar (€, {PRICES})"
    cost = list(data["cost_per_inhabitant_eur"])
    # console: a column per population size, a row per measure
    assert _console_row(console, head) == [format_eur(v) for v in cost]
    # workbook: a row per population size, a column per measure
    ws = openpyxl.load_workbook(out / "schaal.xlsx")["Schaal"]
    rows = list(ws.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[0] == "Inwoners")
    column = rows[top].index(head)
    assert [r[column] for r in rows[top + 1: top + 1 + len(data)]] == pytest.approx(cost)
    # the chart as drawn: the cost line and the waiting line are the CSV's columns
    cost_ax, wait_ax = drawn["schaal"].axes[:2]
    x, y = cost_ax.lines[0].get_data()
    assert list(x) == list(data["inhabitants"]) and list(y) == pytest.approx(cost)
    assert list(wait_ax.lines[0].get_data()[1]) == pytest.approx(
        list(data["intake_wait_p95_days"]))
    assert cost_ax.get_ylabel().replace("\n", " ") == head  # the same header, price level too
    assert "p95" not in wait_ax.get_ylabel()


def test_staffing_figures_agree_between_console_csv_and_xlsx(tmp_path):
    out = tmp_path / "uit"
    console, _ = _run(["staffing", str(SCENARIOS / "woudenberg-eigen-beheer.toml"), "-n", "3"],
                      out)
    data = pd.read_csv(out / "staffing.csv")
    for row in data.itertuples():
        assert _console_row(console, row.team) == [format_value(row.fte, "number", 1),
                                                   format_value(row.met_share, "share", 0)]
    rows = _sheet_rows(out / "formatie.xlsx", "Formatie")
    for row in data.itertuples():
        assert rows[row.team] == pytest.approx([row.fte, row.met_share])
    assert rows["Totaal"][0] == pytest.approx(data["fte"].sum())


def test_calibration_figures_agree_between_console_csv_xlsx_and_chart(tmp_path):
    scenario = tmp_path / "kort.toml"
    scenario.write_text(f'extends = "{(SCENARIOS / "bbs-95k.toml").as_posix()}"\n'
                        'name = "kort"\n[simulation]\nhorizon_years = 1\n', encoding="utf-8")
    observed = tmp_path / "waargenomen.csv"
    observed.write_text("municipality,year,taakveld,measure,value\n"
                        "Baarn,2023,6.1,lasten,6218000\n", encoding="utf-8")
    out = tmp_path / "uit"
    console, drawn = _run(["calibrate", str(scenario), "--observed", str(observed)], out)
    data = pd.read_csv(out / "model_tegen_werkelijkheid.csv", dtype={"taakveld": str})
    ws = openpyxl.load_workbook(out / "model_tegen_werkelijkheid.xlsx")["Model tegen werkelijkheid"]
    sheet = [r for r in ws.iter_rows(values_only=True)]
    head = next(r for r in sheet if r[0] == "Gemeente")
    assert "Waargenomen lasten (€, nominaal)" in head
    assert f"Model, gemiddeld (€, {PRICES})" in head
    n = len(data)
    body = sheet[sheet.index(head) + 1: sheet.index(head) + 1 + n]
    bars = [b.get_width() for b in drawn["model_tegen_werkelijkheid"].axes[0].patches]
    assert data["observed"].notna().sum() == 1  # one observed target: Baarn 6.1
    for i, row in enumerate(data.itertuples()):
        shown = [c for c in console.splitlines() if c.startswith(row.municipality + " ")
                 and f" {row.taakveld} " in c][0]
        assert body[i][0] == row.municipality
        assert body[i][1].startswith(row.taakveld + " ")
        assert format_eur(row.model_mean) in shown
        assert body[i][3] == pytest.approx(row.model_mean)
        assert bars[n + i] == pytest.approx(row.model_mean / 1e6)
        if not np.isnan(row.observed):
            assert format_eur(row.observed) in shown
            assert body[i][2] == pytest.approx(row.observed)
            assert bars[i] == pytest.approx(row.observed / 1e6)
        else:  # nothing observed: no number anywhere (a blank, "–", no bar)
            assert body[i][2] is None and np.isnan(bars[i])


def test_run_costs_are_one_table_in_console_samenvatting_xlsx_and_chart(tmp_path):
    """The yearly costs of ``simfin run``: the same numbers in the same order everywhere (the
    workbook used to put "Totaal" between the categories, the console last)."""
    out = tmp_path / "uit"
    console, drawn = _run(["run", str(SCENARIOS / "woudenberg-eigen-beheer.toml"), "-n", "2"],
                          out)
    yearly = pd.read_csv(out / "yearly.csv")
    own = yearly[yearly["party"] == "municipality"]
    per_rep = own.groupby(["year", "replication"])["amount_eur"].sum()
    truth = per_rep.groupby("year").mean()  # the mean total per year, computed here
    ws = openpyxl.load_workbook(out / "woudenberg-eigen-beheer.xlsx")["Samenvatting"]
    sheet = list(ws.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(sheet) if r[:2] == ("Jaar", "Categorie"))
    book = [r for r in sheet[top + 1:] if isinstance(r[0], int)]
    lines = console.splitlines()
    start = next(i for i, x in enumerate(lines) if x.startswith("Jaar  Categorie"))
    shown = [x.split("  ")[0:1] + [c.strip() for c in x[4:].split("  ") if c.strip()]
             for x in lines[start + 2:] if x[:4].isdigit()]
    assert len(shown) == len(book)
    for text, row in zip(shown, book, strict=True):  # one order, one number per cell
        assert (int(text[0]), text[1]) == (row[0], row[1])
        assert text[2:5] == [format_eur(v) for v in row[2:5]]
    totals = {r[0]: r[2] for r in book if r[1] == "Totaal"}
    assert list(totals.values()) == pytest.approx(list(truth))
    assert [r[1] for r in book if r[0] == book[0][0]][-1] == "Totaal"  # the total last
    md = (out / "samenvatting.md").read_text(encoding="utf-8")
    for year, total in totals.items():
        assert f"| {year} | Totaal | {format_eur(total)} |" in md
    # the chart as drawn: the stacked bars of a year add up to that year's total
    ax = drawn["kosten_per_jaar"].axes[0]
    years = sorted(totals)
    heights = {y: sum(p.get_height() for p in ax.patches if round(p.get_x() + p.get_width() / 2)
                      == y) for y in years}
    assert [heights[y] for y in years] == pytest.approx([totals[y] for y in years])
