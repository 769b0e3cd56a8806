"""Erlang A (M/M/c+M) in ``simfin.theory`` against independent truths.

* The birth-death chain of M/M/c+M solved numerically (states 0..N, birth lambda, death
  min(n, c) mu + max(n - c, 0) theta), from which P(wait) = P(N >= c), E[queue] and, by
  rate balance and Little's law, P(abandon) = theta E[queue] / lambda and mean wait
  E[queue] / lambda.
* A hand computation: with theta = mu every client in the system leaves at rate mu, so N
  is Poisson(a = lambda / mu): for c = 1, P(wait) = 1 - e^-a and P(abandon) =
  (a - 1 + e^-a) / a.
* The limit of infinite patience: Erlang C and the M/M/c mean wait.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from simfin.theory import erlang_a, erlang_c, mmc_mean_wait


def birth_death(lam: float, mu: float, c: int, theta: float, states: int = 4000) -> dict:
    n = np.arange(states)
    death = np.minimum(n, c) * mu + np.maximum(n - c, 0) * theta
    log_p = np.concatenate([[0.0], np.cumsum(np.log(lam) - np.log(death[1:]))])
    p = np.exp(log_p - log_p.max())
    p /= p.sum()
    queue = float((np.maximum(n - c, 0) * p).sum())
    return {"p_wait": float(p[c:].sum()), "p_abandon": theta * queue / lam,
            "mean_wait": queue / lam}


@pytest.mark.parametrize(("lam", "mu", "c", "theta"), [
    (4.0, 1.0, 5, 0.5), (0.8, 1.0, 1, 0.3), (1.5, 1.0, 1, 0.2),   # c = 1, rho < 1 and > 1
    (12.0, 1.0, 10, 2.0), (0.8, 1.0, 1, 0.01), (45.0, 0.5, 80, 0.05)])
def test_erlang_a_equals_the_birth_death_chain(lam, mu, c, theta):
    got, want = erlang_a(lam, mu, c, theta), birth_death(lam, mu, c, theta)
    for key in want:
        assert got[key] == pytest.approx(want[key], rel=1e-9, abs=1e-14)


def test_single_server_with_patience_equal_to_service_by_hand():
    a = 2.0
    got = erlang_a(a, 1.0, 1, 1.0)
    assert got["p_wait"] == pytest.approx(1 - math.exp(-a), rel=1e-12)
    assert got["p_abandon"] == pytest.approx((a - 1 + math.exp(-a)) / a, rel=1e-12)


@pytest.mark.parametrize(("lam", "c"), [(4.0, 5), (0.5, 1), (9.0, 10)])
def test_infinite_patience_gives_erlang_c(lam, c):
    got = erlang_a(lam, 1.0, c, 1e-7)
    assert got["p_wait"] == pytest.approx(erlang_c(c, lam), rel=1e-5)
    assert got["mean_wait"] == pytest.approx(mmc_mean_wait(lam, 1.0, c), rel=1e-4)
    assert got["p_abandon"] < 1e-5


def test_erlang_a_refuses_nonsense():
    with pytest.raises(ValueError):
        erlang_a(1.0, 1.0, 0, 1.0)
    with pytest.raises(ValueError):
        erlang_a(1.0, 1.0, 1, 0.0)
