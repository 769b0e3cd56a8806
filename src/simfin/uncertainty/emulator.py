"""An emulator of a business case: answers a what-if in milliseconds instead of a minute.

A Gaussian process per output is fitted on a design of business cases
(:mod:`simfin.uncertainty.whatif_design`: Latin hypercube points over the variant's
declared ranges and the team's FTE, each simulated with 20 replications) and predicts,
for any point inside those ranges, what a 20-replication business case would give:

* ``npv_eur``: net present value of the saving against the nulalternatief;
* ``structural_saving_eur``: the structural saving in the last year (+ = besparing);
* ``intake_wait_p95_days``: the variant's 95th percentile of the intake wait;
* ``p_overshoot``: the highest probability over the years that spending exceeds the budget
  ceiling. The ceiling needs no simulation: spending per year is emulated and taken as
  normal around it with the replication-to-replication spread of the design, so the
  ceiling can move freely (a normal approximation; the business case itself counts the
  replications over the ceiling).

Each output is a linear trend in the inputs plus a Gaussian process on what the trend
leaves (a linear mean function, as in Kennedy and O'Hagan's emulators). Why a Gaussian
process (scikit-learn): it interpolates a smooth response in a few
dimensions from a few dozen points, learns per input how fast the output changes (one
length scale each) and how much of the design's variation is simulation noise (a white
noise term), and states its own uncertainty. The spline regression of the EVPPI
(:mod:`simfin.uncertainty.voi`) is one-dimensional.

Its error is shown next to the error the simulation itself has: :meth:`Emulator.errors`
gives the cross-validated error (K-fold over the design points: predict each point's
20-replication mean from the other points) and the Monte Carlo standard error of a
20-replication mean (the spread between replications / sqrt(20)). The emulator is good
enough where its error is below the Monte Carlo error: it then adds less uncertainty than
running the simulation 20 times does.

Usage::

    from simfin.uncertainty.emulator import bbs_emulator
    em = bbs_emulator()                      # fitted on the shipped BBS design (seconds)
    em.predict({"access_team.fte": 60, "demand_streams.jeugd.outcomes.referral": 0.55})
    em.errors()                              # cross-validated error vs Monte Carlo error
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import norm

from simfin.business.ceiling import ceiling_per_year
from simfin.errors import SimfinError
from simfin.uncertainty.whatif_design import DESIGN_FILE, Input, WhatIf, what_if

__all__ = ["OUTPUTS", "Emulator", "StaleDesignWarning", "bbs_emulator", "fit_emulator"]

#: Outputs emulated directly (spending per year is emulated too, for ``p_overshoot``).
OUTPUTS = ("npv_eur", "structural_saving_eur", "intake_wait_p95_days")
FOLDS = 8


def _gp(dimensions: int, kernel=None):
    """A Gaussian process: signal x ARD squared-exponential + white noise, y normalised;
    with ``kernel`` (a fitted one) its hyperparameters are kept as they are."""
    try:
        from sklearn.gaussian_process import GaussianProcessRegressor
        from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel
    except ImportError:
        raise SimfinError("the emulator needs scikit-learn: pip install 'simfin[whatif]'"
                          ) from None

    if kernel is not None:
        return GaussianProcessRegressor(kernel, normalize_y=True, optimizer=None)
    kernel = (ConstantKernel(1.0, (1e-3, 1e3))
              * RBF(np.ones(dimensions), (5e-2, 1e3)) + WhiteKernel(1e-2, (1e-8, 1.0)))
    return GaussianProcessRegressor(kernel, normalize_y=True, n_restarts_optimizer=1,
                                    random_state=0)


class _TrendGP:
    """A linear trend in the inputs (least squares) plus a Gaussian process on what the
    trend leaves: the usual emulator of a response that is nearly linear over the ranges
    (a Gaussian process alone reverts to the mean between sparse points)."""

    def __init__(self, x: np.ndarray, y: np.ndarray, kernel=None) -> None:
        from sklearn.exceptions import ConvergenceWarning

        # the trend only with some points to spare (else a constant mean)
        basis = _design_matrix(x) if len(x) >= x.shape[1] + 4 else np.ones((len(x), 1))
        self.beta = np.linalg.lstsq(basis, y, rcond=None)[0]
        with warnings.catch_warnings():
            # an input without effect reaches its largest length scale: an answer
            warnings.simplefilter("ignore", ConvergenceWarning)
            self.gp = _gp(x.shape[1], kernel).fit(x, y - self._trend(x))
        self.kernel_ = self.gp.kernel_

    def _trend(self, x: np.ndarray) -> np.ndarray:
        return (_design_matrix(x) if len(self.beta) > 1 else np.ones((len(x), 1))) @ self.beta

    def predict(self, x: np.ndarray, return_std: bool = False):
        trend = self._trend(x)
        if return_std:
            rest, sd = self.gp.predict(x, return_std=True)
            return trend + rest, sd
        return trend + self.gp.predict(x)


def _design_matrix(x: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones(len(x)), x])


def _fit(x: np.ndarray, y: np.ndarray, kernel=None) -> _TrendGP:
    """Fit the emulator of one output (``kernel``: keep a fitted kernel's parameters)."""
    return _TrendGP(x, y, kernel)


@dataclass
class Emulator:
    """Gaussian processes over the inputs of a what-if (see the module docstring)."""

    inputs: tuple[Input, ...]
    ceiling_eur_per_year: float                # the variant file's ceiling (price year)
    ceiling_by_year: pd.Series                 # nominal ceiling per year at that amount
    replications: int
    points: pd.DataFrame                       # inputs and 20-replication means per point
    spread: pd.Series                          # replication-to-replication sd per output
    models: dict = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)  # inputs the files moved out of the design

    @property
    def targets(self) -> list[str]:
        return [*OUTPUTS, *self.spending_columns]

    @property
    def spending_columns(self) -> list[str]:
        return [f"spending_{year}_eur" for year in self.ceiling_by_year.index]

    def _unit(self, values: pd.DataFrame) -> np.ndarray:
        """Inputs scaled to [0, 1] over their ranges."""
        return np.column_stack([(values[x.name].to_numpy(float) - x.low) / (x.high - x.low)
                                for x in self.inputs])

    def _frame(self, values) -> pd.DataFrame:
        """``values`` (dict or frame; missing inputs at their base) as a frame of inputs."""
        frame = pd.DataFrame([values]) if isinstance(values, dict) else pd.DataFrame(values)
        unknown = set(frame.columns) - {x.name for x in self.inputs}
        if unknown:
            raise KeyError(f"not an input of this emulator: {', '.join(sorted(unknown))}")
        return frame.reindex(columns=[x.name for x in self.inputs]).fillna(
            {x.name: x.base for x in self.inputs})

    def predict(self, values, ceiling_eur_per_year: float | None = None) -> pd.DataFrame:
        """What a 20-replication business case would give at ``values``: the outputs,
        ``npv_sd_eur`` (the Gaussian process's own sd of the NPV) and ``p_overshoot`` at
        the ceiling (euros a year at the file's price year; default the file's)."""
        frame = self._frame(values)
        x = self._unit(frame)
        out = frame.copy()
        for name in OUTPUTS:
            mean, sd = self.models[name].predict(x, return_std=True)
            out[name] = mean
            if name == "npv_eur":
                out["npv_sd_eur"] = sd
        ceiling = ceiling_eur_per_year or self.ceiling_eur_per_year
        scale = ceiling / self.ceiling_eur_per_year
        p = np.zeros(len(frame))
        for column, c in zip(self.spending_columns, self.ceiling_by_year.to_numpy(),
                             strict=True):
            mean = self.models[column].predict(x)
            p = np.maximum(p, norm.sf(c * scale, loc=mean, scale=self.spread[column]))
        out["p_overshoot"] = p
        return out

    def errors(self, folds: int = FOLDS) -> pd.DataFrame:
        """Per output: the cross-validated error of the emulator (RMSE over ``folds``
        folds of the design points, each fold predicted by a process fitted on the others
        with the hyperparameters of the full fit) and the Monte Carlo standard error of a
        ``replications``-replication mean, and their ratio (below 1: the emulator adds less
        error than the simulation has)."""
        from sklearn.model_selection import KFold

        x, rows = self._unit(self.points), []
        for name in OUTPUTS:
            y = self.points[name].to_numpy(float)
            predicted = np.empty_like(y)
            splits = KFold(min(folds, len(y)), shuffle=True, random_state=0).split(x)
            for train, test in splits:
                model = _fit(x[train], y[train], self.models[name].kernel_)
                predicted[test] = model.predict(x[test])
            cv = float(np.sqrt(np.mean((predicted - y) ** 2)))
            mc = float(self.spread[name] / np.sqrt(self.replications))
            rows.append({"output": name, "cv_rmse": cv, "mc_error": mc,
                         "ratio": cv / mc, "points": len(y),
                         "replications": self.replications})
        return pd.DataFrame(rows)

    def switching_value(self, name: str, output: str = "npv_eur", target: float = 0.0,
                        grid: int = 201) -> float:
        """The value of input ``name`` (others at their base) where the emulated
        ``output`` crosses ``target`` (an omslagpunt); NaN when it does not within the
        range. Trust it only where :meth:`errors` shows the output accurate enough."""
        x = next(i for i in self.inputs if i.name == name)
        values = np.linspace(x.low, x.high, grid)
        y = self.predict(pd.DataFrame({name: values}))[output].to_numpy() - target
        crossing = np.flatnonzero(np.sign(y[:-1]) != np.sign(y[1:]))
        if not len(crossing):
            return float("nan")
        i = crossing[0]
        return float(values[i] - y[i] * (values[i + 1] - values[i]) / (y[i + 1] - y[i]))


def fit_emulator(setup: WhatIf, design: pd.DataFrame) -> Emulator:
    """Fit the emulator of ``setup`` on a design of :func:`~simfin.uncertainty.
    whatif_design.build_design` (rows: point x replication)."""
    inputs, stale = _within_design(setup.inputs, design)
    if stale:
        warnings.warn("the emulator's design does not cover the scenario files any more "
                      "(rebuild it with python -m simfin.uncertainty.whatif_design): "
                      + "; ".join(stale), StaleDesignWarning, stacklevel=2)
    names = [x.name for x in inputs]
    ceiling = ceiling_per_year(setup.variant)
    spend = [f"spending_{year}_eur" for year in ceiling.index]
    targets = [*OUTPUTS, *spend]
    grouped = design.groupby("point")
    points = grouped[names + targets].mean()
    spread = np.sqrt(grouped[targets].var(ddof=1).mean())
    em = Emulator(inputs, float(setup.variant.ceiling.amount_eur_per_year), ceiling,
                  int(grouped.size().min()), points.reset_index(drop=True), spread)
    em.stale = stale
    x = em._unit(em.points)
    em.models = {t: _fit(x, em.points[t].to_numpy(float)) for t in targets}
    return em


class StaleDesignWarning(UserWarning):
    """The scenario files moved away from what the emulator's design simulated."""


def _within_design(inputs: tuple[Input, ...], design: pd.DataFrame
                   ) -> tuple[tuple[Input, ...], list[str]]:
    """The inputs over the ranges the design covers (the emulator does not extrapolate),
    and a line per input whose value in the file lies outside them (a stale design)."""
    out, stale = [], []
    for x in inputs:
        low, high = float(design[x.name].min()), float(design[x.name].max())
        if not low <= x.base <= high:
            stale.append(f"{x.label}: {x.base:g} in the file, {low:g}–{high:g} in the design")
        out.append(Input(x.name, x.label, low, high, min(max(x.base, low), high)))
    return tuple(out), stale


@functools.lru_cache(maxsize=1)
def bbs_emulator() -> Emulator:
    """The emulator of the BBS case (bbs-nulalternatief against bbs-gezamenlijk), fitted
    on the shipped design (``simfin/uncertainty/data/bbs_whatif_design.csv``)."""
    return fit_emulator(what_if(), pd.read_csv(DESIGN_FILE))
