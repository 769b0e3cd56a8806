"""Every parameter of the compared scenarios with its value, unit and source (Aannames).

Values come from the validated scenarios (defaults included, so nothing is hidden);
sources from the comments in the scenario files (:mod:`simfin.scenario.sources`) and, for
items and the ceiling, from their ``source`` field. A parameter without any source is
listed with an empty source, so gaps are visible rather than hidden.

Units are read from the field name (``_eur`` euros, ``_days`` days, ``per_1000`` per 1,000
inhabitants of the group, ...); a distribution's ``mean``, ``low``, ``mode`` and ``high``
take the unit of the field they belong to.

Columns: ``variant, parameter, value, unit, source``.
"""

from __future__ import annotations

import pandas as pd

from simfin.scenario.paths import flatten
from simfin.scenario.schema import Scenario
from simfin.scenario.sources import source_of

__all__ = ["ASSUMPTION_COLUMNS", "assumptions_table", "unit_of"]

ASSUMPTION_COLUMNS = ["variant", "parameter", "value", "unit", "source"]
_INHERIT = {"mean", "value", "low", "high", "mode", "min", "max"}
_EXACT_UNITS = {"ceiling.by_year": "eur"}
_SUFFIX_UNITS = (
    ("_eur_per_year", "eur_per_year"), ("hours_per_fte", "hours_per_fte"),
    ("_per_fte", "per_fte"), ("index_by_year", "per_year"), ("_eur", "eur"), ("_days", "days"),
    ("_hours", "hours"), ("per_1000", "per_1000"), ("_share", "share"), ("shares", "share"),
    ("_rate", "per_year"), ("_per_year", "per_year"), ("_by_year", "per_year"),
    ("phase_in", "share"), ("phase_in_by_category", "share"), ("fte", "fte"),
    ("inhabitants", "inhabitants"),
    ("_minutes", "minutes"), ("year", "year"), ("years", "year"))


def unit_of(parameter: str) -> str:
    """Unit code of a dotted parameter path, from its field name ("" if unknown)."""
    parts = parameter.split(".")
    named = [p for p in parts if not p.isdigit()]
    if not named:
        return ""
    for prefix, unit in _EXACT_UNITS.items():
        if ".".join(named).startswith(prefix):
            return unit
    if named[-1] == "cv":
        return "cv"
    field = named[-2] if named[-1] in _INHERIT and len(named) > 1 else named[-1]
    for owner in (field, *reversed(named[:-1])):
        for suffix, unit in _SUFFIX_UNITS:
            if owner.endswith(suffix):
                return unit
        if owner != field:
            break
    return ""


def _own_source(scenario: Scenario, parameter: str) -> str:
    """The ``source`` field of the item (or ceiling) a parameter belongs to."""
    parts = parameter.split(".")
    if parts[0] in ("incidental", "structural") and len(parts) > 2:
        item = getattr(scenario, parts[0]).get(parts[1])
        return item.source if item is not None else ""
    if parts[0] == "ceiling" and scenario.ceiling is not None:
        return scenario.ceiling.source
    return ""


def assumptions_table(scenarios: dict[str, Scenario],
                      sources: dict[str, dict[str, str]]) -> pd.DataFrame:
    """Parameters of every scenario with value, unit and source (columns: module docstring)."""
    rows = []
    for name, scenario in scenarios.items():
        comments = sources.get(name, {})
        for parameter, value in flatten(scenario.model_dump()):
            if parameter.endswith(".source"):
                continue
            source = _own_source(scenario, parameter) or source_of(comments, parameter)
            value = value if value is None or isinstance(value, bool | int | float | str) \
                else str(value)
            rows.append((name, parameter, value, unit_of(parameter), source))
    return pd.DataFrame(rows, columns=ASSUMPTION_COLUMNS)
