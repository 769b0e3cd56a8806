"""The payback chart: incidental and structural effects of a variant against the nulalternatief per
year as stacked bars, the cumulative balance as a line and the payback year marked (sign convention
of :mod:`simfin.business.appraisal`: + is a saving)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simfin.business.appraisal import payback_year
from simfin.business.yearly import emergent
from simfin.report.business_chart_text import (
    _GREY,
    _difference,
    _t,
    _variant,
    _year_ticks,
    case_footnote,
    option_name,
    wrap_title,
)
from simfin.report.format import eur_axis_formatter
from simfin.report.labels import check_lang, label
from simfin.report.style import OKABE_ITO, add_footnote_text, council_style, new_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from simfin.business.result import BusinessCase

__all__ = ["plot_transition", "transition_table"]

def transition_table(case: BusinessCase, variant: str | None = None) -> pd.DataFrame:
    """Balance of ``variant`` against the nulalternatief per year, split by cost type.

    Returns
    -------
    DataFrame
        Index ``year``; columns ``incidental`` and ``structural`` (nulalternatief minus
        variant, mean over replications, nominal euros: + is a saving), ``incidental`` split
        into ``incidental_items`` (the hand-entered ``[incidental.<name>]`` items) and
        ``incidental_emergent`` (what the transition on the timeline caused: inhuur, double
        running), ``balance`` (structural + incidental) and ``cumulative`` (running sum of
        ``balance``).
    """
    variant = _variant(case, variant)
    diff = _difference(case, variant, ("year", "cost_type", "item"))
    kind = np.where(diff["cost_type"] == "structural", "structural",
                    np.where(emergent(diff), "incidental_emergent", "incidental_items"))
    table = -diff.assign(kind=kind).pivot_table(index="year", columns="kind",
                                                values="difference_eur", aggfunc="sum",
                                                fill_value=0.0)
    table = table.reindex(columns=["structural", "incidental_items", "incidental_emergent"],
                          fill_value=0.0)
    table.columns.name = None
    table.insert(0, "incidental", table["incidental_items"] + table["incidental_emergent"])
    table["balance"] = table["incidental"] + table["structural"]
    table["cumulative"] = table["balance"].cumsum()
    return table


def _stacked(ax: Axes, table: pd.DataFrame, lang: str) -> None:
    years = table.index.to_numpy()
    up, down = np.zeros(len(years)), np.zeros(len(years))
    parts = [("structural", OKABE_ITO["bluish_green"]),
             ("incidental_items", OKABE_ITO["vermillion"]),
             ("incidental_emergent", OKABE_ITO["reddish_purple"])]
    emergent = bool(table["incidental_emergent"].abs().gt(0.005).any())
    for column, colour in parts:
        if column == "incidental_emergent" and not emergent:
            continue
        key = "incidental" if column == "incidental_items" and not emergent else column
        values = table[column].to_numpy(dtype=float)
        ax.bar(years, values, bottom=np.where(values >= 0, up, down), width=0.6, color=colour,
               label=_t(f"tr.{key}", lang), zorder=2)
        up, down = up + np.clip(values, 0, None), down + np.clip(values, None, 0)


def _mark_payback(ax: Axes, table: pd.DataFrame, lang: str) -> None:
    year = payback_year(table.index.to_numpy(), table["cumulative"].to_numpy())
    if np.isnan(year):
        text = _t("tr.no_payback", lang).format(year=int(table.index.max()))
        # beside the plot, under the legend: never on top of a bar or the cumulative line
        ax.annotate(text, (1.03, 0.0), xycoords="axes fraction", ha="left", va="bottom",
                    fontsize=8, color=_GREY)
        return
    value = float(table.at[int(year), "cumulative"])
    ax.axvline(year, color=_GREY, linestyle=":", linewidth=1.0, zorder=1)
    ax.plot([year], [value], marker="*", ms=11, color=OKABE_ITO["black"], zorder=5,
            label=_t("tr.payback", lang).format(year=int(year)))


def plot_transition(case: BusinessCase, variant: str | None = None, ax: Axes | None = None,
                    lang: str = "nl", footnote: bool | None = None) -> Axes:
    """Incidental versus structural effects per year, cumulative balance and payback year.

    Bars: per year the balance against the nulalternatief (:func:`transition_table`, + is a
    saving), stacked by cost type: the structural balance and the incidental costs
    (negative), the hand-entered items apart from what the transition on the timeline
    caused (inhuur, double running) when there is any.
    Line: the cumulative balance. Star and dotted line: the payback year (first year from
    which the cumulative balance stays at or above zero, :func:`simfin.business.appraisal.
    payback_year` on the mean balance), or a note when it is not paid back in the horizon.

    Parameters
    ----------
    case : BusinessCase
    variant : str, optional
        Default the first variant.
    ax, lang, footnote
        As :func:`plot_ceiling_fan`.
    """
    check_lang(lang)
    variant = _variant(case, variant)
    table = transition_table(case, variant)
    with council_style():
        if ax is None:
            ax = new_figure().add_subplot()
            footnote = True if footnote is None else footnote
        _stacked(ax, table, lang)
        ax.plot(table.index.to_numpy(), table["cumulative"].to_numpy(), color=OKABE_ITO["black"],
                marker="o", ms=3, label=_t("tr.cumulative", lang), zorder=4)
        ax.axhline(0, color=_GREY, linewidth=0.8, zorder=1)
        # room above the highest and below the lowest bar (the zero-height bars stacked on
        # top would otherwise pin the axis to the bar's top as a sticky edge)
        ax.use_sticky_edges = False
        ax.margins(y=0.06)
        _mark_payback(ax, table, lang)
        ax.set_title(wrap_title(_t("tr.title", lang).format(variant=option_name(case, variant))))
        ax.set_xlabel(label("axis.year", lang))
        ax.set_ylabel(_t("tr.y", lang))
        _year_ticks(ax, table.index)
        ax.yaxis.set_major_formatter(eur_axis_formatter())
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        if footnote:
            add_footnote_text(ax.figure, case_footnote(case, lang, f"{case.null} \u2192 {variant}"))
    return ax
