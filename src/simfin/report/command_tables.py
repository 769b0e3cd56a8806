"""The tables of ``simfin scale``, ``organisations``, ``staffing`` and ``compare`` as
:class:`~simfin.report.tables.Table` objects: one content for console, xlsx and notebooks.

Headers are Dutch by default (``lang="en"`` for English) and carry their unit; euro
columns name the price level (the scenario's own prices, :func:`price_level`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from simfin.report.format import format_share
from simfin.report.labels import check_lang, label
from simfin.report.tables import Table, price_level, scenario_label, scenario_labels

if TYPE_CHECKING:
    from simfin.compare import Comparison
    from simfin.scenario import Scenario
    from simfin.staffing import StaffingResult

__all__ = ["SCALE_COLUMNS", "calibration_table", "comparison_tables", "header",
           "organisations_table", "scale_table", "staffing_table"]

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


def header(key: str, unit: str, lang: str = "nl", prices: str = "") -> str:
    """Column header ``label (unit[, price level])``, e.g. "Kosten per inwoner per jaar
    (€, prijspeil 2024)"; counts, years and text have no unit suffix."""
    name = label(f"col.{key}", lang)
    if unit == "ratio" and key.startswith("fte"):
        unit = "fte"
    if f"unithdr.{unit}" not in _UNIT_KEYS:
        return name
    suffix = label(f"unithdr.{unit}", lang)
    if unit == "eur" and prices:
        suffix += f", {prices}"
    return f"{name} ({suffix})"


_UNIT_KEYS = {f"unithdr.{u}" for u in ("eur", "share", "days", "fte", "clients", "hours")}


def scale_table(sweep: pd.DataFrame, scenario: Scenario, lang: str = "nl",
                replications: int | None = None, seed: int | None = None) -> Table:
    """:func:`simfin.scale.scale_sweep` as a table: one row per population size."""
    check_lang(lang)
    prices = price_level(scenario, lang)
    columns = [c for c in SCALE_COLUMNS if c in sweep.columns]
    heads = {c: header(c, SCALE_COLUMNS[c], lang, prices) for c in columns}
    frame = pd.DataFrame({heads[c]: sweep[c].to_numpy() for c in columns})
    units = {heads[c]: SCALE_COLUMNS[c] for c in columns}
    from simfin.scope_check import scope_note, scope_of

    notes = (scope_note(scope_of(scenario), lang=lang), *_notes(scenario, lang, replications, seed))
    return Table(frame, units, f"{label('scale.title', lang)} ({scenario_label(scenario)})",
                 notes)


def _notes(scenario: Scenario, lang: str, replications: int | None, seed: int | None,
           version: str | None = None) -> tuple[str, ...]:
    from simfin import __version__

    sim = scenario.simulation
    return (label("note.run", lang).format(
        name=scenario_label(scenario), reps=replications or sim.replications,
        seed=sim.seed if seed is None else seed, version=version or __version__),
        label("note.interval", lang))


def organisations_table(table: pd.DataFrame, scenarios: Sequence[Scenario],
                        lang: str = "nl", replications: int | None = None,
                        seed: int | None = None) -> Table:
    """:func:`simfin.scale.compare_organisations` side by side: one row per measure, one
    column per scenario (its label), each row in its own unit."""
    check_lang(lang)
    prices = {price_level(s, lang) for s in scenarios}
    price = prices.pop() if len(prices) == 1 else ""
    measures = ["organisation", *[c for c in SCALE_COLUMNS if c in table.columns]]
    names = [label("col.organisation", lang), *[header(c, SCALE_COLUMNS[c], lang, price)
                                                for c in measures[1:]]]
    data = {label("col.measure", lang): names}
    keys = [f"{s.name} ({i})" for i, s in enumerate(scenarios, start=1)]
    shown = scenario_labels(dict(zip(keys, scenarios, strict=True)))
    for key, (_, row) in zip(keys, table.iterrows(), strict=True):
        org = label(f"organisation.{row['organisation']}", lang)
        data[shown[key]] = [org, *[row[c] for c in measures[1:]]]
    frame = pd.DataFrame(data)
    units = ["text", *[SCALE_COLUMNS[c] for c in measures[1:]]]
    per_row = {c: units for c in frame.columns[1:]}
    from simfin import __version__

    sim = scenarios[0].simulation
    notes = (label("note.runs", lang).format(reps=replications or sim.replications,
                                             seed=sim.seed if seed is None else seed,
                                             version=__version__), label("note.interval", lang))
    if not price:
        notes = (*notes, " / ".join(f"{scenario_label(s)}: {price_level(s, lang)}"
                                    for s in scenarios))
    from simfin.scope_check import kengetallen_note, scope_note_of

    scope = scope_note_of(table.attrs, lang)
    notes = (scope, *notes) if scope else notes
    if len(scenarios) > 1:
        notes = (kengetallen_note(scenarios, lang), *notes)
    return Table(frame, per_row, label("orgs.title", lang), notes)


def staffing_table(answer: StaffingResult, lang: str = "nl") -> Table:
    """Minimum generalist FTE per team (and the total) that meets the intake norm."""
    check_lang(lang)
    teams = list(answer.fte)
    team, fte, met = (label("col.team", lang), header("fte_min", "fte", lang),
                      header("met_share", "share", lang))
    frame = pd.DataFrame({
        team: [*teams, label("total", lang)],
        fte: [*(answer.fte[t] for t in teams), answer.total_fte],
        met: [*(answer.met_share[t] for t in teams), float("nan")],
    })
    title = label("staffing.title", lang).format(
        confidence=format_share(answer.confidence), reps=answer.replications,
        target=format_share(answer.target_share))
    return Table(frame, {fte: "fte", met: "share"}, title)


def comparison_tables(comparison: Comparison, lang: str = "nl") -> tuple[Table, Table]:
    """The side-by-side comparison (one row per indicator and statistic, one column per
    scenario label) and the per-replication values, both numeric: the tables of the compare
    document (:func:`simfin.report.build_compare.build_compare`)."""
    from simfin.report.build_compare import build_compare

    doc = build_compare(comparison, lang)
    return doc.table("comparison"), doc.table("per_replication")


#: column of :func:`simfin.calibrate.compare_observed` -> unit
CALIBRATION_COLUMNS: dict[str, str] = {
    "observed": "eur", "model_mean": "eur", "model_p05": "eur", "model_p95": "eur",
    "difference": "share"}


def calibration_table(comparison: pd.DataFrame, scenario: Scenario, lang: str = "nl") -> Table:
    """"Model tegen werkelijkheid" (:func:`simfin.calibrate.compare_observed`) as a table:
    one row per municipality and taakveld, euros at the scenario's price level."""
    from simfin.scenario.taakvelden import CODES, taakveld_label

    check_lang(lang)
    prices = price_level(scenario, lang)
    data = {label("col.municipality", lang): comparison["municipality"].to_list(),
            label("col.taakveld", lang): [taakveld_label(t, lang) if t in CODES else t
                                          for t in comparison["taakveld"]]}
    units = {}
    for column, unit in CALIBRATION_COLUMNS.items():
        # observed lasten are the accounts' own euros: no model price level on them
        head = header(column, unit, lang, "" if column == "observed" else prices)
        data[head], units[head] = comparison[column].to_numpy(), unit
    return Table(pd.DataFrame(data), units, label("calibration.title", lang))
