"""Reports of a run for council documents: nl-NL formatting, charts, xlsx and summaries.

Dutch by default (``lang="nl"``), English with ``lang="en"``::

    from simfin.report import plot_yearly_costs, save_figure, summary_text, write_workbook
    ax = plot_yearly_costs(results)
    save_figure(ax.figure, "out/kosten")          # out/kosten.png and out/kosten.svg
    write_workbook(results, "out/simfin.xlsx")
    Path("out/samenvatting.md").write_text(summary_text(results), encoding="utf-8")

The chart set (each ``plot_*(..., ax=None, lang="nl")``): :func:`plot_yearly_costs`,
:func:`plot_flow`, :func:`plot_intake_waits`, :func:`plot_ceiling_fan` (a run or a business
case), :func:`plot_transition` and :func:`plot_waterfall` (a business case),
:func:`plot_scale_curve` (a scale sweep), :func:`plot_comparison` (a comparison), and in
:mod:`simfin.report.sensitivity` ``plot_tornado`` and ``plot_ceiling_curve`` (a sweep).
"""

from simfin.report.business_charts import plot_ceiling_fan, plot_transition, plot_waterfall
from simfin.report.charts import plot_yearly_costs, save_figure
from simfin.report.build_compare import plot_comparison
from simfin.report.flow_charts import plot_flow, plot_intake_waits
from simfin.report.format import (
                                  eur_axis_formatter,
                                  eur_formatter,
                                  format_eur,
                                  format_eur_millions,
                                  format_number,
                                  format_share,
                                  format_value,
)
from simfin.report.labels import label
from simfin.report.names import provider_label, provider_labels
from simfin.report.scale_chart import plot_scale_curve
from simfin.report.style import (
                                  add_footnote,
                                  add_footnote_text,
                                  council_style,
                                  footnote_line,
                                  new_figure,
)
from simfin.report.summary import console_table, summary_text
from simfin.report.tables import Table, styled
from simfin.report.xlsx import write_workbook

__all__ = [
    "Table",
    "add_footnote",
    "add_footnote_text",
    "console_table",
    "council_style",
    "eur_axis_formatter",
    "eur_formatter",
    "footnote_line",
    "format_eur",
    "format_eur_millions",
    "format_number",
    "format_share",
    "format_value",
    "label",
    "new_figure",
    "plot_ceiling_fan",
    "plot_comparison",
    "plot_flow",
    "plot_intake_waits",
    "plot_scale_curve",
    "plot_transition",
    "plot_waterfall",
    "plot_yearly_costs",
    "provider_label",
    "provider_labels",
    "save_figure",
    "styled",
    "summary_text",
    "write_workbook",
]
