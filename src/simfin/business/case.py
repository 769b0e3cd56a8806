"""Run a business case: a nulalternatief and variants, compared with common random numbers.

A variant is a complete scenario. Every scenario is simulated with the same seed and the
same replications, so replication ``r`` of every scenario sees the same residents arrive
with the same attributes (common random numbers): the difference between a variant and
the nulalternatief in a replication is the effect of the policy, not noise.

The policy switch is the start of the first reported year: each scenario's warm-up runs
under its own rules (see ``docs/business-case.md`` for what this does and does not
capture), and ``business_case.phase_in`` of a variant phases its structural difference
with the nulalternatief in over the years.

Settings that define the comparison itself must be the same in every scenario (otherwise a
:class:`~simfin.errors.ScenarioError` names the variant and field): the time frame
(``simulation.start_year``, ``horizon_years``, ``warmup_years``), the municipalities, and
the price and discount settings of ``business_case`` (everything except ``phase_in``,
``phase_in_by_category`` and ``allocation_by_category``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from simfin.business.allocation import usage_shares
from simfin.business.appraisal import appraise, balance_table
from simfin.business.ceiling import ceiling_table
from simfin.business.incidental import BOUNDS
from simfin.business.result import BusinessCase, item_specs
from simfin.business.yearly import base_rows, phase_in, priced
from simfin.errors import ScenarioError, SimfinError
from simfin.runner import _meta, _progress, run_replication, with_settings
from simfin.scenario import load
from simfin.scenario.schema import Scenario
from simfin.scenario.sources import read_sources

__all__ = ["COMMON_SETTINGS", "ScenarioRuns", "assemble", "business_case", "simulate_runs"]

ScenarioLike = Scenario | str | Path
#: business_case fields that must be equal in all scenarios of one comparison.
COMMON_SETTINGS = ("discount_rate", "price_base_year", "discount_year", "wage_index_per_year",
                   "price_index_per_year", "wage_index_by_year", "price_index_by_year",
                   "index_by_category")
_FRAME = ("start_year", "horizon_years", "warmup_years")


@dataclass(frozen=True)
class ScenarioRuns:
    """What the business case needs from a scenario's replications (ledgers are dropped).

    ``costs``: finance cost tables with ``replication``; ``kpis``: ``replication, kpi, value,
    unit``; ``usage``: usage shares (:func:`~simfin.business.allocation.usage_shares`) per
    replication.
    """

    costs: pd.DataFrame
    kpis: pd.DataFrame
    usage: dict[int, pd.DataFrame]


def simulate_runs(scenario: Scenario, progress: bool = False) -> ScenarioRuns:
    """Simulate every replication of ``scenario`` and keep costs, KPIs and usage shares."""
    costs, kpis, usage = [], [], {}
    for r in _progress(range(scenario.simulation.replications), progress, scenario.name):
        tables = run_replication(scenario, r)
        costs.append(tables["yearly"])
        kpis.append(tables["kpis"])
        usage[r] = usage_shares(tables["ledger"], scenario)
    return ScenarioRuns(pd.concat(costs, ignore_index=True), pd.concat(kpis, ignore_index=True),
                        usage)


def _resolve(item: ScenarioLike) -> tuple[Scenario, dict[str, str], str]:
    """A scenario, the sources from its file's comments, and its file name for errors."""
    if isinstance(item, Scenario):
        return item, {}, f"<{item.name}>"
    path = Path(item)
    return load(path), read_sources(path), str(path)


def _check_comparable(null: Scenario, other: Scenario, file: str) -> None:
    for field in _FRAME:
        mine, base = getattr(other.simulation, field), getattr(null.simulation, field)
        if mine != base:
            raise ScenarioError(file, f"simulation.{field}", f"expected {base} as in the "
                                f"nulalternatief {null.name!r}, got {mine}")
    if set(other.municipalities) != set(null.municipalities):
        raise ScenarioError(file, "municipalities", "expected the municipalities of the "
                            f"nulalternatief {null.name!r}: {sorted(null.municipalities)}")
    for field in COMMON_SETTINGS:
        mine, base = (getattr(s.business_case, field) for s in (other, null))
        if mine != base:
            raise ScenarioError(file, f"business_case.{field}", f"expected {base!r} as in the "
                                f"nulalternatief {null.name!r}, got {mine!r}")


def _prepare(null: ScenarioLike, variants: Sequence[ScenarioLike], replications: int | None,
             seed: int | None) -> tuple[dict[str, Scenario], dict[str, dict[str, str]]]:
    if isinstance(variants, Scenario | str | Path):
        variants = [variants]
    if not variants:
        raise SimfinError("a business case needs at least one variant next to the "
                          "nulalternatief")
    resolved = [_resolve(x) for x in (null, *variants)]
    base = resolved[0][0]
    reps = replications or base.simulation.replications
    seed = base.simulation.seed if seed is None else seed
    scenarios: dict[str, Scenario] = {}
    sources: dict[str, dict[str, str]] = {}
    for scenario, comments, file in resolved:
        if scenario.name in scenarios:
            raise ScenarioError(file, "name", f"expected a name different from the other "
                                f"scenarios, got {scenario.name!r} twice")
        _check_comparable(base, scenario, file)
        scenarios[scenario.name] = with_settings(scenario, reps, seed)
        sources[scenario.name] = comments
    return scenarios, sources


def business_case(null: ScenarioLike, variants: ScenarioLike | Sequence[ScenarioLike],
                  replications: int | None = None, seed: int | None = None,
                  progress: bool = False) -> BusinessCase:
    """Compare variants with a nulalternatief over the years (the business case).

    Parameters
    ----------
    null : Scenario, str or Path
        The nulalternatief (status quo), a scenario or the path of a scenario file. With a
        path, the comments of the file become the sources in the ``Aannames`` table.
    variants : Scenario, path, or a sequence of them
        The variants.
    replications, seed : int, optional
        Used for every scenario (default: those of the nulalternatief), so that all
        scenarios share common random numbers.
    progress : bool
        Show a progress bar per scenario.

    Returns
    -------
    BusinessCase
        Tidy tables (yearly costs, balance, appraisal, ceiling, afwegingskader) and exports.
    """
    scenarios, sources = _prepare(null, variants, replications, seed)
    runs = {name: simulate_runs(s, progress) for name, s in scenarios.items()}
    return assemble(scenarios, runs, next(iter(scenarios)), sources)


def _has_ranges(scenario: Scenario) -> bool:
    amounts = [i.amount_eur for i in scenario.incidental.values()] + \
        [i.amount_eur_per_year for i in scenario.structural.values()]
    return any(a.is_range for a in amounts)


def _variant_yearly(scenario: Scenario, runs: ScenarioRuns, null_base: pd.DataFrame,
                    prices: Scenario, bound: str) -> pd.DataFrame:
    base = base_rows(runs.costs, scenario, runs.usage, bound)
    return priced(phase_in(base, null_base, scenario), prices, scenario.name)


def _npv_at_bounds(scenario: Scenario, runs: ScenarioRuns, null_base: pd.DataFrame,
                   null_yearly: pd.DataFrame, prices: Scenario,
                   appraisal: pd.DataFrame) -> pd.DataFrame:
    """``appraisal`` plus the NPV with every item of the variant at its minimum / maximum."""
    bc, null = prices.business_case, null_yearly["variant"].iat[0]
    to_year = bc.discount_year or prices.simulation.start_year
    out = appraisal.copy()
    for bound in ("min", "max"):
        npv = out["npv_eur"].to_numpy()
        if _has_ranges(scenario):
            yearly = _variant_yearly(scenario, runs, null_base, prices, bound)
            both = pd.concat([null_yearly, yearly], ignore_index=True)
            npv = appraise(balance_table(both, null, scenario.name, bc.discount_rate,
                                         to_year))["npv_eur"].to_numpy()
        out[f"npv_items_{bound}_eur"] = npv
    return out


def assemble(scenarios: dict[str, Scenario], runs: dict[str, ScenarioRuns], null: str,
             sources: dict[str, dict[str, str]] | None = None, meta: dict | None = None
             ) -> BusinessCase:
    """Build the business case from simulated runs (the pure part of :func:`business_case`).

    Parameters
    ----------
    scenarios : dict
        Scenario per name, in display order; must contain ``null``.
    runs : dict
        :class:`ScenarioRuns` per name (same replications everywhere).
    null : str
        Name of the nulalternatief.
    sources, meta : dict, optional
        Comment sources per scenario; extra metadata.
    """
    prices = scenarios[null]
    bc = prices.business_case
    to_year = bc.discount_year or prices.simulation.start_year
    null_base = base_rows(runs[null].costs, prices, runs[null].usage, "mode")
    null_yearly = priced(null_base, prices, null)
    parts, balances, by_muni, appraisals = [null_yearly], [], [], []
    for name, scenario in scenarios.items():
        if name == null:
            continue
        yearly = _variant_yearly(scenario, runs[name], null_base, prices, "mode")
        parts.append(yearly)
        both = pd.concat([null_yearly, yearly], ignore_index=True)
        balance = balance_table(both, null, name, bc.discount_rate, to_year)
        balances.append(balance)
        by_muni.append(balance_table(both, null, name, bc.discount_rate, to_year,
                                     by=("municipality",)))
        appraisals.append(_npv_at_bounds(scenario, runs[name], null_base, null_yearly, prices,
                                         appraise(balance)))
    yearly = pd.concat(parts, ignore_index=True)
    ceiling = pd.concat([ceiling_table(yearly[yearly["variant"] == n], s, n)
                         for n, s in scenarios.items()], ignore_index=True)
    kpis = pd.concat([r.kpis.assign(variant=n) for n, r in runs.items()], ignore_index=True)
    meta = {**_meta(prices), "null": null, "variants": [n for n in scenarios if n != null],
            "bounds": list(BOUNDS), **(meta or {})}
    return BusinessCase(
        scenarios=scenarios, null=null, yearly=yearly,
        balance=pd.concat(balances, ignore_index=True),
        balance_by_municipality=pd.concat(by_muni, ignore_index=True),
        appraisal=pd.concat(appraisals, ignore_index=True), ceiling=ceiling,
        kpis=kpis[["variant", *kpis.columns.drop("variant")]],
        items=item_specs(scenarios), sources=sources or {}, meta=meta)
