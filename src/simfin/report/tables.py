"""Paste-ready tables: one labelled table rendered to the console, xlsx, CSV and notebooks.

A :class:`Table` holds the numbers as numbers (a DataFrame whose columns are already the
display headers in the report language) and the unit of every column, or of every row of a
column (a side-by-side table with one measure per row). Its writers all read those same
cells, so the console, the workbook and a notebook show the same figures:

* :meth:`Table.text`: aligned plain text with nl-NL numbers (``€ 1.234.567``, ``12,5``);
* :meth:`Table.fill_sheet`: numeric xlsx cells with a number format per unit, bold headers;
* :meth:`Table.styler` / ``_repr_html_``: a pandas Styler for Jupyter, same text as the console;
  :func:`styled` does the same for any DataFrame with a unit per column.

:func:`write_csv` writes any tidy frame in one of two dialects: ``intl`` (``,`` separator,
decimal point, UTF-8: for pandas, R and scripts) or ``nl`` (``;`` separator, decimal comma,
UTF-8 with a byte-order mark: what Dutch Excel opens correctly by double-clicking).

>>> t = Table(pd.DataFrame({"Jaar": [2025], "Kosten (€)": [1234567.891]}),
...           {"Jaar": "year", "Kosten (€)": "eur"})
>>> print(t.text())
Jaar  Kosten (€)
----  -----------
2025  € 1.234.568
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from simfin.atomic import atomic_write
from simfin.csv_safe import safe_frame
from simfin.business.afweging import variant_label
from simfin.report.format import format_number, format_value
from simfin.report.labels import check_lang, label
from simfin.report.names import provider_label, provider_labels
from simfin.report.periods import TOTAL_KPIS, kpi_period, price_level, years_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet
    from pandas.io.formats.style import Styler

    from simfin.scenario import Scenario

__all__ = ["CSV_DIALECTS", "UNITS", "Table", "styled", "price_level", "scenario_label",
           "scenario_labels", "provider_label", "provider_labels", "TOTAL_KPIS", "kpi_period", "years_text",
           "write_csv", "write_tables_workbook"]

#: unit: (decimals on screen, Excel number format). ``text`` and ``year`` are not numbers
#: to format: a year is written without a thousands separator ("2025", never "2.025").
UNITS: dict[str, tuple[int, str | None]] = {
    "eur": (0, "€ #,##0"),
    "eur_cents": (2, "€ #,##0.00"),
    "share": (0, "0%"),
    "days": (1, "#,##0.0"),
    "clients": (1, "#,##0.0"),
    "cases": (0, "#,##0"),
    "episodes": (0, "#,##0"),
    "persons": (0, "#,##0"),
    "inhabitants": (0, "#,##0"),
    "count": (0, "#,##0"),
    "hours": (0, "#,##0"),
    "fte": (1, "#,##0.0"),
    "ratio": (2, "#,##0.00"),
    "index": (3, "0.000"),
    "year": (0, "0"),
    "text": (0, None),
}

#: CSV dialects: pandas ``to_csv`` keywords.
CSV_DIALECTS: dict[str, dict[str, str]] = {
    "intl": {"sep": ",", "decimal": ".", "encoding": "utf-8"},
    "nl": {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"},
}


#: The scenario's display name: ``[afweging] label`` when set, else its ``name``.
scenario_label = variant_label


def scenario_labels(scenarios: Mapping[str, Scenario]) -> dict[str, str]:
    """Display names of uniquely named scenarios (``{name: scenario}``); a label shared by
    two scenarios is replaced by their names, so columns and bars stay distinct."""
    labels = {key: scenario_label(s) for key, s in scenarios.items()}
    counts = pd.Series(list(labels.values())).value_counts()
    names = pd.Series([s.name for s in scenarios.values()]).value_counts()
    return {key: (text if counts[text] == 1 else s.name if names[s.name] == 1 else key)
            for (key, s), text in zip(scenarios.items(), labels.values(), strict=True)}


def _cell_text(value: object, unit: str) -> str:
    """One cell as nl-NL text in its unit ("–" for a missing number)."""
    if unit == "text" or isinstance(value, str):
        return "" if value is None else str(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return format_number(None)
    if unit == "year":
        return str(int(value))
    decimals = UNITS.get(unit, (1, None))[0]
    unit = "eur" if unit == "eur_cents" else unit
    return format_value(value, unit if unit in ("share", "eur") else "number", decimals)


@dataclass(frozen=True)
class Table:
    """A labelled table of numbers with a unit per column (or per row of a column).

    Attributes
    ----------
    frame : DataFrame
        Columns are the display headers; cells are numbers (or text in ``text`` columns).
    units : mapping
        Header -> unit (a key of :data:`UNITS`), or a list with one unit per row; a column
        not named is text.
    title : str
        A line above the table (what the numbers are, per year or total, price level).
    notes : sequence of str
        Lines below the table (seed, replications, sources).
    key : str
        The table's name in its document (:class:`simfin.report.model.Document`).

    A unit may also be a :class:`simfin.report.model.Measure` (what the number means: unit,
    period, price level, sign); its ``unit`` formats the cell.
    """

    frame: pd.DataFrame
    units: Mapping[str, object]
    title: str = ""
    notes: Sequence[str] = field(default_factory=tuple)
    key: str = ""

    def entry(self, column: str, row: int) -> object:
        """The unit or :class:`~simfin.report.model.Measure` of one cell."""
        unit = self.units.get(column, "text")
        return unit if _single(unit) else unit[row]  # type: ignore[index]

    def unit(self, column: str, row: int) -> str:
        """The unit of one cell."""
        return _unit_name(self.entry(column, row))

    def _text_column(self, column: str) -> bool:
        unit = self.units.get(column, "text")
        return _single(unit) and _unit_name(unit) == "text"

    def formatted(self) -> pd.DataFrame:
        """Every cell as nl-NL text (what the console and the notebook show)."""
        data = {c: [_cell_text(v, self.unit(c, i)) for i, v in enumerate(self.frame[c])]
                for c in self.frame.columns}
        return pd.DataFrame(data, index=self.frame.index, columns=self.frame.columns)

    def text(self) -> str:
        """Aligned plain text: text columns left, numbers right, two spaces apart."""
        cells = self.formatted()
        head = [str(c) for c in cells.columns]
        body = cells.to_numpy().tolist()
        widths = [max(len(r[j]) for r in [head, *body]) for j in range(len(head))]
        left = [self._text_column(c) for c in cells.columns]

        def line(row: list[str]) -> str:
            return "  ".join(v.ljust(w) if lft else v.rjust(w)
                             for v, w, lft in zip(row, widths, left, strict=True)).rstrip()

        lines = [self.title, ""] if self.title else []
        lines += [line(head), "  ".join("-" * w for w in widths), *(line(r) for r in body)]
        if self.notes:
            lines += ["", *self.notes]
        return "\n".join(lines)

    def transposed(self, measure: str) -> Table:
        """The same cells turned: one row per column (its header under ``measure``), one
        column per row, headed by the row's first cell; each row keeps its unit. For wide
        tables on a console (a column per population size instead of nine long headers)."""
        key, *rest = list(self.frame.columns)
        heads = [_cell_text(v, self.unit(key, i)) for i, v in enumerate(self.frame[key])]
        data = {measure: rest, **{h: [self.frame[c].iloc[i] for c in rest]
                                  for i, h in enumerate(heads)}}
        units = [self.entry(c, 0) for c in rest]
        return Table(pd.DataFrame(data), dict.fromkeys(heads, units), self.title, self.notes,
                     self.key)

    def styler(self) -> Styler:
        """A pandas Styler for notebooks: the same text as :meth:`text`, numbers right."""
        cells = self.formatted()
        styler = cells.style.hide(axis="index")
        numeric = [c for c in cells.columns if not self._text_column(c)]
        styler = styler.set_properties(subset=numeric, **{"text-align": "right"})
        if self.title:
            styler = styler.set_caption(self.title)
        return styler

    def _repr_html_(self) -> str:
        return self.styler().to_html()

    def fill_sheet(self, ws: Worksheet, start_row: int = 1) -> int:
        """Write title, table and notes into ``ws`` from ``start_row``; returns the next row.

        Numbers stay numbers with the Excel format of their unit; text cells that look like
        formulas are escaped when the workbook is saved (:func:`simfin.report.xlsx.as_text`).
        """
        from simfin.report.xlsx_cells import BOLD, _write_table

        row = start_row
        if self.title:
            ws.cell(row=row, column=1, value=self.title).font = BOLD
            row += 1
        formats = {c: [UNITS.get(self.unit(c, i), (0, None))[1] for i in range(len(self.frame))]
                   for c in self.frame.columns}
        row = _write_table(ws, self.frame.reset_index(drop=True), row, formats)
        for note in self.notes:
            row += 1
            ws.cell(row=row, column=1, value=note)
        return row + 1


def _single(unit: object) -> bool:
    return isinstance(unit, str) or hasattr(unit, "unit")


def _unit_name(unit: object) -> str:
    return str(getattr(unit, "unit", unit))


def styled(table: Table | pd.DataFrame, units: Mapping[str, str] | None = None) -> Styler:
    """A formatted, labelled view of a table for a notebook cell (named so that it does not
    hide Jupyter's own ``display``).

    Parameters
    ----------
    table : Table or DataFrame
        A :class:`Table`, or a DataFrame whose columns are headers and ``units`` their units.
    units : mapping, optional
        Header -> unit for a DataFrame (see :data:`UNITS`); columns not named are text.
    """
    if not isinstance(table, Table):
        table = Table(table, dict(units or {}))
    return table.styler()


def write_csv(frame: pd.DataFrame, path: str | Path, dialect: str = "intl",
              index: bool = False) -> Path:
    """Write ``frame`` as CSV in ``dialect`` (``intl`` or ``nl``, see :data:`CSV_DIALECTS`);
    text a spreadsheet would run as a formula gets a leading ``'`` (:mod:`simfin.csv_safe`)."""
    if dialect not in CSV_DIALECTS:
        raise ValueError(f"expected a CSV dialect in {sorted(CSV_DIALECTS)}, got {dialect!r}")
    options = CSV_DIALECTS[dialect]
    safe = safe_frame(frame)  # no cell a spreadsheet would run as a formula
    return atomic_write(Path(path), lambda tmp: safe.to_csv(tmp, index=index, **options))


def write_tables_workbook(path: str | Path, sheets: Sequence[tuple[str, Sequence[Table]]],
                          lang: str = "nl") -> Path:
    """A workbook with one sheet per ``(label key of the sheet name, tables)``, written
    atomically; the tables of a sheet follow each other with a blank row between. A sheet
    holding one untitled table (a list: Jaarcijfers, Scenario, per replication) keeps its
    header in view and gets a filter."""
    from simfin.report.xlsx_cells import save_workbook

    check_lang(lang)

    def filler(tables: Sequence[Table]):
        def fill(ws, _data, _lang) -> None:
            row = 1
            for table in tables:
                row = table.fill_sheet(ws, row) + 1
            ws.freeze_panes = None
            if len(tables) == 1 and not tables[0].title and not tables[0].notes:
                ws.freeze_panes = "A2"
                ws.auto_filter.ref = ws.dimensions
        return fill

    return save_workbook(path, [(key, filler(tables)) for key, tables in sheets], None, lang)
