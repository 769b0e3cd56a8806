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

__all__ = ["calibration_table", "comparison_tables", "header",
           "organisations_table", "scale_table", "staffing_table"]


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
    """:func:`simfin.scale.scale_sweep` as a table: one row per population size (the table of
    the scale document, :func:`simfin.report.build_scale.build_scale`)."""
    from simfin.report.build_scale import build_scale

    return build_scale(sweep, scenario, lang, replications, seed).table("scale")


def organisations_table(table: pd.DataFrame, scenarios: Sequence[Scenario],
                        lang: str = "nl", replications: int | None = None,
                        seed: int | None = None) -> Table:
    """:func:`simfin.scale.compare_organisations` side by side: one row per measure, one
    column per scenario (its label), each row in its own unit (the table of
    :func:`simfin.report.build_scale.build_organisations`)."""
    from simfin.report.build_scale import build_organisations

    return build_organisations(table, scenarios, lang, replications, seed).table("organisations")


def staffing_table(answer: StaffingResult, lang: str = "nl") -> Table:
    """Minimum generalist FTE per team (and the total) that meets the intake norm."""
    from simfin.report.build_scale import build_staffing

    return build_staffing(answer, lang).table("staffing")


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
