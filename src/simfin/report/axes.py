"""Axis helpers shared by the charts: nl-NL tick labels and value axes that start at 0.

* :func:`number_formatter`: counts, days and ratios with a decimal comma ("2,5", "1.200"),
  with the fewest decimals (0 to 3) that write every tick exactly, so labels never repeat.
* :func:`share_formatter`: fractions as percentages ("85%").
* :func:`from_zero`: a value axis that starts at 0 (or ends at 0 for negative data), so a
  bar or a line is never read against a cut-off axis without a break mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.ticker import Formatter, FuncFormatter

from simfin.report.format import format_number, format_share

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["from_zero", "number_formatter", "share_formatter"]


class _NumberFormatter(Formatter):
    """nl-NL ticks with as many decimals as the tick spacing needs (see module)."""

    def __init__(self) -> None:
        super().__init__()
        self._decimals = 0

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        values = [float(v) for v in locs]
        self._decimals = next((d for d in range(3) if all(
            abs(v * 10**d - round(v * 10**d)) < 1e-6 for v in values)), 3)

    def __call__(self, x: float, pos: int | None = None) -> str:
        return format_number(x, self._decimals)


def number_formatter() -> Formatter:
    """Tick formatter for counts, days and ratios in nl-NL style."""
    return _NumberFormatter()


def share_formatter(decimals: int = 0) -> FuncFormatter:
    """Tick formatter for fractions shown as percentages: 0.85 -> "85%"."""
    return FuncFormatter(lambda x, _pos: format_share(x, decimals))


def from_zero(ax: Axes, axis: str = "y", margin: float = 0.08) -> None:
    """Let the value ``axis`` ("x" or "y") of ``ax`` run from 0 to the data, with ``margin``
    (a fraction) beyond the data's far end so no point sits on the frame."""
    low, high = ax.dataLim.intervaly if axis == "y" else ax.dataLim.intervalx
    if low >= 0:
        low, high = 0.0, (high * (1 + margin)) or 1.0
    elif high <= 0:
        low, high = low * (1 + margin), 0.0
    else:
        low, high = ax.get_ylim() if axis == "y" else ax.get_xlim()
    (ax.set_ylim if axis == "y" else ax.set_xlim)(low, high)
