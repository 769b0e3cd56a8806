"""Seasonal demand: monthly multipliers on a demand stream's arrival rate.

With ``[seasonality] <stream> = [12 multipliers]`` (averaging 1), the stream's arrivals
are drawn at ``peak`` times its rate (``peak`` the largest multiplier) on its usual
``arrivals`` stream, and each is kept with probability ``multiplier(month) / peak`` on
the separate ``seasonality`` stream: a non-homogeneous Poisson process by thinning (Lewis &
Shedler, 1979). A stream without seasonality draws exactly as before. Month ``m`` of a
year is ``[m, m + 1) x 365/12`` days from 1 January (the warm-up too).
"""

from __future__ import annotations

import numpy as np

from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.rng import generator

__all__ = ["month_of", "peak", "thin_seasonal"]


def peak(scenario, stream: str) -> float:
    """The largest monthly multiplier of ``stream`` (1 without seasonality)."""
    factors = scenario.seasonality.get(stream)
    return max(factors) if factors else 1.0


def month_of(t_days: np.ndarray) -> np.ndarray:
    """Month index 0-11 of times in days since 1 January of year one."""
    return (np.mod(t_days, DAYS_PER_YEAR) // (DAYS_PER_YEAR / 12)).astype(np.int64) % 12


def thin_seasonal(scenario, stream: str, times: np.ndarray, replication: int,
                  keys: tuple[int, int]) -> np.ndarray:
    """The arrivals ``times`` (drawn at ``peak`` times the rate) that the season keeps."""
    factors = scenario.seasonality.get(stream)
    if not factors:
        return times
    keep = np.asarray(factors, dtype=float)[month_of(times)] / max(factors)
    u = generator(scenario.simulation.seed, replication, "seasonality", *keys).random(len(times))
    return times[u < keep]
