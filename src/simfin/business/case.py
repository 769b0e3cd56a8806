"""Run a business case: a nulalternatief and variants, compared with common random numbers.

A variant is a complete scenario. Every scenario is simulated with the same seed and the
same replications, so replication ``r`` of every scenario sees the same residents arrive
with the same attributes (common random numbers): the difference between a variant and
the nulalternatief in a replication is the effect of the policy, not noise.

Ranges are sampled (probabilistic sensitivity analysis, :mod:`simfin.business.psa`): with
``sample_ranges`` (the default) each replication draws every item range and every
parameter a scenario file declares as a ``dist`` table once, on its own random stream, so
the NPV interval over the replications holds that uncertainty as well as the
simulation's. The NPV with every item at its minimum / maximum stays as a labelled
sensitivity band.

The transition, two ways (``docs/business-case.md``):

* **On the timeline** (``[business_case.switch]`` in the variant,
  :mod:`simfin.business.switch`): the variant is simulated as the nulalternatief until the
  switch date and as the variant after it, in one run with common random numbers against
  the nulalternatief continuing; build-up, backlog, inhuur and double running emerge.
* **As two steady states** (no switch): each scenario's warm-up runs under its own rules
  and ``business_case.phase_in`` of a variant phases its structural difference with the
  nulalternatief in over the years (an explicit assumption).

Settings that define the comparison itself must be the same in every scenario (otherwise a
:class:`~simfin.errors.ScenarioError` names the variant and field): the time frame
(``simulation.start_year``, ``horizon_years``, ``warmup_years``), the municipalities, and
the price and discount settings of ``business_case`` (everything except ``phase_in``,
``phase_in_by_category`` and ``allocation_by_category``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from simfin.business.afweging import variant_label
from simfin.business.allocation import usage_shares
from simfin.business.appraisal import appraise, balance_table
from simfin.business.ceiling import ceiling_table
from simfin.business.drivers import case_drivers
from simfin.business.evidence import declared_ranges
from simfin.business.incidental import BOUNDS
from simfin.business.pooling import PoolingNorm, pooling_settings
from simfin.business.psa import sampled_amounts, sampled_scenario
from simfin.business.result import BusinessCase, item_specs
from simfin.business.switch import switched
from simfin.business.yearly import base_rows, phase_in, priced
from simfin.errors import ScenarioError, SimfinError
from simfin.runner import _meta, _progress, run_replication, with_settings
from simfin.scenario import load, load_uncertain
from simfin.scenario.schema import Scenario
from simfin.scenario.sources import read_sources
from simfin.scenario.uncertain import UncertainScenario
from simfin.scope_check import check_scope

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
    replication; ``amounts``: drawn item amounts per replication (empty: the mode);
    ``parameters``: drawn parameter values, columns ``replication, parameter, value``.
    """

    costs: pd.DataFrame
    kpis: pd.DataFrame
    usage: dict[int, pd.DataFrame]
    amounts: dict[int, dict[str, float]] = field(default_factory=dict)
    parameters: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["replication", "parameter", "value"]))


@dataclass(frozen=True)
class SwitchFrom:
    """The nulalternatief a variant with ``[business_case.switch]`` starts from.

    Building it checks the switch (a switch that cannot run fails here, before any
    simulation) and keeps the scenario at the mode, so its regimes are built once.
    """

    null: Scenario
    variant: Scenario
    uncertain: UncertainScenario | None = None
    file: str = ""
    at_mode: Scenario = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "at_mode", switched(self.null, self.variant, self.file))

    def simulated(self, variant: Scenario, replication: int, sample_ranges: bool
                  ) -> Scenario:
        """The scenario simulated for ``variant`` (the variant itself or one replication's
        draw of it) in ``replication``: the nulalternatief (with its own draws when ranges
        are sampled) until the switch, then the variant."""
        drawn_null = sample_ranges and self.uncertain is not None
        if variant is self.variant and not drawn_null:
            return self.at_mode
        null = sampled_scenario(self.uncertain, self.null, replication)[0] if drawn_null \
            else self.null
        return switched(null, variant, self.file)


def simulate_runs(scenario: Scenario, progress: bool = False,
                  uncertain: UncertainScenario | None = None,
                  sample_ranges: bool = False,
                  switch_from: SwitchFrom | None = None) -> ScenarioRuns:
    """Simulate every replication of ``scenario`` and keep costs, KPIs and usage shares.

    With ``sample_ranges``, item ranges and the parameters ``uncertain`` declares are drawn
    per replication (:mod:`simfin.business.psa`) and each replication runs its own draw.
    With ``switch_from`` (a variant with ``[business_case.switch]``) each replication
    simulates the nulalternatief until the switch and ``scenario`` after it.
    """
    costs, kpis, usage, amounts, drawn = [], [], {}, {}, []
    for r in _progress(range(scenario.simulation.replications), progress, scenario.name):
        own = scenario
        if sample_ranges:
            amounts[r] = sampled_amounts(scenario, r)
            if uncertain is not None:
                own, values = sampled_scenario(uncertain, scenario, r)
                drawn += [(r, k, v) for k, v in values.items()]
        if switch_from is not None:
            own = switch_from.simulated(own, r, sample_ranges)
        tables = run_replication(own, r)
        costs.append(tables["yearly"])
        kpis.append(tables["kpis"])
        usage[r] = usage_shares(tables["ledger"], own)
    parameters = pd.DataFrame(drawn, columns=["replication", "parameter", "value"])
    return ScenarioRuns(pd.concat(costs, ignore_index=True), pd.concat(kpis, ignore_index=True),
                        usage, amounts, parameters)


def _resolve(item: ScenarioLike) -> tuple[Scenario, dict[str, str], str,
                                          UncertainScenario | None]:
    """A scenario, the sources from its file's comments, its file name for errors, and its
    declared uncertain parameters (a file with ``dist`` tables only)."""
    if isinstance(item, Scenario):
        return item, {}, f"<{item.name}>", None
    path = Path(item)
    uncertain = load_uncertain(path)
    return (uncertain.base, read_sources(path), str(path),
            uncertain if uncertain.parameters else None)


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
    check_scope([null, other], option="")  # like with like: a scope difference is refused


@dataclass(frozen=True)
class _Prepared:
    scenarios: dict[str, Scenario]
    sources: dict[str, dict[str, str]]
    uncertain: dict[str, UncertainScenario | None]
    switches: dict[str, SwitchFrom]   # variants with [business_case.switch]


def _prepare(null: ScenarioLike, variants: Sequence[ScenarioLike], replications: int | None,
             seed: int | None) -> _Prepared:
    if isinstance(variants, Scenario | str | Path):
        variants = [variants]
    if not variants:
        raise SimfinError("a business case needs at least one variant next to the "
                          "nulalternatief")
    resolved = [_resolve(x) for x in (null, *variants)]
    base = resolved[0][0]
    reps = replications or base.simulation.replications
    seed = base.simulation.seed if seed is None else seed
    out = _Prepared({}, {}, {}, {})
    labels: dict[str, str] = {}
    for i, (scenario, comments, file, declared) in enumerate(resolved):
        if scenario.name in out.scenarios:
            raise ScenarioError(file, "name", f"expected a name different from the other "
                                f"scenarios, got {scenario.name!r} twice")
        shown = variant_label(scenario)   # tables and the workbook are keyed by it
        if shown in labels:
            raise ScenarioError(file, "afweging.label" if scenario.afweging and
                                scenario.afweging.label else "name", f"expected a display "
                                f"name different from the other scenarios', got {shown!r} "
                                f"also for {labels[shown]}")
        labels[shown] = scenario.name
        _check_comparable(base, scenario, file)
        own = with_settings(scenario, reps, seed)
        out.scenarios[scenario.name] = own
        out.sources[scenario.name] = comments
        out.uncertain[scenario.name] = declared
        if scenario.business_case.switch is not None:
            if i == 0:
                raise ScenarioError(file, "business_case.switch", "expected no switch in "
                                    "the nulalternatief: a variant switches from it")
            null_name = next(iter(out.scenarios))
            out.switches[scenario.name] = SwitchFrom(out.scenarios[null_name], own,
                                                     out.uncertain[null_name], file)
    return out


def business_case(null: ScenarioLike, variants: ScenarioLike | Sequence[ScenarioLike],
                  replications: int | None = None, seed: int | None = None,
                  progress: bool = False, sample_ranges: bool = True,
                  drivers: bool = True, pooling: str | PoolingNorm = "norm") -> BusinessCase:
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
    sample_ranges : bool
        Draw item ranges and declared (``dist``) parameters once per replication (PSA,
        :mod:`simfin.business.psa`); False: every range at its mode, as a run of one file.
    drivers : bool
        Split each variant's structural difference by mechanism
        (:mod:`simfin.business.drivers`; simulates the intermediate steps that change the
        flow, at the mode of every range).
    pooling : "norm", "equal_fte" or PoolingNorm
        With drivers: "norm" (default) also prices the queue pooling at equal service level
        when the teams' organisation form differs (:mod:`simfin.business.pooling`; two
        staffing searches, settings in ``meta["drivers_pooling"]``); a
        :class:`~simfin.business.pooling.PoolingNorm` sets its criterion, replications and
        step; "equal_fte" skips it (the pooling at equal FTE only).

    Returns
    -------
    BusinessCase
        Tidy tables (yearly costs, balance, appraisal, ceiling, afwegingskader) and exports.
    """
    prepared = _prepare(null, variants, replications, seed)
    scenarios, sources, uncertain = prepared.scenarios, prepared.sources, prepared.uncertain
    settings = pooling_settings(pooling)  # a bad value fails before any simulation
    runs = {name: simulate_runs(s, progress, uncertain[name], sample_ranges,
                                prepared.switches.get(name))
            for name, s in scenarios.items()}
    declared = {n: declared_ranges(s, uncertain[n]) for n, s in scenarios.items()}
    labels = {p.name: p.label for u in uncertain.values() if u for p in u.parameters}
    case = assemble(scenarios, runs, next(iter(scenarios)), sources,
                    {"sample_ranges": sample_ranges, "declared": declared, "labels": labels})
    if not drivers:
        return case
    steady = {n: r for n, r in runs.items() if n not in prepared.switches}
    table, evidence = _drivers(scenarios, steady, uncertain, sample_ranges, progress, settings)
    return replace(case, drivers=table, meta={**case.meta, "drivers_pooling": evidence})


def _drivers(scenarios: dict[str, Scenario], runs: dict[str, ScenarioRuns],
             uncertain: dict[str, UncertainScenario | None], sampled: bool,
             progress: bool, pooling: PoolingNorm | None) -> tuple[pd.DataFrame, list[dict]]:
    """The mechanism table of every variant (reusing the runs simulated at the mode) and the
    evidence of its pooling saving; ``runs`` holds the steady-state runs only (a switched
    variant's run is not its steady state)."""
    cached = [(scenarios[n], runs[n]) for n in runs
              if not sampled or uncertain[n] is None]

    def simulate(scenario: Scenario) -> pd.DataFrame:
        for known, run in cached:
            if known == scenario:
                return run.costs
        run = simulate_runs(scenario, progress)
        cached.append((scenario, run))
        return run.costs

    null = next(iter(scenarios))
    return case_drivers(scenarios[null], [s for n, s in scenarios.items() if n != null],
                        simulate, pooling)


def _has_ranges(scenario: Scenario) -> bool:
    amounts = [i.amount_eur for i in scenario.incidental.values()] + \
        [i.amount_eur_per_year for i in scenario.structural.values()]
    return any(a.is_range for a in amounts)


def _variant_yearly(scenario: Scenario, runs: ScenarioRuns, null_base: pd.DataFrame,
                    prices: Scenario, bound: str) -> pd.DataFrame:
    amounts = runs.amounts if bound == "mode" else None
    base = base_rows(runs.costs, scenario, runs.usage, bound, amounts)
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


def _draws(runs: dict[str, ScenarioRuns]) -> pd.DataFrame:
    """Every drawn item amount and parameter: ``variant, replication, name, value``."""
    rows = [(n, r, k, v) for n, run in runs.items() for r, drawn in run.amounts.items()
            for k, v in drawn.items()]
    rows += [(n, t.replication, t.parameter, t.value) for n, run in runs.items()
             for t in run.parameters.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["variant", "replication", "name", "value"])


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
    null_base = base_rows(runs[null].costs, prices, runs[null].usage, "mode", runs[null].amounts)
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
        scenarios=scenarios, null=null, yearly=yearly, draws=_draws(runs),
        balance=pd.concat(balances, ignore_index=True),
        balance_by_municipality=pd.concat(by_muni, ignore_index=True),
        appraisal=pd.concat(appraisals, ignore_index=True), ceiling=ceiling,
        kpis=kpis[["variant", *kpis.columns.drop("variant")]],
        items=item_specs(scenarios), sources=sources or {}, meta=meta)
