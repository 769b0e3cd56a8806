"""Arrivals of new support requests: Poisson per municipality and demand stream.

The rate follows population growth and the stream's trend, both compounding per year
from the start of the first reported year, so it is non-homogeneous; arrival times are
drawn by thinning a homogeneous process at the maximum rate (Lewis & Shedler, 1979).
"""

from __future__ import annotations

import numpy as np

from simfin.scenario.schema import DemandStream, Municipality

__all__ = ["DAYS_PER_YEAR", "arrival_times", "inflow_per_day", "population", "rate_per_day",
           "thinned"]

DAYS_PER_YEAR = 365.0


def population(muni: Municipality, group: str) -> float:
    """Inhabitants of ``group`` ("all" or an age-group key) at the start of year one."""
    share = 1.0 if group == "all" else muni.age_shares[group]
    return muni.inhabitants * share


def rate_per_day(muni: Municipality, stream: DemandStream, t_days: np.ndarray,
                 factor: float = 1.0) -> np.ndarray:
    """Expected new requests per day at ``t_days`` (days since the start of year one);
    ``factor`` is the municipality's local factor for the stream."""
    return inflow_per_day(muni, stream.population, stream.rate_per_1000 * factor,
                          stream.trend_per_year, t_days)


def inflow_per_day(muni: Municipality, group: str, per_1000: float, trend: float,
                   t_days: np.ndarray) -> np.ndarray:
    """Expected inflow per day at ``t_days`` of a rate ``per_1000`` inhabitants of ``group``
    per year, growing with the population and ``trend``."""
    years = np.asarray(t_days, dtype=float) / DAYS_PER_YEAR
    growth = (1.0 + muni.growth_per_year) * (1.0 + trend)
    base = per_1000 / 1000.0 * population(muni, group) / DAYS_PER_YEAR
    return base * growth**years


def arrival_times(muni: Municipality, stream: DemandStream, t0: float, t1: float,
                  rng: np.random.Generator, factor: float = 1.0) -> np.ndarray:
    """Sorted arrival times in ``[t0, t1)`` days, by thinning."""
    return thinned(lambda t: rate_per_day(muni, stream, t, factor), t0, t1, rng)


def thinned(rate, t0: float, t1: float, rng: np.random.Generator) -> np.ndarray:
    """Sorted times in ``[t0, t1)`` of a Poisson process with the monotone ``rate(t)`` per
    day, by thinning at its larger end."""
    lam_max = float(rate(np.array([t0, t1])).max())
    if lam_max <= 0 or t1 <= t0:
        return np.empty(0)
    n = rng.poisson(lam_max * (t1 - t0))
    times = np.sort(rng.uniform(t0, t1, size=n))
    keep = rng.random(n) * lam_max < rate(times)
    return times[keep]
