"""The fan chart of yearly spending against the budget ceiling (median, 50% and 90% bands over
replications, probability of overshoot per year), for a run or one scenario of a business case."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simfin.business.afweging import variant_label
from simfin.business.ceiling import ceiling_per_year, spending
from simfin.report.business_chart_text import _t, case_footnote, wrap_title
from simfin.report.format import eur_axis_formatter, format_share
from simfin.report.labels import check_lang, label
from simfin.report.style import OKABE_ITO, add_footnote, add_footnote_text, council_style, new_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from simfin.business.result import BusinessCase
    from simfin.results import Results

__all__ = ["FAN_QUANTILES", "fan_bands", "mark_axis_break", "plot_ceiling_fan"]

FAN_QUANTILES = (5, 25, 50, 75, 95)  # percentiles over replications

def fan_bands(spent: pd.DataFrame) -> pd.DataFrame:
    """Percentiles 5, 25, 50, 75, 95 of ``spending_eur`` over replications, per year.

    Parameters
    ----------
    spent : DataFrame
        ``replication, year, spending_eur`` (:func:`simfin.business.ceiling.spending`).

    Returns
    -------
    DataFrame
        Index ``year``; columns ``p05, p25, p50, p75, p95`` (euros, linear interpolation).
    """
    rows = {int(year): np.percentile(g["spending_eur"].to_numpy(dtype=float), FAN_QUANTILES)
            for year, g in spent.groupby("year", sort=True)}
    return pd.DataFrame.from_dict(rows, orient="index",
                                  columns=[f"p{q:02d}" for q in FAN_QUANTILES]).rename_axis("year")


def _fan_source(source: Results | BusinessCase, variant: str | None
                ) -> tuple[pd.DataFrame, pd.Series, str]:
    """Spending per replication and year, the ceiling per year and the scenario's name."""
    from simfin.business.result import BusinessCase

    if isinstance(source, BusinessCase):
        name = variant or (source.variants[0] if source.variants else source.null)
        scenario = source.scenarios[name]
        if scenario.ceiling is None:
            raise ValueError(f"scenario {name!r} has no [ceiling] section")
        rows = source.yearly[source.yearly["variant"] == name]
        return spending(rows, scenario), ceiling_per_year(scenario), name
    from simfin.business.run_ceiling import run_spending

    return run_spending(source), ceiling_per_year(source.scenario), source.scenario.name


def _draw_fan(ax: Axes, bands: pd.DataFrame, ceiling: pd.Series, lang: str) -> None:
    years = bands.index.to_numpy()
    colour = OKABE_ITO["blue"]
    ax.fill_between(years, bands["p05"], bands["p95"], color=colour, alpha=0.18, lw=0,
                    label=_t("fan.band90", lang), zorder=1)
    ax.fill_between(years, bands["p25"], bands["p75"], color=colour, alpha=0.38, lw=0,
                    label=_t("fan.band50", lang), zorder=2)
    ax.plot(years, bands["p50"], color=colour, marker="o", ms=3, label=_t("fan.median", lang),
            zorder=3)
    ax.plot(ceiling.index.to_numpy(), ceiling.to_numpy(), color=OKABE_ITO["vermillion"],
            linestyle="--", marker="s", ms=3, label=_t("fan.ceiling", lang), zorder=4)


def _overshoot_ticks(ax: Axes, spent: pd.DataFrame, ceiling: pd.Series, lang: str) -> None:
    """Year ticks with ``kans 35%`` under each year: the share of replications above its ceiling."""
    texts = []
    for year, limit in ceiling.items():
        values = spent.loc[spent["year"] == year, "spending_eur"].to_numpy()
        share = format_share(float(np.mean(values > limit))) if len(values) else "\u2013"
        texts.append(f"{int(year)}\n{_t('fan.p', lang).format(p=share)}")
    ax.set_xticks([int(y) for y in ceiling.index], texts)


def plot_ceiling_fan(source: Results | BusinessCase, variant: str | None = None,
                     ax: Axes | None = None, lang: str = "nl",
                     footnote: bool | None = None) -> Axes:
    """Fan chart of yearly spending against the budget ceiling.

    The spending counted against the ceiling (:mod:`simfin.business.ceiling`: the
    municipalities' costs in ``ceiling.categories``, nominal, indexed as in the business
    case) per replication and year: median line, 50% band (25th-75th percentile) and 90% band
    (5th-95th percentile) over replications; the ceiling per year as a dashed line; under each
    year the probability of overshoot (share of replications above the ceiling).

    Parameters
    ----------
    source : Results or BusinessCase
        A run of a scenario with ``[ceiling]``, or a business case.
    variant : str, optional
        Business case only: the scenario to show (default the first variant).
    ax : Axes, optional
        Draw here; by default a new 16 x 9 cm figure in the council style.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    footnote : bool, optional
        Add scenario, version, replications and seed; default True for a new figure.

    Raises
    ------
    ValueError
        If the scenario has no ``[ceiling]`` section.
    """
    check_lang(lang)
    spent, ceiling, name = _fan_source(source, variant)
    with council_style():
        if ax is None:
            ax = new_figure().add_subplot()
            footnote = True if footnote is None else footnote
        _draw_fan(ax, fan_bands(spent), ceiling, lang)
        _overshoot_ticks(ax, spent, ceiling, lang)
        shown = variant_label(source.scenarios[name] if hasattr(source, "scenarios")
                              else source.scenario)  # a business case, or a run
        ax.set_title(wrap_title(f"{_t('fan.title', lang)}: {shown}"))
        ax.set_xlabel(label("axis.year", lang))
        ax.set_ylabel(_t("fan.y", lang))
        mark_axis_break(ax, lang)
        ax.yaxis.set_major_formatter(eur_axis_formatter())
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title=_t("fan.p_note", lang),
                  title_fontsize=8)
        if footnote:
            _footnote(ax, source, lang, name)
    return ax


def _footnote(ax: Axes, source: Results | BusinessCase, lang: str, name: str) -> None:
    from simfin.business.result import BusinessCase

    if isinstance(source, BusinessCase):
        add_footnote_text(ax.figure, case_footnote(source, lang, name))
    else:
        add_footnote(ax.figure, source, lang)


def mark_axis_break(ax: Axes, lang: str = "nl") -> bool:
    """Say on the value axis when it does not start at € 0 (a fan of spending between € 30 and
    € 32 mln would otherwise look like a large spread); True if it does not. Idempotent."""
    base = _t("fan.y", lang)
    broken = ax.get_ylim()[0] > 0
    ax.set_ylabel(f"{base}\n{_t('wf.not_zero', lang)}" if broken else base)
    return broken
