"""Scenario discovery: which combinations of assumptions lead to an outcome of interest.

PRIM (patient rule induction, Friedman & Fisher 1999) peels the sampled parameter space
towards a box where the outcome (e.g. spending above the ceiling) is common. It comes from
the ``prim`` package (Project Platypus), the stand-alone version of the EMA workbench's PRIM:
``ema-workbench`` 3.0 needs Python 3.12 (simfin supports 3.11) and its 2.5 line pulls in
scikit-learn, statsmodels, seaborn and an optimisation library; ``prim`` needs only
matplotlib and pandas.

A box has

``coverage``  share of all cases with the outcome that fall inside the box
``density``   share of the cases inside the box that have the outcome
``mass``      share of all samples inside the box

From PRIM's peeling trajectory :func:`find_box` takes the densest box that still covers at
least ``min_coverage`` of the cases. Its restrictions are the parameters whose range the box
narrows; :func:`simfin.report.discovery_chart.describe_box` turns them into a Dutch (or English) sentence such as "als
Instroom jeugd > 72 én Trajectduur > 520, dan in 83% van de gevallen boven het plafond".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd


__all__ = ["Box", "above_ceiling", "discover", "find_box"]

MIN_COVERAGE = 0.8
@dataclass(frozen=True)
class Box:
    """A PRIM box.

    Attributes
    ----------
    restrictions : DataFrame
        ``parameter, label, low, high, low_restricted, high_restricted``: the range the
        box allows for every parameter it restricts (unrestricted sides are the sample range).
    coverage, density, mass : float
        See the module docstring (shares in [0, 1]).
    trajectory : DataFrame
        PRIM's peeling trajectory (``coverage, density, mean, res dim, mass``).
    """

    restrictions: pd.DataFrame
    coverage: float
    density: float
    mass: float
    trajectory: pd.DataFrame


def find_box(x: pd.DataFrame, outcome: pd.Series | np.ndarray, min_coverage: float = MIN_COVERAGE,
             labels: Mapping[str, str] | None = None, peel_alpha: float = 0.05) -> Box:
    """The densest PRIM box covering at least ``min_coverage`` of the cases of interest.

    Parameters
    ----------
    x : DataFrame
        Sampled parameter values, one row per sample (a design's ``values``).
    outcome : bool array
        True where the sample shows the outcome of interest.
    min_coverage : float
        Least share of the cases of interest the box must hold.
    labels : mapping, optional
        Display name per parameter.
    peel_alpha : float
        Share of the samples PRIM peels off per step (its resolution).
    """
    import prim

    y = np.asarray(outcome, dtype=bool)
    if len(y) != len(x) or not y.any() or y.all():
        raise ValueError("expected one outcome per sample, some true and some false")
    labels = dict(labels or {})
    p = prim.Prim(x.reset_index(drop=True), y, threshold=0.5, threshold_type=">",
                  peel_alpha=peel_alpha)
    box = p.find_box()
    traj = box.peeling_trajectory
    ok = traj[traj["coverage"] >= min_coverage]
    i = int(ok["density"].idxmax()) if len(ok) else 0
    box.select(i)
    lims = box.limits  # restricted parameters only: columns min, max
    rows = []
    for name in lims.index:
        low, high = float(lims.loc[name, "min"]), float(lims.loc[name, "max"])
        rows.append({"parameter": name, "label": labels.get(name, name), "low": low,
                     "high": high, "low_restricted": low > float(x[name].min()),
                     "high_restricted": high < float(x[name].max())})
    restrictions = pd.DataFrame(rows, columns=["parameter", "label", "low", "high",
                                               "low_restricted", "high_restricted"])
    row = traj.loc[i]
    return Box(restrictions, float(row["coverage"]), float(row["density"]), float(row["mass"]),
               traj.reset_index(drop=True))


def discover(sw, output, threshold: float, above: bool = True,
             min_coverage: float = MIN_COVERAGE) -> Box:
    """PRIM on a sweep: the samples whose ``output`` is above (or below) ``threshold``.

    ``sw`` is a :class:`~simfin.uncertainty.sweep.SweepResults` (best a PSA); ``output`` an
    :class:`~simfin.uncertainty.outputs.Output` such as ``total_spending(year=2030)`` (mean
    over the sample's replications) and ``threshold`` in its unit, e.g. the ceiling in euros.
    """
    y = sw.evaluate(output).to_numpy()
    hit = y > threshold if above else y < threshold
    design = sw.design
    return find_box(design.values[list(design.varied)], hit, min_coverage, design.labels)


def above_ceiling(year: int | None = None):
    """Output: mean spending against the scenario's ``[ceiling]`` minus the ceiling, euros.

    Computed as the business case does (:func:`simfin.business.run_ceiling.run_ceiling_table`:
    the ``ceiling.categories``, indexed, against the indexed ceiling); in ``year``, or the
    largest over the years. Above 0: on average over the sample's replications above the
    ceiling. Use it with ``threshold=0`` in :func:`discover`.
    """
    from simfin.business.run_ceiling import run_ceiling_table
    from simfin.uncertainty.outputs import Output

    def fn(results) -> float:
        table = run_ceiling_table(results)
        if table.empty:
            raise ValueError(f"scenario {results.scenario.name!r} has no [ceiling] section")
        if year is not None:
            table = table[table["year"] == year]
        return float((table["spending_mean_eur"] - table["ceiling_eur"]).max())

    suffix = f" {year}" if year is not None else ""
    return Output("above_ceiling" + (f"_{year}" if year else ""), "eur", fn,
                  "Uitgaven min plafond", suffix)
