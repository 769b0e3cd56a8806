"""Short texts of a run: a Markdown summary (samenvatting.md) and a console table.

Amounts are euros at the scenario's price level (named: "prijspeil 2024"); "90%-interval" is the 5th to 95th percentile over
replications. KPIs cover all reported years together (counts are totals over them); a KPI
value is the mean over replications of the per-replication value, so "median waiting time"
is the mean of the replications' medians.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simfin.report.ceiling_summary import ceiling_lines
from simfin.report.run_costs import cost_frame
from simfin.report.format import format_eur, format_value
from simfin.report.labels import check_lang, label
from simfin.report.plural import count_text
from simfin.report.tables import kpi_period, price_level

if TYPE_CHECKING:
    from simfin.results import Results

__all__ = ["CONSOLE_KPIS", "console_table", "summary_text"]

CONSOLE_KPIS = ("intake_wait_p50_days", "intake_wait_p95_days", "intake_within_norm_share",
                "entered_0e", "entered_1e", "entered_2e", "trajectory_mean_days_2e",
                "specialist_waiting_mean", "specialist_waiting_end",
                "stage_melding_beschikking_p90_days",
                "stage_melding_beschikking_within_term_share",
                "stage_beschikking_zorg_p90_days", "access_fte_per_10000",
                "access_fte_on_cases_per_10000")
DASH = "\u2013"

_TEXT = {
    "nl": {
        "title": "Samenvatting scenario {name}",
        "run": "Scenario **{name}**: {reps}, seed {seed} (simfin {version}). "
               "Bedragen zijn in {prices} (tarieven en salarissen "
               "zoals in het scenariobestand, niet geïndexeerd; indexatie doet de "
               "businesscase); het 90%-interval loopt van het 5e tot het 95e percentiel "
               "over de replicaties.",
        "costs": "Kosten gemeenten per jaar (€, {prices})",
        "cost_header": "| Jaar | Totaal (gemiddeld) | 90%-interval |",
        "flow": "Toegang en zorg ({years})",
        "wait": "Wachttijd intake: mediaan {p50} dagen, 95e percentiel {p95} dagen; "
                "wettelijke termijn {norms}.",
        "within": "Intake binnen de wettelijke termijn: {share} (90%-interval {low} {dash} "
                  "{high}).",
        "lines": "Instroom per lijn ({period}): 0e lijn {e0}, 1e lijn {e1}, "
                 "2e lijn {e2} episodes; hulpvragen {requests}.",
        "trajectory": "Gemiddelde trajectduur 2e lijn: {days} dagen.",
        "waiting": "Wachtlijst specialistische zorg: gemiddeld {mean} cliënten, aan het "
                   "einde {end} cliënten.",
        "norm": "{days} dagen ({stream})",
        "and": "en",
        "console_costs": "Kosten gemeenten per jaar (€, {prices}; 90%-interval "
                         "over {reps})",
        "console_kpis": "Indicatoren (gemiddelde en 90%-interval over replicaties)",
    },
    "en": {
        "title": "Summary of scenario {name}",
        "run": "Scenario **{name}**: {reps}, seed {seed} (simfin {version}). "
               "Amounts are in {prices} (tariffs and salaries as in "
               "the scenario file, not indexed; the business case indexes them); the 90% "
               "interval runs from the 5th to the 95th percentile over replications.",
        "costs": "Municipal costs per year (€, {prices})",
        "cost_header": "| Year | Total (mean) | 90% interval |",
        "flow": "Access and care ({years})",
        "wait": "Intake waiting time: median {p50} days, 95th percentile {p95} days; "
                "legal norm {norms}.",
        "within": "Intake within the legal norm: {share} (90% interval {low} {dash} {high}).",
        "lines": "Entries per line ({period}): 0th line {e0}, 1st line {e1}, "
                 "2nd line {e2} episodes; requests {requests}.",
        "trajectory": "Mean trajectory length 2nd line: {days} days.",
        "waiting": "Specialist care waiting list: mean {mean} clients, {end} clients at "
                   "the end.",
        "norm": "{days} days ({stream})",
        "and": "and",
        "console_costs": "Municipal costs per year (€, {prices}; 90% interval "
                         "over {reps})",
        "console_kpis": "Indicators (mean and 90% interval over replications)",
    },
}


def _kpis(results: Results) -> pd.DataFrame:
    """KPI summary indexed by KPI name (mean, p05, p95, unit)."""
    return results.kpi_summary().set_index("kpi")


def _kpi(kpis: pd.DataFrame, name: str, column: str = "mean") -> float:
    return float(kpis.at[name, column]) if name in kpis.index else np.nan


def _years(results: Results) -> str:
    start = results.scenario.simulation.start_year
    end = start + results.scenario.simulation.horizon_years - 1
    return str(start) if start == end else f"{start}{DASH}{end}"


def _norms(results: Results, lang: str) -> str:
    """Legal intake norms per demand stream, e.g. "56 dagen (jeugd) en 42 dagen (wmo)"."""
    text = _TEXT[lang]
    parts = [text["norm"].format(days=format_value(s.legal_norm_days, "days", 0), stream=name)
             for name, s in results.scenario.demand_streams.items()]
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {text['and']} {parts[-1]}"


def _cost_lines(results: Results, costs: pd.DataFrame | None = None) -> list[str]:
    summary = cost_frame(results) if costs is None else costs
    total = summary[summary["category"] == "total"]
    return [f"| {int(r.year)} | {format_eur(r.mean)} | {format_eur(r.p05)} {DASH} "
            f"{format_eur(r.p95)} |" for r in total.itertuples(index=False)]


def _flow_lines(results: Results, lang: str) -> list[str]:
    text, kpis = _TEXT[lang], _kpis(results)

    def value(name: str, column: str = "mean") -> str:
        unit = kpis.at[name, "unit"] if name in kpis.index else ""
        return format_value(_kpi(kpis, name, column), unit)

    share = "intake_within_norm_share"
    return [
        text["wait"].format(p50=value("intake_wait_p50_days"),
                            p95=value("intake_wait_p95_days"), norms=_norms(results, lang)),
        text["within"].format(share=value(share), low=value(share, "p05"),
                              high=value(share, "p95"), dash=DASH),
        text["lines"].format(e0=value("entered_0e"), e1=value("entered_1e"),
                             e2=value("entered_2e"), requests=value("requests"),
                             period=kpi_period("entered_1e", results.scenario, lang)),
        text["trajectory"].format(days=value("trajectory_mean_days_2e")),
        text["waiting"].format(mean=value("specialist_waiting_mean"),
                               end=format_value(_kpi(kpis, "specialist_waiting_end"),
                                                "clients", 0)),
    ]


def summary_text(results: Results, lang: str = "nl", costs: pd.DataFrame | None = None) -> str:
    """A short Markdown summary of a run (samenvatting.md), Dutch by default.

    Contents: scenario name, replications and seed; per year the mean total municipality
    cost with its 90% interval (nl-NL euros); intake waiting time (median, 95th
    percentile) against the legal norm of each demand stream; share within the norm;
    entries per line (0e/1e/2e); mean trajectory length in the 2nd line; specialist
    waiting list; with a ``[ceiling]`` section, per year the ceiling, the spending against
    it with its 90% interval and the probability of overshoot
    (:mod:`simfin.report.ceiling_summary`).

    Parameters
    ----------
    results : Results
        A run.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    costs : DataFrame, optional
        :func:`~simfin.report.run_costs.cost_frame` of ``results`` when already built.

    Returns
    -------
    str
        Markdown text ending in a newline.
    """
    check_lang(lang)
    text, meta = _TEXT[lang], results.meta
    name = meta.get("scenario", results.scenario.name)
    prices = price_level(results.scenario, lang)
    lines = [
        f"# {text['title'].format(name=name)}", "",
        text["run"].format(name=name, reps=count_text(results.replications, "replicatie", lang),
                           seed=meta.get("seed", results.scenario.simulation.seed),
                           version=meta.get("simfin", "?"), prices=prices), "",
        f"## {text['costs'].format(prices=prices)}", "", text["cost_header"], "|---|---:|---:|",
        *_cost_lines(results, costs), "",
        f"## {text['flow'].format(years=_years(results))}", "",
        *(f"- {line}" for line in _flow_lines(results, lang)),
    ]
    ceiling = ceiling_lines(results, lang)
    if ceiling:
        lines += ["", *ceiling]
    return "\n".join(lines) + "\n"


def _render(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """Rows of text cells as aligned columns (two spaces apart)."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return [line(header), rule, *(line(r) for r in rows)]


def _cost_rows(results: Results, lang: str, costs: pd.DataFrame | None = None) -> list[list[str]]:
    summary = cost_frame(results) if costs is None else costs
    return [[str(int(r.year)), label(r.category, lang), format_eur(r.mean), format_eur(r.p05),
             format_eur(r.p95)] for r in summary.itertuples(index=False)]


def _kpi_rows(results: Results, lang: str) -> list[list[str]]:
    kpis = _kpis(results)
    rows = []
    for name in CONSOLE_KPIS:
        unit = kpis.at[name, "unit"] if name in kpis.index else ""
        cells = [format_value(_kpi(kpis, name, c), unit) for c in ("mean", "p05", "p95")]
        period = kpi_period(name, results.scenario, lang)
        unit_text = "" if unit in ("share", "") else label(f"unit.{unit}", lang)
        unit_text = ", ".join(t for t in (unit_text, period) if t)
        unit_text = f" ({unit_text})" if unit_text else ""
        rows.append([label(name, lang) + unit_text, *cells])
    return rows


def console_table(results: Results, lang: str = "nl", costs: pd.DataFrame | None = None) -> str:
    """A plain-text overview for the command line.

    Two aligned tables: municipality costs per year and category (mean, 5th and 95th
    percentile over replications, nl-NL euros) and the KPIs of :data:`CONSOLE_KPIS`.

    Parameters
    ----------
    results : Results
        A run.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    costs : DataFrame, optional
        :func:`~simfin.report.run_costs.cost_frame` of ``results`` when already built (the
        command builds it once for the files and the console).

    Returns
    -------
    str
        Text without trailing spaces, ending in a newline.
    """
    check_lang(lang)
    text = _TEXT[lang]
    stats = [label("col.mean", lang), label("col.p05_short", lang), label("col.p95_short", lang)]
    costs = _render([label("col.year", lang), label("col.category", lang), *stats],
                    _cost_rows(results, lang, costs), right={2, 3, 4})
    kpis = _render([label("col.kpi", lang), *stats], _kpi_rows(results, lang), right={1, 2, 3})
    lines = [text["console_costs"].format(reps=count_text(results.replications, "replicatie",
                                                          lang),
                                          prices=price_level(results.scenario, lang)),
             "", *costs, "",
             text["console_kpis"], "", *kpis]
    return "\n".join(lines) + "\n"
