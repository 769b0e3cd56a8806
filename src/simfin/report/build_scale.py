"""The documents of ``simfin scale``, ``organisations`` and ``staffing``, built once: the table
(every column or row with its :class:`~simfin.report.model.Measure`), the scale chart drawn
from that same table, and the tidy CSV. Console, CSV, xlsx and chart render these documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from simfin.report.format import format_share
from simfin.report.periods import with_prices
from simfin.report.model import Chart, Document, Measure, Section, Words
from simfin.report.scale_draw import draw_scale
from simfin.report.tables import Table, scenario_label, scenario_labels

if TYPE_CHECKING:
    from simfin.scenario import Scenario
    from simfin.staffing import StaffingResult

__all__ = ["SCALE_COLUMNS", "build_organisations", "build_scale", "build_staffing",
           "scale_measures"]

#: column of :func:`simfin.scale.scale_sweep` -> unit
SCALE_COLUMNS: dict[str, str] = {
    "inhabitants": "inhabitants",
    "cost_per_inhabitant_eur": "eur",
    "cost_per_inhabitant_p05_eur": "eur",
    "cost_per_inhabitant_p95_eur": "eur",
    "fte_per_10000": "ratio",
    "intake_wait_p95_days": "days",
    "intake_within_norm_share": "share",
    "max_uncovered_days": "days",
    "p_any_function_uncovered": "share",
    "max_p_below_staffing_rule": "share",
    "teams": "count",
}
#: cost per inhabitant is per year; inhabitants and teams are levels
_PERIOD = {"inhabitants": "state", "teams": "state", "cost_per_inhabitant_eur": "year",
           "cost_per_inhabitant_p05_eur": "year", "cost_per_inhabitant_p95_eur": "year"}


def scale_measures(price_year: int | None) -> dict[str, Measure]:
    """Column of the scale sweep -> its :class:`Measure` (euros at the scenario's prices)."""
    return {c: Measure(f"col.{c}", unit, _PERIOD.get(c, ""),
                       "scenario" if unit == "eur" else "", price_year if unit == "eur" else None,
                       head_unit="fte" if c.startswith("fte") else "")
            for c, unit in SCALE_COLUMNS.items()}


def _price_year(scenario: Scenario | None) -> int | None:
    return None if scenario is None else scenario.business_case.price_base_year


def _run_notes(w: Words, scenario: Scenario, replications: int | None,
               seed: int | None) -> tuple[str, ...]:
    from simfin import __version__

    sim = scenario.simulation
    return (w("note.run", name=scenario_label(scenario),
              reps=w.count(replications or sim.replications, "replicatie"),
              seed=sim.seed if seed is None else seed, version=__version__),
            w("note.interval"))


def build_scale(sweep: pd.DataFrame, scenario: Scenario | None, lang: str = "nl",
                replications: int | None = None, seed: int | None = None,
                footnote: str = "", marks: Sequence[int] = (95_000, 100_000)) -> Document:
    """The document of a scale sweep (:func:`simfin.scale.scale_sweep`) of ``scenario``:
    one row per population size, and the scale chart drawn from that table."""
    from simfin.scope_check import scope_note, scope_of

    w = Words(lang)
    measures = scale_measures(_price_year(scenario))
    columns = [c for c in SCALE_COLUMNS if c in sweep.columns]
    heads = {c: w.title(measures[c]) for c in columns}
    frame = pd.DataFrame({heads[c]: sweep[c].to_numpy() for c in columns})
    notes: tuple[str, ...] = ()
    title = w("scale.title")
    if scenario is not None:
        prices = measures["cost_per_inhabitant_eur"].price_text(lang)
        notes = (with_prices(scope_note(scope_of(scenario), lang=lang), prices),
                 *_run_notes(w, scenario, replications, seed))
        title += f" ({scenario_label(scenario)})"
    table = Table(frame, {heads[c]: measures[c] for c in columns}, title, notes, "scale")
    stems = ("schaal", "schaal") if lang == "nl" else ("scale", "scale")
    chart_title = w("chart.scale.title") + (f": {scenario_label(scenario)}" if scenario else "")
    chart = Chart(stems[0], table, partial(draw_scale, marks=tuple(marks), title=chart_title,
                                           interval=w("legend.interval")), footnote)
    return Document("scale", lang, (Section("sheet.scale", (table, chart), transpose=True),),
                    data={"scale": sweep}, workbook=stems[1], keys=frozenset(w.used))


def build_organisations(table: pd.DataFrame, scenarios: Sequence[Scenario], lang: str = "nl",
                        replications: int | None = None, seed: int | None = None) -> Document:
    """The document of :func:`simfin.scale.compare_organisations`: one row per measure, one
    column per scenario (its label), each row in its own unit."""
    from simfin import __version__
    from simfin.scope_check import kengetallen_note, scope_note_of

    w = Words(lang)
    years = {_price_year(s) for s in scenarios}
    year = years.pop() if len(years) == 1 else None
    measures = scale_measures(year)
    keys = [c for c in SCALE_COLUMNS if c in table.columns]
    rows = [Measure("col.organisation"), *(measures[c] for c in keys)]
    names = [w.title(m) for m in rows]
    labels = [f"{s.name} ({i})" for i, s in enumerate(scenarios, start=1)]
    shown = scenario_labels(dict(zip(labels, scenarios, strict=True)))
    data = {w("col.measure"): names}
    for key, (_, row) in zip(labels, table.iterrows(), strict=True):
        data[shown[key]] = [w(f"organisation.{row['organisation']}"), *(row[c] for c in keys)]
    frame = pd.DataFrame(data)
    sim = scenarios[0].simulation
    notes: tuple[str, ...] = (
        w("note.runs", reps=w.count(replications or sim.replications, "replicatie"),
          seed=sim.seed if seed is None else seed, version=__version__), w("note.interval"))
    prices = measures["cost_per_inhabitant_eur"].price_text(lang)
    if years:  # more than one price level among the scenarios: name each
        each = [(scenario_label(s), scale_measures(_price_year(s))["cost_per_inhabitant_eur"])
                for s in scenarios]
        notes = (*notes, " / ".join(f"{name}: {m.price_text(lang)}" for name, m in each))
    scope = with_prices(scope_note_of(table.attrs, lang), prices)
    notes = (scope, *notes) if scope else notes
    if len(scenarios) > 1:
        notes = (kengetallen_note(scenarios, lang), *notes)
    shown_table = Table(frame, {c: rows for c in frame.columns[1:]}, w("orgs.title"), notes,
                        "organisations")
    workbook = "organisaties" if lang == "nl" else "organisations"
    return Document("organisations", lang, (Section("sheet.organisations", (shown_table,)),),
                    data={"organisations": table}, workbook=workbook, keys=frozenset(w.used))


def build_staffing(answer: StaffingResult, lang: str = "nl") -> Document:
    """The document of :func:`simfin.staffing.staff_to_norm`: minimum generalist FTE per team
    (and the total) that meets the intake norm."""
    w = Words(lang)
    teams = list(answer.fte)
    fte_m = Measure("col.fte_min", "fte", head_unit="fte")
    met_m = Measure("col.met_share", "share")
    team, fte, met = w("col.team"), w.title(fte_m), w.title(met_m)
    frame = pd.DataFrame({
        team: [*teams, w("total")],
        fte: [*(answer.fte[t] for t in teams), answer.total_fte],
        met: [*(answer.met_share[t] for t in teams), float("nan")],
    })
    title = w("staffing.title", confidence=format_share(answer.confidence),
              reps=w.count(answer.replications, "replicatie"), target=format_share(answer.target_share))
    table = Table(frame, {fte: fte_m, met: met_m}, title, key="staffing")
    tidy = pd.DataFrame({"team": teams, "fte": [answer.fte[t] for t in teams],
                         "met_share": [answer.met_share[t] for t in teams]})
    workbook = "formatie" if lang == "nl" else "staffing"
    return Document("staffing", lang, (Section("sheet.staffing", (table,)),),
                    data={"staffing": tidy}, workbook=workbook, keys=frozenset(w.used))

