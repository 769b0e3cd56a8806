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
from simfin.report.run_costs import COST_ORDER, cost_frame
from simfin.report.labels import check_lang, label
from simfin.report.style import CATEGORY_COLOURS, PALETTE, add_footnote, council_style, new_figure
from simfin.report.tables import price_level

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from simfin.results import Results

__all__ = ["COST_CATEGORIES", "plot_yearly_costs", "save_figure"]

COST_CATEGORIES = COST_ORDER  # stacking order: the rows' order of cost_frame
PNG_DPI = 300
_IMAGE_SUFFIXES = {".png", ".svg", ".pdf"}


def _category_means(summary: pd.DataFrame) -> pd.DataFrame:
    """Mean costs as a year x category table (euros), categories in the rows' order (that of
    :func:`~simfin.report.run_costs.cost_frame`: the console's and the workbook's)."""
    rows = summary[summary["category"] != "total"]
    means = rows.pivot(index="year", columns="category", values="mean").fillna(0.0)
    return means[list(dict.fromkeys(rows["category"]))]


def _stack_bars(ax: Axes, means: pd.DataFrame, lang: str) -> None:
    """Stacked bars; positive and negative amounts stack away from zero separately."""
    years = means.index.to_numpy()
    up, down = np.zeros(len(years)), np.zeros(len(years))
    for i, category in enumerate(means.columns):
        values = means[category].to_numpy(dtype=float)
        bottom = np.where(values >= 0, up, down)
        colour = CATEGORY_COLOURS.get(category, PALETTE[i % len(PALETTE)])
        ax.bar(years, values, bottom=bottom, width=0.6, color=colour,
               label=label(category, lang), zorder=2)
        up, down = up + np.clip(values, 0, None), down + np.clip(values, None, 0)


def _total_interval(ax: Axes, summary: pd.DataFrame, lang: str) -> None:
    """Error bars from the 5th to the 95th percentile of the yearly total (euros)."""
    total = summary[summary["category"] == "total"].set_index("year").sort_index()
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


def plot_yearly_costs(results: Results, ax: Axes | None = None, lang: str = "nl",
                      footnote: bool | None = None, costs: pd.DataFrame | None = None) -> Axes:
    """Stacked bars of the mean municipality costs per year by category.

    The bars are the means over replications (euros at the scenario's price level, not
    indexed: the business case indexes) of ``access_team``, ``specialist_care`` and
    ``admin`` (any other category is stacked on top); the error bars show the 90% interval
    (5th-95th percentile) of the yearly total.

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
        already: the chart then draws the very numbers the console and workbook show.

    Returns
    -------
    Axes
        The axes drawn on; ``ax.figure`` is the figure to save with :func:`save_figure`.
    """
    check_lang(lang)
    summary = cost_frame(results) if costs is None else costs
    if summary.empty:
        raise ValueError("no municipality costs to plot: results.yearly has no rows for "
                         "party 'municipality'")
    with council_style():
        if ax is None:
            ax = new_figure().add_subplot()
            footnote = True if footnote is None else footnote
        means = _category_means(summary)
        _stack_bars(ax, means, lang)
        _total_interval(ax, summary, lang)
        _decorate(ax, means.index.to_numpy(), len(means.columns), lang,
                  price_level(results.scenario, lang))
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
