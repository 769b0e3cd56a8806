"""The waterfall from the nulalternatief's total cost over the horizon to a variant's, one step per
cost type and category."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from simfin.report.business_chart_text import (
    _GREY,
    _difference,
    _t,
    _variant,
    _years_text,
    case_footnote,
    option_name,
    wrap_title,
    waterfall_height_cm,
)
from simfin.report.format import eur_axis_formatter, format_eur, format_eur_millions
from simfin.report.labels import check_lang, label
from simfin.report.style import OKABE_ITO, add_footnote_text, council_style, new_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from simfin.business.result import BusinessCase

__all__ = ["MIN_STEP_EUR", "plot_waterfall", "waterfall_steps"]

MIN_STEP_EUR = 0.5  # waterfall steps that round to € 0 are left out

def waterfall_steps(case: BusinessCase, variant: str | None = None,
                    per_year: bool = False) -> pd.DataFrame:
    """The steps of the waterfall from the nulalternatief to ``variant``.

    Parameters
    ----------
    case : BusinessCase
    variant : str, optional
        Default the first variant.
    per_year : bool
        False: totals over the reported years; True: their mean per year.

    Returns
    -------
    DataFrame
        One row per bar, top to bottom: ``kind`` ("null", "step" or "variant"),
        ``cost_type``, ``category``, ``amount_eur`` (the total, or the step: variant minus
        nulalternatief, mean over replications, nominal), ``start_eur`` and ``end_eur`` (where
        the bar begins and ends). Steps are structural first, then incidental, each by size;
        steps that round to € 0 are left out. The steps sum to the variant's total minus the
        nulalternatief's.
    """
    variant = _variant(case, variant)
    diff = _difference(case, variant, ("cost_type", "category"))
    scale = 1.0 / len(case.yearly["year"].unique()) if per_year else 1.0
    diff = diff.assign(amount_eur=diff["difference_eur"] * scale)
    diff = diff[diff["amount_eur"].abs() >= MIN_STEP_EUR]
    order = diff.assign(_type=(diff["cost_type"] != "structural").astype(int),
                        _size=-diff["amount_eur"].abs())
    steps = order.sort_values(["_type", "_size"], kind="stable")
    means = case.yearly_means(("year",))
    null_total = float(means.loc[means["variant"] == case.null, "nominal_eur"].sum()) * scale
    ends = null_total + steps["amount_eur"].cumsum().to_numpy()
    rows = [("null", "", case.null, null_total, 0.0, null_total)]
    starts = np.concatenate([[null_total], ends])[:-1]  # no steps: an identical variant
    rows += [("step", r.cost_type, r.category, r.amount_eur, s, e)
             for r, s, e in zip(steps.itertuples(index=False), starts, ends, strict=True)]
    variant_total = null_total + float(steps["amount_eur"].sum())
    rows.append(("variant", "", variant, variant_total, 0.0, variant_total))
    return pd.DataFrame(rows, columns=["kind", "cost_type", "category", "amount_eur",
                                       "start_eur", "end_eur"])


def _amount_text(value: float, millions: bool, signed: bool) -> str:
    text = format_eur_millions(value) if millions else format_eur(value)
    if signed and value > 0:
        text = text.replace("€ ", "€ +", 1)
    return text


def _step_label(row, lang: str, names: dict[str, str] | None = None) -> str:
    if row.kind != "step":
        return (names or {}).get(row.category, row.category)
    name = label(row.category, lang)
    return _t("wf.incidental", lang).format(name=name) if row.cost_type == "incidental" else name


def _draw_waterfall(ax: Axes, steps: pd.DataFrame, lang: str,
                    names: dict[str, str] | None = None) -> None:
    y = np.arange(len(steps))[::-1]
    width = (steps["end_eur"] - steps["start_eur"]).to_numpy()
    colours = [OKABE_ITO["blue"] if k != "step" else
               OKABE_ITO["vermillion"] if a > 0 else OKABE_ITO["bluish_green"]
               for k, a in zip(steps["kind"], steps["amount_eur"], strict=True)]
    ax.barh(y, width, left=steps["start_eur"], height=0.6, color=colours, zorder=2)
    for i in range(len(steps) - 1):  # connectors from one bar's end to the next bar's start
        x = steps["end_eur"].iat[i]
        ax.plot([x, x], [y[i] - 0.3, y[i + 1] + 0.3], color=_GREY, linewidth=0.6, zorder=1)
    millions = steps["amount_eur"].abs().max() >= 1e6
    for yi, row in zip(y, steps.itertuples(index=False), strict=True):
        step_millions = millions and (row.kind != "step" or abs(row.amount_eur) >= 5e4)
        # a step is shown as a saving (+ = besparing t.o.v. nulalternatief, as every output);
        # the totals are costs
        amount = -row.amount_eur + 0.0 if row.kind == "step" else row.amount_eur
        text = _amount_text(amount, step_millions, row.kind == "step")
        ax.annotate(text, (max(row.start_eur, row.end_eur), yi), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(y, [_step_label(r, lang, names) for r in steps.itertuples(index=False)])


def _zoom(ax: Axes, steps: pd.DataFrame) -> bool:
    """Limit the x-axis to the steps when they are small against the totals; True if zoomed."""
    ends = steps.loc[steps["kind"] == "step", ["start_eur", "end_eur"]].to_numpy().ravel()
    totals = steps.loc[steps["kind"] != "step", "amount_eur"].to_numpy()
    points = np.concatenate([ends, totals])
    low, high = float(points.min()), float(points.max())
    span = high - low
    if low <= 0 or span >= 0.5 * high or span == 0:  # span 0: no steps, nothing to zoom to
        ax.set_xlim(min(0.0, low), high + 0.22 * max(abs(high), span))
        return False
    ax.set_xlim(low - 0.3 * span, high + 0.45 * span)
    return True


def plot_waterfall(case: BusinessCase, variant: str | None = None, ax: Axes | None = None,
                   lang: str = "nl", per_year: bool = False,
                   footnote: bool | None = None) -> Axes:
    """Waterfall from the nulalternatief's total cost to a variant's, by category.

    Top bar: the nulalternatief's cost over the reported years (mean over replications,
    nominal); then one bar per cost type and category from :func:`waterfall_steps` (red:
    the variant costs more, green: less); bottom bar: the variant's cost. When the steps are
    small against the totals the axis is zoomed in and says so.

    Parameters
    ----------
    case : BusinessCase
    variant : str, optional
        Default the first variant.
    per_year : bool
        Show the mean per year instead of the total over the years.
    ax, lang, footnote
        As :func:`plot_ceiling_fan`.
    """
    check_lang(lang)
    variant = _variant(case, variant)
    steps = waterfall_steps(case, variant, per_year)
    with council_style():
        if ax is None:
            ax = new_figure(height_cm=waterfall_height_cm(steps)).add_subplot()
            footnote = True if footnote is None else footnote
        _draw_waterfall(ax, steps, lang, {n: option_name(case, n) for n in case.scenarios})
        zoomed = _zoom(ax, steps)
        years = _years_text(case.yearly["year"].unique())
        xlabel = _t("wf.x_year" if per_year else "wf.x_total", lang).format(years=years)
        second = _t("wf.sign", lang) + (f"; {_t('wf.not_zero', lang)}" if zoomed else "")
        ax.set_xlabel(f"{xlabel}\n{second}")
        ax.set_title(wrap_title(_t("wf.title", lang).format(variant=option_name(case, variant))))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
        ax.xaxis.set_major_formatter(eur_axis_formatter())
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        _legend(ax, lang)
        if footnote:
            add_footnote_text(ax.figure, case_footnote(case, lang, f"{case.null} \u2192 {variant}"))
    return ax


def _legend(ax: Axes, lang: str) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(color=OKABE_ITO["blue"], label=_t("wf.total", lang)),
               Patch(color=OKABE_ITO["vermillion"], label=_t("wf.increase", lang)),
               Patch(color=OKABE_ITO["bluish_green"], label=_t("wf.decrease", lang))]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))
