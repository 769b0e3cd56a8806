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

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from simfin.business.appraisal import payback_year
from simfin.business.ceiling import ceiling_per_year, spending
from simfin.business.yearly import emergent
from simfin.report.format import eur_axis_formatter, format_eur, format_eur_millions, format_share
from simfin.report.labels import check_lang, label
from simfin.report.style import (
    OKABE_ITO,
    add_footnote,
    add_footnote_text,
    council_style,
    footnote_line,
    new_figure,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from simfin.business.result import BusinessCase
    from simfin.results import Results

__all__ = ["CHART_STEMS", "case_footnote", "fan_bands", "plot_ceiling_fan", "plot_transition",
           "plot_waterfall", "transition_table", "waterfall_height_cm", "waterfall_steps",
           "write_business_charts"]

CHART_STEMS = {"nl": {"fan": "plafond", "transition": "terugverdienen", "waterfall": "waterval",
                      "drivers": "oorzaken"},
               "en": {"fan": "ceiling", "transition": "payback", "waterfall": "waterfall",
                      "drivers": "drivers"}}
FAN_QUANTILES = (5, 25, 50, 75, 95)  # percentiles over replications
MIN_STEP_EUR = 0.5  # waterfall steps that round to € 0 are left out
_GREY = "#595959"

_TEXT = {
    "fan.title": ("Uitgaven tegen het budgettair plafond", "Spending against the budget ceiling"),
    "fan.y": ("Uitgaven per jaar (€, nominaal)", "Spending per year (€, nominal)"),
    "fan.median": ("Mediaan", "Median"),
    "fan.band50": ("50%-interval", "50% interval"),
    "fan.band90": ("90%-interval", "90% interval"),
    "fan.ceiling": ("Budgettair plafond", "Budget ceiling"),
    "fan.p": ("kans {p}", "P {p}"),
    "fan.p_note": ("kans = kans op overschrijding", "P = probability of overshoot"),
    "tr.title": ("Terugverdienen: {variant} t.o.v. nulalternatief",
                 "Payback: {variant} against the nulalternatief"),
    "tr.y": ("Saldo (€, nominaal; + = besparing)", "Balance (€, nominal; + = saving)"),
    "tr.incidental": ("Incidentele kosten", "Incidental costs"),
    "tr.incidental_items": ("Incidenteel: posten", "Incidental: items"),
    "tr.incidental_emergent": ("Incidenteel: uit de simulatie", "Incidental: simulated"),
    "tr.structural": ("Structureel saldo", "Structural balance"),
    "tr.cumulative": ("Cumulatief saldo", "Cumulative balance"),
    "tr.payback": ("Terugverdiend in {year}", "Paid back in {year}"),
    "tr.no_payback": ("Niet terugverdiend t/m {year}", "Not paid back by {year}"),
    "wf.title": ("Van nulalternatief naar {variant}", "From the nulalternatief to {variant}"),
    "wf.x_total": ("Kosten {years} samen (€, nominaal)", "Costs {years} together (€, nominal)"),
    "wf.x_year": ("Kosten per jaar, gemiddeld {years} (€, nominaal)",
                  "Costs per year, mean {years} (€, nominal)"),
    "wf.not_zero": ("as begint niet bij € 0", "axis does not start at € 0"),
    "wf.increase": ("Hogere kosten", "Higher costs"),
    "wf.decrease": ("Lagere kosten", "Lower costs"),
    "wf.total": ("Totaal", "Total"),
    "wf.incidental": ("{name} (incidenteel)", "{name} (incidental)"),
}


def _t(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "nl" else 1]


def _year_ticks(ax: Axes, years) -> None:
    years = [int(y) for y in years]
    ax.set_xticks(years, [str(y) for y in years])  # no thousands separator in years


def _years_text(years) -> str:
    years = sorted(int(y) for y in years)
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}\u2013{years[-1]}"


def case_footnote(case: BusinessCase, lang: str = "nl", scenario: str | None = None) -> str:
    """Footnote of a business-case chart: scenarios, version, replications, seed, CRN."""
    meta = case.meta
    name = scenario or " \u2192 ".join(case.scenarios)
    return footnote_line(name, meta.get("simfin", "?"), case.replications,
                         meta.get("seed", "?"), lang, (label("footnote.crn", lang),))


# --- fan chart against the ceiling -------------------------------------------------------

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
        ax.set_title(f"{_t('fan.title', lang)}: {name}")
        ax.set_xlabel(label("axis.year", lang))
        ax.set_ylabel(_t("fan.y", lang))
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


# --- payback: incidental and structural bars, cumulative balance ------------------------

def _difference(case: BusinessCase, variant: str, by: tuple[str, ...]) -> pd.DataFrame:
    """Mean nominal cost of ``variant`` minus the nulalternatief per ``by`` (0 if absent)."""
    means = case.yearly_means(by)
    table = means.pivot_table(index=list(by), columns="variant", values="nominal_eur",
                              aggfunc="sum", fill_value=0.0)
    table = table.reindex(columns=[case.null, variant], fill_value=0.0)
    return table.assign(difference_eur=table[variant] - table[case.null]).reset_index()


def _variant(case: BusinessCase, variant: str | None) -> str:
    if variant is None:
        if not case.variants:
            raise ValueError("the business case has no variant next to the nulalternatief")
        return case.variants[0]
    if variant not in case.variants:
        raise ValueError(f"unknown variant {variant!r}; expected one of "
                         f"{', '.join(repr(v) for v in case.variants)}")
    return variant


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
        ax.set_title(_t("tr.title", lang).format(variant=variant))
        ax.set_xlabel(label("axis.year", lang))
        ax.set_ylabel(_t("tr.y", lang))
        _year_ticks(ax, table.index)
        ax.yaxis.set_major_formatter(eur_axis_formatter())
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        if footnote:
            add_footnote_text(ax.figure, case_footnote(case, lang, f"{case.null} \u2192 {variant}"))
    return ax


# --- waterfall from the nulalternatief to a variant ---------------------------------------

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


def _step_label(row, lang: str) -> str:
    if row.kind != "step":
        return row.category
    name = label(row.category, lang)
    return _t("wf.incidental", lang).format(name=name) if row.cost_type == "incidental" else name


def _draw_waterfall(ax: Axes, steps: pd.DataFrame, lang: str) -> None:
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
        text = _amount_text(row.amount_eur, step_millions, row.kind == "step")
        ax.annotate(text, (max(row.start_eur, row.end_eur), yi), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(y, [_step_label(r, lang) for r in steps.itertuples(index=False)])


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
        _draw_waterfall(ax, steps, lang)
        zoomed = _zoom(ax, steps)
        years = _years_text(case.yearly["year"].unique())
        xlabel = _t("wf.x_year" if per_year else "wf.x_total", lang).format(years=years)
        ax.set_xlabel(f"{xlabel}; {_t('wf.not_zero', lang)}" if zoomed else xlabel)
        ax.set_title(_t("wf.title", lang).format(variant=variant))
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


# --- files --------------------------------------------------------------------------------

def _axes(height_cm: float = 9.0) -> Axes:
    """Axes on a figure that pyplot does not track, made inside the council style."""
    with council_style():
        return new_figure(height_cm=height_cm, pyplot=False).add_subplot()


def waterfall_height_cm(steps: pd.DataFrame) -> float:
    """Figure height for a waterfall of ``len(steps)`` bars (at least 9 cm)."""
    return max(9.0, 3.0 + 0.55 * len(steps))


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
    for name, scenario in case.scenarios.items():
        if scenario.ceiling is not None:
            ax = plot_ceiling_fan(case, name, ax=_axes(), lang=lang, footnote=True)
            written += save_figure(ax.figure, out / f"{stems['fan']}_{name}")
    return written
