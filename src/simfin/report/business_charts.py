"""Business-case charts for council documents: ceiling fan, payback, waterfall.

* :func:`plot_ceiling_fan`: yearly spending against the budget ceiling as a fan chart (median,
  50% and 90% bands over replications) with the probability of overshoot per year; for a
  run (:class:`~simfin.results.Results` of a scenario with ``[ceiling]``) or for one scenario
  of a :class:`~simfin.business.result.BusinessCase`.
* :func:`plot_transition`: incidental and structural effects of a variant against the
  nulalternatief per year as stacked bars, the cumulative balance as a line and the payback
  year marked (sign convention of :mod:`simfin.business.appraisal`: + is a saving).
* :func:`plot_waterfall`: from the nulalternatief's total cost over the horizon to the
  variant's, one step per cost type and category.
* :func:`write_business_charts`: all of them as PNG (300 dpi) and SVG.

Amounts are nominal euros, means over replications unless a band says otherwise.
"""


from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from simfin.report.business_chart_text import (
    CHART_STEMS,
    _axes,
    case_footnote,
    waterfall_height_cm,
)
from simfin.report.fan_chart import fan_bands, mark_axis_break, plot_ceiling_fan
from simfin.report.labels import check_lang
from simfin.report.payback_chart import plot_transition, transition_table
from simfin.report.waterfall_chart import plot_waterfall, waterfall_steps

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from simfin.business.result import BusinessCase

__all__ = ["CHART_STEMS", "case_footnote", "fan_axes", "fan_bands", "plot_ceiling_fan", "plot_transition",
           "plot_waterfall", "transition_table", "waterfall_height_cm", "waterfall_steps",
           "write_business_charts"]


def write_business_charts(case: BusinessCase, out: str | Path, lang: str = "nl") -> list[Path]:
    """Write the business-case charts as PNG and SVG into ``out``; returns the paths.

    Per variant ``terugverdienen_<variant>``, ``waterval_<variant>`` and, with drivers,
    ``oorzaken_<variant>`` (English: ``payback_``, ``waterfall_``, ``drivers_``); per scenario with a ``[ceiling]`` (the nulalternatief
    included) ``plafond_<scenario>`` (``ceiling_``).
    """
    from simfin.report.charts import save_figure

    check_lang(lang)
    out, stems = Path(out), CHART_STEMS[lang]
    written: list[Path] = []
    for variant in case.variants:
        ax = plot_transition(case, variant, ax=_axes(), lang=lang, footnote=True)
        written += save_figure(ax.figure, out / f"{stems['transition']}_{variant}")
        height = waterfall_height_cm(waterfall_steps(case, variant))
        ax = plot_waterfall(case, variant, ax=_axes(height), lang=lang, footnote=True)
        written += save_figure(ax.figure, out / f"{stems['waterfall']}_{variant}")
        if not case.drivers.empty:
            from simfin.report.business_drivers import plot_drivers

            ax = plot_drivers(case, variant, ax=_axes(9.5), lang=lang, footnote=True)
            written += save_figure(ax.figure, out / f"{stems['drivers']}_{variant}")
    for name, ax in fan_axes(case, lang).items():
        written += save_figure(ax.figure, out / f"{stems['fan']}_{name}")
    return written


def fan_axes(case: BusinessCase, lang: str = "nl") -> dict[str, Axes]:
    """The ceiling fan of every option with a ``[ceiling]``, on one shared value axis (the
    panels are compared side by side: one scale, the union of their ranges), each with the
    break note when that axis does not start at € 0."""
    axes = {name: plot_ceiling_fan(case, name, ax=_axes(), lang=lang, footnote=True)
            for name, scenario in case.scenarios.items() if scenario.ceiling is not None}
    if axes:
        low = min(ax.get_ylim()[0] for ax in axes.values())
        high = max(ax.get_ylim()[1] for ax in axes.values())
        for ax in axes.values():
            ax.set_ylim(low, high)
            mark_axis_break(ax, lang)
    return axes
