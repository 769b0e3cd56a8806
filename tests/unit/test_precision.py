"""Precision by design: the reached half-width meets the target, the final count reruns
bit-identically, and small samples carry a warning with the replications needed."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import simfin
from simfin.errors import SimfinError
from simfin.precision import (
    Precision,
    half_width,
    needed_replications,
    run_precise,
    run_values,
    until_precise,
)
from simfin.report.precision_notes import small_sample_warning


def test_half_width_is_the_student_t_interval():
    x = np.array([1.0, 2.0, 4.0, 7.0])
    expected = stats.t.ppf(0.975, 3) * x.std(ddof=1) / 2
    assert half_width(x) == pytest.approx(expected)
    assert math.isnan(half_width([1.0]))


def test_needed_replications_is_the_smallest_count_that_meets_the_target():
    x = np.random.default_rng(1).normal(100, 10, 8)
    target = 2.0
    n = needed_replications(x, target)
    sd = x.std(ddof=1)
    assert stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n) <= target
    assert stats.t.ppf(0.975, n - 2) * sd / math.sqrt(n - 1) > target


def test_until_precise_adds_batches_and_stops_at_the_bound():
    """A synthetic figure with sd 10: ±2 needs about (1.96*10/2)^2 = 97 replications."""
    draws = np.random.default_rng(5).normal(50, 10, 1000)
    calls = []

    def run_n(n):
        calls.append(n)
        return draws[:n]

    p = Precision("x", absolute=2.0, batch=10, max_replications=400)
    values, reached = until_precise(run_n, lambda v: {"": v}, p, start=5)
    assert reached.met and reached.rows[0]["half_width"] <= 2.0
    assert reached.replications == len(values) == calls[-1]
    assert all((b - 5) % 10 == 0 for b in calls[1:])  # whole batches on top of the start
    capped = until_precise(run_n, lambda v: {"": v},
                           Precision("x", absolute=0.1, max_replications=30), start=5)[1]
    assert capped.replications == 30 and not capped.met and capped.rows[0]["needed"] > 30


def _hand_needed(sd: float, target: float) -> int:
    """Smallest n >= 2 with t(0.975, n - 1) sd / sqrt(n) <= target, by counting up."""
    n = 2
    while stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n) > target:
        n += 1
    return n


def test_until_precise_jumps_to_the_count_its_estimate_implies():
    """The second run has the count the first run's spread implies, rounded up to whole
    batches, not just one batch more. Alternating 40 / 60: the first five values have sd
    sqrt(120) = 10.95, so ±2 needs about (1.96 x 10.95 / 2)^2 = 115 replications; 5 plus
    whole batches of 10 gives 125, where the interval (sd about 10) is met."""
    draws = np.tile([40.0, 60.0], 500)
    calls = []

    def run_n(n):
        calls.append(n)
        return draws[:n]

    sd5 = draws[:5].std(ddof=1)
    assert sd5 == pytest.approx(math.sqrt(120.0))
    needed = _hand_needed(sd5, 2.0)
    assert 110 < needed < 125
    second = 5 + 10 * math.ceil((needed - 5) / 10)
    p = Precision("x", absolute=2.0, batch=10, max_replications=1000)
    _, reached = until_precise(run_n, lambda v: {"": v}, p, start=5)
    assert calls == [5, second]
    assert reached.replications == second and reached.met
    assert reached.rows[0]["needed"] <= second
    # the largest need over series decides: a second series twice as wide needs 4x as many
    calls.clear()
    wide = np.tile([30.0, 70.0], 2000)
    _, both = until_precise(lambda n: (calls.append(n), n)[1],
                            lambda n: {"a": draws[:n], "b": wide[:n]},
                            Precision("x", absolute=2.0, batch=10, max_replications=4000),
                            start=5)
    needed_b = _hand_needed(wide[:5].std(ddof=1), 2.0)
    assert calls[:2] == [5, 5 + 10 * math.ceil((needed_b - 5) / 10)]
    assert both.met


def test_precision_parse_and_errors():
    assert Precision.parse("spending:2%").relative == pytest.approx(0.02)
    assert Precision.parse("npv:250000").absolute == 250000
    for bad in ("spending", "spending:abc", "spending:-1", "spending:150%"):
        with pytest.raises(SimfinError):
            Precision.parse(bad)
    with pytest.raises(SimfinError, match="unknown figure"):
        run_values("nonsense")


@pytest.mark.slow
def test_run_precise_meets_the_target_and_the_final_count_reruns_identically(small_scenario):
    scenario = small_scenario.with_changes({"simulation.replications": 2})
    p = Precision("spending", relative=0.03, batch=3, max_replications=40)
    results, reached = run_precise(scenario, p)
    values = run_values("spending")(results)[""]
    assert reached.met
    assert half_width(values) <= 0.03 * abs(values.mean())
    assert reached.replications == results.kpis["replication"].nunique() > 2
    again = simfin.run(scenario, replications=reached.replications)
    for name in ("ledger", "yearly", "kpis"):
        pd.testing.assert_frame_equal(getattr(results, name), getattr(again, name))
    assert results.meta["precision"]["replications"] == reached.replications


def test_small_sample_warning_names_the_replications_needed():
    x = np.random.default_rng(3).normal(100, 20, 5)
    text = small_sample_warning(x, "de uitgaven 2028")
    assert text.startswith("Let op: de uitgaven 2028: uit 5 replicaties")
    n = needed_replications(x, 0.05 * abs(x.mean()))
    assert f"ca. {n} replicaties nodig" in text
    assert small_sample_warning(np.full(50, 100.0) + np.arange(50) * 1e-3, "x") is None


def test_a_probability_from_few_replications_always_warns_even_at_zero():
    text = small_sample_warning([0.0, 0.0], "de kans op overschrijding", probability=True)
    assert text is not None and "uit 2 replicaties" in text
    # ±10 points at p near 0.5 needs about 1.96^2 * 0.25 / 0.01 = 96 replications
    half = small_sample_warning([0, 1] * 3, "kans", probability=True)
    needed = int(half.split("ca. ")[1].split(" ")[0])
    assert 85 <= needed <= 100
    assert small_sample_warning([0, 1] * 100, "kans", probability=True) is None


@pytest.mark.slow
def test_business_and_compare_precision_rerun_identically_at_the_final_count(small_dict):
    from simfin.precision import business_values, compare_values
    from simfin.precision import business_precise, compare_precise
    from simfin.scenario import validate_dict

    null = validate_dict(dict(small_dict, name="nul"))
    variant = validate_dict(dict(small_dict, name="meer-fte",
                                 access_team={**small_dict["access_team"], "fte": 8}))
    p = Precision("npv", relative=0.05, batch=2, max_replications=8)
    case, reached = business_precise(null, [variant], p, start=2)
    npv = business_values("npv")(case)["meer-fte"]
    assert reached.replications == len(npv)
    assert reached.met == (half_width(npv) <= 0.05 * abs(npv.mean()))
    assert reached.met or reached.replications == 8
    again = simfin.business_case(null, [variant], replications=reached.replications)
    pd.testing.assert_frame_equal(case.appraisal, again.appraisal)

    p = Precision("spending_eur", relative=0.03, batch=3, max_replications=8)
    comparison, reached = compare_precise([null, variant], p, start=2)
    values = compare_values("spending_eur")(comparison)
    assert all(half_width(v) <= 0.03 * abs(v.mean()) for v in values.values()) == reached.met
    again = simfin.compare([null, variant], replications=reached.replications)
    pd.testing.assert_frame_equal(comparison.per_replication, again.per_replication)
