"""The xlsx workbook for controllers.

Sheets (Dutch names by default, English with ``lang="en"``):

``Samenvatting`` / ``Summary``
    Run metadata, then municipality costs per year and category (mean, 5th and 95th
    percentile over replications, with ``Totaal``), then every KPI.
``Jaarcijfers`` / ``Yearly``
    ``results.yearly`` averaged over replications: mean per year x municipality x party x
    provider x category. A combination missing in a replication counts as 0 there.
``KPI``
    :meth:`Results.kpi_summary` with labels, codes and units.
``Scenario``
    Every scenario parameter as ``dotted.field.path, value``.

Numbers are stored as numbers, never as text; euro cells carry the number format
``€ #,##0`` (scenario parameters ``€ #,##0.00``), which Excel shows with the reader's own
separators. Category, party and KPI names are translated labels. The file is written
atomically (temporary file in the same directory, then ``os.replace``).
"""

from __future__ import annotations

import math
from functools import partial
from numbers import Integral, Real
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from simfin.scenario.taakvelden import SUB_TAAKVELDEN, taakveld_label
from simfin.atomic import atomic_path
from simfin.csv_safe import FORMULA_STARTS
from simfin.report.run_costs import cost_frame
from simfin.report.labels import check_lang, label
from simfin.report.names import provider_label
from simfin.report.periods import kpi_period, price_level
from simfin.scenario.paths import flatten

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from simfin.results import Results

__all__ = ["EURO_FORMAT", "EURO_FORMAT_CENTS", "UNIT_FORMATS", "flatten", "write_workbook"]

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


def _cost_table(results: Results, lang: str, costs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Yearly costs as display columns: year, category label, mean, p05, p95 (euros), in the
    one order of :func:`~simfin.report.run_costs.cost_frame` (``costs``, built if not given)."""
    summary = cost_frame(results) if costs is None else costs
    return pd.DataFrame({
        label("col.year", lang): summary["year"].astype(int).to_numpy(),
        label("col.category", lang): [label(c, lang) for c in summary["category"]],
        label("col.mean", lang): summary["mean"].to_numpy(),
        label("col.p05", lang): summary["p05"].to_numpy(),
        label("col.p95", lang): summary["p95"].to_numpy(),
    })


def _kpi_table(results: Results, lang: str) -> tuple[pd.DataFrame, list[str | None]]:
    """KPI summary as display columns, and one number format per row (from the unit)."""
    kpis = results.kpi_summary()
    table = pd.DataFrame({
        label("col.kpi", lang): [label(k, lang) for k in kpis["kpi"]],
        label("col.code", lang): kpis["kpi"].to_numpy(),
        label("col.unit", lang): [_unit_text(k, u, results, lang)
                                  for k, u in zip(kpis["kpi"], kpis["unit"], strict=True)],
        label("col.mean", lang): kpis["mean"].to_numpy(),
        label("col.p05", lang): kpis["p05"].to_numpy(),
        label("col.p95", lang): kpis["p95"].to_numpy(),
    })
    return table, [UNIT_FORMATS.get(u) for u in kpis["unit"]]


def _unit_text(kpi: str, unit: str, results: Results, lang: str) -> str:
    """The unit of a KPI, with the period of a count: "episodes, totaal 2025–2029"."""
    period = kpi_period(kpi, results.scenario, lang)
    return label(f"unit.{unit}", lang) + (f", {period}" if period else "")


def _money_formats(lang: str, fmt: str = EURO_FORMAT) -> dict[str, str]:
    return {label(c, lang): fmt for c in ("col.mean", "col.p05", "col.p95")}


def _kpi_formats(lang: str, per_row: list[str | None]) -> dict[str, list[str | None]]:
    return {label(c, lang): per_row for c in ("col.mean", "col.p05", "col.p95")}


def _meta_rows(results: Results, lang: str) -> pd.DataFrame:
    meta = results.meta
    rows = [("meta.scenario", meta.get("scenario", results.scenario.name)),
            ("meta.scenario_hash", meta.get("scenario_hash")),
            ("meta.replications", results.replications),
            ("meta.seed", meta.get("seed", results.scenario.simulation.seed)),
            ("meta.simfin", meta.get("simfin")),
            ("meta.price_level", price_level(results.scenario, lang))]
    return pd.DataFrame({label("col.parameter", lang): [label(k, lang) for k, _ in rows],
                         label("col.value", lang): [v for _, v in rows]})


def _summary_sheet(ws: Worksheet, results: Results, lang: str,
                   costs: pd.DataFrame | None = None) -> None:
    row = _write_table(ws, _meta_rows(results, lang), 1) + 1
    ws.cell(row=row, column=1, value=label("meta.costs_title", lang).format(
        prices=price_level(results.scenario, lang))).font = BOLD
    row = _write_table(ws, _cost_table(results, lang, costs), row + 1,
                       _money_formats(lang)) + 1
    ws.cell(row=row, column=1, value=label("meta.kpi_title", lang)).font = BOLD
    kpis, per_row = _kpi_table(results, lang)
    _write_table(ws, kpis, row + 1, _kpi_formats(lang, per_row))


def yearly_means(results: Results) -> pd.DataFrame:
    """``results.yearly`` averaged over replications (a missing row counts as 0 euros).

    Returns
    -------
    DataFrame
        ``year, municipality, party, provider, category, taakveld, amount_eur, hours``:
        euros and hours per year, mean over replications; hours NaN where never meaningful.
    """
    keys = ["year", "municipality", "party", "provider", "category", "taakveld"]
    n = results.replications
    grouped = results.yearly.groupby(keys, sort=True)
    out = grouped["amount_eur"].sum() / n
    hours = grouped["hours"].sum(min_count=1) / n
    return pd.DataFrame({"amount_eur": out, "hours": hours}).reset_index()


def _yearly_sheet(ws: Worksheet, results: Results, lang: str) -> None:
    means = yearly_means(results)
    table = pd.DataFrame({
        label("col.year", lang): means["year"].astype(int).to_numpy(),
        label("col.municipality", lang): means["municipality"].to_numpy(),
        label("col.party", lang): [label(p, lang) for p in means["party"]],
        label("col.provider", lang): [provider_label(results.scenario, p)
                                      for p in means["provider"]],
        label("col.category", lang): [label(c, lang) for c in means["category"]],
        label("col.taakveld", lang): [taakveld_label(t, lang) for t in means["taakveld"]],
        label("col.amount_eur", lang): means["amount_eur"].to_numpy(),
        label("col.hours", lang): means["hours"].to_numpy(),
    })
    amount = f"{label('col.amount_eur', lang)[:-1]}, {price_level(results.scenario, lang)})"
    table = table.rename(columns={label("col.amount_eur", lang): amount})
    _write_table(ws, table, 1, {amount: EURO_FORMAT, label("col.hours", lang): HOURS_FORMAT})
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _taakveld_sheet(ws: Worksheet, results: Results, lang: str) -> None:
    """Municipal lasten per Iv3 taakveld and year (mean and 90% interval over
    replications), to lay next to a begroting; the last row of each year is the total.
    When the scenario books on sub-taakvelden (6.72a, ...), a second table below gives the
    same lasten rolled up to the main codes (6.72), for CBS tables and older begrotingen."""
    detail = _taakveld_table(results.taakveld_summary("detail"), results, lang)
    money = {c: EURO_FORMAT for c in detail.columns[2:]}
    end = _write_table(ws, detail, 1, money)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(detail.shape[1])}{end - 1}"
    if results.yearly["taakveld"].isin(SUB_TAAKVELDEN).any():
        ws.cell(row=end + 1, column=1, value=label("taakveld.rolled_up", lang)).font = BOLD
        main = results.taakveld_summary("main")
        _write_table(ws, _taakveld_table(main, results, lang), end + 2, money)


def _taakveld_table(summary: pd.DataFrame, results: Results, lang: str) -> pd.DataFrame:
    prices = price_level(results.scenario, lang)
    names = [label("total", lang) if t == "total" else taakveld_label(t, lang)
             for t in summary["taakveld"]]
    return pd.DataFrame({
        label("col.year", lang): summary["year"].astype(int).to_numpy(),
        label("col.taakveld", lang): names,
        **{f"{label(k, lang)} (€, {prices})": summary[k[4:]].to_numpy()
           for k in ("col.mean", "col.p05", "col.p95")},
    })


def _kpi_sheet(ws: Worksheet, results: Results, lang: str) -> None:
    kpis, per_row = _kpi_table(results, lang)
    _write_table(ws, kpis, 1, _kpi_formats(lang, per_row))
    ws.freeze_panes = "A2"


def _scenario_sheet(ws: Worksheet, results: Results, lang: str) -> None:
    pairs = [(path, v if v is None or isinstance(v, bool | int | float | str) else str(v))
             for path, v in flatten(results.scenario.model_dump())]
    table = pd.DataFrame(pairs, columns=[label("col.parameter", lang), label("col.value", lang)],
                         dtype=object)
    euro = [EURO_FORMAT_CENTS if "_eur" in path else None for path, _ in pairs]
    _write_table(ws, table, 1, {label("col.value", lang): euro})
    ws.freeze_panes = "A2"


def write_workbook(results: Results, path: str | Path, lang: str = "nl",
                   costs: pd.DataFrame | None = None) -> Path:
    """Write the controllers' workbook (see the module docstring for its sheets).

    Parameters
    ----------
    results : Results
        A run.
    path : str or Path
        The ``.xlsx`` file to (over)write; missing directories are created.
    lang : str
        ``"nl"`` (default) or ``"en"``: sheet names, headers and labels.
    costs : DataFrame, optional
        :func:`~simfin.report.run_costs.cost_frame` of ``results`` when the caller built it
        already (the same frame then feeds every output of the run).

    Returns
    -------
    Path
        ``path``.
    """
    sheets = (("sheet.summary", partial(_summary_sheet, costs=costs)),
              ("sheet.yearly", _yearly_sheet),
              ("sheet.taakveld", _taakveld_sheet), ("sheet.kpi", _kpi_sheet),
              ("sheet.scenario", _scenario_sheet))
    return save_workbook(path, sheets, results, lang)


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
