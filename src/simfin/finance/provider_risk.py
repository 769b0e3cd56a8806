"""Provider uncertainty: the risk premium in a provider's price (``[provider_risk]``).

A provider cannot know in advance what care a municipality will buy from it. Under p*q its
yearly revenue varies with the demand; under a lump sum (taakgericht, population-based) it
is the budget, known in advance. The mechanism is an explicit assumption (Oude IJsselstreek,
bestuursopdracht 2019: uncertainty "heeft een prijsopdrijvend [...] effect"; no Dutch size
was found): the provider adds a markup to its price that grows with the relative spread of
its revenue,

    cv = sd / mean of the provider's revenue in a year, over the replications;
    markup = min(price_per_cv * cv, max_markup);
    premium_eur = markup * mean revenue (what the municipality would pay extra per year).

The spread is taken per year over the replications (each a possible course of that year,
the uncertainty the provider faces when it sets its price) and averaged over the years.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.scenario.schema import Scenario

__all__ = ["RISK_COLUMNS", "premium_total", "risk_premium"]

RISK_COLUMNS = ["provider", "financing", "revenue_mean_eur", "revenue_sd_eur", "cv", "markup",
                "premium_eur_per_year"]


def risk_premium(yearly: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Per provider: mean and spread of its yearly revenue, the markup and the premium
    (euros per year, nominal, the price level of ``yearly``). ``yearly`` is a Results'
    cost table with a ``replication`` column; empty without ``[provider_risk]``."""
    spec = scenario.provider_risk
    if spec is None or yearly.empty:
        return pd.DataFrame(columns=RISK_COLUMNS)
    revenue = yearly[(yearly["party"] == "provider") & (yearly["category"] == "revenue")]
    per_run = revenue.groupby(["provider", "year", "replication"])["amount_eur"].sum()
    by_year = per_run.groupby(["provider", "year"]).agg(["mean", "std"]).fillna(0.0)
    rows = []
    for provider, group in by_year.groupby(level="provider"):
        mean, sd = float(group["mean"].mean()), float(group["std"].mean())
        cv = sd / mean if mean > 0 else 0.0
        markup = min(spec.price_per_cv * cv, spec.max_markup)
        rows.append({"provider": provider,
                     "financing": scenario.providers[provider].financing.kind,
                     "revenue_mean_eur": mean, "revenue_sd_eur": sd, "cv": cv,
                     "markup": markup, "premium_eur_per_year": markup * mean})
    return pd.DataFrame(rows, columns=RISK_COLUMNS).sort_values("provider",
                                                                 ignore_index=True)


def premium_total(table: pd.DataFrame) -> float:
    """The premium over all providers, euros per year."""
    return float(np.sum(table["premium_eur_per_year"])) if len(table) else 0.0
