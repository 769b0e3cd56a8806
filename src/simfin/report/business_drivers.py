"""The drivers of the structural difference in the workbook and as a chart.

``drivers_sheet`` writes the sheet ``Oorzaken`` (``Drivers``): per variant the mean saving
per year by mechanism with its share of the total, then the same per year, then what the
queue pooling at equal service level rests on (FTE at the norm per team form, cost per FTE,
criterion, replications, step; :mod:`simfin.business.pooling`).
``plot_drivers`` draws a waterfall from 0 to the total structural saving, one bar per
mechanism (green: saves, red: costs). Sign convention of the whole business case:
+ = besparing t.o.v. nulalternatief; euros at base-year prices, full effect (no phase-in,
no indexation), mean over replications (:mod:`simfin.business.drivers`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from simfin.business.indexation import price_base_year
from simfin.report.format import eur_axis_formatter, format_eur, format_number, format_share
from simfin.report.labels import check_lang, label
from simfin.report.omslagpunten import with_assumption_column
from simfin.report.plural import count_text
from simfin.report.style import OKABE_ITO, add_footnote_text, council_style, new_figure
from simfin.report.tables import scenario_labels
from simfin.report.xlsx import BOLD, EURO_FORMAT, _write_table

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from openpyxl.worksheet.worksheet import Worksheet

    from simfin.business.result import BusinessCase

__all__ = ["drivers_sheet", "plot_drivers"]

def _name(row, lang: str) -> str:
    return label(f"drivers.m.{row.mechanism}", lang)


def _basis(case: BusinessCase, lang: str) -> str:
    base = price_base_year(case.scenarios[case.null])
    return label("drivers.basis", lang).format(
        year=base, reps=count_text(case.replications, "replicatie", lang))


def _pooling_footnote(case: BusinessCase, variant: str, lang: str) -> str:
    """The settings of the pooling search for ``variant`` ("" when none was simulated)."""
    for e in case.meta.get("drivers_pooling", []):
        if e["variant"] == variant and e["simulated"]:
            return " " + label("drivers.pooling_footnote", lang).format(
                target=format_share(e["target_share"]),
                confidence=format_share(e["confidence"]),
                reps=count_text(e["replications"], "replicatie", lang),
                step=format_number(e["step_fte"], 1))
    return ""


def _per_team(fte: dict[str, float]) -> str:
    return "; ".join(f"{team} {format_number(v, 1)}" for team, v in fte.items())


def _names(case: BusinessCase) -> dict[str, str]:
    """Display names of the options ("Variant 1: ..."), never a file's code name."""
    return scenario_labels(case.scenarios)


def _pooling_rows(e: dict, lang: str, name: str) -> list[tuple[str, object, str | None]]:
    """(label, value, number format) rows of one variant's pooling evidence."""
    forms = (f"{label('org.' + e['organisation_null'], lang)} \u2192 "
             f"{label('org.' + e['organisation_variant'], lang)}")
    rows = [(label("col.variant", lang), name, None),
            (label("drivers.pooling_forms", lang), forms, None)]
    if not e["simulated"]:
        return [*rows, (label("drivers.pooling_saving", lang),
                        label("drivers.pooling_same", lang), None)]
    per_team = label("drivers.pooling_per_team", lang)
    return [*rows,
            (label("drivers.pooling_fte_null", lang), e["fte_null_form"], "0.0"),
            (per_team, _per_team(e["fte_by_team_null"]), None),
            (label("drivers.pooling_fte_variant", lang), e["fte_variant_form"], "0.0"),
            (per_team, _per_team(e["fte_by_team_variant"]), None),
            (label("drivers.pooling_cost", lang), e["cost_per_fte_eur"], EURO_FORMAT),
            (label("drivers.pooling_saving", lang), e["saving_eur_per_year"], EURO_FORMAT),
            (label("drivers.pooling_replications", lang), e["replications"], None),
            (label("drivers.pooling_step", lang), e["step_fte"], "0.0"),
            (label("drivers.pooling_criterion", lang).format(
                target=format_share(e["target_share"]),
                confidence=format_share(e["confidence"])), None, None)]


def _pooling_block(ws: Worksheet, case: BusinessCase, row: int, lang: str) -> None:
    """The evidence of the pooling at equal service level, one block per variant."""
    if "drivers_pooling" not in case.meta:
        return
    ws.cell(row=row, column=1, value=label("drivers.pooling_title", lang)).font = BOLD
    if not case.meta["drivers_pooling"]:
        ws.cell(row=row + 1, column=1, value=label("drivers.pooling_off", lang))
        return
    row += 1
    for e in case.meta["drivers_pooling"]:
        rows = _pooling_rows(e, lang, _names(case).get(e["variant"], e["variant"]))
        table = pd.DataFrame({label("col.parameter", lang): [r[0] for r in rows],
                              label("col.value", lang): [r[1] for r in rows]})
        row = _write_table(ws, table, row, {label("col.value", lang): [r[2] for r in rows]}) + 1


def drivers_sheet(ws: Worksheet, case: BusinessCase, lang: str) -> None:
    """Fill the ``Oorzaken`` sheet (see the module docstring)."""
    ws.cell(row=1, column=1, value=label("drivers.title", lang)).font = BOLD
    ws.cell(row=2, column=1, value=f"{label('bc.sign', lang)}: {label('bc.sign_saving', lang)}")
    ws.cell(row=3, column=1, value=_basis(case, lang))
    if case.drivers.empty:
        ws.cell(row=5, column=1, value=label("drivers.none", lang))
        return
    summary, names = case.drivers_summary(), _names(case)
    table = pd.DataFrame({
        label("col.variant", lang): [names.get(v, v) for v in summary["variant"]],
        label("drivers.mechanism", lang): [_name(r, lang) for r in summary.itertuples()],
        label("drivers.saving_per_year", lang): summary["saving_eur_per_year"],
        label("drivers.share", lang): summary["share_of_total"].where(
            np.isfinite(summary["share_of_total"]), None)})
    table, resting = with_assumption_column(table, case, summary, lang)
    row = _write_table(ws, table, 5, {label("drivers.saving_per_year", lang): EURO_FORMAT,
                                      label("drivers.share", lang): "0%",
                                      resting: EURO_FORMAT}) + 1
    ws.cell(row=row, column=1, value=label("drivers.per_year", lang)).font = BOLD
    wide = case.drivers.pivot_table(index=["variant", "mechanism", "label"], columns="year",
                                    values="saving_eur", sort=False).reset_index()
    years = [c for c in wide.columns if isinstance(c, int | np.integer)]
    per_year = pd.DataFrame({
        label("col.variant", lang): [names.get(v, v) for v in wide["variant"]],
        label("drivers.mechanism", lang): [_name(r, lang) for r in wide.itertuples()],
        **{str(y): wide[y] for y in years}})
    row = _write_table(ws, per_year, row + 1, dict.fromkeys(map(str, years), EURO_FORMAT)) + 1
    _pooling_block(ws, case, row, lang)


def plot_drivers(case: BusinessCase, variant: str | None = None, ax: Axes | None = None,
                 lang: str = "nl", footnote: bool | None = None) -> Axes:
    """Waterfall of the structural saving per year by mechanism (module docstring)."""
    check_lang(lang)
    variant = variant or case.variants[0]
    summary = case.drivers_summary()
    rows = summary[summary["variant"] == variant]
    parts = rows[rows["mechanism"] != "total"].reset_index(drop=True)
    total = float(rows.loc[rows["mechanism"] == "total", "saving_eur_per_year"].iat[0])
    with council_style():
        if ax is None:
            ax = new_figure(height_cm=3.0 + 0.6 * (len(parts) + 1)).add_subplot()
            footnote = True if footnote is None else footnote
        _draw(ax, parts, total, lang)
        names = _names(case)
        ax.set_title(label("drivers.chart_title", lang).format(
            variant=names.get(variant, variant)))
        ax.set_xlabel(f"{label('drivers.x', lang)}; {label('bc.sign_saving', lang)}")
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
        ax.xaxis.set_major_formatter(eur_axis_formatter())
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        if footnote:
            add_footnote_text(ax.figure, f"{case.null} \u2192 {variant}. {_basis(case, lang)}."
                              f"{_pooling_footnote(case, variant, lang)}")
    return ax


def _draw(ax: Axes, parts: pd.DataFrame, total: float, lang: str) -> None:
    values = parts["saving_eur_per_year"].to_numpy()
    ends = np.cumsum(values)
    starts = ends - values
    n = len(parts)
    y = np.arange(n + 1)[::-1]
    colours = [OKABE_ITO["bluish_green"] if v >= 0 else OKABE_ITO["vermillion"] for v in values]
    ax.barh(y[:n], values, left=starts, height=0.6, color=colours, zorder=2)
    ax.barh(y[n], total, height=0.6, color=OKABE_ITO["blue"], zorder=2)
    ax.axvline(0, color="#595959", linewidth=0.8, zorder=1)
    for yi, start, value in zip(y[:n], starts, values, strict=True):
        ax.annotate(_signed(value), (max(start, start + value), yi), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.annotate(_signed(total), (max(0.0, total), y[n]), xytext=(3, 0),
                textcoords="offset points", va="center", fontsize=8, fontweight="bold")
    names = [_name(r, lang) for r in parts.itertuples()]
    ax.set_yticks(y, [*names, label("drivers.total", lang)])
    low, high = min(0.0, *starts, *ends, total), max(0.0, *starts, *ends, total)
    span = (high - low) or 1.0
    ax.set_xlim(low - 0.05 * span, high + 0.4 * span)


def _signed(value: float) -> str:
    text = format_eur(value)
    return text.replace("€ ", "€ +", 1) if value > 0.5 else text
