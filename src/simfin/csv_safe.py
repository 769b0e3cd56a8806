"""CSV cells that a spreadsheet never runs as a formula (CSV or formula injection).

A text cell that starts with ``= + - @`` (or a tab or carriage return) is a formula or DDE
command to Excel and LibreOffice when the CSV is opened by double-clicking, e.g. a
municipality named ``=HYPERLINK("http://…"&A1,"klik")``. simfin writes no formulas, so
every such text cell (and column or index label) gets a leading ``'``, the spreadsheet's
own mark for "text as typed" (OWASP's advice for CSV injection). Numbers, and text that is
a plain number such as ``-5``, are left alone. Every CSV writer of simfin goes through
:func:`safe_frame` (:func:`simfin.report.tables.write_csv`, the sweep's and the VOI
tables); the workbooks use the same :data:`FORMULA_STARTS` (:func:`simfin.report.xlsx.as_text`).
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["FORMULA_STARTS", "safe_frame", "safe_text"]

#: A text cell starting with one of these is a formula (or DDE command) to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?")


def safe_text(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) \
            and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _risky(values: pd.Index | pd.Series) -> bool:
    text = values.astype(str)
    return bool(text.str.startswith(FORMULA_STARTS).any())


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every risky text cell, column label and index label escaped
    (:func:`safe_text`); the frame itself when nothing needs it (no copy)."""
    out = frame
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            if _risky(column.cat.categories):
                out = out if out is not frame else frame.copy()
                out[name] = column.cat.rename_categories(
                    [safe_text(c) for c in column.cat.categories])
        elif (column.dtype == object or pd.api.types.is_string_dtype(column.dtype)) \
                and _risky(column.dropna()):
            out = out if out is not frame else frame.copy()
            out[name] = column.map(safe_text)
    if _risky_labels(frame.columns):
        out = (out if out is not frame else frame.copy()).rename(columns=safe_text)
    if _risky_labels(frame.index):
        out = (out if out is not frame else frame.copy()).rename(index=safe_text)
    return out


def _risky_labels(index: pd.Index) -> bool:
    return any(isinstance(v, str) and safe_text(v) is not v
               for level in range(index.nlevels)
               for v in index.get_level_values(level).unique())
