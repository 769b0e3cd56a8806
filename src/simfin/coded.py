"""String columns as integer codes into their sorted distinct names (:class:`Coded`).

Comparing, grouping and looking up by name on long (arrow-backed) string columns costs far
more than the same on integer codes; grouping by codes in sorted order gives the same
groups, in the same order, as grouping by the names. :func:`coded_column` codes a ledger
column once for all the KPIs and finance rules that read it, and :func:`coded_strings`
makes such a column from codes, so that it never needs coding at all.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Coded", "coded", "coded_column", "coded_strings"]


@dataclass(frozen=True)
class Coded:
    """A string column as ``codes`` (int64) into its sorted distinct ``names``."""

    codes: np.ndarray
    names: tuple[str, ...]

    def where(self, name: str) -> np.ndarray:
        """Boolean mask of the entries equal to ``name``."""
        if name not in self.names:
            return np.zeros(len(self.codes), dtype=bool)
        return self.codes == self.names.index(name)

    def take(self, mask: np.ndarray) -> Coded:
        """The entries selected by ``mask`` (same names)."""
        return Coded(self.codes[mask], self.names)

    def subset(self, mask: np.ndarray) -> Coded:
        """The entries selected by ``mask``, coded by their own sorted distinct names: what
        :func:`coded` of those entries gives."""
        codes = self.codes[mask]
        missing = codes < 0  # NaN: -1, as pd.factorize codes it
        present = np.bincount(codes[~missing], minlength=len(self.names)) > 0
        new_code = np.append(np.cumsum(present) - 1, -1)  # the last slot serves -1
        return Coded(new_code[codes], tuple(n for n, p in zip(self.names, present) if p))

    def lookup(self, value_of: Callable[[str], object], dtype=float) -> np.ndarray:
        """``value_of(name)`` of every entry, evaluated once per distinct name."""
        return np.asarray([value_of(name) for name in self.names], dtype=dtype)[self.codes]


def coded(values) -> Coded:
    """Code a column of strings (Series or array) by its sorted distinct values."""
    codes, names = pd.factorize(values, sort=True)
    return Coded(np.asarray(codes, dtype=np.int64), tuple(str(name) for name in names))


#: coded_column's results by id of the (immutable) arrow data they were made from, with a
#: weak reference to that data: an entry is used only while that very data lives.
_CODED: dict[int, tuple[weakref.ref, Coded]] = {}


def coded_column(column: pd.Series) -> Coded:
    """:func:`coded` of a whole string column, computed once for the same column data.

    The KPIs and the finance rules code the same ledger columns several times; an
    arrow-backed column's data cannot change (a write replaces it), so the codes of that
    data are kept while it lives and returned again (read-only). Other columns are coded
    each time."""
    array = column.array
    to_arrow = getattr(array, "__arrow_array__", None)
    if to_arrow is None:
        return coded(column)
    data = to_arrow()
    key = id(data)
    hit = _CODED.get(key)
    if hit is not None and hit[0]() is data:
        return hit[1]
    return _remember(data, coded(array))


def _remember(data, result: Coded) -> Coded:
    """Keep ``result`` as the codes of the arrow ``data`` while it lives (read-only)."""
    result.codes.setflags(write=False)
    key = id(data)

    def forget(ref: weakref.ref) -> None:
        if _CODED.get(key, (None,))[0] is ref:
            del _CODED[key]

    _CODED[key] = (weakref.ref(data, forget), result)
    return result


def coded_strings(names, index: np.ndarray):
    """``names[index]`` as a pandas array of strings (the dtype pandas gives strings), taken
    from the few names (much faster than converting a long object array); where that is
    arrow-backed, :func:`coded_column` of a column holding it needs no coding.

    ``names`` may repeat a name; ``index`` holds no negative entries."""
    strings = pd.Series(np.asarray(names, dtype=object)).array.take(index)
    to_arrow = getattr(strings, "__arrow_array__", None)
    if to_arrow is not None:
        present = np.bincount(index, minlength=len(names)) > 0
        distinct = sorted({names[i] for i in np.flatnonzero(present)})
        rank = {name: k for k, name in enumerate(distinct)}
        code_of = np.array([rank.get(name, -1) for name in names], dtype=np.int64)
        _remember(to_arrow(), Coded(code_of[index], tuple(distinct)))
    return strings
