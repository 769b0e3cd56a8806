"""The two-way chart of the two most decisive assumptions (no simulation: a made-up table)."""

import math

import numpy as np
import pandas as pd

from simfin.business.switching import SWITCHING_COLUMNS
from simfin.report.omslag_chart import decisive_pair, plot_two_way


class _Case:
    """The few attributes the chart reads."""

    def __init__(self, switching):
        self.switching = switching
        self.variants = ["v"]
        self.scenarios = {}


def _row(lever, parameters, effect, share):
    row = dict.fromkeys(SWITCHING_COLUMNS, math.nan)
    row.update(variant="v", lever=lever, label=lever, mechanism="other", category="",
               parameters=parameters, criterion="npv", status="flip", share=share,
               result_eur=-1e6, effect_eur=effect, replications=3)
    return row


def test_the_pair_is_the_two_largest_without_overlap_and_no_flip_is_drawn():
    table = pd.DataFrame([_row("group", "a, b", 5e6, math.nan),      # no flip: NaN share
                          _row("a", "a", 4e6, 1.2),                   # member of the group
                          _row("c", "c", -2e6, math.nan),
                          _row("d", "d", 1e5, 3.0)], columns=SWITCHING_COLUMNS)
    case = _Case(table)
    assert [r.lever for r in decisive_pair(case, "v")] == ["group", "c"]
    ax = plot_two_way(case, "v", lang="nl", footnote=False)
    assert ax is not None
    # the zero line of the plane: NPV = -1e6 + 5e6 (x - 1) - 2e6 (y - 1) = 0 at x = 1.2, y = 1
    xs, ys = np.concatenate([p.vertices for c in ax.collections[1:] if hasattr(c, "get_paths")
                             for p in c.get_paths()]).T
    at = np.argmin(abs(ys / 100 - 1.0))
    assert abs(xs[at] / 100 - 1.2) < 0.03
