"""simfin.report.tables: one Table, the same nl-NL cells on console, xlsx and notebook;
CSV dialects checked on the bytes."""

from __future__ import annotations

import math

import openpyxl
import pandas as pd
import pytest

from simfin.report.tables import Table, styled, write_csv

FRAME = pd.DataFrame({"Jaar": [2025, 2026], "Kosten (€)": [1234567.5, -2.5],
                      "Aandeel (%)": [0.125, math.nan], "Team": ["=SOM(A1)", "west"]})
UNITS = {"Jaar": "year", "Kosten (€)": "eur", "Aandeel (%)": "share"}


def test_cells_are_nl_nl_in_their_unit():
    cells = Table(FRAME, UNITS).formatted()
    assert list(cells["Jaar"]) == ["2025", "2026"]  # a year has no thousands separator
    assert list(cells["Kosten (€)"]) == ["€ 1.234.568", "€ \u22123"]  # half away from zero
    assert list(cells["Aandeel (%)"]) == ["13%", "\u2013"]  # 12,5% -> 13%; missing -> en dash
    assert list(cells["Team"]) == ["=SOM(A1)", "west"]


def test_text_aligns_numbers_right_and_text_left():
    lines = Table(FRAME, UNITS, title="Titel", notes=("noot",)).text().splitlines()
    assert lines[0] == "Titel" and lines[-1] == "noot"
    header, rule, first, second = lines[2:6]
    assert header.index("Kosten (€)") + len("Kosten (€)") == first.index("€ 1.234.568") + len(
        "€ 1.234.568")  # right-aligned under its header
    assert second.endswith("west") and first.endswith("=SOM(A1)")
    assert set(rule.replace(" ", "")) == {"-"}


def test_transposed_keeps_each_rows_unit():
    turned = Table(FRAME[["Jaar", "Kosten (€)", "Aandeel (%)"]], UNITS).transposed("Maat")
    assert list(turned.frame.columns) == ["Maat", "2025", "2026"]
    cells = turned.formatted()
    assert list(cells["2025"]) == ["€ 1.234.568", "13%"]


def test_styler_shows_the_same_text_as_the_console():
    html = styled(FRAME, UNITS).to_html()
    assert "€ 1.234.568" in html and "13%" in html and "1234567.5" not in html


def test_sheet_cells_are_numbers_with_a_format_per_unit(tmp_path):
    from simfin.report.tables import write_tables_workbook

    table = Table(FRAME, UNITS, title="Titel")
    path = write_tables_workbook(tmp_path / "t.xlsx", [("sheet.scale", [table])])
    ws = openpyxl.load_workbook(path)["Schaal"]
    assert ws["A1"].value == "Titel" and [c.value for c in ws[2]] == list(FRAME.columns)
    assert ws["A3"].value == 2025 and ws["A3"].number_format == "0"
    assert ws["B3"].value == 1234567.5 and ws["B3"].number_format == "€ #,##0"
    assert ws["C3"].value == 0.125 and ws["C3"].number_format == "0%"
    assert ws["C4"].value is None  # NaN is an empty cell, not text
    assert ws["D3"].data_type == "s" and ws["D3"].quotePrefix  # never a formula


def test_nl_csv_bytes_and_round_trip(tmp_path):
    frame = pd.DataFrame({"naam": ["a"], "bedrag_eur": [1234.5]})
    raw = write_csv(frame, tmp_path / "nl.csv", "nl").read_bytes()
    assert raw == b"\xef\xbb\xbfnaam;bedrag_eur\na;1234,5\n"
    back = pd.read_csv(tmp_path / "nl.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert back.equals(frame)
    assert write_csv(frame, tmp_path / "i.csv").read_bytes() == b"naam,bedrag_eur\na,1234.5\n"
    with pytest.raises(ValueError, match="CSV dialect"):
        write_csv(frame, tmp_path / "x.csv", "excel")


class _FakeRun:
    """A stand-in for Results: only kpi_summary() is read."""

    def __init__(self, share: float):
        self._summary = pd.DataFrame({"kpi": ["intake_within_norm_share", "intake_wait_mean_days"],
                                      "mean": [share, 12.34], "p05": [share, 10.0],
                                      "p95": [1.0, 15.0]})

    def kpi_summary(self) -> pd.DataFrame:
        return self._summary


def test_kpi_side_by_side_shows_shares_as_percentages_not_fractions():
    from simfin.report.run_tables import kpi_side_by_side

    table = kpi_side_by_side({"nu": _FakeRun(1.0), "straks": _FakeRun(0.85)},
                             ["intake_within_norm_share", "intake_wait_mean_days"])
    cells = table.formatted()
    share_row = cells.iloc[0]
    assert share_row.iloc[0] == "Intake binnen wettelijke termijn"
    assert share_row.iloc[1] == "aandeel"
    assert list(share_row.iloc[2:5]) == ["100%", "100%", "100%"]  # not "1,00"
    assert share_row.iloc[5] == "85%"
    assert "1,00" not in table.text() and "0,85" not in table.text()
    assert list(cells.iloc[1].iloc[1:3]) == ["dagen", "12,3"]  # days keep their decimal
    assert list(cells.columns[2:5]) == ["nu: Gemiddelde", "nu: 5e percentiel",
                                      "nu: 95e percentiel"]
