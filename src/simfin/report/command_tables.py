"""The tables of ``simfin scale``, ``organisations``, ``staffing``, ``compare`` and
``calibrate`` as :class:`~simfin.report.tables.Table` objects, for notebooks: each is the table
of that command's document (:mod:`simfin.report.build_compare`, :mod:`~simfin.report.build_scale`,
:mod:`~simfin.report.build_calibrate`), so a notebook shows what the command prints and writes.

Headers are Dutch by default (``lang="en"`` for English) and carry their unit; euro
columns name the price level (the scenario's own prices).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from simfin.report.labels import label
from simfin.report.tables import Table

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


def calibration_table(comparison: pd.DataFrame, scenario: Scenario, lang: str = "nl") -> Table:
    """"Model tegen werkelijkheid" (:func:`simfin.calibrate.compare_observed`) as a table:
    one row per municipality and taakveld, euros at the scenario's price level (the table of
    the calibrate document, :func:`simfin.report.build_calibrate.calibration_table`)."""
    from simfin.report.build_calibrate import calibration_table as table_of

    return table_of(comparison, scenario, lang)
