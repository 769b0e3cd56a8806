"""Sensitivity designs: which parameter values each sample of a sweep runs with.

A :class:`Design` is plain data: one row of parameter values per sample, plus the
quantile matrix that SALib analyses (Sobol, Morris). Parameters not varied by a design sit
at their base value (mode or mean). Layouts:

``tornado``  sample 0 is the base; samples ``1 + 2j`` and ``2 + 2j`` put parameter ``j`` at
             its low and high quantile (default 5th and 95th percentile), the rest at base.
``grid``     two parameters ``a`` and ``b`` on ``levels`` quantiles each between the low and
             high quantile; sample ``i * levels + k`` has ``a`` at level ``i``, ``b`` at ``k``.
``sobol``    SALib's Sobol sequence (Saltelli scheme, first and total order):
             ``N * (d + 2)`` samples over the full distributions.
``morris``   SALib's Morris trajectories (``N * (d + 1)`` samples) on 4 levels between the
             low and high quantile.
``psa``      ``N`` Latin hypercube samples over the full distributions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from simfin.errors import SimfinError
from simfin.scenario.uncertain import UncertainScenario
from simfin.uncertainty.methods import METHODS
from simfin.uncertainty.uncertain import EPS, design_rng, latin_hypercube_quantiles, to_values

__all__ = ["DEFAULT_QUANTILES", "DEFAULT_SAMPLES", "METHODS", "MORRIS_LEVELS", "Design",
           "make_design"]

DEFAULT_QUANTILES = (0.05, 0.95)
DEFAULT_SAMPLES = {"sobol": 64, "morris": 10, "psa": 100}
MORRIS_LEVELS = 4


@dataclass(frozen=True, eq=False)
class Design:
    """Parameter values per sample of one sensitivity method.

    Attributes
    ----------
    method : str
        One of :data:`METHODS`.
    names : tuple of str
        Every declared parameter (dotted paths), the columns of ``values``.
    varied : tuple of str
        The parameters this design moves (all for sobol/morris/psa/tornado, two for grid).
    values : DataFrame
        Index ``sample``; one column per parameter, in the parameter's unit.
    quantiles : ndarray or None
        ``(samples, len(varied))`` quantiles SALib analyses (sobol, morris), else None.
    info : dict
        Method options (samples, levels, quantiles, SALib seed): JSON-serialisable.
    labels : dict
        Display name of each parameter (its ``label`` key, else the dotted path).
    """

    method: str
    names: tuple[str, ...]
    varied: tuple[str, ...]
    values: pd.DataFrame
    quantiles: np.ndarray | None = None
    info: dict = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def samples(self) -> int:
        return len(self.values)

    def fingerprint(self) -> str:
        """SHA-256 (16 hex) of method, options and every value: identifies the design."""
        digest = hashlib.sha256(json.dumps(
            {"method": self.method, "names": self.names, "varied": self.varied,
             "info": self.info}, sort_keys=True).encode())
        digest.update(np.ascontiguousarray(self.values.to_numpy(dtype=float)).tobytes())
        return digest.hexdigest()[:16]

    def salib_problem(self) -> dict:
        """The SALib problem in quantile space (bounds of each varied parameter)."""
        low, high = self.info.get("bounds", (0.0, 1.0))
        return {"num_vars": len(self.varied), "names": list(self.varied),
                "bounds": [[low, high]] * len(self.varied)}


def _base_frame(us: UncertainScenario, n: int) -> pd.DataFrame:
    base = {p.name: np.full(n, float(p.base)) for p in us.parameters}
    return pd.DataFrame(base, index=pd.RangeIndex(n, name="sample"))


def _check_quantiles(quantiles: tuple[float, float]) -> tuple[float, float]:
    low, high = (float(q) for q in quantiles)
    if not 0 < low < high < 1:
        raise SimfinError(f"expected quantiles 0 < low < high < 1, got {low}, {high}")
    return low, high


def tornado_design(us: UncertainScenario, quantiles=DEFAULT_QUANTILES) -> Design:
    """Base, then each parameter alone at its low and at its high quantile."""
    low, high = _check_quantiles(quantiles)
    values = _base_frame(us, 1 + 2 * len(us.parameters))
    for j, p in enumerate(us.parameters):
        values.loc[1 + 2 * j, p.name], values.loc[2 + 2 * j, p.name] = p.ppf([low, high])
    return Design("tornado", tuple(us.names), tuple(us.names), values,
                  info={"quantiles": [low, high]})


def grid_design(us: UncertainScenario, params: tuple[str, str] | None = None, levels: int = 5,
                quantiles=DEFAULT_QUANTILES) -> Design:
    """Two parameters on ``levels`` x ``levels`` quantiles; the rest at base."""
    low, high = _check_quantiles(quantiles)
    if levels < 2:
        raise SimfinError(f"expected at least 2 levels for a grid, got {levels}")
    params = tuple(params) if params else tuple(us.names[:2])
    if len(params) != 2 or params[0] == params[1]:
        raise SimfinError(f"a two-way grid needs two different uncertain parameters, got "
                          f"{', '.join(params) or 'none'} (declared: {', '.join(us.names)})")
    a, b = (us.parameter(name) for name in params)
    q = np.linspace(low, high, levels)
    values = _base_frame(us, levels * levels)
    values[a.name] = np.repeat(a.ppf(q), levels)
    values[b.name] = np.tile(b.ppf(q), levels)
    return Design("grid", tuple(us.names), params, values,
                  info={"quantiles": [low, high], "levels": levels})


def _salib_seed(seed: int, method: str) -> int:
    return int(design_rng(seed, method).integers(2**31 - 1))


def sobol_design(us: UncertainScenario, n: int = DEFAULT_SAMPLES["sobol"],
                 seed: int | None = None) -> Design:
    """SALib Sobol sample over the full distributions; ``n`` must be a power of 2."""
    from SALib.sample import sobol

    if n < 2 or n & (n - 1):
        raise SimfinError(f"expected a power of 2 (e.g. 64, 128) as Sobol base samples, got {n}")
    seed = us.base.simulation.seed if seed is None else seed
    salib_seed = _salib_seed(seed, "sobol")
    problem = {"num_vars": len(us.parameters), "names": us.names,
               "bounds": [[0.0, 1.0]] * len(us.parameters)}
    u = sobol.sample(problem, n, calc_second_order=False, scramble=True, seed=salib_seed)
    return Design("sobol", tuple(us.names), tuple(us.names), to_values(us.parameters, u),
                  np.asarray(u), info={"base_samples": n, "seed": salib_seed,
                                       "bounds": [0.0, 1.0]})


def morris_design(us: UncertainScenario, n: int = DEFAULT_SAMPLES["morris"],
                  quantiles=DEFAULT_QUANTILES, seed: int | None = None) -> Design:
    """``n`` Morris trajectories on 4 quantile levels between the low and high quantile."""
    from SALib.sample import morris

    low, high = _check_quantiles(quantiles)
    if n < 2:
        raise SimfinError(f"expected at least 2 Morris trajectories, got {n}")
    seed = us.base.simulation.seed if seed is None else seed
    salib_seed = _salib_seed(seed, "morris")
    problem = {"num_vars": len(us.parameters), "names": us.names,
               "bounds": [[low, high]] * len(us.parameters)}
    u = morris.sample(problem, n, num_levels=MORRIS_LEVELS, seed=salib_seed)
    return Design("morris", tuple(us.names), tuple(us.names), to_values(us.parameters, u),
                  np.asarray(u), info={"trajectories": n, "seed": salib_seed,
                                       "bounds": [low, high], "levels": MORRIS_LEVELS})


def psa_design(us: UncertainScenario, n: int = DEFAULT_SAMPLES["psa"],
               seed: int | None = None) -> Design:
    """``n`` Latin hypercube samples over the full distributions."""
    seed = us.base.simulation.seed if seed is None else seed
    u = latin_hypercube_quantiles(n, len(us.parameters), seed)
    return Design("psa", tuple(us.names), tuple(us.names), to_values(us.parameters, u), u,
                  info={"samples": n, "eps": EPS})


def design_samples(us: UncertainScenario, method: str, samples: int | None = None,
                   levels: int = 5) -> int:
    """How many samples :func:`make_design` would make, in closed form (no design built),
    so that an absurd sweep is refused before any memory is spent on it."""
    n = DEFAULT_SAMPLES.get(method) if samples is None else samples
    d = len(us.parameters)
    return {"tornado": 1 + 2 * d, "grid": levels * levels, "sobol": (n or 0) * (d + 2),
            "morris": (n or 0) * (d + 1), "psa": n or 0}.get(method, 0)


def make_design(us: UncertainScenario, method: str, samples: int | None = None,
                params: tuple[str, str] | None = None, levels: int = 5,
                quantiles=DEFAULT_QUANTILES) -> Design:
    """The design of ``method`` for ``us`` (see the module docstring for the layouts)."""
    if method not in METHODS:
        raise SimfinError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    if not us.parameters:
        raise SimfinError(f"{us.file or 'the scenario'} declares no uncertain parameters; "
                          "write a number as e.g. { dist = \"triangular\", low = .., mode = .., "
                          "high = .. }")
    n = DEFAULT_SAMPLES.get(method) if samples is None else samples
    if method == "tornado":
        design = tornado_design(us, quantiles)
    elif method == "grid":
        design = grid_design(us, params, levels, quantiles)
    elif method == "sobol":
        design = sobol_design(us, n)
    elif method == "morris":
        design = morris_design(us, n, quantiles)
    elif n < 1:
        raise SimfinError(f"expected at least 1 PSA sample, got {n}")
    else:
        design = psa_design(us, n)
    return replace(design, labels={p.name: p.label for p in us.parameters})
