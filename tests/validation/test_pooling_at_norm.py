"""Queue pooling at equal service level against Erlang C (issue 15, drivers).

Three equal municipalities, each an M/M/c team (Poisson arrivals, exponential assessment,
one worker per 2 FTE at assessment_share 0.5), against one joint team for all three. The
least number of workers with P(wait <= norm) >= target is computed from Erlang C
(``P(W <= t) = 1 - C(c, a) exp(-(c mu - lambda) t)``) for a team with offered load a = 2
and for the pooled team with a = 6; the staffing search of the drivers must find the same
counts within one step (one worker), and so a pooling saving > 0."""

from __future__ import annotations

import math

import pytest
from mmc import mmc_scenario_dict

from simfin.business.pooling import PoolingNorm, pooling_at_norm
from simfin.scenario import validate_dict
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


def test_separate_teams_match_erlang_c_within_one_step(evidence):
    assert set(evidence.fte_by_team_null) == {"A", "B", "C"}
    for fte in evidence.fte_by_team_null.values():
        assert abs(fte / FTE_PER_WORKER - _least_workers(LOAD)) <= 1


def test_the_joint_team_matches_erlang_c_within_one_step(evidence):
    [fte] = evidence.fte_by_team_variant.values()
    assert abs(fte / FTE_PER_WORKER - _least_workers(3 * LOAD)) <= 1


def test_pooling_saves_what_theory_says(evidence):
    """3 x 4 - 8 = 4 workers = 8 FTE fewer; each of the four teams' counts may be one step
    off, and the saving is that FTE difference times the cost per FTE."""
    theory = 3 * _least_workers(LOAD) - _least_workers(3 * LOAD)
    workers = (evidence.fte_null_form - evidence.fte_variant_form) / FTE_PER_WORKER
    assert evidence.simulated and workers > 0 and abs(workers - theory) <= 2
    assert evidence.saving_eur_per_year == pytest.approx(
        (evidence.fte_null_form - evidence.fte_variant_form) * 70_000, abs=0.005)
