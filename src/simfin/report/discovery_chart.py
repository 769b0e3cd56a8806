"""Chart of a scenario-discovery box: the samples over two parameters, the box drawn on top.

::

    box = discover(sw, above_ceiling(), 0.0)
    plot_discovery(sw.design.values, hit, box, labels=sw.design.labels)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

from simfin.report.format import format_number, format_share
from simfin.report.labels import check_lang
from simfin.report.style import OKABE_ITO, council_style, new_figure
from simfin.uncertainty.discovery import Box

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["describe_box", "box_axes", "plot_discovery"]

BOX_TEXT = {"if": ("als", "if"), "and": (" én ", " and "),
        "then": ("dan in {density} van de gevallen {outcome}",
                 "then in {density} of cases {outcome}"),
        "cover": ("(dekking {coverage} van alle gevallen {outcome}; {mass} van de trekkingen "
                  "valt in dit gebied)",
                  "(covers {coverage} of all cases {outcome}; {mass} of the samples fall in "
                  "this region)"),
        "none": ("geen gebied gevonden", "no region found")}


def _number(value: float) -> str:
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2 if abs(value) >= 0.1 else 3
    return format_number(value, digits)


def describe_box(box: Box, outcome: str, lang: str = "nl") -> str:
    """The box as one sentence, e.g. "als A > 12 én B > 1,6, dan in 83% van de gevallen
    boven het plafond (dekking ...)". ``outcome`` names the outcome ("boven het plafond")."""
    i = 0 if check_lang(lang) == "nl" else 1
    parts = []
    for r in box.restrictions.itertuples():
        if r.low_restricted and r.high_restricted:
            parts.append(f"{r.label} {_number(r.low)}–{_number(r.high)}")
        elif r.low_restricted:
            parts.append(f"{r.label} > {_number(r.low)}")
        elif r.high_restricted:
            parts.append(f"{r.label} < {_number(r.high)}")
    if not parts:
        return BOX_TEXT["none"][i]
    then = BOX_TEXT["then"][i].format(density=format_share(box.density), outcome=outcome)
    cover = BOX_TEXT["cover"][i].format(coverage=format_share(box.coverage), outcome=outcome,
                                    mass=format_share(box.mass))
    return f"{BOX_TEXT['if'][i]} {BOX_TEXT['and'][i].join(parts)}, {then} {cover}"


TEXT = {"hit": ("met de uitkomst", "with the outcome"), "miss": ("zonder", "without"),
        "box": ("gevonden gebied", "region found"),
        "title": ("Waar de uitkomst optreedt (PRIM)", "Where the outcome occurs (PRIM)")}


def box_axes(box: Box | None, x: pd.DataFrame) -> tuple[str, str]:
    """The two parameters to draw: the box's restrictions first, then the first columns."""
    names = list(box.restrictions["parameter"]) if box is not None else []
    names += [c for c in x.columns if c not in names]
    return names[0], names[1] if len(names) > 1 else names[0]


def _formatter(axis) -> FuncFormatter:
    """nl-NL tick labels with as many decimals as the tick step needs (0,005 -> 3)."""
    def fmt(value: float, _pos) -> str:
        ticks = np.diff(axis.get_majorticklocs())
        step = float(ticks[0]) if len(ticks) and ticks[0] > 0 else 1.0
        return format_number(value, max(0, math.ceil(-math.log10(step) - 1e-9)))

    return FuncFormatter(fmt)


def plot_discovery(x: pd.DataFrame, outcome, box: Box | None = None, ax: Axes | None = None,
                   labels: Mapping[str, str] | None = None, lang: str = "nl") -> Axes:
    """Scatter of the samples over the box's two main parameters; the box as a dashed frame."""
    i = 0 if check_lang(lang) == "nl" else 1
    labels = dict(labels or {})
    hit = np.asarray(outcome, dtype=bool)
    a, b = box_axes(box, x)
    with council_style():
        if ax is None:
            ax = new_figure().add_subplot()
        ax.scatter(x.loc[~hit, a], x.loc[~hit, b], s=14, color=OKABE_ITO["sky_blue"],
                   label=TEXT["miss"][i], zorder=2)
        ax.scatter(x.loc[hit, a], x.loc[hit, b], s=14, color=OKABE_ITO["vermillion"],
                   label=TEXT["hit"][i], zorder=3)
        if box is not None and len(box.restrictions):
            r = box.restrictions.set_index("parameter")
            lo_a, hi_a = (r.loc[a, "low"], r.loc[a, "high"]) if a in r.index else \
                (x[a].min(), x[a].max())
            lo_b, hi_b = (r.loc[b, "low"], r.loc[b, "high"]) if b in r.index else \
                (x[b].min(), x[b].max())
            ax.add_patch(Rectangle((lo_a, lo_b), hi_a - lo_a, hi_b - lo_b, fill=False,
                                   linestyle="--", linewidth=1.2, color=OKABE_ITO["black"],
                                   label=TEXT["box"][i], zorder=4))
        ax.set_xlabel(labels.get(a, a))
        ax.set_ylabel(labels.get(b, b))
        ax.xaxis.set_major_formatter(_formatter(ax.xaxis))
        ax.yaxis.set_major_formatter(_formatter(ax.yaxis))
        ax.set_title(TEXT["title"][i])
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax
