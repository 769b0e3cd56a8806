"""Reports of a run for council documents: nl-NL formatting, charts, xlsx and summaries.

Dutch by default (``lang="nl"``), English with ``lang="en"``::

    from simfin.report import plot_yearly_costs, save_figure, summary_text, write_workbook
    ax = plot_yearly_costs(results)
    save_figure(ax.figure, "out/kosten")          # out/kosten.png and out/kosten.svg
    write_workbook(results, "out/simfin.xlsx")
    Path("out/samenvatting.md").write_text(summary_text(results), encoding="utf-8")
"""

from simfin.report.charts import plot_yearly_costs, save_figure
from simfin.report.format import (eur_formatter, format_eur, format_eur_millions,
                                  format_number, format_share, format_value)
from simfin.report.labels import label
from simfin.report.style import add_footnote, council_style, new_figure
from simfin.report.summary import console_table, summary_text
from simfin.report.xlsx import write_workbook

__all__ = [
    "add_footnote",
    "console_table",
    "council_style",
    "eur_formatter",
    "format_eur",
    "format_eur_millions",
    "format_number",
    "format_share",
    "format_value",
    "label",
    "new_figure",
    "plot_yearly_costs",
    "save_figure",
    "summary_text",
    "write_workbook",
]
