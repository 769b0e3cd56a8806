"""Calendar arithmetic on care intervals: days and client-months per reported year.

Times are days since 1 January of the first reported year; a year is 365 days and a
month is a twelfth of it. Intervals still open at the end of the horizon run to it.
"""

from __future__ import annotations

import numpy as np

from simfin.sim.arrivals import DAYS_PER_YEAR

__all__ = ["DAYS_PER_MONTH", "client_months_per_year", "events_per_year", "overlap_days_per_year"]

DAYS_PER_MONTH = DAYS_PER_YEAR / 12


def _clip(start: np.ndarray, end: np.ndarray, horizon_years: int) -> tuple[np.ndarray, np.ndarray]:
    horizon = horizon_years * DAYS_PER_YEAR
    start = np.asarray(start, dtype=float)
    end = np.nan_to_num(np.asarray(end, dtype=float), nan=horizon)
    started = ~np.isnan(start)
    return np.where(started, start, horizon), np.where(started, np.minimum(end, horizon), horizon)


def overlap_days_per_year(start, end, horizon_years: int) -> np.ndarray:
    """Days of each interval ``[start, end)`` inside each reported year, shape (n, years)."""
    s, e = _clip(start, end, horizon_years)
    y0 = np.arange(horizon_years) * DAYS_PER_YEAR
    lo = np.maximum(s[:, None], y0[None, :])
    hi = np.minimum(e[:, None], y0[None, :] + DAYS_PER_YEAR)
    return np.maximum(hi - lo, 0.0)


def client_months_per_year(start, end, horizon_years: int) -> np.ndarray:
    """Months in which each interval is in care (one declaration line each), per year."""
    s, e = _clip(start, end, horizon_years)
    live = e > np.maximum(s, 0.0)
    first = np.floor(np.maximum(s, 0.0) / DAYS_PER_MONTH)
    last = np.ceil(e / DAYS_PER_MONTH) - 1
    m0 = np.arange(horizon_years) * 12
    lo = np.maximum(first[:, None], m0[None, :])
    hi = np.minimum(last[:, None], m0[None, :] + 11)
    return np.where(live[:, None], np.maximum(hi - lo + 1, 0.0), 0.0)


def events_per_year(t, horizon_years: int) -> np.ndarray:
    """One-hot (n, years): which reported year each event time falls in (none if outside)."""
    t = np.asarray(t, dtype=float)
    year = np.floor(np.nan_to_num(t, nan=-1.0) / DAYS_PER_YEAR)
    return (year[:, None] == np.arange(horizon_years)[None, :]).astype(float)
