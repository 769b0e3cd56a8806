"""Charts, workbook and summaries of a small run."""

from __future__ import annotations

import os
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import openpyxl  # noqa: E402
import pytest  # noqa: E402

import simfin  # noqa: E402
from simfin.report import (  # noqa: E402
    add_footnote,
    console_table,
    council_style,
    new_figure,
    plot_yearly_costs,
    save_figure,
    summary_text,
    write_workbook,
)
from simfin.report.style import FOOTNOTE_GID  # noqa: E402

EURO = re.compile(r"€ [-−]?\d{1,3}(\.\d{3})*")


@pytest.fixture
def results(small_scenario):
    return simfin.run(small_scenario, replications=2)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _legend_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _footnotes(fig) -> list[str]:
    return [t.get_text() for t in fig.texts if t.get_gid() == FOOTNOTE_GID]


class TestChart:
    def test_dutch_by_default(self, results):
        ax = plot_yearly_costs(results)
        assert ax.get_title() == "Kosten gemeenten per jaar"
        assert ax.get_xlabel() == "Jaar"
        # no price_base_year: the file does not say the year, nor does the label (issue 29:
        # "prijspeil 2027" named the start year for 2023/2024 tariffs)
        assert ax.get_ylabel() == "Kosten (€, prijspeil van de invoer)"
        assert set(_legend_texts(ax)) == {"Toegangsteam", "Specialistische zorg",
                                          "Administratieve lasten", "90%-interval totaal"}

    def test_english(self, results):
        ax = plot_yearly_costs(results, lang="en")
        assert ax.get_title() == "Municipal costs per year"
        assert ax.get_xlabel() == "Year"
        assert ax.get_ylabel() == "Costs (€, prices of the inputs)"
        assert set(_legend_texts(ax)) == {"Access team", "Specialist care",
                                          "Administrative burden", "90% interval of total"}

    def test_bars_stack_to_the_mean_total(self, results):
        ax = plot_yearly_costs(results)
        tops = {}
        for patch in ax.patches:
            year = round(patch.get_x() + patch.get_width() / 2)
            tops[year] = max(tops.get(year, 0.0), patch.get_y() + patch.get_height())
        summary = results.yearly_summary().query("category == 'total'").set_index("year")
        for year, top in tops.items():
            assert top == pytest.approx(summary.at[year, "mean"], rel=1e-9)

    def test_euro_axis_and_year_ticks(self, results):
        ax = plot_yearly_costs(results)
        ax.figure.canvas.draw()
        ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert ticks[0] == "€ 0" and all(t.startswith("€ ") for t in ticks)
        assert len(set(ticks)) == len(ticks)  # as many decimals as the spacing needs
        years = {str(y) for y in results.yearly["year"].unique()}
        assert {t.get_text() for t in ax.get_xticklabels()} == years

    def test_footnote_names_scenario_version_replications_seed(self, results):
        ax = plot_yearly_costs(results)
        (note,) = _footnotes(ax.figure)
        assert note == "Scenario: klein · simfin 0.1.0 · 2 replicaties · seed 12345"
        (note_en,) = _footnotes(plot_yearly_costs(results, lang="en").figure)
        assert "2 replications" in note_en

    def test_own_axes_get_no_footnote_unless_asked(self, results):
        fig = new_figure(pyplot=False)
        ax = plot_yearly_costs(results, ax=fig.add_subplot())
        assert ax.figure is fig and _footnotes(fig) == []
        add_footnote(fig, results)
        add_footnote(fig, results)  # replaces, does not stack
        assert len(_footnotes(fig)) == 1

    def test_style_does_not_leak(self, results):
        before = dict(matplotlib.rcParams)
        plot_yearly_costs(results)
        with council_style():
            assert matplotlib.rcParams["font.size"] == 9
        assert dict(matplotlib.rcParams) == before

    def test_council_size_and_fonts(self, results):
        ax = plot_yearly_costs(results)
        width, height = ax.figure.get_size_inches() * 2.54
        assert (width, height) == pytest.approx((16, 9))
        ax.figure.canvas.draw()
        texts = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(),
                 *ax.get_yticklabels(), *ax.get_legend().get_texts(), *ax.figure.texts]
        assert min(t.get_fontsize() for t in texts) >= 8

    def test_unknown_language(self, results):
        with pytest.raises(ValueError, match="unknown language"):
            plot_yearly_costs(results, lang="fr")

    def test_save_png_and_svg(self, results, tmp_path):
        ax = plot_yearly_costs(results)
        paths = save_figure(ax.figure, tmp_path / "out" / "kosten")
        assert [p.name for p in paths] == ["kosten.png", "kosten.svg"]
        for p in paths:
            assert p.exists() and p.stat().st_size > 0
        assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert "<svg" in paths[1].read_text(encoding="utf-8")
        assert sorted(os.listdir(tmp_path / "out")) == ["kosten.png", "kosten.svg"]  # no temps

    def test_save_drops_an_image_suffix(self, results, tmp_path):
        paths = save_figure(plot_yearly_costs(results).figure, tmp_path / "kosten.png")
        assert [p.name for p in paths] == ["kosten.png", "kosten.svg"]


def _find_header(ws, first: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == first:
            return row[0].row
    raise AssertionError(f"no header {first!r} in sheet {ws.title}")


def _table(ws, header_row: int) -> list[dict]:
    header = [c.value for c in ws[header_row] if c.value is not None]
    rows = []
    for r in range(header_row + 1, ws.max_row + 1):
        cells = ws[r][:len(header)]
        if cells[0].value is None:
            break
        rows.append({h: c for h, c in zip(header, cells, strict=True)})
    return rows


PRICES = "prijspeil van de invoer"  # the small scenario sets no price year


class TestWorkbook:
    @pytest.fixture
    def book(self, results, tmp_path):
        path = write_workbook(results, tmp_path / "simfin.xlsx")
        assert path == tmp_path / "simfin.xlsx"
        assert os.listdir(tmp_path) == ["simfin.xlsx"]  # temporary file replaced
        return openpyxl.load_workbook(path)

    def test_sheets(self, book):
        assert book.sheetnames == ["Samenvatting", "Jaarcijfers", "Per taakveld", "KPI", "Stroom",
                                   "Scenario"]

    def test_taakveld_sheet_adds_up_to_the_yearly_total(self, results, book):
        own = results.yearly[results.yearly["party"] == "municipality"]
        expected = own.groupby(["replication", "year"])["amount_eur"].sum().groupby("year").mean()
        rows = _table(book["Per taakveld"], _find_header(book["Per taakveld"], "Jaar"))
        for year, total in expected.items():
            mine = [r for r in rows if r["Jaar"].value == year]
            assert mine[-1]["Taakveld (Iv3)"].value == "Totaal"
            mean = "Gemiddelde (€, prijspeil van de invoer)"
            parts = sum(r[mean].value for r in mine[:-1])
            assert parts == pytest.approx(total, abs=0.01)
            assert mine[-1][mean].value == pytest.approx(total, abs=0.01)

    def test_english_sheet_names(self, results, tmp_path):
        book = openpyxl.load_workbook(write_workbook(results, tmp_path / "en.xlsx", lang="en"))
        assert book.sheetnames == ["Summary", "Yearly", "By taakveld", "KPI", "Flow", "Scenario"]
        assert _find_header(book["Summary"], "Year")

    def test_summary_totals_equal_mean_of_replication_totals(self, results, book):
        own = results.yearly[results.yearly["party"] == "municipality"]
        per_rep = own.groupby(["replication", "year"])["amount_eur"].sum()
        expected = per_rep.groupby("year").mean()
        rows = _table(book["Samenvatting"], _find_header(book["Samenvatting"], "Jaar"))
        totals = {r["Jaar"].value: r[f"Gemiddelde (€, {PRICES})"] for r in rows
                  if r["Categorie"].value == "Totaal"}
        assert set(totals) == set(expected.index)
        for year, cell in totals.items():
            assert cell.data_type == "n"
            assert "€" in cell.number_format
            assert round(cell.value, 2) == round(expected[year], 2)

    def test_euro_cells_are_numbers_with_a_euro_format(self, book):
        ws = book["Samenvatting"]
        rows = _table(ws, _find_header(ws, "Jaar"))
        assert {r["Categorie"].value for r in rows} == {
            "Toegangsteam", "Specialistische zorg", "Administratieve lasten", "Totaal"}
        for r in rows:
            for column in ("Gemiddelde", "5e percentiel", "95e percentiel"):
                column = f"{column} (€, {PRICES})"  # the header names the price level
                assert r[column].data_type == "n"
                assert r[column].number_format == "€ #,##0"
        yearly = _table(book["Jaarcijfers"], 1)
        amount = next(k for k in yearly[0] if k.startswith("Bedrag (€, prijspeil "))
        assert yearly and all(r[amount].data_type == "n" for r in yearly)
        assert all(r[amount].number_format == "€ #,##0" for r in yearly)

    def test_yearly_sheet_is_mean_over_replications(self, results, book):
        rows = _table(book["Jaarcijfers"], 1)
        assert len(rows) == len(results.yearly) // results.replications
        amount = "Bedrag (€, prijspeil van de invoer)"
        total = sum(r[amount].value for r in rows)
        assert total == pytest.approx(results.yearly["amount_eur"].sum() / 2, rel=1e-12)

    def test_header_bold_and_widths_set(self, book):
        for ws in book:
            assert ws["A1"].font.b
            assert ws.column_dimensions["A"].width >= 8

    def test_kpi_sheet(self, results, book):
        rows = _table(book["KPI"], _find_header(book["KPI"], "Indicator"))
        assert [r["Code"].value for r in rows] == list(results.kpi_summary()["kpi"])
        share = next(r for r in rows if r["Code"].value == "intake_within_norm_share")
        assert share["Gemiddelde"].data_type == "n" and "%" in share["Gemiddelde"].number_format

    def test_scenario_sheet(self, book):
        values = {r["Parameter"].value: r["Waarde"] for r in _table(book["Scenario"], 1)}
        assert values["name"].value == "klein"
        assert values["simulation.seed"].value == 12345
        assert values["demand_streams.jeugd.legal_norm_days"].value == 56
        assert values["providers.jeugdhulp.products.1"].value == "verblijf"
        tariff = values["products.verblijf.tariff_eur"]
        assert tariff.data_type == "n" and tariff.value == 195.91
        assert "€" in tariff.number_format

    def test_overwrites_atomically(self, results, tmp_path):
        path = tmp_path / "simfin.xlsx"
        path.write_bytes(b"old")
        write_workbook(results, path)
        assert openpyxl.load_workbook(path).sheetnames[0] == "Samenvatting"
        assert os.listdir(tmp_path) == ["simfin.xlsx"]


class TestSummary:
    def test_markdown_in_dutch(self, results):
        text = summary_text(results)
        assert text.startswith("# Samenvatting scenario klein\n")
        assert "klein" in text and "2 replicaties" in text and "seed 12345" in text
        assert EURO.search(text)
        assert "\u00a0" not in text
        assert "56 dagen (Jeugd) en 42 dagen (Wmo)" in text  # streams by their names
        for year in (2027, 2028):
            assert f"| {year} | Totaal | € " in text

    def test_totals_are_the_yearly_summary(self, results):
        from simfin.report import format_eur

        total = results.yearly_summary().query("category == 'total'")
        text = summary_text(results)
        for row in total.itertuples():
            assert (f"| {row.year} | Totaal | {format_eur(row.mean)} | {format_eur(row.p05)} | "
                    f"{format_eur(row.p95)} |") in text

    def test_english(self, results):
        text = summary_text(results, lang="en")
        assert text.startswith("# Summary of scenario klein\n")
        assert "2 replications" in text and EURO.search(text)

    def test_console_table(self, results):
        text = console_table(results)
        assert "Toegangsteam" in text and "Totaal" in text and EURO.search(text)
        assert "Wachttijd intake, mediaan (dagen)" in text
        assert all(line == line.rstrip() for line in text.splitlines())
        assert "Access team" in console_table(results, lang="en")

    def test_unknown_language(self, results):
        with pytest.raises(ValueError, match="unknown language"):
            summary_text(results, lang="xx")
        with pytest.raises(ValueError, match="unknown language"):
            console_table(results, lang="xx")


class TestResultsMethodsAndAtomicWrites:
    def test_results_shortcuts(self, results, tmp_path):
        path = results.to_excel(tmp_path / "r.xlsx", lang="en")
        assert openpyxl.load_workbook(path).sheetnames[0] == "Summary"
        assert results.plot_costs().get_title() == "Kosten gemeenten per jaar"

    def test_failed_write_keeps_the_old_file(self, tmp_path):
        from simfin.atomic import atomic_path

        target = tmp_path / "simfin.xlsx"
        target.write_bytes(b"old")
        with pytest.raises(RuntimeError), atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("writer crashed")
        assert target.read_bytes() == b"old"
        assert os.listdir(tmp_path) == ["simfin.xlsx"]
