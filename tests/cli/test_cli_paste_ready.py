"""Paste-ready outputs of ``scale``, ``organisations`` and ``staffing``: Dutch console
tables with nl-NL numbers, a workbook with numeric cells and Dutch headers with units,
``--lang en``, and the ``--csv-dialect nl`` bytes that Dutch Excel reads correctly."""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest
from conftest import MINIMAL_TOML

from simfin.cli import main

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

TINY = '''
extends = "basis.toml"
name = "mini"
[simulation]
horizon_years = 1
warmup_years = 0.5
seed = 3
[access_team]
fte = 3
[afweging]
label = "=Variant 1: samen"
'''
#: an nl-NL number: thousands with ".", decimals after ",", never a decimal point
NL_NUMBER = re.compile(r"^[−-]?(€ )?\d{1,3}(\.\d{3})*(,\d+)?%?$")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scen")
    (folder / "basis.toml").write_text(MINIMAL_TOML, encoding="utf-8")
    path = folder / "mini.toml"
    path.write_text(TINY, encoding="utf-8")
    return path


def _rows(ws) -> list[list]:
    return [[c for c in row] for row in ws.iter_rows()]


def _header_row(ws, first: str) -> int:
    for row in ws.iter_rows():
        if row[0].value == first:
            return row[0].row
    raise AssertionError(f"no header {first!r} in {ws.title}")


@pytest.fixture(scope="module")
def scale_run(scenario, tmp_path_factory):
    out = tmp_path_factory.mktemp("uit") / "schaal"
    buffer = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(buffer):
        code = main(["scale", str(scenario), "--from", "20000", "--to", "40000", "--points",
                     "2", "-n", "1", "--out", str(out), "--csv-dialect", "nl"])
    assert code == 0
    return out, buffer.getvalue()


def test_scale_console_is_dutch_with_nl_numbers(scale_run):
    _, printed = scale_run
    lines = printed.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Inwoners"))
    assert re.split(r"\s{2,}", lines[head].strip()) == ["Inwoners", "20.000", "40.000"]
    body = [line for line in lines[head + 2:] if line.strip()][:9]
    names = [re.split(r"\s{2,}", line.strip())[0] for line in body]
    assert "Kosten per inwoner per jaar (€, prijspeil van de invoer)" in names
    assert not any("_" in n for n in names)  # no snake_case identifiers
    for line in body:
        cells = re.split(r"\s{2,}", line.strip())[1:]
        assert len(cells) == 2 and all(NL_NUMBER.match(c) for c in cells), line
    assert "Variant 1: samen" in printed  # the label, not the file name "mini"


def test_scale_workbook_cells_are_numbers_with_dutch_headers(scale_run):
    out, _ = scale_run
    book = openpyxl.load_workbook(out / "schaal.xlsx")
    ws = book["Schaal"]
    row = _header_row(ws, "Inwoners")
    headers = [c.value for c in ws[row]]
    cost = headers.index("Kosten per inwoner per jaar (€, prijspeil van de invoer)")
    within = headers.index("Intake binnen wettelijke termijn (%)")
    data = ws[row + 1]
    assert data[0].value == 20_000 and data[0].data_type == "n"
    assert data[0].number_format == "#,##0"
    assert data[cost].data_type == "n" and data[cost].number_format == "€ #,##0"
    assert 0 <= data[within].value <= 1 and data[within].number_format == "0%"
    table = pd.read_csv(out / "scale.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert data[cost].value == pytest.approx(table.loc[0, "cost_per_inhabitant_eur"])


def test_nl_csv_has_semicolons_decimal_commas_and_a_bom(scale_run):
    out, _ = scale_run
    raw = (out / "scale.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel reads UTF-8
    text = raw.decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.split(";")[0] == "inhabitants" and "," not in header
    fields = first.split(";")
    cost = fields[header.split(";").index("cost_per_inhabitant_eur")]
    assert re.fullmatch(r"\d+,\d+", cost)  # decimal comma, no decimal point
    assert "." not in first


def test_intl_csv_stays_comma_separated(scenario, tmp_path, capsys):
    out = tmp_path / "intl"
    assert main(["organisations", str(scenario), "-n", "1", "--out", str(out)]) == 0
    raw = (out / "organisations.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.splitlines()[0].startswith(b"scenario,organisation,")


def test_organisations_workbook_uses_labels_and_escapes_formulas(scenario, tmp_path, capsys):
    out = tmp_path / "orgs"
    assert main(["organisations", str(scenario), "-n", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Organisatie toegang" in printed and "gezamenlijk" in printed
    ws = openpyxl.load_workbook(out / "organisaties.xlsx")["Organisaties"]
    row = _header_row(ws, "Maat")
    label_cell = ws.cell(row=row, column=2)
    assert label_cell.value == "=Variant 1: samen" and label_cell.data_type == "s"
    assert label_cell.quotePrefix  # shown as typed, never evaluated
    measures = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2)
                for r in range(row + 1, ws.max_row + 1)}
    cost = measures["Kosten per inwoner per jaar (€, prijspeil van de invoer)"]
    assert cost.data_type == "n" and cost.number_format == "€ #,##0"
    assert measures["Organisatie toegang"].value == "gezamenlijk"


def test_staffing_writes_a_workbook_and_speaks_english_on_request(scenario, tmp_path, capsys):
    out = tmp_path / "staff"
    assert main(["staffing", str(scenario), "-n", "2", "--out", str(out), "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "Minimum staff (FTE)" in printed and "Total" in printed
    ws = openpyxl.load_workbook(out / "staffing.xlsx")["Staffing"]
    row = _header_row(ws, "Team")
    fte = ws.cell(row=row + 1, column=2)
    assert fte.data_type == "n" and fte.number_format == "#,##0.0" and fte.value > 0
    tidy = pd.read_csv(out / "staffing.csv")
    assert fte.value == pytest.approx(tidy.loc[0, "fte"])
