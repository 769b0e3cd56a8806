"""Scenario discovery: PRIM recovers a planted box in a synthetic design."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simfin.report.discovery_chart import describe_box
from simfin.uncertainty.discovery import find_box

N = 2000
PEEL = 0.05


@pytest.fixture(scope="module")
def planted():
    """Outcome true exactly when a > 0.6 and b > 0.3; c and d are noise parameters."""
    rng = np.random.default_rng(2026)
    x = pd.DataFrame(rng.uniform(0, 1, (N, 4)), columns=["a", "b", "c", "d"])
    return x, ((x["a"] > 0.6) & (x["b"] > 0.3)).to_numpy()


def test_the_box_names_the_two_planted_parameters_and_their_thresholds(planted):
    x, y = planted
    box = find_box(x, y, min_coverage=0.9, peel_alpha=PEEL)
    r = box.restrictions.set_index("parameter")
    assert set(r.index) == {"a", "b"}
    assert r.loc["a", "low_restricted"] and not r.loc["a", "high_restricted"]
    assert r.loc["b", "low_restricted"] and not r.loc["b", "high_restricted"]
    # resolution: one peel removes PEEL of the remaining samples, i.e. at most PEEL of
    # the parameter's range for a uniform parameter
    assert abs(r.loc["a", "low"] - 0.6) <= PEEL
    assert abs(r.loc["b", "low"] - 0.3) <= PEEL
    assert box.coverage >= 0.9 and box.density >= 0.9


def test_coverage_and_density_are_the_shares_they_claim(planted):
    x, y = planted
    box = find_box(x, y, min_coverage=0.9, peel_alpha=PEEL)
    inside = np.ones(len(x), bool)
    for r in box.restrictions.itertuples():
        inside &= (x[r.parameter] >= r.low).to_numpy() & (x[r.parameter] <= r.high).to_numpy()
    assert box.coverage == pytest.approx(y[inside].sum() / y.sum())
    assert box.density == pytest.approx(y[inside].mean())
    assert box.mass == pytest.approx(inside.mean())


def test_the_dutch_sentence_reads_like_an_advisor_would_write_it(planted):
    x, y = planted
    box = find_box(x, y, min_coverage=0.9, labels={"a": "de instroom", "b": "de trajectduur"})
    text = describe_box(box, "boven het plafond")
    assert text.startswith("als de instroom > 0,")
    assert " én de trajectduur > 0," in text
    assert "van de gevallen boven het plafond (dekking" in text
    assert "." not in text.split("dekking")[0].replace("0,", "")  # decimal commas only


def test_no_outcome_is_refused():
    x = pd.DataFrame({"a": np.linspace(0, 1, 10)})
    with pytest.raises(ValueError, match="some true and some false"):
        find_box(x, np.zeros(10, bool))
