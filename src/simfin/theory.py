"""Queueing theory: Erlang C (M/M/c), Erlang A (M/M/c+M) and Little's law.

Used by the validation tests and for quick estimates of the access team's FTE.

References
----------
Erlang, A. K. (1917). Solution of some problems in the theory of probabilities of
significance in automatic telephone exchanges. Gross, D., Shortle, J. F., Thompson,
J. M. & Harris, C. M. (2008). *Fundamentals of Queueing Theory*, 4th ed., section 2.3.
Little, J. D. C. (1961). A proof for the queuing formula L = lambda W.
Palm, C. (1957). Research on telephone traffic carried by full availability groups.
Garnett, O., Mandelbaum, A. & Reiman, M. (2002). Designing a call center with impatient
customers. *Manufacturing & Service Operations Management* 4(3), 208-227 (formulas of the
appendix; Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of performance measures").
"""

from __future__ import annotations

import math

__all__ = ["erlang_a", "erlang_b", "erlang_c", "littles_law_queue", "mmc_mean_wait", "mmc_wait_quantile"]

#: Up to this many servers Erlang C uses the exact recursion; above it the closed form.
RECURSION_SERVERS = 1000


def erlang_c(servers: int, offered_load: float) -> float:
    """Probability that an arrival waits in M/M/c, with offered load ``a = lambda / mu``.

    Computed with the numerically stable Erlang B recursion for up to
    :data:`RECURSION_SERVERS` servers; above that in closed form, O(1) whatever the
    number of servers: Erlang B is ``P(N = c) / P(N <= c)`` for ``N ~ Poisson(a)``,
    with the Poisson cdf as the regularised upper incomplete gamma function.
    """
    c, a = int(servers), float(offered_load)
    if c < 1 or a < 0 or not math.isfinite(a):
        raise ValueError("expected servers >= 1 and a finite offered_load >= 0")
    if a >= c:
        return 1.0
    if a == 0:
        return 0.0
    if c <= RECURSION_SERVERS:
        b = 1.0
        for k in range(1, c + 1):
            b = a * b / (k + a * b)
    else:
        b = _erlang_b_closed(c, a)
    rho = a / c
    return b / (1 - rho + rho * b)


def erlang_b(servers: int, offered_load: float) -> float:
    """Blocking probability of M/M/c/c (Erlang B), by the stable recursion."""
    b = 1.0
    for k in range(1, int(servers) + 1):
        b = offered_load * b / (k + offered_load * b)
    return b


def erlang_a(arrival_rate: float, service_rate: float, servers: int,
             abandon_rate: float) -> dict[str, float]:
    """M/M/c+M (Erlang A): Poisson arrivals, exponential service and patience (mean
    ``1 / abandon_rate``), ``servers`` servers; rates in one time unit.

    Returns ``p_wait`` (an arrival has to wait), ``p_abandon`` (it gives up before its
    service starts) and ``mean_wait`` (mean time in queue over all arrivals, those who
    give up counted until they leave; ``p_abandon / abandon_rate``, because
    ``abandon_rate x E[queue] = arrival_rate x p_abandon`` and Little's law).

    With ``x = c mu / theta``, ``y = lambda / theta`` and ``A(x, y) = x e^y y^-x
    gamma(x, y)`` (lower incomplete gamma): ``P(W > 0) = A E / (1 + (A - 1) E)`` with ``E``
    Erlang B, and ``P(abandon | W > 0) = 1 / (rho A) + 1 - 1 / rho`` with ``rho = lambda /
    (c mu)`` (Garnett, Mandelbaum & Reiman, 2002); ``A`` as its power series when
``y < x`` (``gamma(x, y) = y^x e^-y sum_k y^k / (x (x + 1)...(x + k))``). Stable for any load, ``rho >= 1``
    included: impatience keeps the queue finite.
    """
    from scipy import special

    lam, mu, c, theta = float(arrival_rate), float(service_rate), int(servers), \
        float(abandon_rate)
    if c < 1 or lam <= 0 or mu <= 0 or theta <= 0:
        raise ValueError("expected servers >= 1 and positive rates")
    x, y, rho = c * mu / theta, lam / theta, lam / (c * mu)
    if y < x:  # the series A = sum_k y^k / ((x + 1)...(x + k)), ratio below y / x < 1
        big_a, term, k = 1.0, 1.0, 0
        while term > 1e-17 * big_a:
            k += 1
            term *= y / (x + k)
            big_a += term
    else:      # gamma(x, y) is near Gamma(x) here: no underflow
        big_a = math.exp(math.log(x) + y - x * math.log(y) + special.gammaln(x)
                         + math.log(special.gammainc(x, y)))
    e = erlang_b(c, lam / mu)
    p_wait = big_a * e / (1 + (big_a - 1) * e)
    p_abandon = (1 / (rho * big_a) + 1 - 1 / rho) * p_wait
    return {"p_wait": p_wait, "p_abandon": p_abandon, "mean_wait": p_abandon / theta}


def _erlang_b_closed(c: int, a: float) -> float:
    from scipy import special

    log_pmf = c * math.log(a) - a - math.lgamma(c + 1)
    cdf = float(special.gammaincc(c + 1, a))  # P(Poisson(a) <= c), >= 1/2 when a < c
    return math.exp(log_pmf) / cdf if cdf > 0 else 1.0


def mmc_mean_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean waiting time in queue, Wq, of M/M/c (in the time unit of the rates)."""
    a = arrival_rate / service_rate
    if a >= servers:
        return math.inf
    return erlang_c(servers, a) / (servers * service_rate - arrival_rate)


def mmc_wait_quantile(arrival_rate: float, service_rate: float, servers: int, q: float) -> float:
    """The ``q`` quantile of the waiting time in M/M/c (0 when q <= 1 - P(wait))."""
    pw = erlang_c(servers, arrival_rate / service_rate)
    if q <= 1 - pw:
        return 0.0
    return math.log(pw / (1 - q)) / (servers * service_rate - arrival_rate)


def littles_law_queue(arrival_rate: float, mean_wait: float) -> float:
    """Mean number waiting, L = lambda W."""
    return arrival_rate * mean_wait
