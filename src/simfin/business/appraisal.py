"""Appraisal of a variant against the nulalternatief: balance, NPV, payback year.

Sign convention: the **balance** (saldo) of a year is what the variant saves against the
nulalternatief, ``cost(nulalternatief) - cost(variant)``, over all cost types, categories
and municipalities (or per municipality). A positive balance is a saving.

* cumulative balance: the running sum of the yearly balances;
* discounting: the constant-price balance of calendar year ``t`` is multiplied by
  ``(1 + r) ** -(t - discount_year)`` with the real rate ``r`` of ``business_case``
  (default 2.25%, Werkgroep Discontovoet 2020); the first reported year is not discounted
  when ``discount_year`` is the start year (the default);
* net present value (NPV, netto contante waarde): the sum of the discounted balances;
* payback year (terugverdienjaar): the first year from which the cumulative balance stays
  at or above zero (rounded to the cent) up to the end of the horizon; NaN when the
  cumulative balance is below zero in the last year (not paid back within the horizon).
  ``payback_year`` uses nominal euros (what the budget sees), ``payback_year_discounted``
  the discounted constant-price balance.

Columns of the balance table
----------------------------
variant, replication, year, [municipality], cost_null_nominal_eur, cost_variant_nominal_eur,
balance_nominal_eur, cumulative_nominal_eur, cost_null_constant_eur,
cost_variant_constant_eur, balance_constant_eur, discount_factor, discounted_eur,
cumulative_discounted_eur.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["APPRAISAL_COLUMNS", "appraise", "balance_table", "discount_factors", "npv",
           "payback_year"]

APPRAISAL_COLUMNS = ["variant", "replication", "npv_eur", "payback_year",
                     "payback_year_discounted"]


def discount_factors(years, rate: float, to_year: int) -> np.ndarray:
    """``(1 + rate) ** -(year - to_year)`` for each calendar year."""
    return (1.0 + rate) ** -(np.asarray(years, dtype=float) - to_year)


def npv(flows, years, rate: float, to_year: int) -> float:
    """Net present value of yearly ``flows`` (euros) at ``rate``, discounted to ``to_year``."""
    return float(np.sum(np.asarray(flows, dtype=float) * discount_factors(years, rate, to_year)))


def payback_year(years, cumulative) -> float:
    """First year from which ``cumulative`` stays >= 0 (to the cent); NaN if never."""
    years = np.asarray(years)
    ok = np.round(np.asarray(cumulative, dtype=float), 2) >= 0
    if len(ok) == 0 or not ok[-1]:
        return float("nan")
    bad = np.flatnonzero(~ok)
    return float(years[0] if len(bad) == 0 else years[bad[-1] + 1])


def _costs(yearly: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return yearly.groupby(keys, as_index=False)[["nominal_eur", "constant_eur"]].sum()


def balance_table(yearly: pd.DataFrame, null: str, variant: str, rate: float, to_year: int,
                  by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Yearly balance of ``variant`` against ``null`` (columns: module docstring).

    Parameters
    ----------
    yearly : DataFrame
        The business yearly table (:mod:`simfin.business.yearly`) with both variants.
    null, variant : str
        Names of the nulalternatief and the variant.
    rate : float
        Real discount rate per year.
    to_year : int
        Calendar year discounted to.
    by : tuple of str
        Extra keys, e.g. ``("municipality",)`` for a balance per municipality.
    """
    keys = ["replication", "year", *by]
    n = _costs(yearly[yearly["variant"] == null], keys)
    v = _costs(yearly[yearly["variant"] == variant], keys)
    both = n.merge(v, on=keys, how="outer", suffixes=("_null", "_variant")).fillna(0.0)
    both = both.sort_values([*by, "replication", "year"] if by else keys, kind="stable")
    out = pd.DataFrame({"variant": variant, **{k: both[k].to_numpy() for k in keys}})
    out["replication"] = out["replication"].astype(int)
    out["year"] = out["year"].astype(int)
    for prices in ("nominal", "constant"):
        out[f"cost_null_{prices}_eur"] = both[f"{prices}_eur_null"].to_numpy()
        out[f"cost_variant_{prices}_eur"] = both[f"{prices}_eur_variant"].to_numpy()
        out[f"balance_{prices}_eur"] = (out[f"cost_null_{prices}_eur"]
                                        - out[f"cost_variant_{prices}_eur"])
    group = out.groupby([*by, "replication"], sort=False)
    out["cumulative_nominal_eur"] = group["balance_nominal_eur"].cumsum()
    out["discount_factor"] = discount_factors(out["year"], rate, to_year)
    out["discounted_eur"] = out["balance_constant_eur"] * out["discount_factor"]
    out["cumulative_discounted_eur"] = out.groupby([*by, "replication"], sort=False)[
        "discounted_eur"].cumsum()
    return out.reset_index(drop=True)


def appraise(balance: pd.DataFrame, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """NPV and payback years per variant and replication (and ``by``) from a balance table."""
    rows = []
    for key, g in balance.groupby(["variant", *by, "replication"], sort=True):
        g = g.sort_values("year")
        rows.append((*key, float(g["discounted_eur"].sum()),
                     payback_year(g["year"], g["cumulative_nominal_eur"]),
                     payback_year(g["year"], g["cumulative_discounted_eur"])))
    columns = ["variant", *by, "replication", *APPRAISAL_COLUMNS[2:]]
    return pd.DataFrame(rows, columns=columns)
