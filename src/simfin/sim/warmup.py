"""Warm-up methods: which arrivals of the warm-up the simulation runs.

``simulation.warmup_method``:

``"full"`` (default)
    Every arrival of the warm-up is simulated under the same rules as the reported years.
``"prune"``
    Only the last ``warmup_full_years`` of the warm-up are simulated with every arrival.
    An earlier arrival is left out when its whole pathway (every episode, re-entries
    included) would be over before that point *even if it never waited*, and it never
    needs a client place of a lump-sum provider. Every other case runs in full. The
    monitor keeps only the snapshots from ``warmup_full_years`` before year one on (earlier
    ones would undercount).

Why pruning is close to exact. A left-out case would only have written ledger rows that
end before year one, which the ledger drops anyway (unless its waiting added up to more
than ``warmup_full_years``). What is lost is the capacity it used early in the warm-up:
while it was in intake, consultation or light help, another case may have had to wait a
little longer. So the cases that are still simulated wait less early in the warm-up than
they would have; from ``warmup_full_years`` before year one on, everything is simulated
again. When queues in the early warm-up are short (the usual case: a team that meets the
legal norm), the reported years are unchanged for nearly every case and statistically
indistinguishable overall (``tests/validation/test_warmup_prune.py``). When a team or a
lump-sum provider has a lasting waiting list, use ``"full"``: cases with a place of a
lump-sum provider are never left out for that reason, but a long team queue in the early
warm-up is not reproduced.
"""

from __future__ import annotations

import warnings

import numpy as np

from simfin.scenario.schema import Scenario
from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.cases import EPISODES, OUTCOMES, CaseTable
from simfin.sim.ledger import activity_code

__all__ = ["MAX_MEAN_WAIT_DAYS", "PruneWarning", "check_queues", "no_wait_end",
           "simulated_cases"]

LIGHT_HELP, REFERRAL = OUTCOMES.index("light_help"), OUTCOMES.index("referral")
#: Above this mean wait (days) for intake, consultation or light help in the fully simulated
#: part of the warm-up, ``"prune"`` is not to be trusted: :class:`PruneWarning`.
MAX_MEAN_WAIT_DAYS = 3.0
_TEAM_STAGES = [activity_code(name) for name in ("assessment", "consultation", "light_help")]


class PruneWarning(UserWarning):
    """The access team's queues are too long for ``warmup_method = "prune"``."""


def no_wait_end(cases: CaseTable, assessment_hours_per_day: np.ndarray,
                consult_hours_per_day: np.ndarray,
                limited_product: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """When each case would leave the system if it never waited, and whether it needs a
    client place of a capacity-limited provider in any episode it reaches.

    Parameters
    ----------
    cases : CaseTable
    assessment_hours_per_day, consult_hours_per_day : ndarray
        Per municipality index: assessment hours a worker of the serving team gets through
        per calendar day, and consultation hours a specialist of the serving pool does
        (``inf`` without specialists).
    limited_product : ndarray of bool
        Per product index: the provider has a fixed number of client places.

    Returns
    -------
    end_days : ndarray
        Days since the start of year one (warm-up negative), per case; the pathway mirrors
        :meth:`simfin.sim.model.Simulation._case` with every wait set to zero.
    needs_place : ndarray of bool
    """
    t = cases.arrival.copy()
    end = np.full(cases.n, np.nan)
    needs_place = np.zeros(cases.n, dtype=bool)
    going = np.ones(cases.n, dtype=bool)
    assessment_rate = assessment_hours_per_day[cases.municipality]
    consult_rate = consult_hours_per_day[cases.municipality]
    for k in range(EPISODES):
        decided = t + cases.assessment_hours[:, k] / assessment_rate
        decided = np.where(cases.consult[:, k], decided + cases.consult_hours[:, k] / consult_rate,
                           decided)
        outcome, product = cases.outcome[:, k], cases.product[:, k]
        care_end = decided + cases.care_days[:, k]
        done = np.where(outcome == LIGHT_HELP, decided + cases.light_days[:, k], decided)
        done = np.where(outcome == REFERRAL, np.where(
            cases.step_down[:, k], care_end + cases.light_days[:, k], care_end), done)
        referred = going & (outcome == REFERRAL)
        needs_place[referred] |= limited_product[product[referred]]
        returns = cases.reentry[:, k] if k + 1 < EPISODES else np.zeros(cases.n, dtype=bool)
        end = np.where(going & ~returns, done, end)
        t = done + cases.reentry_delay_days[:, k]
        going &= returns
    return end, needs_place


def simulated_cases(scenario: Scenario, cases: CaseTable, assessment_hours_per_day: np.ndarray,
                    consult_hours_per_day: np.ndarray,
                    limited_product: np.ndarray) -> np.ndarray:
    """Which cases the simulation runs (bool per case) under the scenario's warm-up method;
    arguments as for :func:`no_wait_end`."""
    settings = scenario.simulation
    if settings.warmup_method == "full":
        return np.ones(cases.n, dtype=bool)
    cut = -settings.warmup_full_years * DAYS_PER_YEAR
    end, needs_place = no_wait_end(cases, assessment_hours_per_day, consult_hours_per_day,
                                   limited_product)
    return ~((cases.arrival < cut) & (end < cut) & ~needs_place)


def check_queues(activity: np.ndarray, t_arrival: np.ndarray, t_start: np.ndarray,
                 t_from: float, t_to: float) -> float:
    """Mean wait (days) for intake, consultation and light help of rows (``activity`` as
    ledger codes, :mod:`simfin.sim.ledger`) that arrived in ``[t_from, t_to)`` (a wait
    still going on counts up to ``t_to``); warns with :class:`PruneWarning` above
    :data:`MAX_MEAN_WAIT_DAYS`.

    With ``"prune"`` the cases left out would have added to these queues early in the
    warm-up; with long queues the queue at the start of year one then differs. In the
    tests' small scenario (24 replications) a team whose late warm-up wait was about 1 day
    (at most 2.3) gave no difference; near saturation (median 5 days, intake waits of six
    weeks in the reported years) intake waits came out a third too short.
    """
    rows = np.isin(activity, _TEAM_STAGES) & (t_arrival >= t_from) & (t_arrival < t_to)
    if not rows.any():
        return 0.0
    started = np.where(np.isnan(t_start[rows]), np.inf, t_start[rows])
    wait = float(np.mean(np.minimum(started, t_to) - t_arrival[rows]))
    if wait > MAX_MEAN_WAIT_DAYS:
        warnings.warn(f"warmup_method 'prune' assumes short queues, but intake, consultation "
                      f"and light help waited {wait:.1f} days on average late in the warm-up "
                      f"(more than {MAX_MEAN_WAIT_DAYS:g}); use warmup_method 'full'",
                      PruneWarning, stacklevel=3)
    return wait
