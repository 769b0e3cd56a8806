"""Evidence register: what every parameter of a business case rests on.

Each parameter of the compared scenarios gets one class, read from what is already written
down (never typed a second time):

* ``sourced``: the comment above it in the scenario file cites a public original
  (``# source: ...`` or an address) and says nothing is assumed;
* ``derived``: calibrated to observed data (``# derived by calibration``), computed from
  sourced figures (``derived``) or true by definition (``by definition``);
* ``assumption``: everything else: a comment saying ``assumption`` or ``NOT FOUND``, or no
  comment at all (a default nobody documented is an assumption too).

A comment that mixes a source with an assumption (``source: ... ; assumption: half that
rate``) is an assumption: the weakest step decides. The range of a parameter comes from its
declaration when it has one (a ``dist`` table: its support, an item ``{min, mode, max}``),
else from ``range lo–hi`` in its comment when the stated range contains the value (so a
range written in other units, e.g. "0–6 points" for a share, is not misread).

Columns of :func:`evidence_register`: ``variant, parameter, value, unit, class, source,
low, high`` (low/high NaN when no range is known).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from simfin.business.assumptions import assumptions_table
from simfin.scenario.schema import Scenario
from simfin.scenario.sources import comment_range

__all__ = ["CLASSES", "EVIDENCE_COLUMNS", "changed_parameters", "classify", "comment_range",
           "declared_ranges", "mechanism_of",
           "evidence_register", "mechanism_evidence", "MECHANISM_PATHS"]

#: class code -> Dutch label (the order is that of strength).
CLASSES = {"sourced": "bron", "derived": "afgeleid", "assumption": "aanname"}
EVIDENCE_COLUMNS = ["variant", "parameter", "value", "unit", "class", "source", "low", "high"]


#: Oorzaken mechanism -> parameter path prefixes it switches (:mod:`simfin.business.drivers`).
MECHANISM_PATHS: dict[str, tuple[str, ...]] = {
    "pooling": ("access_team.organisation", "access_team.fte_by_municipality"),
    "policy": ("demand_streams.", "access_team.intake_mode", "access_team.integral_plan_share"),
    "capacity": ("access_team.",),
    "roles": ("organisation.roles",),
    "fixed_costs": ("organisation.fixed_costs",),
    "overhead": ("organisation.", "access_team.steering.operator_overhead"),
    "financing": ("providers.",),
    "items": ("structural.",),
}
_NOT_COMPARED = ("name", "description", "simulation.", "afweging", "business_case.",
                 "incidental.", "report", "ceiling.", "extends", "municipalities")


def classify(source: str) -> str:
    """The class of a parameter from its source comment (rules: module docstring)."""
    text = source.lower()
    if not text.strip() or "not found" in text or "assumption" in text or "assumed" in text:
        return "assumption"
    if "derived" in text or "calibrat" in text or "by definition" in text:
        return "derived"
    if "source" in text or "http" in text:
        return "sourced"
    return "assumption"


def declared_ranges(scenario: Scenario, uncertain=None) -> dict[str, tuple[float, float]]:
    """Machine-readable ranges: item ``{min, max}`` amounts and the support of every
    ``dist`` declaration of ``uncertain`` (99 % for an unbounded distribution)."""
    out: dict[str, tuple[float, float]] = {}
    for kind, items in (("incidental", scenario.incidental), ("structural", scenario.structural)):
        for name, item in items.items():
            amount = item.amount_eur if kind == "incidental" else item.amount_eur_per_year
            field = "amount_eur" if kind == "incidental" else "amount_eur_per_year"
            if amount.is_range:
                out[f"{kind}.{name}.{field}"] = (float(amount.min), float(amount.max))
    for p in getattr(uncertain, "parameters", ()) or ():
        lo, hi = (float(x) for x in p.ppf(np.array([0.0, 1.0])))
        if not (math.isfinite(lo) and math.isfinite(hi)):
            lo, hi = (float(x) for x in p.ppf(np.array([0.005, 0.995])))
        out[p.name] = (lo, hi)
    return out


def _item_path(parameter: str) -> str:
    """``incidental.x.amount_eur.mode`` -> ``incidental.x.amount_eur`` (one row per range)."""
    parts = parameter.split(".")
    return ".".join(parts[:-1]) if parts[-1] in ("min", "mode", "max") else parameter


def evidence_register(scenarios: dict[str, Scenario], sources: dict[str, dict[str, str]],
                      declared: dict[str, dict[str, tuple[float, float]]] | None = None
                      ) -> pd.DataFrame:
    """Every numeric parameter of every scenario with its class and range.

    ``declared``: per scenario name, :func:`declared_ranges` (ranges that are not in the
    comments). Values, units and sources come from
    :func:`~simfin.business.assumptions.assumptions_table`.
    """
    table = assumptions_table(scenarios, sources)
    rows = []
    for t in table.itertuples(index=False):
        if isinstance(t.value, bool) or not isinstance(t.value, int | float):
            continue
        ranges = (declared or {}).get(t.variant, {})
        path = _item_path(t.parameter)
        if path != t.parameter and not t.parameter.endswith(".mode"):
            continue
        lo, hi = ranges.get(path, ranges.get(t.parameter, comment_range(t.source, t.value,
                                                                          t.unit)))
        rows.append((t.variant, path, float(t.value), t.unit, classify(t.source), t.source,
                     lo, hi))
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def mechanism_of(parameter: str) -> str | None:
    """The Oorzaken mechanism a parameter belongs to (first matching prefix), or None."""
    if parameter.startswith(_NOT_COMPARED):
        return None
    for mechanism, prefixes in MECHANISM_PATHS.items():
        if parameter.startswith(prefixes):
            return mechanism
    return "other"


def changed_parameters(register: pd.DataFrame, null: str, variant: str) -> pd.DataFrame:
    """Rows of ``variant`` in the register whose value differs from the nulalternatief's
    (or that the nulalternatief lacks), with their ``mechanism``."""
    base = register[register["variant"] == null].set_index("parameter")["value"]
    mine = register[register["variant"] == variant]
    differs = [not (p in base.index and math.isclose(v, base[p], rel_tol=1e-12, abs_tol=1e-12))
               for p, v in zip(mine["parameter"], mine["value"], strict=True)]
    out = mine[differs].copy()
    out["mechanism"] = [mechanism_of(p) for p in out["parameter"]]
    out["reference"] = [float(base.get(p, 0.0)) for p in out["parameter"]]
    return out[out["mechanism"].notna()].reset_index(drop=True)


def mechanism_evidence(register: pd.DataFrame, drivers_summary: pd.DataFrame, null: str
                       ) -> pd.DataFrame:
    """Per variant and mechanism of the Oorzaken table: how many changed parameters are of
    each class, and the euros per year that rest on assumptions (the mechanism's saving
    when any parameter it changes is an assumption, else 0).

    Columns: ``variant, mechanism, n_sourced, n_derived, n_assumption,
    assumption_eur_per_year``.
    """
    rows = []
    for variant, part in drivers_summary.groupby("variant", sort=False):
        changed = changed_parameters(register, null, variant)
        for t in part.itertuples(index=False):
            if t.mechanism == "total":
                continue
            key = "capacity" if t.mechanism == "pooling_norm" else t.mechanism
            mine = changed[changed["mechanism"] == key]["class"]
            counts = {c: int((mine == c).sum()) for c in CLASSES}
            resting = float(t.saving_eur_per_year) if counts["assumption"] else 0.0
            rows.append((variant, t.mechanism, counts["sourced"], counts["derived"],
                         counts["assumption"], resting))
    return pd.DataFrame(rows, columns=["variant", "mechanism", "n_sourced", "n_derived",
                                       "n_assumption", "assumption_eur_per_year"])
