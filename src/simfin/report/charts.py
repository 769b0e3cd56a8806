"""Charts for council documents: yearly municipality costs, saved as PNG and SVG.

Amounts are euros at the scenario's price level (not indexed), as in
:mod:`simfin.finance.table`; the axis names it ("prijspeil 2024").
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simfin.atomic import atomic_path
from simfin.report.format import eur_axis_formatter
from simfin.report.run_costs import COST_ORDER
from simfin.report.labels import check_lang, label
from simfin.report.style import CATEGORY_COLOURS, PALETTE, add_footnote, council_style, new_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from simfin.report.tables import Table
    from simfin.results import Results

__all__ = ["COST_CATEGORIES", "draw_cost_table", "draw_costs", "plot_yearly_costs", "save_figure"]

COST_CATEGORIES = COST_ORDER  # stacking order: the rows' order of cost_frame
PNG_DPI = 300
_IMAGE_SUFFIXES = {".png", ".svg", ".pdf"}


def _table_columns(table: Table) -> pd.DataFrame:
    """``year, category, mean, p05, p95`` read from the cost table (category labels)."""
    from simfin.report.model import cell

    frame = table.frame
    year, category = frame.columns[:2]
    data = pd.DataFrame({"year": frame[year].to_numpy(), "category": frame[category].to_numpy(),
                         **{s: cell(table, f"col.{s}", stat=s) for s in ("mean", "p05", "p95")}})
    return data


def _category_means(data: pd.DataFrame, total: str) -> pd.DataFrame:
    """Mean costs as a year x category table (euros), categories in the table's row order."""
    rows = data[data["category"] != total]
    means = rows.pivot(index="year", columns="category", values="mean").fillna(0.0)
    return means[list(dict.fromkeys(rows["category"]))]


def _stack_bars(ax: Axes, means: pd.DataFrame, colours: dict[str, str]) -> None:
    """Stacked bars; positive and negative amounts stack away from zero separately."""
    years = means.index.to_numpy()
    up, down = np.zeros(len(years)), np.zeros(len(years))
    for i, category in enumerate(means.columns):
        values = means[category].to_numpy(dtype=float)
        bottom = np.where(values >= 0, up, down)
        colour = colours.get(category, PALETTE[i % len(PALETTE)])
        ax.bar(years, values, bottom=bottom, width=0.6, color=colour, label=category, zorder=2)
        up, down = up + np.clip(values, 0, None), down + np.clip(values, None, 0)


def _total_interval(ax: Axes, data: pd.DataFrame, total_label: str, lang: str) -> None:
    """Error bars from the 5th to the 95th percentile of the yearly total (euros)."""
    total = data[data["category"] == total_label].set_index("year").sort_index()
    low = np.clip(total["mean"] - total["p05"], 0, None)
    high = np.clip(total["p95"] - total["mean"], 0, None)
    ax.errorbar(total.index.to_numpy(), total["mean"], yerr=[low, high], fmt="none",
                ecolor=CATEGORY_COLOURS["total"], elinewidth=1.0,
                label=label("legend.interval_total", lang), zorder=3)


def _decorate(ax: Axes, years: np.ndarray, n_stacked: int, lang: str, prices: str) -> None:
    ax.set_title(label("chart.yearly_costs.title", lang))
    ax.set_xlabel(label("axis.year", lang))
    ax.set_ylabel(label("axis.costs_eur", lang).format(prices=prices))
    ax.set_xticks(years, [str(int(y)) for y in years])  # no thousands separator in years
    ax.yaxis.set_major_formatter(eur_axis_formatter())  # "€ 40 mln", decimals only if needed
    handles, texts = ax.get_legend_handles_labels()
    order = [*range(n_stacked - 1, -1, -1), *range(n_stacked, len(handles))]  # as stacked
    ax.legend([handles[i] for i in order], [texts[i] for i in order], loc="upper left",
              bbox_to_anchor=(1.01, 1.0))


def draw_cost_table(ax: Axes, table: Table, lang: str) -> Axes:
    """Draw the run document's cost table (:func:`simfin.report.run_tables.cost_table`) on
    ``ax``: stacked category means per year, whiskers over the total's 90% interval; the
    axis names the price level of the table's measures."""
    from simfin.report.model import measures

    data = _table_columns(table)
    if data.empty:
        raise ValueError("no municipality costs to plot: results.yearly has no rows for "
                         "party 'municipality'")
    total = label("total", lang)
    colours = {label(c, lang): colour for c, colour in CATEGORY_COLOURS.items()}
    with council_style():
        means = _category_means(data, total)
        _stack_bars(ax, means, colours)
        _total_interval(ax, data, total, lang)
        _decorate(ax, means.index.to_numpy(), len(means.columns), lang,
                  measures(table)[0].price_text(lang))
    return ax


def draw_costs(table: Table, lang: str, footnote: str = "", fig: Figure | None = None) -> Figure:
    """The cost chart of a run document (a :class:`~simfin.report.model.Chart`'s draw)."""
    from simfin.report.style import add_footnote_text

    with council_style():
        fig = fig if fig is not None else new_figure(pyplot=False)
        draw_cost_table(fig.add_subplot(), table, lang)
        if footnote:
            add_footnote_text(fig, footnote)
    return fig


def plot_yearly_costs(results: Results, ax: Axes | None = None, lang: str = "nl",
                      footnote: bool | None = None, costs: pd.DataFrame | None = None) -> Axes:
    """Stacked bars of the mean municipality costs per year by category.

    The bars are the means over replications (euros at the scenario's price level, not
    indexed: the business case indexes) of ``access_team``, ``specialist_care`` and
    ``admin`` (any other category is stacked on top); the error bars show the 90% interval
    (5th-95th percentile) of the yearly total. Drawn from the cost table of the run document
    (:func:`simfin.report.run_tables.cost_table`), the one the console and workbook print.

    Parameters
    ----------
    results : Results
        A run; uses :meth:`Results.yearly_summary`.
    ax : Axes, optional
        Draw here; by default a new 16 x 9 cm figure in the council style.
    lang : str
        ``"nl"`` (default) or ``"en"`` for title, axis labels and legend.
    footnote : bool, optional
        Add scenario, version, replications and seed under the figure. Default: True for
        a new figure, False when ``ax`` is given (call :func:`add_footnote` yourself).
    costs : DataFrame, optional
        :func:`~simfin.report.run_costs.cost_frame` of ``results`` when the caller built it
        already.

    Returns
    -------
    Axes
        The axes drawn on; ``ax.figure`` is the figure to save with :func:`save_figure`.
    """
    from simfin.report.run_tables import cost_table

    check_lang(lang)
    table = cost_table(results, lang, costs)
    with council_style():
        if ax is None:
            ax = new_figure().add_subplot()
            footnote = True if footnote is None else footnote
        draw_cost_table(ax, table, lang)
        if footnote:
            add_footnote(ax.figure, results, lang)
    return ax


def _base_path(path: str | Path) -> Path:
    """``path`` without an image suffix (``kosten.png`` -> ``kosten``; ``v1.2`` stays)."""
    path = Path(path)
    return path.with_suffix("") if path.suffix.lower() in _IMAGE_SUFFIXES else path


def save_figure(fig: Figure, path_without_suffix: str | Path) -> list[Path]:
    """Write ``fig`` as PNG (300 dpi) and SVG, each atomically.

    Parameters
    ----------
    fig : Figure
        The figure, e.g. ``plot_yearly_costs(results).figure``.
    path_without_suffix : str or Path
        Target without suffix: ``out/kosten`` writes ``out/kosten.png`` and
        ``out/kosten.svg`` (a trailing ``.png``/``.svg`` is dropped). Missing directories
        are created.

    Returns
    -------
    list of Path
        The PNG and SVG paths.
    """
    base = _base_path(path_without_suffix)
    written = []
    with council_style():
        for fmt, options in (("png", {"dpi": PNG_DPI}), ("svg", {"metadata": {"Date": None}})):
            target = base.parent / f"{base.name}.{fmt}"
            with atomic_path(target) as tmp:
                fig.savefig(tmp, format=fmt, **options)
            written.append(target)
    return written
