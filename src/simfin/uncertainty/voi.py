"""Value of information: EVPI and EVPPI from the samples of a PSA.

A decision picks one of several options (the nulalternatief and its variants). Each PSA
sample ``s`` gives every option ``d`` a net benefit ``NB[s, d]`` in euros (here: minus
what the municipalities pay over the horizon, so the cheapest option has the highest net
benefit). Deciding now means taking the option with the highest *mean* net benefit.

EVPI (expected value of perfect information)
    ``mean_s max_d NB[s, d] - max_d mean_s NB[s, d]``: what knowing every uncertain input
    before deciding would be worth at most. Its Monte Carlo standard error is that of the
    mean of ``max_d NB[s, d] - NB[s, d*]`` (``d*`` the option chosen now).
EVPPI (partial: one parameter or a group)
    The same with ``NB`` replaced by its conditional mean given the parameter(s),
    ``g_d(x) = E[NB_d | X = x]``, estimated by the non-parametric regression method of
    Strong, Oakley & Brennan (2014, *Medical Decision Making* 34(3), 311-326): regress each
    option's net benefit, relative to the first option, on the parameter(s).

The regression is an additive regression spline: one B-spline per parameter
(:meth:`scipy.interpolate.BSpline.design_matrix`, scipy is already a dependency of simfin),
all fitted together by least squares, the number of knots chosen by generalised
cross-validation. That is the GAM Strong et al. use, without interaction terms, with the
smoothness chosen among a few knot counts instead of by a continuous penalty (scipy's
penalised ``make_smoothing_spline`` takes about a second per fit, too slow for a table of
groups). An EVPPI of a group therefore misses value that lies only in interactions within it.

Conventions: every amount is in euros in the scenario's price level, a total over the
reported horizon (not per year), for one decision. With simulation noise in ``NB`` (few
replications per sample) the plain EVPI also counts the noise as "information", so it is
biased upwards; EVPPI of all parameters together, which smooths the noise out, is the
better estimate of what research could be worth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.interpolate import BSpline

__all__ = ["conditional_mean", "evpi", "evpi_standard_error", "evppi", "evppi_table"]

#: (degree, interior knots) of the regression splines GCV chooses from; ``None``: no effect
#: (the mean), so that a parameter that explains nothing gets an EVPPI of 0.
ROUNDING = 1e-12  # relative to the largest |net benefit|: an EVPPI below it is reported as 0
SPLINE_OPTIONS = (None, (1, 0), (3, 0), (3, 1), (3, 2), (3, 4), (3, 8))


def _nb(net_benefit: pd.DataFrame | np.ndarray) -> np.ndarray:
    nb = np.asarray(net_benefit, dtype=float)
    if nb.ndim != 2 or nb.shape[1] < 2 or nb.shape[0] < 2:
        raise ValueError(f"expected net benefits of shape (samples >= 2, options >= 2), "
                         f"got {nb.shape}")
    if not np.isfinite(nb).all():
        raise ValueError("expected finite net benefits")
    return nb


def evpi(net_benefit: pd.DataFrame | np.ndarray) -> float:
    """Expected value of perfect information, euros (``samples x options`` net benefits)."""
    nb = _nb(net_benefit)
    value = nb.max(axis=1).mean() - nb.mean(axis=0).max()
    return float(value) if value > ROUNDING * float(np.abs(nb).max()) else 0.0


def evpi_standard_error(net_benefit: pd.DataFrame | np.ndarray) -> float:
    """Monte Carlo standard error of :func:`evpi` over the samples, euros."""
    nb = _nb(net_benefit)
    regret = nb.max(axis=1) - nb[:, int(np.argmax(nb.mean(axis=0)))]
    return float(regret.std(ddof=1) / np.sqrt(len(regret)))


def _basis(x: np.ndarray, interior: int, degree: int) -> np.ndarray:
    """B-spline basis of one parameter, ``interior`` knots at its quantiles; the first
    column is dropped (the intercept of the model carries it)."""
    low, high = float(x.min()), float(x.max())
    inner = np.quantile(x, np.linspace(0, 1, interior + 2)[1:-1]) if interior else []
    knots = np.r_[[low] * (degree + 1), inner, [high] * (degree + 1)]
    return BSpline.design_matrix(x, knots, degree).toarray()[:, 1:]


def _fit(x: np.ndarray, y: np.ndarray, option: tuple[int, int] | None
         ) -> tuple[np.ndarray, float] | None:
    """Least-squares additive spline fit and its GCV score, or None if it has too many terms."""
    columns = [np.ones((len(y), 1))]
    if option is not None:
        degree, interior = option
        columns += [_basis(x[:, j], interior, degree) for j in range(x.shape[1])]
    design = np.hstack(columns)
    n, p = design.shape
    if p >= n - 1:
        return None
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    fitted = design @ coef
    return fitted, n * float(np.sum((y - fitted) ** 2)) / (n - p) ** 2


def conditional_mean(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Estimate of ``E[y | x]`` at every sample.

    ``x`` is ``(samples,)`` or ``(samples, k)``: an additive regression spline
    ``mean + sum_j f_j(x_j)``, each ``f_j`` a B-spline of :data:`SPLINE_OPTIONS` (none,
    linear, or cubic with 0-8 interior knots at the quantiles), the option with the lowest
    generalised cross-validation score ``n RSS / (n - p)^2`` (Craven & Wahba 1979).
    """
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float).reshape(len(y), -1)
    best = None
    for option in SPLINE_OPTIONS:
        fit = _fit(x, y, option)
        if fit is not None and (best is None or fit[1] < best[1]):
            best = fit
    return np.full_like(y, y.mean()) if best is None else best[0]


def evppi(net_benefit: pd.DataFrame | np.ndarray, x: pd.DataFrame | np.ndarray) -> float:
    """Expected value of partial perfect information about ``x``, euros.

    ``x`` holds the parameter(s) of interest per sample (``(samples,)`` or
    ``(samples, k)``, the same rows as ``net_benefit``).
    """
    nb = _nb(net_benefit)
    x = np.asarray(x, dtype=float)
    if len(x) != len(nb):
        raise ValueError(f"expected one parameter row per sample ({len(nb)}), got {len(x)}")
    fitted = np.zeros_like(nb)
    for d in range(1, nb.shape[1]):
        fitted[:, d] = conditional_mean(x, nb[:, d] - nb[:, 0])
    value = fitted.max(axis=1).mean() - fitted.mean(axis=0).max()
    rounding = ROUNDING * float(np.abs(nb).max())  # below this it is floating-point noise
    return float(value) if value > rounding else 0.0


def evppi_table(net_benefit: pd.DataFrame, parameters: pd.DataFrame,
                groups: Mapping[str, Sequence[str]] | None = None,
                labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """EVPPI of every parameter, of each named group, and of all parameters together.

    Parameters
    ----------
    net_benefit : DataFrame
        ``samples x options`` net benefits, euros.
    parameters : DataFrame
        ``samples x parameters`` sampled values (a PSA design's ``values``).
    groups : mapping, optional
        Group name -> the parameter names (columns of ``parameters``) it holds.
    labels : mapping, optional
        Display name per parameter.

    Returns
    -------
    DataFrame
        ``parameter, label, kind, evppi_eur, share_of_evpi`` (``kind`` is ``parameter``,
        ``group`` or ``all``), parameters sorted by EVPPI, largest first; the group and
        "all" rows last.
    """
    labels = dict(labels or {})
    total = evpi(net_benefit)
    rows = [{"parameter": name, "label": labels.get(name, name), "kind": "parameter",
             "evppi_eur": evppi(net_benefit, parameters[name])} for name in parameters.columns]
    rows.sort(key=lambda r: -r["evppi_eur"])
    for name, members in (groups or {}).items():
        missing = [m for m in members if m not in parameters.columns]
        if missing:
            raise ValueError(f"group {name!r} names unknown parameters: {', '.join(missing)}")
        rows.append({"parameter": name, "label": name, "kind": "group",
                     "evppi_eur": evppi(net_benefit, parameters[list(members)])})
    rows.append({"parameter": "*", "label": "*", "kind": "all",
                 "evppi_eur": evppi(net_benefit, parameters)})
    table = pd.DataFrame(rows)
    table["share_of_evpi"] = table["evppi_eur"] / total if total > 0 else np.nan
    return table
