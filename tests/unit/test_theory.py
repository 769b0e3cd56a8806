"""``simfin.theory`` against closed forms worked by hand (Gross et al. 2008, section 2.3).

M/M/c: P(wait) = C(c, a) (Erlang C), and a waiting customer's wait is exponential with rate
c*mu - lambda, so P(Wq > t) = C * exp(-(c*mu - lambda) t) and the q quantile is
ln(C / (1 - q)) / (c*mu - lambda) for q > 1 - C (else 0). The expected values below are
worked out by hand from these formulas, not computed with ``simfin.theory``.
"""

from __future__ import annotations

import math

import pytest

from simfin.theory import erlang_c, littles_law_queue, mmc_mean_wait, mmc_wait_quantile


@pytest.mark.parametrize(("lam", "mu", "c", "q", "expected"), [
    # M/M/1, rho = 0.8: C = 0.8, rate 0.2; q = 0.9: ln(0.8 / 0.1) / 0.2 = ln 8 / 0.2
    (0.8, 1.0, 1, 0.9, 10.397207708399179),
    # q = 0.5: ln(1.6) / 0.2
    (0.8, 1.0, 1, 0.5, 2.3500181462286),
    # q = 0.2 = 1 - C: no wait at this quantile; q = 0.1 below it as well
    (0.8, 1.0, 1, 0.2, 0.0),
    (0.8, 1.0, 1, 0.1, 0.0),
    # M/M/2, a = 1: C = (1/2 * 2) / (1 + 1 + 1) = 1/3, rate 1; q = 0.9: ln(10/3)
    (1.0, 1.0, 2, 0.9, 1.2039728043259361),
    (1.0, 1.0, 2, 0.95, 1.8971199848858813),   # ln(20/3)
    (1.0, 1.0, 2, 0.6, 0.0),                   # 0.6 <= 1 - 1/3
    # M/M/3, a = 2: C = (8/6 * 3) / (1 + 2 + 2 + 4) = 4/9, rate 1; q = 0.95: ln(80/9)
    (2.0, 1.0, 3, 0.95, 2.184802057337662),
    # time units: the same M/M/3 in hours with mu = 4 per hour, lambda = 8: rate 4
    (8.0, 4.0, 3, 0.95, 2.184802057337662 / 4),
])
def test_mmc_wait_quantile_by_hand(lam, mu, c, q, expected):
    assert mmc_wait_quantile(lam, mu, c, q) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_hand_values_of_erlang_c_used_above():
    assert erlang_c(1, 0.8) == pytest.approx(0.8)
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)
    assert erlang_c(3, 2.0) == pytest.approx(4 / 9)


def test_quantile_is_the_point_where_the_hand_tail_reaches_one_minus_q():
    # P(Wq > t) = C exp(-(c mu - lambda) t) with C = 4/9 for M/M/3, a = 2 (hand value)
    for q in (0.6, 0.8, 0.99):
        t = mmc_wait_quantile(2.0, 1.0, 3, q)
        assert 4 / 9 * math.exp(-(3 - 2) * t) == pytest.approx(1 - q)


@pytest.mark.parametrize(("lam", "w", "expected"), [
    (3.0, 2.5, 7.5),       # 3 a day waiting 2.5 days: 7.5 waiting on average
    (0.8, 4.0, 3.2),       # M/M/1, rho 0.8: Wq = rho / (mu - lambda) = 4, Lq = rho^2/(1-rho) = 3.2
    (1.0, 1 / 3, 1 / 3),   # M/M/2, a = 1: Wq = C / (c mu - lambda) = 1/3, Lq = C rho/(1-rho) = 1/3
    (12.0, 0.0, 0.0),      # nobody waits
])
def test_littles_law_queue_by_hand(lam, w, expected):
    assert littles_law_queue(lam, w) == pytest.approx(expected)


def test_littles_law_with_the_mm1_mean_wait_gives_the_textbook_queue_length():
    # M/M/1: Lq = rho^2 / (1 - rho); rho = 0.5 -> 0.5, rho = 0.9 -> 8.1
    for rho, lq in ((0.5, 0.5), (0.9, 8.1)):
        assert littles_law_queue(rho, mmc_mean_wait(rho, 1.0, 1)) == pytest.approx(lq)
