"""Queue pooling at equal service level against Erlang C (issue 15, drivers).

Three equal municipalities, each an M/M/c team (Poisson arrivals, exponential assessment,
one worker per 2 FTE at assessment_share 0.5), against one joint team for all three. The
least number of workers with P(wait <= norm) >= target is computed from Erlang C
(``P(W <= t) = 1 - C(c, a) exp(-(c mu - lambda) t)``) for a team with offered load a = 2
and for the pooled team with a = 6; the staffing search of the drivers must find the same
counts. Exactly, not within a step: the simulated shares of the neighbouring counts are
measured here too, and the distance of Erlang C's share from the target is shown to exceed
three standard deviations of a replication's share, so a search on 4 replications that
needs 2 of them to meet the target lands on the analytic count (a miss has a probability
well below 1%)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from mmc import mmc_scenario_dict
from scipy import stats

from simfin.business.pooling import PoolingNorm, pooling_at_norm
from simfin.scenario import validate_dict
from simfin.sim import simulate
from simfin.staffing import intake_within_norm, with_team_fte
from simfin.theory import erlang_c

LOAD, NORM_DAYS, TARGET = 2.0, 0.5, 0.8   # per team: lambda = 2 a day, mean service 1 day
FTE_PER_WORKER = 2.0                       # assessment_share 0.5 in mmc_scenario_dict
SETTINGS = PoolingNorm(target_share=TARGET, confidence=0.5, replications=4,
                       step_fte=FTE_PER_WORKER)


def _three(organisation: str) -> dict:
    data = mmc_scenario_dict(servers=4, rho=LOAD / 4, years=2)  # 2 arrivals a day per 100k
    data["name"] = organisation
    data["municipalities"] = {m: {"inhabitants": 100_000, "age_shares": {"all": 1.0}}
                              for m in ("A", "B", "C")}
    data["demand_streams"]["s"]["legal_norm_days"] = NORM_DAYS
    data["access_team"]["organisation"] = organisation
    return data


def _least_workers(load: float) -> int:
    """Least c with P(W <= norm) >= target in M/M/c (mu = 1 a day)."""
    c = math.ceil(load)
    while c <= load or 1 - erlang_c(c, load) * math.exp(-(c - load) * NORM_DAYS) < TARGET:
        c += 1
    return c


@pytest.fixture(scope="module")
def evidence():
    null = validate_dict(_three("per_municipality"))
    return pooling_at_norm(null, validate_dict(_three("joint")), SETTINGS)


def test_theory_is_not_at_a_knife_edge():
    """The analytic answers (4 workers per team, 8 pooled) with room on both sides, so a
    simulated share near its expectation lands on the same count."""
    def within(c, a):
        return 1 - erlang_c(c, a) * math.exp(-(c - a) * NORM_DAYS)

    assert (_least_workers(LOAD), _least_workers(3 * LOAD)) == (4, 8)
    assert within(4, LOAD) - TARGET > 0.1 and TARGET - within(3, LOAD) > 0.05
    assert within(8, 3 * LOAD) - TARGET > 0.05 and TARGET - within(7, 3 * LOAD) > 0.15


def _within_norm(c: int, load: float) -> float:
    return 1 - erlang_c(c, load) * math.exp(-(c - load) * NORM_DAYS)


@pytest.fixture(scope="module")
def shares():
    """Per-replication, per-municipality share within the norm, simulated at the analytic
    count and one worker below it, for both forms (the replications the search uses)."""
    out = {}
    for form, fte_of in (("per_municipality", lambda c: {m: c * FTE_PER_WORKER for m in "ABC"}),
                         ("joint", lambda c: {"joint": c * FTE_PER_WORKER})):
        base = validate_dict(_three(form))
        load = LOAD if form == "per_municipality" else 3 * LOAD
        for c in (_least_workers(load) - 1, _least_workers(load)):
            scenario = with_team_fte(base, fte_of(c))
            out[(form, c)] = np.array([intake_within_norm(simulate(scenario, rep, 0).ledger,
                                                          scenario).to_numpy()
                                       for rep in range(SETTINGS.replications)])
    return out


def test_the_target_is_far_from_the_simulated_shares_in_monte_carlo_terms(shares):
    """At each count the simulated share agrees with Erlang C within 3 standard errors over
    the replications (plus 0.01 for the warm-up and the finite horizon).
    With sd the spread of one municipality's share over replications, a replication lands on
    the wrong side of the target with probability at most q = P(Z > |theory - target| / sd)
    (k q for a team of k municipalities, all of which must meet it). The search (2 of 4
    replications must meet) then picks a wrong count with probability P(Bin(4, q) >= 2)
    one worker below, P(Bin(4, k q) >= 3) at the answer; summed over the four teams and both
    counts, below 1%."""
    wrong = 0.0
    for (form, c), values in shares.items():
        load, teams, k = (LOAD, 3, 1) if form == "per_municipality" else (3 * LOAD, 1, 3)
        theory, sd = _within_norm(c, load), values.std(ddof=1)  # sd of one municipality
        # municipalities of one replication share a queue (joint): their mean is one draw
        means = values.mean(axis=1)
        error = 3 * means.std(ddof=1) / math.sqrt(len(means))
        assert abs(means.mean() - theory) <= error + 0.01, (form, c, means.mean(), theory)
        q = stats.norm.sf(abs(theory - TARGET) / sd)
        n = SETTINGS.replications
        below = c < _least_workers(load)
        wrong += teams * (stats.binom.sf(1, n, q) if below else stats.binom.sf(2, n, k * q))
    assert wrong < 0.01, wrong


def test_separate_teams_match_erlang_c_exactly(evidence):
    assert evidence.fte_by_team_null == {m: _least_workers(LOAD) * FTE_PER_WORKER
                                         for m in ("A", "B", "C")}


def test_the_joint_team_matches_erlang_c_exactly(evidence):
    [fte] = evidence.fte_by_team_variant.values()
    assert fte == _least_workers(3 * LOAD) * FTE_PER_WORKER


def test_pooling_saves_what_theory_says(evidence):
    """3 x 4 - 8 = 4 workers = 8 FTE fewer, times the cost per FTE of 70,000."""
    theory = 3 * _least_workers(LOAD) - _least_workers(3 * LOAD)
    assert theory == 4
    assert evidence.simulated
    assert evidence.fte_null_form - evidence.fte_variant_form == theory * FTE_PER_WORKER
    assert evidence.saving_eur_per_year == pytest.approx(theory * FTE_PER_WORKER * 70_000,
                                                         abs=0.005)
