"""Rerun one variant of a business case with some parameters pinned (for switching values).

:class:`CaseEvaluator` prepares a nulalternatief and one variant exactly as
:func:`simfin.business_case` does (same seed, same replications, same transition on the
timeline, same probabilistic draws of every other range), simulates the nulalternatief
once, and then gives, for any values of some of the variant's parameters, the NPV and the
structural balance of every replication. Replication ``r`` sees the same residents and the
same draws of the other ranges at every value (common random numbers), so differences
between values are not noise.

A pinned parameter is no longer drawn: its value is the one given in every replication. A
pinned referral share moves light help with it, as a drawn one does
(:mod:`simfin.business.psa`). A change to items only (``incidental.*``, ``structural.*``)
reuses the variant's simulation: items are priced after it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from simfin.business.appraisal import appraise, balance_table
from simfin.business.case import ScenarioLike, ScenarioRuns, SwitchFrom, _prepare, \
    _variant_yearly, simulate_runs
from simfin.business.psa import _balance_referrals
from simfin.business.yearly import base_rows, priced
from simfin.scenario.load import validate_dict
from simfin.scenario.schema import Scenario
from simfin.scenario.uncertain import UncertainScenario

__all__ = ["CaseEvaluator", "Outcome"]


@dataclass(frozen=True)
class Outcome:
    """Per replication (in replication order): ``npv_eur`` (net present value over the
    horizon) and ``structural_eur`` (structural balance in the last year, nominal euros);
    + = besparing t.o.v. nulalternatief."""

    npv_eur: np.ndarray
    structural_eur: np.ndarray

    def of(self, criterion: str) -> np.ndarray:
        return self.npv_eur if criterion == "npv" else self.structural_eur


def _set(data: dict, path: str, value: float) -> None:
    keys = path.split(".")
    for key in keys[:-1]:
        data = data[int(key)] if isinstance(data, list) else data.setdefault(key, {})
    data[keys[-1]] = value


class CaseEvaluator:
    """The business case of ``variant`` against ``null`` as a function of parameters.

    Parameters
    ----------
    null, variant : Scenario or path
        As for :func:`simfin.business_case` (a path keeps the file's ``dist`` tables).
    replications, seed : int, optional
        Default: those of the nulalternatief.
    sample_ranges : bool
        Draw the ranges that are not pinned, as :func:`simfin.business_case` does.
    """

    def __init__(self, null: ScenarioLike, variant: ScenarioLike, replications: int | None = None,
                 seed: int | None = None, sample_ranges: bool = True, progress: bool = False):
        prepared = _prepare(null, [variant], replications, seed)
        self.null_name, self.name = list(prepared.scenarios)
        self.scenarios = prepared.scenarios
        self.sources = prepared.sources
        self.uncertain = prepared.uncertain
        self.sample_ranges, self.progress = sample_ranges, progress
        self._switch = prepared.switches.get(self.name)
        self._null: ScenarioRuns | None = None   # simulated at the first outcome
        self._base_runs: ScenarioRuns | None = None
        self.evaluations = 0

    @property
    def null(self) -> Scenario:
        return self.scenarios[self.null_name]

    @property
    def variant(self) -> Scenario:
        return self.scenarios[self.name]

    def scenario_at(self, values: Mapping[str, float]
                    ) -> tuple[Scenario, UncertainScenario | None]:
        """The variant with ``values`` pinned, and its remaining declared parameters."""
        declared = self.uncertain[self.name]
        data = copy.deepcopy(declared.data) if declared else self.variant.model_dump()
        for path, value in values.items():
            _set(data, path, float(value))
        _balance_referrals(data, values)
        data["name"] = self.name
        data["simulation"] = self.variant.simulation.model_dump()
        file = declared.file if declared else None
        scenario = validate_dict(data, file)
        if declared is None:
            return scenario, None
        rest = tuple(p for p in declared.parameters if p.name not in values)
        if not rest:
            return scenario, None
        return scenario, UncertainScenario(base=scenario, parameters=rest, data=data,
                                           file=file, fingerprint=declared.fingerprint)

    def _runs(self, scenario: Scenario, uncertain: UncertainScenario | None) -> ScenarioRuns:
        switch = None
        if self._switch is not None:
            switch = SwitchFrom(self.null, scenario, self.uncertain[self.null_name],
                                self._switch.file)
        self.evaluations += 1
        return simulate_runs(scenario, self.progress, uncertain, self.sample_ranges, switch)

    def outcome(self, values: Mapping[str, float] | None = None) -> Outcome:
        """NPV and structural balance per replication with ``values`` pinned (none: the
        variant as written)."""
        values = dict(values or {})
        if not values:
            scenario, uncertain = self.variant, self.uncertain[self.name]
        else:
            scenario, uncertain = self.scenario_at(values)
        if self._base_runs is None:
            self._base_runs = self._runs(self.variant, self.uncertain[self.name])
        if values and all(p.startswith(("incidental.", "structural.")) for p in values):
            pinned = {".".join(p.split(".")[:2]) for p in values}
            runs = replace(self._base_runs, amounts={
                r: {k: v for k, v in a.items() if k not in pinned}
                for r, a in self._base_runs.amounts.items()})
        elif values:
            runs = self._runs(scenario, uncertain)
        else:
            runs = self._base_runs
        return self._appraise(scenario, runs)

    def _appraise(self, scenario: Scenario, runs: ScenarioRuns) -> Outcome:
        """NPV and last-year structural balance per replication, computed as
        :func:`~simfin.business.case.assemble` does (same functions), without the tables the
        search does not need (ceiling, per municipality, item bounds)."""
        prices = self.null
        if self._null is None:
            self._null = simulate_runs(prices, self.progress, self.uncertain[self.null_name],
                                       self.sample_ranges)
            run = self._null
            self._null_base = base_rows(run.costs, prices, run.usage, "mode", run.amounts)
            self._null_yearly = priced(self._null_base, prices, self.null_name)
        bc = prices.business_case
        yearly = _variant_yearly(scenario, runs, self._null_base, prices, "mode")
        both = pd.concat([self._null_yearly, yearly], ignore_index=True)
        balance = balance_table(both, self.null_name, self.name, bc.discount_rate,
                                bc.discount_year or prices.simulation.start_year)
        app = appraise(balance).sort_values("replication")
        last = both[(both["year"] == both["year"].max()) & (both["cost_type"] == "structural")]
        cost = last.groupby(["variant", "replication"])["nominal_eur"].sum()
        reps = app["replication"].to_numpy()
        null = cost.xs(self.null_name).reindex(reps, fill_value=0.0).to_numpy()
        mine = cost.xs(self.name).reindex(reps, fill_value=0.0).to_numpy() \
            if self.name in cost.index.get_level_values(0) else np.zeros(len(reps))
        return Outcome(app["npv_eur"].to_numpy(dtype=float), null - mine)
