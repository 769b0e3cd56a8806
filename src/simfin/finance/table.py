"""The tidy cost table that every finance rule writes to.

Columns
-------
year : int            calendar year
municipality : str
party : str           "municipality" (gemeente) or "provider" (aanbieder)
provider : str        provider name, "" for costs that belong to no provider
category : str        municipality: "access_team", "specialists", "indivisible_roles",
                      "overhead", "fixed_costs", "specialist_care", "admin", "benefits",
                      "budget_lines", "double_running", "inhuur" (timeline); provider: "revenue", "cost_of_care", "admin", "margin"
taakveld : str        Iv3 taakveld (:mod:`simfin.scenario.taakvelden`) of every row, provider
                      rows included (the taakveld of the payment they answer to); "?" for a
                      product whose scenario gives none
amount_eur : float    euros in the year (nominal, unrounded)
hours : float         hours behind the amount where that is meaningful, else NaN
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.finance.care import Coded, coded, group_sum

__all__ = ["COLUMNS", "by_year", "coded_by_year", "frame"]

COLUMNS = ("year", "municipality", "party", "provider", "category", "taakveld", "amount_eur",
           "hours")


def frame(records: list[dict]) -> pd.DataFrame:
    """Records to a cost table with the documented columns and dtypes."""
    df = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    df["year"] = df["year"].astype(int)
    df["amount_eur"] = df["amount_eur"].astype(float)
    df["hours"] = df["hours"].astype(float)
    df["taakveld"] = df["taakveld"].astype(object)
    return df


def by_year(municipality: np.ndarray, provider: np.ndarray, amounts: np.ndarray,
            start_year: int, party: str, category: str, hours: np.ndarray | None = None
            ) -> list[dict]:
    """Sum an (n, years) matrix of amounts per municipality, provider and year into records."""
    return coded_by_year(coded(municipality), coded(provider), amounts, start_year, party,
                         category, hours)


def coded_by_year(municipality: Coded, provider: Coded, amounts: np.ndarray, start_year: int,
                  party: str, category: str, hours: np.ndarray | None = None) -> list[dict]:
    """:func:`by_year` with the municipality and provider of each row already coded.

    Records come sorted by municipality, provider and year; the sums are those of a pandas
    groupby on the names (same rows, same order).
    """
    n_years = amounts.shape[1]
    n_providers = len(provider.names)
    key = municipality.codes * n_providers + provider.codes
    groups, amount = group_sum(key, amounts)
    hour = None if hours is None else group_sum(key, hours)[1]
    records = []
    for i, group in enumerate(groups.tolist()):
        muni, prov = municipality.names[group // n_providers], provider.names[group % n_providers]
        for y in range(n_years):
            records.append({"year": start_year + y, "municipality": muni, "party": party,
                            "provider": prov, "category": category, "amount_eur": amount[i, y],
                            "hours": np.nan if hour is None else hour[i, y]})
    return records
