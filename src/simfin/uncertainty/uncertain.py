"""Sampling uncertain parameters: Latin hypercube through each distribution's ppf.

The declarations themselves live in :mod:`simfin.scenario.uncertain` (they are part of the
scenario file format); this module draws from them. Every draw comes from the scenario's
own seed through the ``"psa"`` stream of :mod:`simfin.sim.rng`, so sampling a design never
shifts a simulation stream, and the same scenario and seed give the same design.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import qmc

from simfin.scenario.load import load_uncertain
from simfin.scenario.uncertain import UncertainParameter, UncertainScenario
from simfin.sim.rng import generator, name_key

__all__ = ["UncertainParameter", "UncertainScenario", "design_rng", "latin_hypercube",
           "latin_hypercube_quantiles", "load_uncertain", "to_values"]

#: Quantiles used instead of exactly 0 and 1, where a normal or lognormal ppf is infinite.
EPS = 1e-9


def design_rng(seed: int, purpose: str) -> np.random.Generator:
    """The generator of one sensitivity design (``purpose`` e.g. ``"latin_hypercube"``)."""
    return generator(seed, 0, "psa", name_key(purpose))


def latin_hypercube_quantiles(n: int, d: int, seed: int) -> np.ndarray:
    """An ``(n, d)`` Latin hypercube in (0, 1): each column hits each of ``n`` strata once."""
    if n < 1 or d < 1:
        raise ValueError(f"expected n >= 1 samples of d >= 1 parameters, got n={n}, d={d}")
    sampler = qmc.LatinHypercube(d=d, rng=design_rng(seed, "latin_hypercube"))
    return np.clip(sampler.random(n), EPS, 1 - EPS)


def to_values(parameters: tuple[UncertainParameter, ...], quantiles: np.ndarray) -> pd.DataFrame:
    """Map an ``(n, d)`` quantile matrix through each parameter's ppf.

    Returns
    -------
    DataFrame
        One row per sample (index ``sample`` 0..n-1), one column per parameter (dotted
        path), values in the parameter's own unit.
    """
    u = np.clip(np.asarray(quantiles, dtype=float), EPS, 1 - EPS)
    values = {p.name: p.ppf(u[:, j]) for j, p in enumerate(parameters)}
    return pd.DataFrame(values, index=pd.RangeIndex(len(u), name="sample"))


def latin_hypercube(scenario: UncertainScenario | str | Path, n: int,
                    seed: int | None = None) -> pd.DataFrame:
    """``n`` Latin hypercube samples of every declared parameter.

    Parameters
    ----------
    scenario : UncertainScenario or path
        The scenario with its ``dist`` declarations.
    n : int
        Number of samples.
    seed : int, optional
        Root entropy; default the scenario's ``simulation.seed``.

    Returns
    -------
    DataFrame
        See :func:`to_values`.
    """
    if not isinstance(scenario, UncertainScenario):
        scenario = load_uncertain(scenario)
    seed = scenario.base.simulation.seed if seed is None else seed
    u = latin_hypercube_quantiles(n, len(scenario.parameters), seed)
    return to_values(scenario.parameters, u)
