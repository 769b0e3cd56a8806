"""Flow charts: cases through the lines, and intake waiting times against the legal norm."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from simfin.report.format import format_number, format_share
from simfin.report.labels import check_lang
from simfin.report.style import PALETTE, add_footnote, council_style, new_figure
from simfin.sim.arrivals import DAYS_PER_YEAR

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from simfin.results import Results

__all__ = ["flow_per_year", "plot_flow", "plot_intake_waits"]

_TEXT = {
    "flow.title": ("Stroom door de lijnen (gemiddeld per jaar)", "Flow through the lines (mean a year)"),
    "flow.x": ("Aantal per jaar", "Number a year"),
    "requests": ("Hulpvragen", "Requests"),
    "resolved_0e": ("Opgelost in 0e lijn", "Resolved in 0th line"),
    "assessed": ("Onderzoek sociaal team (1e lijn)", "Assessed by access team (1st line)"),
    "light_help": ("Lichte hulp door het team", "Light help by the team"),
    "general_facility": ("Algemene voorziening", "General facility"),
    "referral": ("Opschalen naar 2e lijn", "Step-up to 2nd line"),
    "stepped_down": ("Afschalen 2e → 1e lijn", "Step-down 2nd → 1st line"),
    "reentry": ("Terugkeer (opnieuw hulpvraag)", "Re-entry"),
    "waits.title": ("Wachttijd tot de intake en de wettelijke termijn",
                    "Intake waiting time and the legal norm"),
    "waits.x": ("Wachttijd (dagen)", "Waiting time (days)"),
    "waits.y": ("Aandeel intakes gestart", "Share of intakes started"),
    "norm": ("termijn", "norm"),
}
FLOW_ORDER = ("requests", "resolved_0e", "assessed", "light_help", "general_facility",
              "referral", "stepped_down", "reentry")


def _t(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "nl" else 1]


def flow_per_year(results: Results) -> pd.Series:
    """Mean number a year of each flow in :data:`FLOW_ORDER` (reported years only)."""
    ledger = results.ledger[results.ledger["t_arrival"] >= 0]
    assessed = ledger[(ledger["activity"] == "assessment") & (ledger["outcome"] != "abandoned")]
    counts = {
        "requests": ((ledger["episode"] == 0) & ledger["activity"].isin(["advice", "assessment"])).sum(),
        "resolved_0e": (ledger["line"] == "0e").sum(),
        "assessed": len(assessed),
        "light_help": (assessed["outcome"] == "light_help").sum(),
        "general_facility": (assessed["outcome"] == "general_facility").sum(),
        "referral": (assessed["outcome"] == "referral").sum(),
        "stepped_down": ((ledger["line"] == "2e") & (ledger["outcome"] == "stepped_down")).sum(),
        "reentry": (assessed["episode"] > 0).sum(),
    }
    years = results.scenario.simulation.horizon_years * results.replications
    return pd.Series({k: counts[k] / years for k in FLOW_ORDER}, dtype=float)


def plot_flow(results: Results, ax: Axes | None = None, lang: str = "nl") -> Axes:
    """Horizontal bars of the yearly flows: 0e, 1e, 2e lijn, step-up and step-down."""
    check_lang(lang)
    flows = flow_per_year(results)
    with council_style():
        new = ax is None
        ax = new_figure(16, 10).add_subplot() if new else ax
        y = np.arange(len(flows))[::-1]
        colours = [PALETTE[0]] + [PALETTE[1]] + [PALETTE[2]] * 4 + [PALETTE[3]] * 2
        ax.barh(y, flows.to_numpy(), color=colours, zorder=2)
        for yi, value in zip(y, flows.to_numpy()):
            ax.annotate(format_number(value), (value, yi), xytext=(3, 0),
                        textcoords="offset points", va="center", fontsize=8)
        ax.set_yticks(y, [_t(k, lang) for k in flows.index])
        ax.set_xlabel(_t("flow.x", lang))
        ax.set_title(_t("flow.title", lang))
        ax.set_xlim(0, flows.max() * 1.15)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v)))
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        if new:
            add_footnote(ax.figure, results, lang)
    return ax


def plot_intake_waits(results: Results, ax: Axes | None = None, lang: str = "nl") -> Axes:
    """Cumulative share of intakes started within x days, per stream, with the legal norms
    (clients who gave up waiting, :mod:`simfin.sim.reneging`, are left out)."""
    check_lang(lang)
    horizon = results.scenario.simulation.horizon_years * DAYS_PER_YEAR
    rows = results.ledger[(results.ledger["activity"] == "assessment")
                          & (results.ledger["t_arrival"] >= 0)
                          & (results.ledger["outcome"] != "abandoned")]
    with council_style():
        new = ax is None
        ax = new_figure().add_subplot() if new else ax
        for i, (stream, group) in enumerate(sorted(rows.groupby("stream"))):
            waits = np.sort((group["t_start"].fillna(horizon) - group["t_arrival"]).to_numpy())
            share = np.arange(1, len(waits) + 1) / len(waits)
            colour = PALETTE[i % len(PALETTE)]
            ax.step(waits, share, where="post", color=colour, label=stream)
            norm = results.scenario.demand_streams[stream].legal_norm_days
            ax.axvline(norm, color=colour, linestyle="--", linewidth=0.8)
            ax.annotate(f"{_t('norm', lang)} {stream}", (norm, 0.02), rotation=90,
                        fontsize=8, ha="right", va="bottom", color=colour)
        ax.set_xlabel(_t("waits.x", lang))
        ax.set_ylabel(_t("waits.y", lang))
        ax.set_title(_t("waits.title", lang))
        ax.set_ylim(0, 1.02)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_share(v)))
        ax.legend(loc="center right")
        if new:
            add_footnote(ax.figure, results, lang)
    return ax
