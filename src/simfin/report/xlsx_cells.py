"""Cells of simfin's xlsx workbooks: numbers stay numbers with a number format per unit, bold
headers, column widths from the widest cell, text never run as a formula, atomic saving.
The run's workbook itself is :func:`simfin.report.xlsx.write_workbook`."""

from __future__ import annotations

import math
from numbers import Integral, Real
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from simfin.atomic import atomic_path
from simfin.csv_safe import FORMULA_STARTS
from simfin.report.labels import check_lang, label
from simfin.scenario.paths import flatten

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


__all__ = ["BOLD", "EURO_FORMAT", "EURO_FORMAT_CENTS", "UNIT_FORMATS", "as_text", "flatten",
           "save_workbook", "write_safely"]

EURO_FORMAT = "€ #,##0"
EURO_FORMAT_CENTS = "€ #,##0.00"
HOURS_FORMAT = "#,##0.0"
UNIT_FORMATS = {"share": "0.0%", "days": "#,##0.0", "clients": "#,##0.0",
                "cases": "#,##0", "episodes": "#,##0", "eur": EURO_FORMAT}
SHARE_FORMAT = "0.0%"
YEAR_FORMAT = "0"
#: Number formats of the business-case sheets, by unit.
BUSINESS_UNIT_FORMATS = {"eur": EURO_FORMAT, "eur_per_year": EURO_FORMAT, "share": SHARE_FORMAT,
                         "year": YEAR_FORMAT, "days": "#,##0.0", "clients": "#,##0.0",
                         "per_year": "0.00%"}
BOLD = Font(bold=True)
MIN_WIDTH, MAX_WIDTH = 8, 60


def _cell_value(value: object) -> object:
    """A value openpyxl stores natively: Python numbers, NaN as an empty cell."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        return None if math.isnan(value) else float(value)
    return value if not pd.isna(value) else None


def _write_table(ws: Worksheet, frame: pd.DataFrame, start_row: int,
                 formats: dict[str, str | list[str | None]] | None = None) -> int:
    """Write ``frame`` with a bold header at ``start_row``; returns the next free row.

    ``formats`` maps a column to one number format, or to one format per row.
    """
    formats = formats or {}
    for j, name in enumerate(frame.columns, start=1):
        ws.cell(row=start_row, column=j, value=str(name)).font = BOLD
    for i, row in enumerate(frame.itertuples(index=False)):
        for j, (name, value) in enumerate(zip(frame.columns, row, strict=True), start=1):
            cell = ws.cell(row=start_row + 1 + i, column=j, value=_cell_value(value))
            fmt = formats.get(name)
            fmt = fmt[i] if isinstance(fmt, list) else fmt
            if fmt and isinstance(cell.value, int | float):
                cell.number_format = fmt
    return start_row + len(frame) + 1


def _display_width(value: object, number_format: str) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = len(f"{abs(value):,.0f}") + (3 if "0.0" in number_format else 0)
        return digits + (2 if "€" in number_format else 0) + 1
    return len(str(value)) if value is not None else 0


def _set_widths(ws: Worksheet) -> None:
    """Column widths from the widest cell (in characters), within 8..60."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            width = _display_width(cell.value, cell.number_format)
            widths[cell.column] = max(widths.get(cell.column, 0), width)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(
            MAX_WIDTH, max(MIN_WIDTH, width + 2))


def save_workbook(path: str | Path, sheets, data, lang: str = "nl") -> Path:
    """Build a workbook with one sheet per ``(label key, fill(ws, data, lang))`` and write
    it atomically; sheet names come from :func:`label`."""
    check_lang(lang)
    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    for key, fill in sheets:
        ws = wb.create_sheet(label(key, lang))
        fill(ws, data, lang)
        _set_widths(ws)
    write_safely(wb, path)
    return path




def as_text(wb: Workbook) -> int:
    """Make every text cell of ``wb`` text, never a formula; returns the cells escaped.

    simfin writes no formulas, so a string that starts with ``= + - @`` (a scenario or
    municipality name such as ``=HYPERLINK(...)``) is stored as a string cell with
    Excel's quote prefix: shown as typed, never evaluated, also after editing.
    """
    escaped = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    escaped += 1
    return escaped


def write_safely(wb: Workbook, path: str | Path) -> Path:
    """Save ``wb`` atomically at ``path`` with every text cell kept as text (:func:`as_text`)."""
    as_text(wb)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)
