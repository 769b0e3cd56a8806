"""Reports of a sweep: tidy CSVs, the tornado chart, the ceiling curve, sheet "Gevoeligheid".

Files written by :func:`write_sweep_outputs` into the output directory (next to the
checkpoints, names in English like ``simfin run``'s tables; charts and workbook named in
the report language):

``design.csv``          ``sample`` and one column per uncertain parameter (its value)
``kpis.csv``            ``sample, replication, kpi, value, unit``
``yearly.csv``          ``sample, replication, year, municipality, party, provider,
                        category, amount_eur`` (municipality side)
``outputs.csv``         ``sample, <output name>``: the analysed output per sample
``<method>.csv``        the analysis table of :mod:`simfin.uncertainty.sensitivity`
``ceiling_curve.csv``, ``lowest_ceiling.csv``   PSA only: budget-ceiling curve per year
``tornado.png/.svg``    tornado only
``plafondcurve.png/.svg`` (``ceiling_curve`` in English)   PSA only
``gevoeligheid.xlsx`` (``sensitivity.xlsx``)    sheet ``Gevoeligheid`` / ``Sensitivity``
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator
from openpyxl import Workbook

from simfin.business.ceiling import ceiling_per_year
from simfin.report.charts import save_figure
from simfin.report.format import (
    eur_axis_formatter,
    format_eur_millions,
    format_number,
    format_share,
)
from simfin.report.labels import check_lang, label
from simfin.report.labels.parameters import with_unit
from simfin.report.plural import count_text
from simfin.report.tables import write_csv
from simfin.report.style import (
    OKABE_ITO,
    PALETTE,
    add_footnote_text,
    council_style,
    footnote_line,
    new_figure,
)
from simfin.report.xlsx import (
    BOLD,
    EURO_FORMAT,
    UNIT_FORMATS,
    _set_widths,
    _write_table,
    write_safely,
)
from simfin.uncertainty.outputs import Output, as_output
from simfin.uncertainty.replications import summarise
from simfin.uncertainty.sensitivity import analyse, ceiling_curve, lowest_ceiling

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from simfin.uncertainty.sweep import SweepResults

__all__ = ["output_title", "plot_ceiling_curve", "sweep_footnote", "plot_tornado", "write_sensitivity_workbook",
           "write_sweep_outputs"]

CHART_STEM = {"tornado": {"nl": "tornado", "en": "tornado"},
              "ceiling": {"nl": "plafondcurve", "en": "ceiling_curve"}}
WORKBOOK_NAME = {"nl": "gevoeligheid.xlsx", "en": "sensitivity.xlsx"}
SHARE_FORMAT, INDEX_FORMAT = "0.0%", "0.000"
CURVE_ROWS_IN_SHEET = 41
TICK_LABEL_WIDTH = 24  # characters per line of a parameter label in the tornado chart


def sweep_footnote(sw: SweepResults, lang: str = "nl") -> str:
    """The footnote of a sweep's chart: every run counted, ``"40 trekkingen × 5 replicaties"``
    (the first sample's :class:`Results` alone said "5 replicaties")."""
    runs = f"{count_text(sw.design.samples, 'trekking', lang)} \u00d7 " \
        f"{count_text(sw.replications, 'replicatie', lang)}"
    return footnote_line(sw.meta.get("scenario", "?"), sw.meta.get("simfin", "?"), runs,
                         sw.meta.get("seed", "?"), lang)


def output_title(output: Output, lang: str = "nl") -> str:
    """The display name of a sweep output in ``lang`` (its label, then its suffix)."""
    return label(output.label_key or output.name, lang) + output.suffix


def _value_formatter(unit: str) -> FuncFormatter:
    if unit == "eur":
        return eur_axis_formatter()
    if unit == "share":
        return FuncFormatter(lambda x, _pos: format_share(x))
    return FuncFormatter(lambda x, _pos: format_number(x, 1))


def _wrap(text: str, width: int = TICK_LABEL_WIDTH) -> str:
    """Break a long label over lines, at spaces or (dotted paths) after dots."""
    parts = re.sub(r"\.(?=[A-Za-z_])", ".\u200b", text).replace(" ", " \u200b").split("\u200b")
    lines, line = [], ""
    for part in parts:
        if line and len(line) + len(part) > width:
            lines.append(line.rstrip())
            line = ""
        line += part
    return "\n".join([*lines, line.rstrip()])


def plot_tornado(table: pd.DataFrame, output: Output, ax: Axes | None = None,
                 lang: str = "nl", footnote: str | None = None) -> Axes:
    """Horizontal bars from the base output to the output with each parameter low and high.

    ``table`` is :func:`~simfin.uncertainty.sensitivity.tornado_table` (largest swing on
    top). ``footnote``: text under the figure, e.g. ``footnote_text(sw.results_for(0))``
    of :mod:`simfin.report.style`. Returns the Axes; its figure is saved with
    :func:`simfin.report.save_figure`.
    """
    check_lang(lang)
    rows = table.iloc[::-1]  # matplotlib draws the first bar at the bottom
    y = np.arange(len(rows))
    base = float(table["output_base"].iloc[0])
    with council_style():
        if ax is None:
            ax = new_figure(height_cm=max(6.0, 2.5 + 0.8 * len(rows))).add_subplot()
        for column, colour, key in (("output_low", OKABE_ITO["sky_blue"], "legend.value_low"),
                                    ("output_high", OKABE_ITO["vermillion"], "legend.value_high")):
            ax.barh(y, rows[column] - base, left=base, height=0.6, color=colour,
                    label=label(key, lang), zorder=2)
        ax.axvline(base, color=OKABE_ITO["black"], linewidth=1.0, label=label("legend.base", lang),
                   zorder=3)
        # every bar label carries its unit ("Dagtarief jeugd verblijf (€)")
        ax.set_yticks(y, [_wrap(with_unit(text, name, lang)) if isinstance(name, str) else
                          _wrap(text) for text, name in zip(rows["label"], rows["parameter"],
                                                           strict=True)])
        ax.set_title(label("chart.tornado.title", lang))
        unit = {"eur": " (€)", "days": f" ({label('unit.days', lang)})"}.get(output.unit, "")
        ax.set_xlabel(output_title(output, lang) + unit)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 5, 10]))
        ax.xaxis.set_major_formatter(_value_formatter(output.unit))
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        if footnote:
            add_footnote_text(ax.figure, footnote)
    return ax


def plot_ceiling_curve(curve: pd.DataFrame, lowest: pd.DataFrame | None = None,
                       risk: float | None = None, ax: Axes | None = None,
                       lang: str = "nl", footnote: str | None = None,
                       budget: pd.Series | None = None) -> Axes:
    """P(overshoot) against the ceiling level, one line per year.

    ``curve`` is :func:`~simfin.uncertainty.sensitivity.ceiling_curve`; ``lowest`` (from
    :func:`~simfin.uncertainty.sensitivity.lowest_ceiling`) adds a marker per year and
    ``risk`` a dashed line at the accepted risk; ``footnote`` as :func:`plot_tornado`;
    ``budget`` (year -> euros, the scenario's own ceiling,
    :func:`simfin.business.ceiling.ceiling_per_year`) draws the tested budget as a dotted
    vertical line per year in that year's colour.
    """
    check_lang(lang)
    with council_style():
        if ax is None:
            ax = new_figure().add_subplot()
        for i, (year, part) in enumerate(curve.groupby("year", sort=True)):
            colour = PALETTE[i % len(PALETTE)]
            ax.step(part["ceiling_eur"], part["p_overshoot"], where="post", color=colour,
                    label=str(int(year)), zorder=2)
            if lowest is not None:
                row = lowest[lowest["year"] == year]
                ax.plot(row["ceiling_eur"], row["p_overshoot"], "o", color=colour, zorder=3)
            if budget is not None and year in budget.index:
                ax.axvline(float(budget[year]), color=colour, linestyle=":", linewidth=1.0,
                           zorder=1)
        if budget is not None and len(budget):
            amounts = sorted({format_eur_millions(v) for v in budget.to_numpy()})
            ax.plot([], [], color=OKABE_ITO["black"], linestyle=":", linewidth=1.0,
                    label=f"{label('legend.tested_budget', lang)} ({', '.join(amounts)})")
        if risk is not None:
            ax.axhline(risk, color=OKABE_ITO["black"], linestyle="--", linewidth=0.8,
                       label=f"{label('legend.risk', lang)} ({format_share(risk)})")
        ax.set_title(label("chart.ceiling.title", lang))
        ax.set_xlabel(label("axis.ceiling_eur", lang))
        ax.set_ylabel(label("axis.p_overshoot", lang))
        ax.set_ylim(-0.02, 1.02)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))  # room for "€ 41,5 mln" at any width
        ax.xaxis.set_major_formatter(eur_axis_formatter())
        ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_share(x)))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        if footnote:
            add_footnote_text(ax.figure, footnote)
    return ax


# --- workbook ---------------------------------------------------------------------------

def _formats(table: pd.DataFrame, output: Output, design_units: dict[str, str],
             lang: str) -> dict[str, Any]:
    """Number format per display column of an analysis table."""
    out_fmt = UNIT_FORMATS.get(output.unit)
    fmts: dict[str, Any] = {}
    for col in table.columns:
        if col.startswith("output") or col in ("swing", "mu_star", "mu_star_conf", "mu", "sigma"):
            fmts[col] = out_fmt
        elif col in ("S1", "S1_conf", "ST", "ST_conf", "spearman", "p_value"):
            fmts[col] = INDEX_FORMAT
        elif col.startswith("value") and "parameter" in table.columns:
            fmts[col] = [design_units.get(p) for p in table["parameter"]]
        elif col in ("value_a", "value_b"):
            fmts[col] = [design_units.get(p) for p in table["parameter" + col[-2:]]]
        elif col in ("ceiling_eur",):
            fmts[col] = EURO_FORMAT
        elif col in ("p_overshoot", "p_low", "p_high", "risk"):
            fmts[col] = SHARE_FORMAT
    return {label(f"col.{c}", lang): f for c, f in fmts.items() if f is not None}


def _display(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    return table.rename(columns={c: label(f"col.{c}", lang) for c in table.columns})


def _param_formats(sw: SweepResults) -> dict[str, str]:
    return {n: (EURO_FORMAT if "_eur" in n else SHARE_FORMAT if n.endswith("share") else "#,##0.###")
            for n in sw.design.names}


def _block(ws, row: int, title: str, table: pd.DataFrame, formats: dict, lang: str) -> int:
    ws.cell(row=row, column=1, value=title).font = BOLD
    return _write_table(ws, _display(table, lang), row + 1, formats) + 1


def _meta_table(sw: SweepResults, output: Output, lang: str) -> pd.DataFrame:
    rows = [("meta.scenario", sw.uncertain.base.name), ("meta.method", label(
        f"method.{sw.design.method}", lang)), ("meta.samples", sw.design.samples),
        ("meta.replications", sw.replications), ("meta.output", output_title(output, lang)),
        ("meta.seed", sw.uncertain.base.simulation.seed),
        ("meta.scenario_hash", sw.meta.get("scenario_fingerprint")),
        ("meta.simfin", sw.meta.get("simfin"))]
    return pd.DataFrame({"parameter": [label(k, lang) for k, _ in rows],
                         "value": [v for _, v in rows]})


def write_sensitivity_workbook(sw: SweepResults, output: Any, path: str | Path,
                               lang: str = "nl", risk: float = 0.10) -> Path:
    """Write a workbook with the sheet "Gevoeligheid" (atomically); returns ``path``."""
    check_lang(lang)
    output = as_output(output)
    table = analyse(sw, output)
    wb = Workbook()
    ws = wb.active
    ws.title = label("sheet.sensitivity", lang)
    row = _write_table(ws, _display(_meta_table(sw, output, lang), lang), 1) + 1
    row = _block(ws, row, label("meta.sensitivity_title", lang) + ": " + label(
        f"method.{sw.design.method}", lang), table,
        _formats(table, output, _param_formats(sw), lang), lang)
    if sw.design.method == "psa":
        y = sw.evaluate(output).to_frame("value")
        summary = summarise(y)[["n", "mean", "ci95_low", "ci95_high", "p05", "p95"]]
        summary = summary.rename(columns={"n": "samples"})
        fmt = UNIT_FORMATS.get(output.unit)
        row = _block(ws, row, label("meta.output_summary", lang), summary,
                     {label(f"col.{c}", lang): fmt for c in summary.columns
                      if c != "samples"}, lang)
        low = lowest_ceiling(sw, risk)
        row = _block(ws, row, label("meta.ceiling_title", lang), low,
                     _formats(low, output, {}, lang), lang)
        curve = ceiling_curve(sw, points=CURVE_ROWS_IN_SHEET)
        _block(ws, row, label("meta.ceiling_curve", lang), curve,
               _formats(curve, output, {}, lang), lang)
    _set_widths(ws)
    return write_safely(wb, path)


# --- everything ---------------------------------------------------------------------------

def write_sweep_outputs(sw: SweepResults, out: str | Path, output: Any, lang: str = "nl",
                        risk: float = 0.10, csv_dialect: str = "intl") -> list[Path]:
    """Write the CSVs, charts and workbook of a sweep (see the module docstring);
    ``csv_dialect="nl"`` writes the CSVs for Dutch Excel (``;``, decimal comma, BOM)."""
    check_lang(lang)

    def _csv(df: pd.DataFrame, path: Path, index: bool = False) -> Path:
        return write_csv(df, path, csv_dialect, index=index)

    output = as_output(output)
    out = Path(out)
    method = sw.design.method
    table = analyse(sw, output)
    written = [_csv(sw.design.values, out / "design.csv", index=True),
               _csv(sw.kpis, out / "kpis.csv"), _csv(sw.yearly, out / "yearly.csv"),
               _csv(sw.evaluate(output).to_frame(), out / "outputs.csv", index=True),
               _csv(table, out / f"{method}.csv")]
    if method == "tornado":
        with council_style():  # axes made inside the style get its spines and grid
            fig = new_figure(height_cm=max(6.0, 2.5 + 0.8 * len(table)), pyplot=False)
            ax = fig.add_subplot()
        plot_tornado(table, output, ax=ax, lang=lang)
        add_footnote_text(fig, sweep_footnote(sw, lang))
        written += save_figure(fig, out / CHART_STEM["tornado"][lang])
    if method == "psa":
        curve, low = ceiling_curve(sw), lowest_ceiling(sw, risk)
        written += [_csv(curve, out / "ceiling_curve.csv"), _csv(low, out / "lowest_ceiling.csv")]
        with council_style():
            fig = new_figure(pyplot=False)
            ax = fig.add_subplot()
        plot_ceiling_curve(curve, low, risk, ax=ax, lang=lang,
                           budget=ceiling_per_year(sw.results_for(0).scenario))
        add_footnote_text(fig, sweep_footnote(sw, lang))
        written += save_figure(fig, out / CHART_STEM["ceiling"][lang])
    written.append(write_sensitivity_workbook(sw, output, out / WORKBOOK_NAME[lang], lang, risk))
    return written
