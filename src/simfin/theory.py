"""Queueing theory: Erlang C (M/M/c) and Little's law.

Used by the validation tests and for quick estimates of the access team's FTE.

References
----------
Erlang, A. K. (1917). Solution of some problems in the theory of probabilities of
significance in automatic telephone exchanges. Gross, D., Shortle, J. F., Thompson,
J. M. & Harris, C. M. (2008). *Fundamentals of Queueing Theory*, 4th ed., section 2.3.
Little, J. D. C. (1961). A proof for the queuing formula L = lambda W.
"""

from __future__ import annotations

import math

__all__ = ["erlang_c", "littles_law_queue", "mmc_mean_wait", "mmc_wait_quantile"]

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
