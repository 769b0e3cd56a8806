"""Drawing the scale curve (cost per inhabitant and intake waiting time against population
size) from the table of the scale document (:func:`simfin.report.build_scale.build_scale`): the same
numbers and the same headers as the console and the workbook."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from simfin.report.axes import from_zero, number_formatter
from simfin.report.format import eur_axis_formatter, format_number
from simfin.report.model import Measure, cell
from simfin.report.style import PALETTE, add_footnote_text, council_style, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from simfin.report.tables import Table

__all__ = ["draw_scale"]


def _head(table: Table, key: str) -> str:
    """The table's header of measure ``key``, wrapped for an axis label."""
    head = next(h for h, m in table.units.items() if isinstance(m, Measure) and m.key == key)
    return textwrap.fill(str(head), 26)


def draw_scale(table: Table, lang: str = "nl", footnote: str = "", fig: Figure | None = None,
               *, marks: Sequence[int] = (95_000, 100_000), title: str = "",
               interval: str = "") -> Figure:
    """Two panels over population; returns the Figure.

    Both value axes start at 0 (no cut-off axis), every tick is written nl-NL (inhabitants
    as "40.000", days as "2,5"); the axis labels are the table's headers (unit, price level).
    ``marks`` are population sizes drawn as dashed lines.
    """
    with council_style():
        fig = new_figure(16, 11, pyplot=False) if fig is None else fig
        cost_ax, wait_ax = fig.subplots(2, 1, sharex=True)
        x = cell(table, "col.inhabitants")
        cost_ax.plot(x, cell(table, "col.cost_per_inhabitant_eur"), marker="o",
                     color=PALETTE[0])
        cost_ax.fill_between(x, cell(table, "col.cost_per_inhabitant_p05_eur"),
                             cell(table, "col.cost_per_inhabitant_p95_eur"), color=PALETTE[0],
                             alpha=0.2, label=interval)
        wait_ax.plot(x, cell(table, "col.intake_wait_p95_days"), marker="o", color=PALETTE[1])
        cost_ax.set_ylabel(_head(table, "col.cost_per_inhabitant_eur"))
        cost_ax.yaxis.set_major_formatter(eur_axis_formatter())
        wait_ax.set_ylabel(_head(table, "col.intake_wait_p95_days"))
        wait_ax.yaxis.set_major_formatter(number_formatter())
        wait_ax.xaxis.set_major_formatter(number_formatter())
        wait_ax.set_xlabel(_head(table, "col.inhabitants"))
        cost_ax.set_title(title)
        for ax in (cost_ax, wait_ax):
            for mark in marks:
                ax.axvline(mark, color="grey", linestyle="--", linewidth=0.8)
            from_zero(ax, "y")
        for mark in marks:
            cost_ax.annotate(format_number(mark), (mark, 0.02),
                             xycoords=("data", "axes fraction"), rotation=90,
                             va="bottom", ha="right", fontsize=8)
        cost_ax.legend(loc="lower right")
        if footnote:
            add_footnote_text(fig, footnote)
    return fig
