"""Compare scenarios side by side with common random numbers (e.g. financing variants).

Every scenario runs with the same seed and number of replications, so replication ``r``
of each variant sees the same residents with the same needs: differences come from the
policy, not from noise.

    comparison = simfin.compare(["scenarios/jeugd-60k-pq-uur.toml",
                                 "scenarios/jeugd-60k-lumpsum.toml"], replications=20)
    comparison.table            # tidy: scenario, indicator, unit, mean, std, p05, p95
    comparison.wide()           # indicators as rows, scenarios as columns (nl-NL text)
    comparison.savings()        # first scenario minus each other one (+ = besparing)
    comparison.plot()           # one chart panel
    comparison.save("out/vergelijking")

Indicators (per reported year, averaged over the horizon; see :data:`INDICATORS`):
municipality spending (all its categories) and payments for specialist care, specialist
waiting list (mean clients waiting) and waiting time, mean trajectory length, admin hours
and euros of both parties, provider margin (all providers), and P(provider loss): the share
of replications in which the providers' margin per year is negative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from simfin.results import HIGH, LOW, Results
from simfin.risk import per_replication
from simfin.runner import run, with_settings
from simfin.scenario import Scenario, load
from simfin.scope_check import check_scope, restrict, scope_note, scope_of

__all__ = ["INDICATORS", "SAVING_COLUMNS", "SAVING_INDICATORS", "TABLE_COLUMNS", "Comparison",
           "compare", "indicator_values"]

#: (indicator, unit, statistics shown in the side-by-side table)
INDICATORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("spending_eur", "eur", ("mean", "p05", "p95", "std")),
    ("specialist_care_eur", "eur", ("mean",)),
    ("waiting_list_mean", "clients", ("mean", "p95")),
    ("specialist_wait_mean_days", "days", ("mean",)),
    ("trajectory_mean_days_2e", "days", ("mean",)),
    ("admin_hours_municipality", "hours", ("mean",)),
    ("admin_hours_provider", "hours", ("mean",)),
    ("admin_eur_municipality", "eur", ("mean",)),
    ("admin_eur_provider", "eur", ("mean",)),
    ("provider_margin_eur", "eur", ("mean", "p05", "p95", "std")),
    ("p_provider_loss", "share", ("mean",)),
)
TABLE_COLUMNS = ("scenario", "indicator", "unit", "mean", "std", "p05", "p95")
#: municipal euros whose difference against the reference is a saving (+ = besparing)
SAVING_INDICATORS = ("spending_eur", "specialist_care_eur", "admin_eur_municipality")
SAVING_COLUMNS = ("scenario", "reference", "indicator", "unit", "mean", "p05", "p95")
_KPIS = {"waiting_list_mean": "specialist_waiting_mean",
         "specialist_wait_mean_days": "specialist_wait_mean_days",
         "trajectory_mean_days_2e": "trajectory_mean_days_2e"}


def indicator_values(results: Results) -> pd.DataFrame:
    """Per replication, every indicator of :data:`INDICATORS` (one column each)."""
    table = per_replication(results).set_index("replication")
    kpis = results.kpis.pivot(index="replication", columns="kpi", values="value")
    for name, kpi in _KPIS.items():
        table[name] = kpis[kpi].reindex(table.index) if kpi in kpis else np.nan
    table["p_provider_loss"] = (table["provider_margin_eur"] < 0).astype(float)
    return table[[name for name, _, _ in INDICATORS]].reset_index()


def _summary(name: str, values: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for indicator, unit, _ in INDICATORS:
        v = values[indicator].dropna()
        probability = indicator == "p_provider_loss"
        rows.append({"scenario": name, "indicator": indicator, "unit": unit,
                     "mean": v.mean() if len(v) else np.nan,
                     "std": v.std(ddof=1) if len(v) > 1 and not probability else np.nan,
                     "p05": v.quantile(LOW) if len(v) and not probability else np.nan,
                     "p95": v.quantile(HIGH) if len(v) and not probability else np.nan})
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


@dataclass(frozen=True)
class Comparison:
    """What :func:`compare` returns: the runs, the tidy table and views of it."""

    results: dict[str, Results]
    table: pd.DataFrame
    per_replication: pd.DataFrame
    meta: dict = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return list(self.results)

    def kinds(self) -> dict[str, list[str]]:
        """Financing kinds used by each scenario's providers (sorted, unique)."""
        return {name: sorted({p.financing.kind for p in r.scenario.providers.values()})
                for name, r in self.results.items()}

    def savings(self) -> pd.DataFrame:
        """Per scenario after the first (the reference) and indicator of
        :data:`SAVING_INDICATORS`: reference minus scenario in each replication (the same
        residents: common random numbers), its mean and 5th/95th percentile; + = besparing
        (euros per year, mean over the reported years). Columns :data:`SAVING_COLUMNS`."""
        reps = self.per_replication.set_index(["scenario", "replication"])
        reference, rows = self.names[0], []
        for name in self.names[1:]:
            for indicator in SAVING_INDICATORS:
                diff = (reps.loc[reference, indicator] - reps.loc[name, indicator]).dropna()
                rows.append({"scenario": name, "reference": reference, "indicator": indicator,
                             "unit": "eur", "mean": diff.mean() if len(diff) else np.nan,
                             "p05": diff.quantile(LOW) if len(diff) else np.nan,
                             "p95": diff.quantile(HIGH) if len(diff) else np.nan})
        return pd.DataFrame(rows, columns=list(SAVING_COLUMNS))


def _unique_names(scenarios: Sequence[Scenario]) -> list[str]:
    names, seen = [], {}
    for s in scenarios:
        seen[s.name] = seen.get(s.name, 0) + 1
        names.append(s.name if seen[s.name] == 1 else f"{s.name} ({seen[s.name]})")
    return names


def compare(scenarios: Sequence[Scenario | str | Path], replications: int | None = None,
            seed: int | None = None, progress: bool = False,
            common_scope: bool = False) -> Comparison:
    """Run several scenarios with common random numbers and compare them side by side.

    Parameters
    ----------
    scenarios : sequence of Scenario or path
        Scenarios or scenario files (TOML), in the order of the table's columns.
    replications : int, optional
        Replications for every scenario; default: those of the first scenario.
    seed : int, optional
        One seed for every scenario (common random numbers); default: the first
        scenario's seed.
    progress : bool
        Show a progress bar per scenario.
    common_scope : bool
        Scenarios of different scope (:mod:`simfin.scope_check`) are refused with a
        :class:`~simfin.scope_check.ScopeError`; True compares only the scope they share
        (``meta["scope"]`` says so in every output).

    Returns
    -------
    Comparison
        ``table`` (tidy, columns :data:`TABLE_COLUMNS`), ``per_replication`` (indicator
        values per scenario and replication) and the ``results`` of each run.
    """
    loaded = [s if isinstance(s, Scenario) else load(s) for s in scenarios]
    if not loaded:
        raise ValueError("compare needs at least one scenario")
    scope = check_scope(loaded, common=common_scope)
    restricted = any(scope_of(s) != scope for s in loaded)
    loaded = [restrict(s, scope) for s in loaded]
    first = loaded[0].simulation
    reps = first.replications if replications is None else replications
    seed = first.seed if seed is None else seed
    runs: dict[str, Results] = {}
    for name, scenario in zip(_unique_names(loaded), loaded, strict=True):
        runs[name] = run(with_settings(scenario, reps, seed), progress=progress)
    values = {name: indicator_values(r) for name, r in runs.items()}
    table = pd.concat([_summary(n, v) for n, v in values.items()], ignore_index=True)
    if restricted:  # the CSV says it too
        table["scope"] = scope_note(scope, True, "en")
    per_rep = pd.concat([v.assign(scenario=n) for n, v in values.items()], ignore_index=True)
    per_rep = per_rep[["scenario", *per_rep.columns.drop("scenario")]]
    meta = {"replications": reps, "seed": seed, "simfin": next(iter(runs.values())).meta.get(
        "simfin", "?"), "scope": scope,
            "scope_restricted": restricted}
    return Comparison(results=runs, table=table, per_replication=per_rep, meta=meta)
