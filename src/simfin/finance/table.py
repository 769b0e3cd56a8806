"""The tidy cost table that every finance rule writes to.

Columns
-------
year : int            calendar year
municipality : str
party : str           "municipality" (gemeente) or "provider" (aanbieder)
provider : str        provider name, "" for costs that belong to no provider
category : str        municipality: "access_team", "specialist_care", "admin";
                      provider: "revenue", "cost_of_care", "admin", "margin"
amount_eur : float    euros in the year (nominal, unrounded)
hours : float         hours behind the amount where that is meaningful, else NaN
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["COLUMNS", "by_year", "frame"]

COLUMNS = ("year", "municipality", "party", "provider", "category", "amount_eur", "hours")


def frame(records: list[dict]) -> pd.DataFrame:
    """Records to a cost table with the documented columns and dtypes."""
    df = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    df["year"] = df["year"].astype(int)
    df["amount_eur"] = df["amount_eur"].astype(float)
    df["hours"] = df["hours"].astype(float)
    return df


def by_year(municipality: np.ndarray, provider: np.ndarray, amounts: np.ndarray,
            start_year: int, party: str, category: str, hours: np.ndarray | None = None
            ) -> list[dict]:
    """Sum an (n, years) matrix of amounts per municipality, provider and year into records."""
    n_years = amounts.shape[1]
    keys = pd.DataFrame({"municipality": municipality, "provider": provider})
    amount = keys.join(pd.DataFrame(amounts, index=keys.index)).groupby(
        ["municipality", "provider"], sort=True).sum()
    hour = None
    if hours is not None:
        hour = keys.join(pd.DataFrame(hours, index=keys.index)).groupby(
            ["municipality", "provider"], sort=True).sum()
    records = []
    for (muni, prov), row in amount.iterrows():
        for y in range(n_years):
            records.append({"year": start_year + y, "municipality": muni, "party": party,
                            "provider": prov, "category": category, "amount_eur": row[y],
                            "hours": np.nan if hour is None else hour.loc[(muni, prov), y]})
    return records
