"""The chart panel of ``simfin compare``, drawn from the side-by-side table of its document
(:func:`simfin.report.build_compare.build_compare`): one 2 x 2 panel in the council style,
municipal spending and provider margin (mean with 90% interval), specialist waiting list,
admin hours. It reads every number from that table, so it draws what the table prints.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.ticker import MaxNLocator

from simfin.report.axes import number_formatter
from simfin.report.format import eur_axis_formatter
from simfin.report.labels import label
from simfin.report.model import cell, columns_of, finite
from simfin.report.style import (
    NEUTRAL_COLOUR,
    OKABE_ITO,
    PARTY_COLOURS,
    add_footnote_text,
    council_style,
    new_figure,
)
from simfin.report.tables import Table

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["PANEL_CM", "draw_comparison"]

PANEL_CM = (16.0, 11.0)


def _row(table: Table, key: str, stat: str = "mean") -> np.ndarray:
    """The numbers of measure ``key`` per scenario column of the side-by-side table."""
    return np.array([finite(cell(table, key, c, stat)) for c in columns_of(table)], dtype=float)


def _interval_bars(ax: Axes, table: Table, indicator: str, colour: str, lang: str) -> None:
    """Horizontal bars of the mean with the 90% interval as error bars (euros)."""
    key = f"cmp.{indicator}"
    mean = _row(table, key)
    y = np.arange(len(mean))
    low = np.clip(mean - _row(table, key, "p05"), 0, None)
    high = np.clip(_row(table, key, "p95") - mean, 0, None)
    ax.barh(y, mean, color=colour, height=0.6, zorder=2)
    ax.errorbar(mean, y, xerr=[np.nan_to_num(low), np.nan_to_num(high)], fmt="none",
                ecolor=OKABE_ITO["black"], elinewidth=1.0, zorder=3,
                label=label("legend.interval", lang))
    ax.axvline(0, color="#595959", linewidth=0.6)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=3))
    ax.xaxis.set_major_formatter(eur_axis_formatter())


def _admin_bars(ax: Axes, table: Table, lang: str) -> None:
    municipality = _row(table, "cmp.admin_hours_municipality")
    provider = _row(table, "cmp.admin_hours_provider")
    y = np.arange(len(municipality))
    ax.barh(y, municipality, height=0.6, color=PARTY_COLOURS["municipality"], label=label(
        "municipality", lang), zorder=2)
    ax.barh(y, provider, left=municipality, height=0.6, color=PARTY_COLOURS["provider"],
            label=label("provider", lang), zorder=2)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))


def _panels(axes: np.ndarray, table: Table, lang: str) -> None:
    (spend, margin), (waiting, admin) = axes
    _interval_bars(spend, table, "spending_eur", PARTY_COLOURS["municipality"], lang)
    # the provider's margin in the provider's colour: the legend names that colour "Aanbieder"
    _interval_bars(margin, table, "provider_margin_eur", PARTY_COLOURS["provider"], lang)
    names = columns_of(table)
    waiting.barh(np.arange(len(names)), _row(table, "cmp.waiting_list_mean"), height=0.6,
                 color=NEUTRAL_COLOUR, zorder=2)
    _admin_bars(admin, table, lang)
    for ax in (waiting, admin):
        ax.xaxis.set_major_formatter(number_formatter())
    # the panel titles are the table's row headers (with unit and price level), so the chart
    # names its figures exactly as the table next to it does
    heads = table.frame.iloc[:, 0].tolist()
    measures = table.units[names[0]]
    titles = [heads[next(i for i, m in enumerate(measures) if getattr(m, "key", "") == key
                         and m.stat == "mean")]
              for key in ("cmp.spending_eur", "cmp.provider_margin_eur", "cmp.waiting_list_mean")]
    titles.append(label("chart.compare.admin", lang))
    for ax, title in zip(axes.flat, titles, strict=True):
        ax.set_title(textwrap.fill(title, 34), loc="left", fontsize=8.5)
        ax.grid(axis="x", color="#D9D9D9", linewidth=0.6)
        ax.grid(axis="y", visible=False)
    spend.set_yticks(np.arange(len(names)), names)
    spend.invert_yaxis()  # first scenario on top; the y-axis is shared by all four panels


def _legend(fig: Figure, axes: np.ndarray, title: str) -> None:
    """The panel's title and one legend above the charts: interval, municipality, provider.

    The title is the legend's title: a constrained layout then makes room for both.
    """
    handles, texts = [], []
    for ax in (axes[0, 0], axes[1, 1]):
        h, t = ax.get_legend_handles_labels()
        handles, texts = handles + h, texts + t
    fig.legend(handles, texts, loc="outside upper center", ncols=len(handles), title=title,
               title_fontproperties={"weight": "bold", "size": 10})


def draw_comparison(table: Table, lang: str = "nl", footnote: str = "",
                    fig: Figure | None = None) -> Figure:
    """The chart panel drawn from the side-by-side table of the compare document (its numbers,
    its scenario columns, its row headers as panel titles)."""
    with council_style():
        fig = new_figure(*PANEL_CM, pyplot=False) if fig is None else fig
        axes = fig.subplots(2, 2, sharey=True, squeeze=False)
        _panels(axes, table, lang)
        _legend(fig, axes, label("chart.compare.title", lang))
        if footnote:
            add_footnote_text(fig, footnote)
    return fig
