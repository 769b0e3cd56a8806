"""The 2e-lijn rows of a ledger as numpy arrays, with each string column coded once.

The finance rules select one provider's rows, look up a product's tariff and sum per
municipality and provider many times over. Doing that with string comparisons on the
ledger's (arrow-backed) string columns costs far more than the arithmetic itself, so the
rows are converted once: numeric columns become float arrays, string columns become
integer codes into their sorted distinct names (:class:`simfin.coded.Coded`). Grouping by codes in
sorted order gives the same groups, in the same order, as grouping by the names.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simfin.coded import Coded, coded, coded_column

__all__ = ["CareRows", "Coded", "care_rows", "coded", "coded_column", "group_sum", "group_sums"]

_STRINGS = ("municipality", "provider", "activity")
_NUMBERS = ("t_start", "t_end", "intensity_per_week", "indicated_days", "indicated_units")


@dataclass(frozen=True)
class CareRows:
    """The 2e-lijn ledger rows the finance rules need, in ledger order.

    Attributes ``municipality``, ``provider`` and ``activity`` (the product) are
    :class:`Coded`; ``t_start``, ``t_end`` (days), ``intensity_per_week`` (units per week),
    ``indicated_days`` and ``indicated_units`` are float arrays (see
    :mod:`simfin.sim.ledger`); the last two are None when the rows came without them (only
    trajectory prices need them).
    """

    municipality: Coded
    provider: Coded
    activity: Coded
    t_start: np.ndarray
    t_end: np.ndarray
    intensity_per_week: np.ndarray
    indicated_days: np.ndarray | None
    indicated_units: np.ndarray | None

    def __len__(self) -> int:
        return len(self.t_start)

    def take(self, mask: np.ndarray) -> CareRows:
        """The rows selected by the boolean ``mask``, in the same order."""
        return CareRows(*(getattr(self, name).take(mask) for name in _STRINGS),
                        *(_take(getattr(self, name), mask) for name in _NUMBERS))

    def of_provider(self, provider: str) -> CareRows:
        """The rows of one provider."""
        return self.take(self.provider.where(provider))

    @classmethod
    def from_ledger(cls, ledger: pd.DataFrame) -> CareRows:
        """The rows of ``ledger`` with ``line == "2e"``."""
        mask = coded_column(ledger["line"]).where("2e")
        return cls(*(coded_column(ledger[name]).subset(mask) for name in _STRINGS),
                   *(_take(_floats(ledger, name), mask) for name in _NUMBERS))


def care_rows(care: pd.DataFrame | CareRows) -> CareRows:
    """``care`` (2e-lijn ledger rows as a DataFrame, or already converted) as CareRows."""
    if isinstance(care, CareRows):
        return care
    return CareRows(*(coded(care[name].array) for name in _STRINGS),
                    *(_floats(care, name) for name in _NUMBERS))


def _floats(frame: pd.DataFrame, name: str) -> np.ndarray | None:
    """Column ``name`` as floats; None for a missing ``indicated_*`` column."""
    if name.startswith("indicated_") and name not in frame.columns:
        return None
    return frame[name].to_numpy(dtype=float)


def _take(values: np.ndarray | None, mask: np.ndarray) -> np.ndarray | None:
    return None if values is None else values[mask]


def group_sum(codes: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column sums of ``values`` (n, k) per distinct code, in ascending code order.

    This is pandas' grouped sum, so it gives exactly what a groupby on the names the codes
    stand for gives, provided the rows come in the same order: the group numbers per row are
    the same, and with them the way pandas adds up (which depends on whether the rows come
    sorted by group and on NaNs in ``values``, not on the key's type). Returns the codes
    present and the (groups, k) sums.
    """
    summed = pd.DataFrame(values).groupby(codes, sort=True).sum()
    return summed.index.to_numpy(), summed.to_numpy()


def group_sums(codes: np.ndarray, matrices: list[np.ndarray]
               ) -> tuple[np.ndarray, list[np.ndarray]]:
    """:func:`group_sum` of each of ``matrices`` (same rows), in one pass where that is exact.

    Side by side, the columns are still summed one by one; only NaNs anywhere in the values
    change how pandas adds up, so matrices are joined only when none has a NaN.
    """
    if not matrices:
        return np.unique(codes), []
    if any(np.isnan(matrix).any() for matrix in matrices):
        sums = [group_sum(codes, matrix) for matrix in matrices]
        return sums[0][0], [total for _, total in sums]
    present, joined = group_sum(codes, np.hstack(matrices))
    edges = np.cumsum([matrix.shape[1] for matrix in matrices])[:-1]
    return present, np.split(joined, edges, axis=1)
