"""The tables of a run as :class:`~simfin.report.tables.Table` objects, for notebooks and
any writer: municipal costs per year and category, and the KPIs.

Both name what their numbers are: euros at the scenario's price level ("prijspeil 2027"),
the 90% interval over replications, counts as totals over the reported years.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from simfin.metrics import KPI_UNITS

from simfin.report.labels import check_lang, label
from simfin.report.model import Measure
from simfin.report.run_costs import cost_frame
from simfin.report.periods import kpi_period_kind
from simfin.report.tables import Table, kpi_period, years_text

if TYPE_CHECKING:
    from simfin.results import Results

__all__ = ["RUN_TABLES", "cost_measures", "cost_table", "kpi_rows_table", "kpi_side_by_side", "kpi_table",
           "run_table"]

_STATS = ("col.mean", "col.p05", "col.p95")


def cost_measures(results: Results) -> list[Measure]:
    """The mean, 5th and 95th percentile of the yearly costs: euros per year at the
    scenario's price level (its ``price_base_year``)."""
    year = results.scenario.business_case.price_base_year
    return [Measure(k, "eur", "year", "scenario", year, stat=s)
            for k, s in zip(_STATS, ("mean", "p05", "p95"), strict=True)]


def cost_table(results: Results, lang: str = "nl", costs: pd.DataFrame | None = None) -> Table:
    """Municipal costs per year and category: mean, 5th and 95th percentile (euros at the
    scenario's price level, named in each header by its :class:`Measure`), rows in the order of
    :func:`~simfin.report.run_costs.cost_frame` (``costs``, built when not given)."""
    check_lang(lang)
    summary = cost_frame(results) if costs is None else costs
    measures = cost_measures(results)
    money = [m.title(lang) for m in measures]
    frame = pd.DataFrame({
        label("col.year", lang): summary["year"].astype(int).to_numpy(),
        label("col.category", lang): [label(c, lang) for c in summary["category"]],
        **{head: summary[col].to_numpy() for head, col in zip(money, ("mean", "p05", "p95"))}})
    title = label("meta.costs_title", lang).format(prices=measures[0].price_text(lang))
    return Table(frame, {label("col.year", lang): "year", **dict(zip(money, measures))}, title,
                 (label("note.interval", lang),), "costs")


def kpi_table(results: Results, lang: str = "nl", kpis: tuple[str, ...] = (),
              code: bool = False, key: str = "kpis") -> Table:
    """KPIs with their unit (and the period of a count): mean, 5th and 95th percentile. Each
    row is headed by its :class:`Measure`'s title; ``kpis`` picks and orders rows (default
    all), ``code`` adds the KPI's code (for the KPI sheet, where scripts look it up)."""
    check_lang(lang)
    summary = results.kpi_summary()
    if kpis:
        summary = summary.set_index("kpi").loc[[k for k in kpis
                                                if k in set(summary["kpi"])]].reset_index()
    units = list(summary["unit"])
    measures = [Measure(k, u, kpi_period_kind(k))
                for k, u in zip(summary["kpi"], units, strict=True)]
    unit_text = []
    for kpi, unit in zip(summary["kpi"], units, strict=True):
        period = kpi_period(kpi, results.scenario, lang)
        unit_text.append(label(f"unit.{unit}", lang) + (f", {period}" if period else ""))
    stats = [label(k, lang) for k in _STATS]
    frame = pd.DataFrame({
        label("col.kpi", lang): [m.title(lang) for m in measures],
        **({label("col.code", lang): summary["kpi"].to_numpy()} if code else {}),
        label("col.unit", lang): unit_text,
        **{head: summary[col].to_numpy() for head, col in zip(stats, ("mean", "p05", "p95"))}})
    title = f"{label('meta.kpi_title', lang)} ({years_text(results.scenario)})"
    return Table(frame, dict.fromkeys(stats, measures), title, (label("note.interval", lang),),
                 key)


def kpi_rows_table(frame: pd.DataFrame, lang: str = "nl") -> Table:
    """KPIs (index: KPI names) by numeric columns as a Table: a labelled row per KPI, each
    row in its KPI's unit, so a share reads "100%", never "1,00"."""
    check_lang(lang)
    units = [KPI_UNITS.get(k, "ratio") for k in frame.index]
    data = {label("col.kpi", lang): [label(k, lang) for k in frame.index],
            label("col.unit", lang): [label(f"unit.{u}", lang) for u in units]}
    data.update({str(c): frame[c].to_numpy() for c in frame.columns})
    return Table(pd.DataFrame(data), {str(c): units for c in frame.columns})


def kpi_side_by_side(results: Mapping[str, Results], kpis: list[str],
                     lang: str = "nl") -> Table:
    """The named KPIs of several runs side by side: per run the mean, 5th and 95th
    percentile over replications (columns "run: Gemiddelde", ...), each row in its unit."""
    stats = dict(zip(("mean", "p05", "p95"), (label(k, lang) for k in _STATS)))
    parts = {}
    for name, r in results.items():
        summary = r.kpi_summary().set_index("kpi").loc[kpis]
        parts.update({f"{name}: {head}": summary[col] for col, head in stats.items()})
    return kpi_rows_table(pd.DataFrame(parts, index=kpis), lang)


RUN_TABLES = {"costs": cost_table, "kpis": kpi_table}


def run_table(results: Results, name: str = "costs", lang: str = "nl") -> Table:
    """One of :data:`RUN_TABLES` (``"costs"`` or ``"kpis"``) of ``results``."""
    if name not in RUN_TABLES:
        raise ValueError(f"expected a table in {sorted(RUN_TABLES)}, got {name!r}")
    return RUN_TABLES[name](results, lang)
