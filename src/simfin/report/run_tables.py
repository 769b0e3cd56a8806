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
from simfin.report.tables import Table, kpi_period, price_level, years_text

if TYPE_CHECKING:
    from simfin.results import Results

__all__ = ["RUN_TABLES", "cost_table", "kpi_rows_table", "kpi_side_by_side", "kpi_table",
           "run_table"]

_STATS = ("col.mean", "col.p05", "col.p95")


def cost_table(results: Results, lang: str = "nl", costs: pd.DataFrame | None = None) -> Table:
    """Municipal costs per year and category: mean, 5th and 95th percentile (euros at the
    scenario's price level, named in the title), rows in the order of
    :func:`~simfin.report.run_costs.cost_frame` (``costs``, built when not given)."""
    check_lang(lang)
    summary = cost_frame(results) if costs is None else costs
    year = results.scenario.business_case.price_base_year
    measures = [Measure(k, "eur", "year", "scenario", year, stat=s)
                for k, s in zip(_STATS, ("mean", "p05", "p95"), strict=True)]
    money = [f"{label(k, lang)} (€)" for k in _STATS]  # the title names the price level
    frame = pd.DataFrame({
        label("col.year", lang): summary["year"].astype(int).to_numpy(),
        label("col.category", lang): [label(c, lang) for c in summary["category"]],
        **{head: summary[col].to_numpy() for head, col in zip(money, ("mean", "p05", "p95"))}})
    title = label("meta.costs_title", lang).format(prices=price_level(results.scenario, lang))
    return Table(frame, {label("col.year", lang): "year", **dict(zip(money, measures))}, title,
                 (label("note.interval", lang),), "costs")


def kpi_table(results: Results, lang: str = "nl") -> Table:
    """Every KPI with its unit (and the period of a count): mean, 5th and 95th percentile."""
    check_lang(lang)
    kpis = results.kpi_summary()
    units = list(kpis["unit"])
    unit_text = []
    for kpi, unit in zip(kpis["kpi"], units, strict=True):
        period = kpi_period(kpi, results.scenario, lang)
        unit_text.append(label(f"unit.{unit}", lang) + (f", {period}" if period else ""))
    stats = [label(k, lang) for k in _STATS]
    frame = pd.DataFrame({
        label("col.kpi", lang): [label(k, lang) for k in kpis["kpi"]],
        label("col.unit", lang): unit_text,
        **{head: kpis[col].to_numpy() for head, col in zip(stats, ("mean", "p05", "p95"))}})
    title = f"{label('meta.kpi_title', lang)} ({years_text(results.scenario)})"
    measures = [Measure(k, u, kpi_period_kind(k))
                for k, u in zip(kpis["kpi"], units, strict=True)]
    return Table(frame, dict.fromkeys(stats, measures), title, (label("note.interval", lang),),
                 "kpis")


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
