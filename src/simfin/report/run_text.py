"""The sentences of the run document (issue 29): the opening paragraph and the lines on access
and care. Every number in them is a cell of the document's KPI table, as the console prints it
(:meth:`~simfin.report.tables.Table.formatted`), so the text can never disagree with the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simfin.report.format import format_value
from simfin.report.labels.parameters import stream_label
from simfin.report.plural import count_text

if TYPE_CHECKING:
    from simfin.report.tables import Table
    from simfin.results import Results

__all__ = ["CONSOLE_KPIS", "DASH", "TEXT", "flow_lines", "intro", "years"]

#: the KPIs of the console and samenvatting.md (every KPI is on the workbook's KPI sheet)
CONSOLE_KPIS = ("intake_wait_p50_days", "intake_wait_p95_days", "intake_within_norm_share",
                "entered_0e", "entered_1e", "entered_2e", "requests", "trajectory_mean_days_2e",
                "specialist_waiting_mean", "specialist_waiting_end",
                "stage_melding_beschikking_p90_days",
                "stage_melding_beschikking_within_term_share",
                "stage_beschikking_zorg_p90_days", "access_fte_per_10000",
                "access_fte_on_cases_per_10000")
DASH = "\u2013"

TEXT = {
    "nl": {
        "title": "Samenvatting scenario {name}",
        "run": "Scenario {name}: {reps}, seed {seed} (simfin {version}). "
               "Bedragen zijn in {prices} (tarieven en salarissen "
               "zoals in het scenariobestand, niet geïndexeerd; indexatie doet de "
               "businesscase); het 90%-interval loopt van het 5e tot het 95e percentiel "
               "over de replicaties.",
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
    },
    "en": {
        "title": "Summary of scenario {name}",
        "run": "Scenario {name}: {reps}, seed {seed} (simfin {version}). "
               "Amounts are in {prices} (tariffs and salaries as in "
               "the scenario file, not indexed; the business case indexes them); the 90% "
               "interval runs from the 5th to the 95th percentile over replications.",
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
    },
}


def years(results: Results) -> str:
    """``"2027–2031"``: the reported years."""
    start = results.scenario.simulation.start_year
    end = start + results.scenario.simulation.horizon_years - 1
    return str(start) if start == end else f"{start}{DASH}{end}"


def _norms(results: Results, lang: str) -> str:
    """Legal intake norms per demand stream, e.g. "56 dagen (jeugd) en 42 dagen (wmo)"."""
    text = TEXT[lang]
    parts = [text["norm"].format(days=format_value(s.legal_norm_days, "days", 0),
                                 stream=stream_label(name))
             for name, s in results.scenario.demand_streams.items()]
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {text['and']} {parts[-1]}"


def intro(results: Results, lang: str, prices: str) -> str:
    """The opening paragraph: scenario, replications, seed, version and price level."""
    meta = results.meta
    name = meta.get("scenario", results.scenario.name)
    return TEXT[lang]["run"].format(name=name,
                                    reps=count_text(results.replications, "replicatie", lang),
                                    seed=meta.get("seed", results.scenario.simulation.seed),
                                    version=meta.get("simfin", "?"), prices=prices)


def flow_lines(kpis: Table, results: Results, lang: str, period: str) -> str:
    """Waiting time, share within the norm, entries per line (over ``period``), trajectory
    length and waiting list, read from ``kpis`` (the document's KPI table) as printed."""
    text = TEXT[lang]
    cells = kpis.formatted()
    stats = list(cells.columns[-3:])  # mean, 5th and 95th percentile
    rows = {m.key: i for i, m in enumerate(kpis.units[stats[0]])}

    def value(name: str, stat: int = 0) -> str:
        return cells[stats[stat]].iloc[rows[name]] if name in rows else format_value(None)

    share = "intake_within_norm_share"
    lines = [
        text["wait"].format(p50=value("intake_wait_p50_days"),
                            p95=value("intake_wait_p95_days"), norms=_norms(results, lang)),
        text["within"].format(share=value(share), low=value(share, 1),
                              high=value(share, 2), dash=DASH),
        text["lines"].format(e0=value("entered_0e"), e1=value("entered_1e"),
                             e2=value("entered_2e"), requests=value("requests"), period=period),
        text["trajectory"].format(days=value("trajectory_mean_days_2e")),
        text["waiting"].format(mean=value("specialist_waiting_mean"),
                               end=value("specialist_waiting_end")),
    ]
    return f"{text['flow'].format(years=years(results))}\n\n" + "\n".join(
        f"- {line}" for line in lines)
