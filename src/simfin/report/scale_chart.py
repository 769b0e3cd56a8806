"""Scale curve: cost per inhabitant and intake waiting time against population size."""

from __future__ import annotations

import pandas as pd

from simfin.report.axes import from_zero, number_formatter
from simfin.report.format import eur_axis_formatter, format_number
from simfin.report.labels import check_lang, label
from simfin.report.style import PALETTE, add_footnote_text, council_style, new_figure
from simfin.report.tables import price_level, scenario_label

__all__ = ["plot_scale_curve"]

_TEXT = {
    "title": ("Schaal: kosten per inwoner en wachttijd", "Scale: cost per inhabitant and waiting"),
    "x": ("Inwoners", "Inhabitants"),
    "cost": ("Kosten per inwoner\n(€ per jaar)", "Cost per inhabitant\n(€ a year)"),
    "wait": ("Wachttijd intake\np95 (dagen)", "Intake wait\np95 (days)"),
    "interval": ("90%-interval", "90% interval"),
}


def _t(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "nl" else 1]


def plot_scale_curve(sweep: pd.DataFrame, lang: str = "nl", marks=(95_000, 100_000),
                     footnote: str | None = None, scenario=None):
    """Two panels over population (from :func:`simfin.scale.scale_sweep`); returns the Figure.

    Both value axes start at 0 (no cut-off axis), every tick is written nl-NL (inhabitants
    as "40.000", days as "2,5").

    Parameters
    ----------
    sweep : DataFrame
        :func:`simfin.scale.scale_sweep`.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    marks : sequence of int
        Population sizes to mark (default 95,000 and 100,000).
    footnote : str, optional
        Text under the figure, e.g. :func:`simfin.report.style.footnote_line` with the
        scenario, version, replications and seed of the sweep.
    scenario : Scenario, optional
        The swept scenario: its label goes into the title and its price level into the
        cost axis label.
    """
    check_lang(lang)
    with council_style():
        fig = new_figure(16, 11, pyplot=False)
        cost_ax, wait_ax = fig.subplots(2, 1, sharex=True)
        x = sweep["inhabitants"]
        cost_ax.plot(x, sweep["cost_per_inhabitant_eur"], marker="o", color=PALETTE[0])
        cost_ax.fill_between(x, sweep["cost_per_inhabitant_p05_eur"],
                             sweep["cost_per_inhabitant_p95_eur"], color=PALETTE[0],
                             alpha=0.2, label=_t("interval", lang))
        wait_ax.plot(x, sweep["intake_wait_p95_days"], marker="o", color=PALETTE[1])
        cost = _t("cost", lang)
        if scenario is not None:
            cost = cost[:-1] + f", {price_level(scenario, lang)})"
        cost_ax.set_ylabel(cost)
        cost_ax.yaxis.set_major_formatter(eur_axis_formatter())
        wait_ax.set_ylabel(_t("wait", lang))
        wait_ax.yaxis.set_major_formatter(number_formatter())
        wait_ax.xaxis.set_major_formatter(number_formatter())
        wait_ax.set_xlabel(_t("x", lang))
        title = _t("title", lang)
        cost_ax.set_title(title if scenario is None else f"{title}: {scenario_label(scenario)}")
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


def scale_label(key: str, lang: str = "nl") -> str:
    """Column labels of the scale table (falls back to the shared labels)."""
    names = {"cost_per_inhabitant_eur": _TEXT["cost"], "intake_wait_p95_days": _TEXT["wait"]}
    text = names[key][0 if lang == "nl" else 1] if key in names else label(key, lang)
    return text.replace("\n", " ")
