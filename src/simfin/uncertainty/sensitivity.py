"""Sensitivity analyses on a sweep, and the budget-ceiling (budgettair plafond) curve.

Each ``*_table`` function takes a :class:`~simfin.uncertainty.design.Design` and ``y``, one
output value per sample (e.g. ``sweep.evaluate(outputs.total_spending())``), so the
analyses can be checked on any function of the parameters; :func:`analyse` runs the one
that belongs to a sweep's method.

The budget-ceiling functions work on yearly municipality totals of a plain run
(:class:`~simfin.results.Results`) or of a sweep (every sample x replication counts once).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from simfin.errors import SimfinError
from simfin.uncertainty.design import Design

__all__ = ["analyse", "ceiling_curve", "lowest_ceiling", "morris_table", "psa_table",
           "sobol_table", "spending_per_year", "tornado_table", "two_way_table"]


def _check_y(design: Design, y: Any) -> np.ndarray:
    y = np.asarray(y, dtype=float)
    if y.shape != (design.samples,):
        raise ValueError(f"expected one output per sample ({design.samples}), got {y.shape}")
    return y


def _require(design: Design, method: str) -> None:
    if design.method != method:
        raise SimfinError(f"a {method} table needs a {method} design, got {design.method!r}")


def tornado_table(design: Design, y: Any) -> pd.DataFrame:
    """One-way sensitivity: the output with each parameter alone at its low and high quantile.

    Returns
    -------
    DataFrame
        ``rank, parameter, label, value_low, value_base, value_high, output_low,
        output_base, output_high, swing`` (``|output_high - output_low|``), largest swing
        first (rank 1 is the top of the tornado).
    """
    _require(design, "tornado")
    y = _check_y(design, y)
    rows = []
    for j, name in enumerate(design.names):
        low, high = 1 + 2 * j, 2 + 2 * j
        rows.append({"parameter": name, "label": design.labels.get(name, name),
                     "value_low": design.values.at[low, name],
                     "value_base": design.values.at[0, name],
                     "value_high": design.values.at[high, name],
                     "output_low": y[low], "output_base": y[0], "output_high": y[high],
                     "swing": abs(y[high] - y[low])})
    table = pd.DataFrame(rows).sort_values("swing", ascending=False, kind="stable")
    table.insert(0, "rank", range(1, len(table) + 1))
    return table.reset_index(drop=True)


def two_way_table(design: Design, y: Any) -> pd.DataFrame:
    """Two-way grid: ``parameter_a, value_a, parameter_b, value_b, output`` per grid point."""
    _require(design, "grid")
    y = _check_y(design, y)
    a, b = design.varied
    return pd.DataFrame({"parameter_a": a, "value_a": design.values[a].to_numpy(),
                         "parameter_b": b, "value_b": design.values[b].to_numpy(),
                         "output": y})


def sobol_table(design: Design, y: Any) -> pd.DataFrame:
    """First-order (``S1``) and total (``ST``) Sobol indices with 95% bootstrap half-widths.

    Computed by SALib (Saltelli/Jansen estimators) over the full distributions. ``S1`` is
    the share of output variance explained by the parameter alone, ``ST`` including its
    interactions. Sorted by ``ST``, largest first.
    """
    from SALib.analyze import sobol

    _require(design, "sobol")
    y = _check_y(design, y)
    res = sobol.analyze(design.salib_problem(), y, calc_second_order=False,
                        seed=design.info["seed"], print_to_console=False)
    table = pd.DataFrame({"parameter": list(design.varied),
                          "label": [design.labels.get(n, n) for n in design.varied],
                          "S1": res["S1"], "S1_conf": res["S1_conf"],
                          "ST": res["ST"], "ST_conf": res["ST_conf"]})
    return table.sort_values("ST", ascending=False, kind="stable").reset_index(drop=True)


def morris_table(design: Design, y: Any) -> pd.DataFrame:
    """Morris elementary effects: ``mu_star`` (mean absolute effect), ``mu``, ``sigma``.

    Effects are per unit of the quantile range the design spans (default 5th–95th
    percentile), in output units: ``mu_star`` is comparable across parameters whatever
    their own unit. ``sigma`` large relative to ``mu_star`` means interactions or
    non-linearity. Sorted by ``mu_star``, largest first.
    """
    from SALib.analyze import morris

    _require(design, "morris")
    y = _check_y(design, y)
    res = morris.analyze(design.salib_problem(), design.quantiles, y,
                         num_levels=design.info["levels"], seed=design.info["seed"],
                         print_to_console=False)
    table = pd.DataFrame({"parameter": list(design.varied),
                          "label": [design.labels.get(n, n) for n in design.varied],
                          "mu_star": np.asarray(res["mu_star"], dtype=float),
                          "mu_star_conf": np.asarray(res["mu_star_conf"], dtype=float),
                          "mu": np.asarray(res["mu"], dtype=float),
                          "sigma": np.asarray(res["sigma"], dtype=float)})
    return table.sort_values("mu_star", ascending=False, kind="stable").reset_index(drop=True)


def psa_table(design: Design, y: Any) -> pd.DataFrame:
    """Spearman rank correlation of each parameter with the output over the PSA samples.

    Sorted by ``|spearman|``, largest first; ``p_value`` tests "no monotone relation".
    """
    _require(design, "psa")
    y = _check_y(design, y)
    rows = []
    for name in design.varied:
        x = design.values[name].to_numpy()
        rho, p = (np.nan, np.nan) if np.ptp(x) == 0 or np.ptp(y) == 0 else \
            stats.spearmanr(x, y)
        rows.append({"parameter": name, "label": design.labels.get(name, name),
                     "spearman": float(rho), "p_value": float(p)})
    table = pd.DataFrame(rows)
    order = table["spearman"].abs().sort_values(ascending=False, kind="stable").index
    return table.loc[order].reset_index(drop=True)


TABLES = {"tornado": tornado_table, "grid": two_way_table, "sobol": sobol_table,
          "morris": morris_table, "psa": psa_table}


def analyse(sweep: Any, output: Any) -> pd.DataFrame:
    """The analysis that belongs to ``sweep``'s method, on ``output`` (``Results -> float``)."""
    return TABLES[sweep.design.method](sweep.design, sweep.evaluate(output).to_numpy())


# --- budget ceiling ----------------------------------------------------------------------

def spending_per_year(source: Any) -> pd.DataFrame:
    """Spending against the budget ceiling per run and year: ``[sample,] replication, year,
    total_eur``.

    For a Results or a SweepResults this is the one ceiling definition of
    :mod:`simfin.business.ceiling` (the same numbers as ``simfin run`` and ``simfin
    business``): the costs that count against the scenario's ``[ceiling]``, nominal. A
    scenario without ``[ceiling]`` counts what a ceiling with the default categories would
    (access team, specialist care, administration). A sample's own scenario is used when the
    sweep varies a business-case, ceiling or item figure.

    A plain DataFrame (``[sample,] replication, year, party, amount_eur``) has no scenario:
    every municipal row counts, as given.
    """
    if isinstance(source, pd.DataFrame):
        keys = [k for k in ("sample", "replication") if k in source.columns] + ["year"]
        own = source[source["party"] == "municipality"]
        return own.groupby(keys, as_index=False)["amount_eur"].sum().rename(
            columns={"amount_eur": "total_eur"})
    if "sample" not in source.yearly.columns:
        return _ceiling_spending(source.yearly, source.scenario)
    if not any(name.split(".")[0] in _PRICED for name in source.uncertain.names):
        return _ceiling_spending(source.yearly, source.scenario(int(source.yearly["sample"].min())))
    return pd.concat([_ceiling_spending(g, source.scenario(int(s)))
                      for s, g in source.yearly.groupby("sample", sort=True)], ignore_index=True)


# Top-level scenario sections that change how spending counts against the ceiling.
_PRICED = ("business_case", "ceiling", "structural", "incidental")


def _ceiling_spending(costs: pd.DataFrame, scenario: Any) -> pd.DataFrame:
    from simfin.business.ceiling import spending_from_costs
    from simfin.scenario.schema import Ceiling

    ceiling = scenario.ceiling or Ceiling(amount_eur_per_year=0)
    spent = spending_from_costs(costs, scenario, ceiling)
    return spent.drop(columns=["open_ended_eur", "base_eur"]).rename(
        columns={"spending_eur": "total_eur"})


def _years(totals: pd.DataFrame, year: int | None) -> list[int]:
    years = sorted(totals["year"].unique())
    if year is None:
        return years
    if year not in years:
        raise SimfinError(f"year {year} not in the results; expected one of "
                          f"{', '.join(str(y) for y in years)}")
    return [year]


def _clopper_pearson(k: np.ndarray, n: int, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    alpha = 1 - confidence
    low = np.where(k > 0, stats.beta.ppf(alpha / 2, k, n - k + 1), 0.0)
    high = np.where(k < n, stats.beta.ppf(1 - alpha / 2, k + 1, n - k), 1.0)
    return low, high


def ceiling_curve(source: Any, ceilings: Any = None, year: int | None = None,
                  points: int = 201, confidence: float = 0.95) -> pd.DataFrame:
    """P(overshoot): the share of runs whose yearly spending exceeds each ceiling level.

    Parameters
    ----------
    source : Results, SweepResults or DataFrame
        See :func:`spending_per_year`; every (sample,) replication is one run.
    ceilings : array of float, optional
        Ceiling levels in euros; default ``points`` levels from 2% below the lowest to 2%
        above the highest total of the year.
    year : int, optional
        One year; default every year.
    confidence : float
        Level of the Clopper–Pearson interval of each probability (``p_low``, ``p_high``).

    Returns
    -------
    DataFrame
        ``year, ceiling_eur, p_overshoot, p_low, p_high, n`` with ``p_overshoot`` =
        #(total > ceiling) / n.
    """
    totals = spending_per_year(source)
    frames = []
    for y in _years(totals, year):
        x = np.sort(totals.loc[totals["year"] == y, "total_eur"].to_numpy())
        levels = np.asarray(ceilings, dtype=float) if ceilings is not None else \
            np.linspace(0.98 * x[0], 1.02 * x[-1], points)
        over = len(x) - np.searchsorted(x, levels, side="right")
        low, high = _clopper_pearson(over, len(x), confidence)
        frames.append(pd.DataFrame({"year": y, "ceiling_eur": levels, "p_overshoot": over / len(x),
                                    "p_low": low, "p_high": high, "n": len(x)}))
    return pd.concat(frames, ignore_index=True)


def lowest_ceiling(source: Any, risk: float = 0.10, year: int | None = None) -> pd.DataFrame:
    """The lowest ceiling whose P(overshoot) is at most ``risk``, per year.

    With the ``n`` yearly totals sorted ascending, ``x[0] <= ... <= x[n-1]``, and
    ``k = floor(risk * n)``, it is ``x[n-1-k]``: at most ``k`` runs exceed it, while any
    lower ceiling is exceeded by at least ``k + 1``.

    Returns
    -------
    DataFrame
        ``year, risk, ceiling_eur, p_overshoot, n``.
    """
    if not 0 <= risk < 1:
        raise SimfinError(f"expected a risk between 0 and 1 (e.g. 0.10), got {risk}")
    totals = spending_per_year(source)
    rows = []
    for y in _years(totals, year):
        x = np.sort(totals.loc[totals["year"] == y, "total_eur"].to_numpy())
        k = math.floor(risk * len(x) + 1e-9)
        ceiling = x[len(x) - 1 - k]
        rows.append({"year": y, "risk": risk, "ceiling_eur": ceiling,
                     "p_overshoot": float(np.mean(x > ceiling)), "n": len(x)})
    return pd.DataFrame(rows)
