"""Drivers of the structural difference: the saving of a variant split by mechanism.

The structural difference (nulalternatief minus variant, + = besparing t.o.v.
nulalternatief) is split into parts that add up to it exactly:

* **Organisation costs** (team and specialists, indivisible roles, fixed costs, overhead)
  follow from the scenario without simulation (:mod:`simfin.finance.organisation`); their
  difference is attributed by cost category: staff FTE x cost -> *Formatie*, roles ->
  *Ondeelbare functies*, fixed costs -> *Vaste kosten*, overhead -> *Overhead*.
* **Queue pooling at equal service level** (*Wachtrijbundeling (gelijk serviceniveau)*):
  when the variant groups the generalist teams differently, the FTE a pooled form saves at
  the same intake norm, times the cost per FTE (:mod:`simfin.business.pooling`: two staffing
  searches at the nulalternatief's demand, common random numbers). It is taken out of the
  staff part, so *Formatie* keeps the rest of the FTE difference: the FTE the variant has
  beyond what its form needs at the norm, e.g. a negative *Formatie* when the variant keeps
  the FTE a pooled team no longer needs (it then buys shorter waits, not euros).
  ``pooling=None`` leaves it out (€ 0; the whole FTE difference stays *Formatie*).
* **Simulated costs** (specialist care, administration, benefits, budget lines) are
  decomposed by switching the variant's settings in one at a time, in this order, each
  step simulated with the same seed (common random numbers): the organisation form of the
  teams at equal FTE (*Wachtrijbundeling bij gelijke fte (gesimuleerd)*: what the
  changed waits do to care and administration), the team's capacity (*Formatie*), the flow
  (*Beleidseffecten*: voorveld, outcome shares, intake mode), the providers' financing
  (*Financiering*) and whatever else differs (*Overig*). The two pooling rows are kept apart
  because they answer different questions: euros of staff at the same service level, and
  euros of care at the same staff.
* **Structural items** written in the variant's file (*Structurele posten*).

By construction the steps telescope, so the parts sum to the total (up to floating-point
rounding, far below a cent). Amounts are at base-year prices, without indexation and
without phase-in: the full structural effect per year, mean over replications. The
attribution depends on the order of the steps (a standard property of one-at-a-time
decompositions); the order is fixed and stated above.

Columns of :func:`drivers`: ``variant, mechanism, label, year, saving_eur`` (per year)
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import pandas as pd

from simfin.business.incidental import item_years
from simfin.business.switch import REPORTING_SECTIONS
from simfin.business.pooling import PoolingEvidence, PoolingNorm, pooling_at_norm
from simfin.finance.organisation import access_team_costs
from simfin.scenario.load import validate_dict
from simfin.scenario.schema import Scenario

__all__ = ["MECHANISMS", "ORGANISATION_CATEGORIES", "case_drivers", "drivers", "drivers_summary",
           "steps"]

#: Mechanism -> Dutch label, in the order of the table and the waterfall.
MECHANISMS: dict[str, str] = {
    "pooling_norm": "Wachtrijbundeling (gelijk serviceniveau)",
    "pooling": "Wachtrijbundeling bij gelijke fte (gesimuleerd)",
    "capacity": "Formatie (fte)",
    "roles": "Ondeelbare functies",
    "fixed_costs": "Vaste kosten",
    "overhead": "Overhead",
    "policy": "Beleidseffecten (voorveld, verwijzing, intake)",
    "financing": "Financiering",
    "items": "Structurele posten",
    "other": "Overig",
}
#: Organisation cost categories and the mechanism each is attributed to.
ORGANISATION_CATEGORIES = {"access_team": "capacity", "specialists": "capacity",
                           "indivisible_roles": "roles", "fixed_costs": "fixed_costs",
                           "overhead": "overhead"}
#: Scenario sections the simulation never reads (money, reporting, business case only).
_NOT_SIMULATED = (*REPORTING_SECTIONS, "organisation")
_POLICY_TEAM_FIELDS = ("intake_mode", "integral_plan_share")


def _pooling(now: dict, variant: dict) -> None:
    for key in ("organisation", "fte_by_municipality"):
        now["access_team"][key] = copy.deepcopy(variant["access_team"][key])


def _capacity(now: dict, variant: dict) -> None:
    kept = {k: now["access_team"][k] for k in _POLICY_TEAM_FIELDS}
    now["access_team"] = {**copy.deepcopy(variant["access_team"]), **kept}


def _policy(now: dict, variant: dict) -> None:
    now["demand_streams"] = copy.deepcopy(variant["demand_streams"])
    for k in _POLICY_TEAM_FIELDS:
        now["access_team"][k] = variant["access_team"][k]


def _financing(now: dict, variant: dict) -> None:
    now["providers"] = copy.deepcopy(variant["providers"])


def _other(now: dict, variant: dict) -> None:
    for key, value in variant.items():
        if key not in ("name", "simulation"):
            now[key] = copy.deepcopy(value)


_STEPS: tuple[tuple[str, Callable[[dict, dict], None]], ...] = (
    ("pooling", _pooling), ("capacity", _capacity), ("policy", _policy),
    ("financing", _financing), ("other", _other))


def steps(null: Scenario, variant: Scenario) -> list[tuple[str, Scenario]]:
    """The chain nulalternatief -> variant: ``(mechanism, scenario after the switch)``.

    Every scenario keeps the nulalternatief's simulation settings, so all share common
    random numbers (the name, ``stap-<mechanism>``, is not part of any seed); the last one
    simulates exactly as the variant.
    """
    now, target = null.model_dump(), variant.model_dump()
    chain = []
    for mechanism, switch in _STEPS:
        switch(now, target)
        now["name"], now["simulation"] = f"stap-{mechanism}", null.simulation.model_dump()
        chain.append((mechanism, validate_dict(copy.deepcopy(now))))
    return chain


def _simulated_part(scenario: Scenario) -> dict:
    dump = scenario.model_dump()
    return {k: v for k, v in dump.items() if k not in (*_NOT_SIMULATED, "simulation")}


def _yearly_by_category(costs: pd.DataFrame) -> pd.DataFrame:
    own = costs[costs["party"] == "municipality"]
    return own.groupby(["replication", "year", "category"])["amount_eur"].sum()


def _simulated_costs(by_category: pd.Series) -> pd.Series:
    rows = by_category[~by_category.index.get_level_values("category").isin(
        list(ORGANISATION_CATEGORIES))]
    return rows.groupby(["replication", "year"]).sum()


def _per_year(series: pd.Series, replications: int) -> pd.Series:
    return series.groupby("year").sum() / replications


def drivers(null: Scenario, variant: Scenario, simulate: Callable[[Scenario], pd.DataFrame],
            pooling: PoolingNorm | PoolingEvidence | None = PoolingNorm()) -> pd.DataFrame:
    """The structural saving of ``variant`` against ``null`` per mechanism and year.

    ``simulate(scenario)`` returns the finance cost table of every replication (with a
    ``replication`` column; e.g. ``simulate_runs(s).costs``); it is called once per step that
    changes what the simulation reads, and may return cached tables for the two ends.
    ``pooling``: settings of the staffing search for the pooling at equal service level, its
    result (:func:`~simfin.business.pooling.pooling_at_norm`), or None to leave it out.
    """
    parts = _simulated_parts(null, variant, simulate)
    org = _organisation_costs(null).sub(_organisation_costs(variant), fill_value=0.0)
    for category, mechanism in ORGANISATION_CATEGORIES.items():
        if category in org.index.get_level_values("category"):
            saving = org.xs(category, level="category")
            parts[mechanism] = parts[mechanism].add(saving, fill_value=0.0) \
                if mechanism in parts else saving
    parts["items"] = _items_saving(null, variant)
    if isinstance(pooling, PoolingNorm):
        pooling = pooling_at_norm(null, variant, pooling)
    years = list(null.reported_years)
    if pooling is not None and pooling.saving_eur_per_year != 0:
        parts["pooling_norm"] = pd.Series(pooling.saving_eur_per_year, index=years)
        parts["capacity"] = parts["capacity"].sub(parts["pooling_norm"], fill_value=0.0)
    return _frame(variant.name, parts, years)


def _simulated_parts(null: Scenario, variant: Scenario,
                     simulate: Callable[[Scenario], pd.DataFrame]) -> dict[str, pd.Series]:
    """The simulated costs' saving per step of the chain (:func:`steps`) and year."""
    reps = null.simulation.replications
    costs = {"null": _yearly_by_category(simulate(null))}
    previous, previous_key = null, "null"
    parts: dict[str, pd.Series] = {}
    for mechanism, scenario in steps(null, variant):
        target = variant if mechanism == "other" else scenario
        if _simulated_part(scenario) == _simulated_part(previous):
            costs[mechanism] = costs[previous_key]
        else:
            costs[mechanism] = _yearly_by_category(simulate(target))
        delta = _simulated_costs(costs[previous_key]).sub(
            _simulated_costs(costs[mechanism]), fill_value=0.0)
        parts[mechanism] = _per_year(delta, reps)
        previous, previous_key = scenario, mechanism
    return parts


def case_drivers(null: Scenario, variants: list[Scenario],
                 simulate: Callable[[Scenario], pd.DataFrame],
                 pooling: PoolingNorm | None) -> tuple[pd.DataFrame, list[dict]]:
    """The mechanism table of every variant and the evidence of its pooling saving
    (:meth:`~simfin.business.pooling.PoolingEvidence.as_dict` per variant; empty with
    ``pooling=None``)."""
    evidence = [pooling_at_norm(null, v, pooling) for v in variants] if pooling else \
        [None] * len(variants)
    tables = [drivers(null, v, simulate, e) for v, e in zip(variants, evidence, strict=True)]
    return (pd.concat(tables, ignore_index=True),
            [e.as_dict() for e in evidence if e is not None])


def _organisation_costs(scenario: Scenario) -> pd.Series:
    """Organisation costs per year and category (no simulation needed)."""
    rows = pd.DataFrame(access_team_costs(scenario), columns=["year", "category", "amount_eur"])
    return rows.groupby(["year", "category"])["amount_eur"].sum()


def _items_saving(null: Scenario, variant: Scenario) -> pd.Series:
    """Structural items per year over all municipalities (no verdeelsleutel needed)."""
    totals = []
    for s in (null, variant):
        rows = [(y, v) for y, kind, *_, v in item_years(s) if kind == "structural"]
        totals.append(pd.DataFrame(rows, columns=["year", "eur"]).groupby("year")["eur"].sum())
    return totals[0].sub(totals[1], fill_value=0.0)


def _frame(name: str, parts: dict[str, pd.Series], years: list[int]) -> pd.DataFrame:
    rows = []
    for mechanism, label in MECHANISMS.items():
        series = parts.get(mechanism, pd.Series(dtype=float))
        series = series.reindex(years, fill_value=0.0) if len(series) else \
            pd.Series(0.0, index=years)
        rows += [(name, mechanism, label, int(y), float(v)) for y, v in series.items()]
    return pd.DataFrame(rows, columns=["variant", "mechanism", "label", "year", "saving_eur"])


def drivers_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per variant and mechanism: mean saving per year over the reported years, its share
    of the total, and a ``Totaal`` row (the structural saving per year)."""
    out = []
    for name, rows in table.groupby("variant", sort=False):
        mean = rows.groupby(["mechanism", "label"], sort=False)["saving_eur"].mean()
        total = float(mean.sum())
        for (mechanism, label), value in mean.items():
            out.append((name, mechanism, label, float(value),
                        value / total if total else float("nan")))
        out.append((name, "total", "Totaal structureel verschil", total, 1.0 if total else
                    float("nan")))
    return pd.DataFrame(out, columns=["variant", "mechanism", "label",
                                      "saving_eur_per_year", "share_of_total"])
