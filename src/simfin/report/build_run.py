"""The document of ``simfin run``, built once (issue 29): the yearly costs, the headline KPIs,
the sentences on access and care, the ceiling, the precision notes, the cost chart (drawn from
the cost table) and the workbook-only sheets. The console (:func:`console_text`), ``samenvatting.md``
(:func:`markdown_text`), the workbook and the chart all render this one document; headers
are the titles of the tables' :class:`~simfin.report.model.Measure` objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from simfin.report.ceiling_summary import ceiling_section
from simfin.report.labels import check_lang, label
from simfin.report.model import Chart, Document, Section
from simfin.report.periods import kpi_period
from simfin.report.run_costs import cost_frame
from simfin.report.run_sheets import meta_table, scenario_table, taakveld_tables, yearly_table
from simfin.report.run_tables import cost_measures, cost_table, kpi_table
from simfin.report.run_text import CONSOLE_KPIS, TEXT, flow_lines, intro

if TYPE_CHECKING:
    from simfin.precision import Precision, PrecisionReached
    from simfin.results import Results

__all__ = ["RUN_KEYS", "RUN_STEMS", "build_run"]

#: file names of the run document: chart, summary (markdown)
RUN_STEMS = {"nl": {"chart": "kosten_per_jaar", "flow": "stroom_door_lijnen",
                    "summary": "samenvatting.md"},
             "en": {"chart": "costs_per_year", "flow": "flow_through_lines",
                    "summary": "summary.md"}}

#: label keys of the run document's headers, titles and notes besides its measures (checked
#: in both languages by :meth:`~simfin.report.model.Document.check`)
RUN_KEYS = frozenset({
    "col.year", "col.category", "col.kpi", "col.code", "col.unit", "col.mean", "col.p05",
    "col.p95", "col.parameter", "col.value", "col.municipality", "col.party", "col.provider",
    "col.taakveld", "col.hours", "col.flow", "meta.costs_title", "meta.kpi_title",
    "meta.scenario", "meta.scenario_hash", "meta.replications", "meta.seed", "meta.simfin",
    "meta.price_level", "note.interval", "chart.yearly_costs.title", "taakveld.rolled_up",
    "total"})


def build_run(results: Results, lang: str = "nl", costs: pd.DataFrame | None = None,
              precision: Precision | None = None, reached: PrecisionReached | None = None,
              ledger: bool = False, workbook: str = "") -> Document:
    """The document of a run in ``lang``.

    Parameters
    ----------
    results : Results
    lang : str
        ``"nl"`` (default) or ``"en"``: set once, read by every writer.
    costs : DataFrame, optional
        :func:`~simfin.report.run_costs.cost_frame` of ``results`` (built when not given).
    precision, reached : optional
        The ``--precision`` target and what it reached; by default read from
        ``results.meta`` (:func:`simfin.report.precision_notes.from_meta`). The notes form
        the document's last section.
    ledger : bool
        Also carry ``ledger.csv`` (large).
    workbook : str
        File stem of the workbook ("" for none).
    """
    from simfin.report.precision_notes import from_meta, run_notes
    from simfin.report.style import footnote_text

    from simfin.report.flow_charts import flow_table

    check_lang(lang)
    costs = cost_frame(results) if costs is None else costs
    flow = flow_table(results, lang)
    measures = cost_measures(results)
    prices = measures[0].price_text(lang)
    table = cost_table(results, lang, costs)
    kpis = kpi_table(results, lang, CONSOLE_KPIS, key="kpis_headline")
    period = kpi_period("entered_1e", results.scenario, lang)
    chart = Chart(RUN_STEMS[lang]["chart"], table, _draw_costs, footnote_text(results, lang),
                  label("chart.yearly_costs.title", lang))
    blocks: list = [intro(results, lang, prices), table, chart, kpis,
                    flow_lines(kpis, results, lang, period)]
    blocks += ceiling_section(results, lang)
    if precision is None and reached is None:
        precision, reached = from_meta(results.meta)
    notes = run_notes(results, precision, reached, lang)
    if notes:
        blocks.append("\n".join(notes))
    data = {"yearly": results.yearly, "kpis": results.kpis}
    if ledger:
        data["ledger"] = results.ledger
    sections = (
        Section("sheet.summary", (meta_table(results, lang, prices),), console=False),
        Section("sheet.summary", tuple(blocks)),
        Section("sheet.yearly", (yearly_table(results, lang),), console=False),
        Section("sheet.taakveld", tuple(taakveld_tables(results, lang, measures)),
                console=False),
        Section("sheet.kpi", (kpi_table(results, lang, code=True),), console=False),
        Section("sheet.flow", (flow, Chart(RUN_STEMS[lang]["flow"], flow, _draw_flow,
                                           footnote_text(results, lang), flow.title)),
                console=False),
        Section("sheet.scenario", (scenario_table(results, lang),), console=False),
    )
    name = results.meta.get("scenario", results.scenario.name)
    return Document("run", lang, sections, data=data, workbook=workbook, keys=RUN_KEYS,
                    title=TEXT[lang]["title"].format(name=name),
                    markdown=RUN_STEMS[lang]["summary"])


def _draw_costs(table, lang, footnote, fig):
    from simfin.report.charts import draw_costs

    return draw_costs(table, lang, footnote, fig)


def _draw_flow(table, lang, footnote, fig):
    from simfin.report.flow_charts import draw_flow

    return draw_flow(table, lang, footnote, fig)
