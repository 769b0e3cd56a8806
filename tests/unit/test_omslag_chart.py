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


def test_the_dot_and_the_headline_npv_are_both_named_with_what_they_are():
    """The dot showed "zoals aangenomen (2 repl.): € −3,1 mln" beside a headline NPV of
    € −5,4 mln without saying they are different measures: the footnote names both."""
    table = pd.DataFrame([_row("a", "a", 5e6, 1.2), _row("c", "c", -2e6, math.nan)],
                         columns=SWITCHING_COLUMNS)
    case = _Case(table)
    case.npv_interval = lambda variant: (-5.4e6, -7e6, -3.7e6)
    ax = plot_two_way(case, "v", lang="nl")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "zoals aangenomen: € −1,0 mln" in legend     # the switching runs' mean at s = 1
    foot = " ".join(t.get_text() for t in ax.figure.texts).replace("\n", " ")
    assert "3 replicaties" in foot and "(€ −5,4 mln) is het gemiddelde" in foot
    assert "De stip: A op de aangenomen waarde" in foot  # lever_name of "a"
    assert "repl." not in " ".join(legend)
