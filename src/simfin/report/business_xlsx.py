"""The business-case workbook for controllers.

Sheets (Dutch names by default, English with ``lang="en"``):

``Samenvatting``    settings (discount rate, price level, indices), per variant the NPV with its
                    90% interval and at item minimum/maximum, payback years, incidental
                    costs, structural difference and ceiling risk; then the balance per year.
``Jaarcijfers``     costs per variant, year, cost type and category (mean over replications),
                    nominal and constant prices, with the difference from the nulalternatief.
``Per gemeente``    the same per municipality, and the NPV per municipality.
``Incidenteel``     every item with category, years, verdeelsleutel, indexation, min / mode /
                    max and source; then the items per year and municipality.
``Plafond``         the budget-ceiling table per variant and year.
``Aannames``        every parameter of every scenario with value, unit and source.
``Afwegingskader``  criteria x variants (scores and quantitative values), then the notes.
``Varianten naast elkaar``  the afwegingskader as its chart shows it, with intervals and
                    bandbreedtes (text cells to copy into a raadsvoorstel), then the same as
                    numbers (:mod:`simfin.report.scorecard`).
``Oorzaken``        the structural saving by mechanism (:mod:`simfin.report.business_drivers`).

Numbers are numbers, never text (except the display table of ``Varianten naast elkaar``); euro cells carry ``€ #,##0``, probabilities ``0.0%``. The
file is written atomically.
"""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

# The table writer and column sizing of the run workbook are shared on purpose.
from simfin.business.afweging import variant_label
from simfin.business.appraisal import appraise
from simfin.business.indexation import price_base_year
from simfin.business.yearly import emergent
from simfin.report.business_drivers import drivers_sheet
from simfin.report.labels import label
from simfin.report.labels.parameters import parameter_label
from simfin.report.scorecard import scorecard_sheet
from simfin.report.xlsx import (
    BOLD,
    BUSINESS_UNIT_FORMATS,
    EURO_FORMAT,
    SHARE_FORMAT,
    YEAR_FORMAT,
    _write_table,
    save_workbook,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from simfin.business.result import BusinessCase

__all__ = ["UNIT_FORMATS", "write_business_workbook"]

UNIT_FORMATS = BUSINESS_UNIT_FORMATS


def _fmt_of_column(name: str) -> str | None:
    if name.endswith("_eur"):
        return EURO_FORMAT
    if name.startswith("p_") or name.endswith("_share"):
        return SHARE_FORMAT
    if name == "discount_factor":
        return "0.0000"
    return None


#: The options' display names of the workbook being written (code name -> label): an advisor
#: reads "Variant 1: gezamenlijke uitvoeringsorganisatie", never a file's code name.
_OPTION_NAMES: ContextVar[dict[str, str]] = ContextVar("option_names", default={})


def _labelled(frame: pd.DataFrame, lang: str, keys: dict[str, str] | None = None
              ) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rename columns to labels, options to their names, and derive number formats from the
    column names."""
    keys = keys or {}
    if "variant" in frame.columns:
        names = _OPTION_NAMES.get()
        frame = frame.assign(variant=[names.get(v, v) for v in frame["variant"]])
    names = {c: label(keys.get(c, c), lang) for c in frame.columns}
    formats = {names[c]: f for c in frame.columns if (f := _fmt_of_column(c))}
    return frame.rename(columns=names), formats


def _title(ws: Worksheet, row: int, key: str, lang: str) -> int:
    ws.cell(row=row, column=1, value=label(key, lang)).font = BOLD
    return row + 1


def _settings(case: BusinessCase, lang: str) -> tuple[pd.DataFrame, list[str | None]]:
    null = case.scenarios[case.null]
    bc = null.business_case
    names = _OPTION_NAMES.get()
    rows = [("bc.null", names.get(case.null, case.null), None),
            ("bc.variants", ", ".join(names.get(v, v) for v in case.variants), None),
            ("meta.replications", case.replications, None),
            ("meta.seed", null.simulation.seed, None),
            ("bc.sign", label("bc.sign_saving", lang), None),
            ("bc.discount_rate", bc.discount_rate, "0.00%"),
            ("bc.price_base_year", price_base_year(null), YEAR_FORMAT),
            ("bc.discount_year", bc.discount_year or null.simulation.start_year, YEAR_FORMAT),
            ("bc.wage_index", bc.wage_index_per_year, "0.00%"),
            ("bc.price_index", bc.price_index_per_year, "0.00%"),
            ("meta.simfin", case.meta.get("simfin"), None)]
    table = pd.DataFrame({label("col.parameter", lang): [label(k, lang) for k, _, _ in rows],
                          label("col.value", lang): [v for _, v, _ in rows]})
    return table, [f for _, _, f in rows]


def _summary_formats(field: str) -> str:
    if field.endswith("_eur"):
        return EURO_FORMAT
    if field.startswith("payback_year"):
        return YEAR_FORMAT
    return SHARE_FORMAT


def _summary_sheet(ws: Worksheet, case: BusinessCase, lang: str) -> None:
    row = _title(ws, 1, "bc.title_summary", lang)
    settings, fmts = _settings(case, lang)
    row = _write_table(ws, settings, row, {label("col.value", lang): fmts}) + 1
    summary = case.summary().set_index("variant")
    names = _OPTION_NAMES.get()
    fields = list(summary.columns)
    table = pd.DataFrame({label("col.parameter", lang): [label(f, lang) for f in fields],
                          **{names.get(v, v): summary.loc[v, fields].to_numpy(dtype=float)
                             for v in summary.index}})
    per_row = [_summary_formats(f) for f in fields]
    row = _write_table(ws, table, row, dict.fromkeys(table.columns[1:], per_row)) + 1
    row = _title(ws, row, "bc.title_balance", lang)
    balance, formats = _labelled(case.mean_balance(), lang,
                                 {"variant": "col.variant", "year": "col.year"})
    _write_table(ws, balance, row, formats)


_COLUMN_KEYS = {"variant": "col.variant", "year": "col.year", "cost_type": "col.cost_type",
                "category": "col.category", "municipality": "col.municipality",
                "nominal_eur": "col.nominal_eur", "constant_eur": "col.constant_eur",
                "saving_eur": "col.saving_eur", "item": "col.item",
                "npv_eur": "col.npv_eur", "payback_year": "col.payback_year"}


def _means_table(case: BusinessCase, by: list[str], lang: str) -> tuple[pd.DataFrame, dict]:
    means = case.difference(tuple(by))
    # one sign for the whole workbook: + = besparing t.o.v. nulalternatief
    means["saving_eur"] = -means["difference_eur"] + 0.0  # + 0.0: no "-0" for equal rows
    for col in ("cost_type", "category"):
        if col in means:
            means[col] = [label(v, lang) for v in means[col]]
    return _labelled(means[["variant", *by, "nominal_eur", "constant_eur", "saving_eur"]],
                     lang, _COLUMN_KEYS)


def _yearly_sheet(ws: Worksheet, case: BusinessCase, lang: str) -> None:
    row = _title(ws, 1, "bc.title_yearly", lang)
    table, formats = _means_table(case, ["year", "cost_type", "category"], lang)
    _write_table(ws, table, row, formats)
    ws.freeze_panes = "A3"


def _municipality_sheet(ws: Worksheet, case: BusinessCase, lang: str) -> None:
    row = _title(ws, 1, "bc.title_yearly", lang)
    table, formats = _means_table(case, ["year", "municipality", "cost_type"], lang)
    row = _write_table(ws, table, row, formats) + 1
    row = _title(ws, row, "bc.title_municipality_npv", lang)
    app = appraise(case.balance_by_municipality, by=("municipality",))
    npv = app.groupby(["variant", "municipality"], sort=False)["npv_eur"].mean().reset_index()
    npv_table, npv_formats = _labelled(npv, lang, _COLUMN_KEYS)
    row = _write_table(ws, npv_table, row, npv_formats) + 1
    row = _title(ws, row, "bc.title_balance", lang)
    balance, formats = _labelled(case.mean_balance(by_municipality=True), lang, _COLUMN_KEYS)
    _write_table(ws, balance, row, formats)


def _incidental_sheet(ws: Worksheet, case: BusinessCase, lang: str) -> None:
    row = _title(ws, 1, "bc.title_items", lang)
    items = case.items.assign(
        cost_type=[label(v, lang) for v in case.items["cost_type"]],
        category=[label(v, lang) for v in case.items["category"]],
        key=[label(f"key.{v}", lang) for v in case.items["key"]],
        index=[label(f"index.{v}", lang) for v in case.items["index"]])
    keys = {**_COLUMN_KEYS, **{c: f"col.{c}" for c in ("years", "key", "index", "min_eur",
                                                      "mode_eur", "max_eur", "source")}}
    # the item by its category; its key in the scenario file only as the last column
    items = items[[c for c in items.columns if c != "item"] + ["item"]]
    table, formats = _labelled(items, lang, {**keys, "item": "col.item_key"})
    row = _write_table(ws, table, row, formats) + 1
    row = _title(ws, row, "bc.title_item_years", lang)
    row = _mean_rows(ws, case, case.yearly[case.yearly["item"] != ""],
                     ["variant", "item", "cost_type", "category", "year", "municipality"],
                     row, lang) + 1
    # the incidental costs the simulation produced (inhuur, double running), apart
    row = _title(ws, row, "bc.title_emergent", lang)
    rows = case.yearly[emergent(case.yearly)]
    if rows.empty:
        ws.cell(row=row, column=1, value=label("bc.no_emergent", lang))
        return
    _mean_rows(ws, case, rows, ["variant", "category", "year", "municipality"], row, lang)


def _mean_rows(ws: Worksheet, case: BusinessCase, rows: pd.DataFrame, by: list[str], row: int,
               lang: str) -> int:
    """Nominal and constant euros of ``rows`` per ``by``, mean over the replications, as a
    labelled table from ``row``; returns the row after it."""
    means = (rows.groupby(by, sort=False)[["nominal_eur", "constant_eur"]].sum()
             / case.replications).reset_index()
    for col in ("cost_type", "category"):
        if col in means:
            means[col] = [label(v, lang) for v in means[col]]
    if "item" in means:   # the key in the scenario file: a reference, last
        means = means[[c for c in means.columns if c != "item"] + ["item"]]
    table, formats = _labelled(means, lang, {**_COLUMN_KEYS, "item": "col.item_key"})
    return _write_table(ws, table, row, formats)


def _ceiling_sheet(ws: Worksheet, case: BusinessCase, lang: str) -> None:
    table, formats = _labelled(case.ceiling, lang, {"variant": "col.variant", "year": "col.year"})
    _write_table(ws, table, 1, formats)
    ws.freeze_panes = "C2"


def _assumptions_sheet(ws: Worksheet, case: BusinessCase, lang: str) -> None:
    table = case.assumptions()
    per_row = [UNIT_FORMATS.get(u) for u in table["unit"]]
    options = _OPTION_NAMES.get()
    # each parameter by its Dutch name and the option by its name; the path stays, last,
    # as the reference into the scenario file (the source: the file's own full comment)
    table = table.assign(
        path=table["parameter"],
        parameter=[parameter_label(p, lang, case.scenarios.get(v))
                   for p, v in zip(table["parameter"], table["variant"], strict=True)],
        variant=[options.get(v, v) for v in table["variant"]],
        unit=[label(f"unit.{u}", lang) if u else "" for u in table["unit"]])
    names = {c: label(f"col.{c}", lang) for c in table.columns}
    _write_table(ws, table.rename(columns=names), 1, {names["value"]: per_row})
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _afweging_sheet(ws: Worksheet, case: BusinessCase, lang: str) -> None:
    wide = case.afweging_table()
    variants = [c for c in wide.columns if c not in ("criterion", "kind", "unit")]
    per_row = [UNIT_FORMATS.get(u) for u in wide["unit"]]
    table = pd.DataFrame({
        label("col.criterion", lang): [label(c, lang) for c in wide["criterion"]],
        label("col.kind", lang): [label(k, lang) for k in wide["kind"]],
        label("col.unit", lang): [label(f"unit.{u}", lang) if u else "" for u in wide["unit"]],
        **{v: [None if isinstance(x, float) and np.isnan(x) else x for x in wide[v]]
           for v in variants}})
    row = _write_table(ws, table, 1, dict.fromkeys(variants, per_row)) + 1
    long = case.afweging()
    notes = long[(long["kind"] == "qualitative") & (long["score"] != "")]
    row = _title(ws, row, "bc.title_notes", lang)
    _write_table(ws, pd.DataFrame({
        label("col.variant", lang): notes["variant_label"].to_numpy(),
        label("col.criterion", lang): [label(c, lang) for c in notes["criterion"]],
        label("col.score", lang): notes["score"].to_numpy(),
        label("col.note", lang): notes["note"].to_numpy()}), row)


SHEETS = (("sheet.summary", _summary_sheet), ("sheet.yearly", _yearly_sheet),
          ("sheet.bc_municipality", _municipality_sheet),
          ("sheet.bc_incidental", _incidental_sheet), ("sheet.bc_ceiling", _ceiling_sheet),
          ("sheet.bc_assumptions", _assumptions_sheet), ("sheet.bc_afweging", _afweging_sheet),
          ("sheet.bc_scorecard", scorecard_sheet),
          ("sheet.bc_drivers", drivers_sheet))


def write_business_workbook(case: BusinessCase, path: str | Path, lang: str = "nl") -> Path:
    """Write the business-case workbook (sheets: module docstring); returns ``path``.

    Parameters
    ----------
    case : BusinessCase
    path : str or Path
        The ``.xlsx`` file to (over)write; missing directories are created.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    """
    from simfin.report.omslagpunten import add_evidence_sheets

    token = _OPTION_NAMES.set({n: variant_label(s) for n, s in case.scenarios.items()})
    try:
        return add_evidence_sheets(save_workbook(path, SHEETS, case, lang), case, lang)
    finally:
        _OPTION_NAMES.reset(token)
