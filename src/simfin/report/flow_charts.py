"""Flow charts: cases through the lines, and intake waiting times against the legal norm."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator, NullLocator

from simfin.report.axes import number_formatter, share_formatter
from simfin.report.format import format_number
from simfin.report.labels import check_lang, label
from simfin.report.labels.parameters import stream_label
from simfin.report.style import PALETTE, add_footnote, council_style, new_figure
from simfin.report.tables import Table, years_text
from simfin.sim.arrivals import DAYS_PER_YEAR

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from simfin.results import Results

__all__ = ["FLOW_ORDER", "KPI_FLOWS", "draw_flow", "flow_label", "flow_per_year", "flow_table",
           "plot_flow", "plot_intake_waits"]

_TEXT = {
    "flow.title": ("Stroom door de lijnen\n(gemiddeld per jaar, {years})",
                   "Flow through the lines\n(mean per year, {years})"),
    "flow.x": ("Aantal per jaar", "Number per year"),
    "waits.title": ("Wachttijd tot de intake en de wettelijke termijn",
                    "Intake waiting time and the legal norm"),
    "waits.x": ("Wachttijd (dagen; schaal tot 1 dag gelijkmatig, daarna logaritmisch)",
                "Waiting time (days; linear up to 1 day, logarithmic beyond)"),
    "waits.y": ("Aandeel intakes gestart", "Share of intakes started"),
    "norm": ("termijn {stream}: {days} dagen", "norm {stream}: {days} days"),
}
#: The flows of the chart; those that are KPIs (:data:`simfin.metrics.KPI_UNITS`) carry the
#: KPI's name and value (total over the reported years / years), so chart and KPI table agree.
FLOW_ORDER = ("requests", "entered_0e", "entered_1e", "assessed", "light_help",
              "general_facility", "referral", "entered_2e", "stepped_down", "reentry")
KPI_FLOWS = ("requests", "entered_0e", "entered_1e", "entered_2e")
#: Tick positions of the waiting-time axis (days): a day, a week, two weeks, the norms...
WAIT_TICKS = (0, 1, 2, 3, 5, 7, 14, 28, 42, 56, 91, 182, 365, 730)


def _t(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "nl" else 1]


def flow_label(key: str, lang: str = "nl") -> str:
    """The name of a flow in the chart: the KPI's own label for a KPI flow."""
    return label(key if key in KPI_FLOWS else f"flow.{key}", lang)


def flow_per_year(results: Results) -> pd.Series:
    """Mean number per year of each flow in :data:`FLOW_ORDER` (reported years only).

    The KPI flows are the KPI table's totals over the reported years divided by the number
    of years; the others are counted from the ledger's assessments and 2e-lijn rows.
    """
    ledger = results.ledger[results.ledger["t_arrival"] >= 0]
    assessed = ledger[(ledger["activity"] == "assessment") & (ledger["outcome"] != "abandoned")]
    years = results.scenario.simulation.horizon_years
    kpis = results.kpi_summary().set_index("kpi")["mean"]
    counts = {
        "assessed": len(assessed),
        "light_help": (assessed["outcome"] == "light_help").sum(),
        "general_facility": (assessed["outcome"] == "general_facility").sum(),
        "referral": (assessed["outcome"] == "referral").sum(),
        "stepped_down": ((ledger["line"] == "2e") & (ledger["outcome"] == "stepped_down")).sum(),
        "reentry": (assessed["episode"] > 0).sum(),
    }
    per_year = {k: counts[k] / (years * results.replications) for k in counts}
    per_year.update({k: float(kpis.get(k, np.nan)) / years for k in KPI_FLOWS})
    return pd.Series({k: per_year[k] for k in FLOW_ORDER}, dtype=float)


def flow_table(results: Results, lang: str = "nl") -> Table:
    """The flows of :func:`flow_per_year` as a table of the run document: one row per flow
    (its :class:`~simfin.report.model.Measure`: a count, mean per reported year), titled
    "Stroom door de lijnen (gemiddeld per jaar, 2027–2031)"; the flow chart draws it."""
    from simfin.report.model import Measure

    check_lang(lang)
    flows = flow_per_year(results)
    measures = [Measure(k if k in KPI_FLOWS else f"flow.{k}", "count", "mean_year")
                for k in flows.index]
    head, value = label("col.flow", lang), _t("flow.x", lang)
    frame = pd.DataFrame({head: [m.title(lang) for m in measures], value: flows.to_numpy()})
    title = _t("flow.title", lang).format(years=years_text(results.scenario))
    return Table(frame, {value: measures}, title.replace("\n", " "), key="flow")


def draw_flow_table(ax: Axes, table: Table) -> Axes:
    """Horizontal bars of ``table`` (:func:`flow_table`), each annotated with its cell as
    the workbook and notebook print it; the title is the table's."""
    names, column = table.frame.columns[:2]
    values = table.frame[column].to_numpy(dtype=float)
    shown = table.formatted()[column].to_list()
    with council_style():
        y = np.arange(len(values))[::-1]
        colours = [PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[2], PALETTE[2], PALETTE[2],
                   PALETTE[2], PALETTE[3], PALETTE[3], PALETTE[4]]
        ax.barh(y, values, color=colours[:len(values)], zorder=2)
        for yi, value, text in zip(y, values, shown, strict=True):
            ax.annotate(text, (value, yi), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=8)
        ax.set_yticks(y, table.frame[names].to_list())
        ax.set_xlabel(column)
        name, _, rest = table.title.partition(" (")
        ax.set_title(f"{name}\n({rest}" if rest else name)
        ax.set_xlim(0, np.nanmax(values) * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.xaxis.set_major_formatter(number_formatter())
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
    return ax


def draw_flow(table: Table, lang: str, footnote: str = "", fig: Figure | None = None) -> Figure:
    """The flow chart of a run document (a :class:`~simfin.report.model.Chart`'s draw)."""
    from simfin.report.style import add_footnote_text

    with council_style():
        fig = fig if fig is not None else new_figure(16, 10, pyplot=False)
        draw_flow_table(fig.add_subplot(), table)
        if footnote:
            add_footnote_text(fig, footnote)
    return fig


def plot_flow(results: Results, ax: Axes | None = None, lang: str = "nl") -> Axes:
    """Horizontal bars of the yearly flows: requests, 0e, 1e and 2e lijn, outcomes, steps.

    Every bar is a mean per year over the reported years (the title names them); the KPI
    flows carry the names of the KPI table, whose counts are totals over those years. Drawn
    from :func:`flow_table`, the table of the run document.
    """
    table = flow_table(results, lang)
    with council_style():
        new = ax is None
        ax = new_figure(16, 10).add_subplot() if new else ax
        draw_flow_table(ax, table)
        if new:
            add_footnote(ax.figure, results, lang)
    return ax


def plot_intake_waits(results: Results, ax: Axes | None = None, lang: str = "nl") -> Axes:
    """Cumulative share of intakes started within x days, per stream, with the legal norms.

    Clients who gave up waiting (:mod:`simfin.sim.reneging`) are left out. The day axis is
    linear up to one day and logarithmic beyond (``symlog``), so waits of a
    few days and a norm of eight weeks are both readable; its ticks are days, weeks and
    the norms. The norms are dashed lines named in the legend (no labels that can overlap).
    """
    check_lang(lang)
    horizon = results.scenario.simulation.horizon_years * DAYS_PER_YEAR
    rows = results.ledger[(results.ledger["activity"] == "assessment")
                          & (results.ledger["t_arrival"] >= 0)
                          & (results.ledger["outcome"] != "abandoned")]
    longest = 1.0
    with council_style():
        new = ax is None
        ax = new_figure().add_subplot() if new else ax
        groups = sorted(rows.groupby("stream"))
        for i, (stream, group) in enumerate(groups):
            waits = np.sort((group["t_start"].fillna(horizon) - group["t_arrival"]).to_numpy())
            share = np.arange(1, len(waits) + 1) / len(waits)
            colour, name = PALETTE[i % len(PALETTE)], stream_label(stream)
            # streams at one team wait alike: each curve thinner than the one before, so
            # one drawn over another still shows as its edge
            ax.step(waits, share, where="post", color=colour, label=name,
                    linewidth=1.2 + 0.9 * (len(groups) - 1 - i))
            norm = results.scenario.demand_streams[stream].legal_norm_days
            ax.axvline(norm, color=colour, linestyle="--", linewidth=0.8, label=_t(
                "norm", lang).format(stream=name, days=format_number(norm)))
            longest = max(longest, norm, float(np.quantile(waits, 0.99)) if len(waits) else 0)
        ax.set_xscale("symlog", linthresh=1.0, linscale=0.5)
        ax.set_xlim(0, longest * 1.3)
        ax.set_xticks([t for t in WAIT_TICKS if t <= longest * 1.3])
        ax.xaxis.set_minor_locator(NullLocator())
        ax.xaxis.set_major_formatter(number_formatter())
        ax.set_xlabel(_t("waits.x", lang))
        ax.set_ylabel(_t("waits.y", lang))
        ax.set_title(_t("waits.title", lang))
        ax.set_ylim(0, 1.02)
        ax.yaxis.set_major_formatter(share_formatter())
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside: no line crosses it
        if new:
            add_footnote(ax.figure, results, lang)
    return ax
