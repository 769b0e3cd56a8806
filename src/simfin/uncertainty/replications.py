"""Replications: intervals for every reported figure, and how many replications are enough.

Two kinds of interval, never to be confused:

``ci90_*``, ``ci95_*``  confidence interval of the **mean** over replications (Student t,
                        ``mean ± t(n-1) * sd / sqrt(n)``): how precisely the simulation has
                        estimated the expected value. Narrows as replications are added.
``p05/p95``, ``p025/p975``  percentile interval of the **replications themselves**
                        (90% and 95%; linear interpolation as :func:`numpy.percentile`):
                        the year-to-year spread a municipality may meet. Does not narrow.

Replications share nothing but the scenario, so they are independent and identically
distributed: the t interval applies. Across variants of a scenario, replication ``r``
sees the same residents (common random numbers, :mod:`simfin.sim.rng`), so a variant's
effect is best judged by the paired differences (:func:`paired_difference`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from simfin.results import Results

__all__ = ["intervals", "paired_difference", "precision_table", "replications_needed",
           "summarise", "t_interval"]

STAT_COLUMNS = ["n", "mean", "sd", "ci90_low", "ci90_high", "ci95_low", "ci95_high",
                "p05", "p95", "p025", "p975"]


def t_interval(values: Sequence[float], confidence: float = 0.95) -> tuple[float, float]:
    """Student-t confidence interval of the mean of ``values`` (NaN with fewer than 2)."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) < 2:
        return math.nan, math.nan
    half = stats.t.ppf(0.5 + confidence / 2, len(x) - 1) * x.std(ddof=1) / math.sqrt(len(x))
    return float(x.mean() - half), float(x.mean() + half)


def _stats(values: pd.Series) -> pd.Series:
    x = values.dropna().to_numpy(dtype=float)
    out = dict.fromkeys(STAT_COLUMNS, math.nan)
    out["n"] = len(x)
    if len(x):
        out["mean"] = x.mean()
        out["p05"], out["p95"], out["p025"], out["p975"] = np.percentile(x, [5, 95, 2.5, 97.5])
    if len(x) > 1:
        out["sd"] = x.std(ddof=1)
        out["ci90_low"], out["ci90_high"] = t_interval(x, 0.90)
        out["ci95_low"], out["ci95_high"] = t_interval(x, 0.95)
    return pd.Series(out)


def summarise(table: pd.DataFrame, by: Sequence[str] = (), value: str = "value") -> pd.DataFrame:
    """Mean, t intervals of the mean and percentile intervals of ``value`` per group.

    Parameters
    ----------
    table : DataFrame
        One row per replication (and group), e.g. ``results.kpis``.
    by : sequence of str
        Group columns; empty for one overall row.
    value : str
        The column to summarise. NaN ("did not happen") is left out; ``n`` counts the rest.

    Returns
    -------
    DataFrame
        ``*by`` then :data:`STAT_COLUMNS` (see the module docstring).
    """
    if not by:
        return _stats(table[value]).to_frame().T.astype({"n": int})
    out = table.groupby(list(by), sort=False)[value].apply(_stats).unstack()
    return out[STAT_COLUMNS].astype({"n": int}).reset_index()


def intervals(results: Results) -> pd.DataFrame:
    """Every reported figure of a run with its mean and intervals.

    Figures: the municipalities' costs per year and category and their ``total`` (all
    municipalities, ``municipality == ""``), the total per municipality and year, and every
    KPI (``year`` NaN).

    Returns
    -------
    DataFrame
        ``figure, year, municipality, unit`` then :data:`STAT_COLUMNS`.
    """
    own = results.yearly[results.yearly["party"] == "municipality"]
    keys = ["replication", "year"]
    by_cat = own.groupby([*keys, "category"], as_index=False)["amount_eur"].sum()
    total = own.groupby(keys, as_index=False)["amount_eur"].sum().assign(category="total")
    per_muni = own.groupby([*keys, "municipality"], as_index=False)["amount_eur"].sum()
    money = pd.concat([
        summarise(pd.concat([by_cat, total]), ["year", "category"], "amount_eur")
        .rename(columns={"category": "figure"}).assign(municipality=""),
        summarise(per_muni, ["year", "municipality"], "amount_eur").assign(figure="total"),
    ], ignore_index=True).assign(unit="eur")
    kpis = summarise(results.kpis, ["kpi"], "value").rename(columns={"kpi": "figure"})
    units = results.kpis.drop_duplicates("kpi").set_index("kpi")["unit"]
    kpis = kpis.assign(year=np.nan, municipality="", unit=kpis["figure"].map(units).to_numpy())
    columns = ["figure", "year", "municipality", "unit", *STAT_COLUMNS]
    return pd.concat([money[columns], kpis[columns]], ignore_index=True)


def replications_needed(pilot: Sequence[float], rel_half_width: float = 0.05,
                        confidence: float = 0.95, max_replications: int = 1_000_000) -> int:
    """Replications needed for a t interval of the mean within ``± rel_half_width * |mean|``.

    The smallest ``n`` (at least the pilot's size) with
    ``t(n-1, (1+confidence)/2) * s / sqrt(n) <= rel_half_width * |mean|``, using the pilot's
    mean and standard deviation ``s`` (Law & Kelton's sequential rule, evaluated up front).

    Parameters
    ----------
    pilot : sequence of float
        One value per pilot replication (at least 2).
    rel_half_width : float
        Target half-width relative to the mean, e.g. 0.05 for ±5%.
    confidence : float
        Confidence level of the interval.

    Raises
    ------
    ValueError
        With fewer than 2 pilot values, a mean of 0 with spread (no relative precision
        exists) or when more than ``max_replications`` would be needed.
    """
    x = np.asarray(pilot, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) < 2:
        raise ValueError("expected a pilot of at least 2 replications")
    if not (rel_half_width > 0 and 0 < confidence < 1):
        raise ValueError("expected rel_half_width > 0 and 0 < confidence < 1")
    mean, sd = abs(x.mean()), x.std(ddof=1)
    if sd == 0:
        return len(x)
    if mean == 0:
        raise ValueError("the pilot mean is 0: a relative precision cannot be reached")
    target = rel_half_width * mean
    q = 0.5 + confidence / 2
    # t(n-1) > z, so no n below the normal-theory answer (z * s / target)^2 qualifies
    n = max(len(x), math.ceil((stats.norm.ppf(q) * sd / target) ** 2))
    while stats.t.ppf(q, n - 1) * sd / math.sqrt(n) > target:
        n += 1
        if n > max_replications:
            raise ValueError(f"more than {max_replications:,} replications needed")
    return n


def precision_table(results: Results, rel_half_width: float = 0.05,
                    confidence: float = 0.95) -> pd.DataFrame:
    """:func:`intervals` plus ``replications_needed`` for every figure (NaN if undefined)."""
    table = intervals(results)
    own = results.yearly[results.yearly["party"] == "municipality"]
    samples = _figure_samples(own, results.kpis)
    needed = []
    for row in table.itertuples(index=False):
        key = (row.figure, None if pd.isna(row.year) else int(row.year), row.municipality)
        try:
            needed.append(replications_needed(samples[key], rel_half_width, confidence))
        except (ValueError, KeyError):
            needed.append(np.nan)
    return table.assign(replications_needed=needed)


def _figure_samples(own: pd.DataFrame, kpis: pd.DataFrame) -> dict[tuple, np.ndarray]:
    out: dict[tuple, np.ndarray] = {}
    keys = ["replication", "year"]
    for (year, cat), g in own.groupby(["year", "category"]):
        out[(cat, int(year), "")] = g.groupby("replication")["amount_eur"].sum().to_numpy()
    for year, g in own.groupby("year"):
        out[("total", int(year), "")] = g.groupby(keys)["amount_eur"].sum().to_numpy()
    for (year, muni), g in own.groupby(["year", "municipality"]):
        out[("total", int(year), muni)] = g.groupby("replication")["amount_eur"].sum().to_numpy()
    for name, g in kpis.groupby("kpi"):
        out[(name, None, "")] = g["value"].to_numpy()
    return out


def paired_difference(a: Sequence[float], b: Sequence[float],
                      confidence: float = 0.95) -> dict[str, Any]:
    """Mean difference ``b - a`` over paired replications with its t interval.

    With common random numbers the pairs share their residents, so the interval of the
    difference is much narrower than the two separate intervals suggest.

    Returns
    -------
    dict
        ``n, mean, sd, low, high`` of ``b[r] - a[r]``.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"expected paired replications of equal length, got {a.shape} and "
                         f"{b.shape}")
    d = b - a
    low, high = t_interval(d, confidence)
    return {"n": len(d), "mean": float(d.mean()),
            "sd": float(d.std(ddof=1)) if len(d) > 1 else math.nan, "low": low, "high": high}
