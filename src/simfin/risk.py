"""Financial risk across replications: who pays when volume turns out differently.

Each replication is one possible course of demand (other residents, other durations).
The spread over replications of what the municipality pays, and of what the providers
earn, shows who carries the volume risk under a financing model: under p*q the
municipality's spending moves with volume and the provider's margin barely does; under a
lump sum it is the other way round.

All amounts are per reported year: the total over the horizon divided by its years.

Columns of :func:`per_replication`
----------------------------------
replication : int
spending_eur : float              everything the municipalities pay (all their categories)
specialist_care_eur : float       payments to providers (incl. corridor settlements)
admin_eur_municipality, admin_eur_provider : float     administrative burden in euros
admin_hours_municipality, admin_hours_provider : float administrative hours
provider_margin_eur : float       revenue - cost of care - provider admin, all providers

Columns of :func:`risk_summary`
-------------------------------
measure : str, mean, std, p05, p95 : float (std with ddof=1; NaN for one replication)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simfin.results import HIGH, LOW

if TYPE_CHECKING:
    from simfin.results import Results

__all__ = ["RISK_MEASURES", "p_loss", "per_replication", "provider_margins", "risk_summary"]

RISK_MEASURES = ("spending_eur", "specialist_care_eur", "provider_margin_eur")


def _per_year(results: Results, party: str, categories: tuple[str, ...] | None,
              value: str = "amount_eur") -> pd.Series:
    """Sum of ``value`` per replication for one party (and categories), per reported year."""
    y = results.yearly
    rows = y[y["party"] == party]
    if categories is not None:
        rows = rows[rows["category"].isin(categories)]
    reps = pd.Index(sorted(y["replication"].unique()), name="replication")
    total = rows.groupby("replication")[value].sum().reindex(reps, fill_value=0.0)
    return total / results.scenario.simulation.horizon_years


def per_replication(results: Results) -> pd.DataFrame:
    """Per replication: spending, admin and provider margin per year (see module docstring)."""
    municipality_categories = tuple(sorted(
        set(results.yearly.loc[results.yearly["party"] == "municipality", "category"])))
    table = pd.DataFrame({
        "spending_eur": _per_year(results, "municipality", municipality_categories),
        "specialist_care_eur": _per_year(results, "municipality", ("specialist_care",)),
        "admin_eur_municipality": _per_year(results, "municipality", ("admin",)),
        "admin_eur_provider": _per_year(results, "provider", ("admin",)),
        "admin_hours_municipality": _per_year(results, "municipality", ("admin",), "hours"),
        "admin_hours_provider": _per_year(results, "provider", ("admin",), "hours"),
        "provider_margin_eur": _per_year(results, "provider", ("margin",)),
    })
    return table.reset_index()


def provider_margins(results: Results) -> pd.DataFrame:
    """Margin per replication and provider, euros per reported year (tidy)."""
    y = results.yearly
    margin = y[(y["party"] == "provider") & (y["category"] == "margin")]
    per = margin.groupby(["replication", "provider"], as_index=False)["amount_eur"].sum()
    per["amount_eur"] /= results.scenario.simulation.horizon_years
    return per.rename(columns={"amount_eur": "margin_eur"})


def p_loss(results: Results, provider: str | None = None) -> float:
    """Share of replications in which the provider margin per year is below zero.

    ``provider=None`` takes all providers together.
    """
    if provider is None:
        margin = per_replication(results)["provider_margin_eur"]
    else:
        margins = provider_margins(results)
        margin = margins.loc[margins["provider"] == provider, "margin_eur"]
    return float((margin < 0).mean()) if len(margin) else np.nan


def _spread(values: pd.Series) -> dict[str, float]:
    return {"mean": values.mean(), "std": values.std(ddof=1) if len(values) > 1 else np.nan,
            "p05": values.quantile(LOW), "p95": values.quantile(HIGH)}


def risk_summary(results: Results) -> pd.DataFrame:
    """Mean, standard deviation and 90% interval of spending and margin over replications.

    Rows: :data:`RISK_MEASURES`, then ``margin_eur:<provider>`` for each provider.
    """
    table = per_replication(results)
    rows = [{"measure": m, **_spread(table[m])} for m in RISK_MEASURES]
    margins = provider_margins(results)
    for provider, group in margins.groupby("provider", sort=True):
        rows.append({"measure": f"margin_eur:{provider}", **_spread(group["margin_eur"])})
    return pd.DataFrame(rows, columns=["measure", "mean", "std", "p05", "p95"])
