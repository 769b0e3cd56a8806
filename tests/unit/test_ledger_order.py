"""The ledger's row order (simfin.sim.ledger._sorted) is np.lexsort's by case, episode and
arrival, ties kept in order: on rows that come presorted (its fast path) and on rows that
do not (a later stage arriving earlier, duplicates, ties), where it must fall back."""

from __future__ import annotations

import numpy as np

from simfin.sim.ledger import _sorted


def test_order_equals_lexsort_on_presorted_and_shuffled_rows():
    rng = np.random.default_rng(7)
    for trial in range(500):
        n = int(rng.integers(0, 40))
        case, episode = rng.integers(0, 6, n), rng.integers(0, 3, n)
        t = rng.choice([0.0, 1.5, 2.0, 7.0], n)  # few values: many ties
        if trial % 2:
            first = np.lexsort((t, episode, case))
            case, episode, t = case[first], episode[first], t[first]
        assert (_sorted(case, episode, t) == np.lexsort((t, episode, case))).all()


def test_a_stage_arriving_before_the_previous_one_is_put_first():
    case, episode = np.array([0, 0, 1]), np.array([0, 0, 0])
    t = np.array([5.0, 3.0, 1.0])  # the second row of case 0 arrived first
    assert _sorted(case, episode, t).tolist() == [1, 0, 2]
