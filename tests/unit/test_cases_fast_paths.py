"""The fast paths of case drawing give the same numbers, to the last bit, as the plain ones.

``draw_cases`` transforms base quantiles cell by cell and sorts the results, with one
vectorised ``ppf`` per distribution family (``ppf_by_group``) instead of one masked call
per complexity level or product. Common random numbers and reproducibility depend on the
values staying exactly the same, so every check here uses ``np.array_equal``, never a
tolerance. The references are the straightforward formulas and the masked, sort-first
assembly the fast path replaced, written out here.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import small_scenario_dict
from scipy import special, stats

from simfin.scenario import validate_dict
from simfin.scenario.distributions import (
    Exponential,
    Fixed,
    Gamma,
    LogNormal,
    Triangular,
    Uniform,
    ppf_by_group,
)
from simfin.sim.arrivals import DAYS_PER_YEAR, arrival_times
from simfin.sim.cases import EPISODES, OUTCOMES, _pick, draw_cases
from simfin.sim.rng import generator, name_key

DISTS = [
    LogNormal(family="lognormal", mean=120, cv=0.8),
    LogNormal(family="lognormal", mean=4, cv=0.5),
    Gamma(family="gamma", mean=5, cv=0.6),
    Gamma(family="gamma", mean=14, cv=0.5),
    Exponential(family="exponential", mean=200),
    Exponential(family="exponential", mean=3),
    Uniform(family="uniform", low=2, high=9),
    Uniform(family="uniform", low=5, high=5),
    Triangular(family="triangular", low=1, mode=3, high=9),
    Triangular(family="triangular", low=0, mode=0, high=6),
    Triangular(family="triangular", low=30, mode=500, high=500),
    Fixed(family="fixed", value=7),
]


def _reference_ppf(dist, u: np.ndarray) -> np.ndarray:
    """The formulas as written before the fast path (triangular: scipy itself)."""
    if isinstance(dist, Fixed):
        return np.full(np.shape(u), dist.value, dtype=float)
    if isinstance(dist, Exponential):
        return -dist.mean * np.log1p(-u)
    if isinstance(dist, LogNormal):
        sigma2 = math.log1p(dist.cv**2)
        return np.exp(math.log(dist.mean) - sigma2 / 2 + math.sqrt(sigma2) * special.ndtri(u))
    if isinstance(dist, Gamma):
        shape = 1.0 / dist.cv**2
        return dist.mean / shape * special.gammaincinv(shape, u)
    if isinstance(dist, Uniform):
        return dist.low + (dist.high - dist.low) * u
    width = dist.high - dist.low
    return stats.triang.ppf(u, (dist.mode - dist.low) / width, loc=dist.low, scale=width)


def _quantiles(n: int, seed: int) -> np.ndarray:
    u = np.random.default_rng(seed).random(n)
    u[:3] = [0.0, 0.5, np.nextafter(1.0, 0.0)]  # the ends of [0, 1) and a round value
    return u


@pytest.mark.parametrize("dist", DISTS, ids=lambda d: f"{d.family}")
def test_each_family_gives_the_plain_formula_bit_for_bit(dist):
    u = _quantiles(20_000, 1)
    expected = _reference_ppf(dist, u)
    assert np.array_equal(dist.ppf(u), expected)
    # a strided 2-D view (a column of a base-quantile block) and a single scalar
    block = np.stack([u, u[::-1]], axis=1).reshape(-1, 2, 1)
    assert np.array_equal(dist.ppf(block[..., 0]), _reference_ppf(dist, block[..., 0]))
    assert dist.ppf(np.float64(0.3)) == _reference_ppf(dist, np.float64(0.3))


def test_ppf_by_group_equals_one_masked_ppf_per_group():
    rng = np.random.default_rng(7)
    groups = [DISTS[0], None, DISTS[2], DISTS[1], DISTS[11], DISTS[4], DISTS[8], DISTS[6],
              DISTS[3], DISTS[9]]
    group = rng.integers(-1, len(groups), size=(5_000, EPISODES)).astype(np.int32)
    block = rng.random((5_000, EPISODES, 4))
    u = block[..., 2]  # strided, as in draw_cases
    got = ppf_by_group(groups, group, u)
    expected = np.zeros(group.shape)
    for gi, dist in enumerate(groups):
        mask = group == gi
        if dist is not None:
            expected[mask] = _reference_ppf(dist, u[mask])
    assert got.shape == group.shape and got.dtype == np.float64
    assert np.array_equal(got, expected)
    assert np.all(got[group == -1] == 0.0) and np.all(got[group == 1] == 0.0)


@pytest.mark.parametrize("groups", [
    [DISTS[0], DISTS[1]],                 # one family, parameters per element
    [DISTS[2], DISTS[2]],                 # one family, one set of parameters
    [DISTS[11], DISTS[11]],               # fixed everywhere
    [None, DISTS[3], DISTS[3]],           # consultation hours: none for the first level
])
def test_ppf_by_group_single_family_paths(groups):
    rng = np.random.default_rng(11)
    group = rng.integers(0, len(groups), size=(3_000, EPISODES))
    u = rng.random((3_000, EPISODES))
    expected = np.zeros(group.shape)
    for gi, dist in enumerate(groups):
        if dist is not None:
            expected[group == gi] = _reference_ppf(dist, u[group == gi])
    assert np.array_equal(ppf_by_group(groups, group, u), expected)


@pytest.mark.parametrize("shares", [
    {"a": 0.8, "b": 0.15, "c": 0.05},
    {"a": 0.0, "b": 1.0, "c": 0.0},
    {"a": 0.25, "b": 0.25, "c": 0.25, "d": 0.25},
    {"a": 1.0},
    {"b": 0.5, "a": 0.5},                 # "c" missing: share 0
])
def test_pick_equals_searchsorted(shares):
    names = ["a", "b", "c", "d"][:max(3, len(shares))]
    cum = np.cumsum([shares.get(n, 0.0) for n in names])
    edges = cum / cum[-1]
    u = np.concatenate([np.random.default_rng(3).random(10_000), edges, [0.0]])
    expected = np.minimum(np.searchsorted(edges, u, side="right"), len(names) - 1)
    assert np.array_equal(_pick(shares, names, u), expected)


def _plain_draw(scenario, replication):
    """The sort-first, masked assembly of draw_cases before the fast path."""
    sim = scenario.simulation
    t0, t1 = -sim.warmup_years * DAYS_PER_YEAR, sim.horizon_years * DAYS_PER_YEAR
    munis, streams = sorted(scenario.municipalities), sorted(scenario.demand_streams)
    parts = []
    for mi, mname in enumerate(munis):
        for si, sname in enumerate(streams):
            keys = (name_key(mname), name_key(sname))
            times = arrival_times(scenario.municipalities[mname], scenario.demand_streams[sname],
                                  t0, t1, generator(sim.seed, replication, "arrivals", *keys))
            u = generator(sim.seed, replication, "attributes", *keys).random(
                (len(times), EPISODES, 12))
            uc = generator(sim.seed, replication, "consultation", *keys).random(
                (len(times), EPISODES, 2))
            parts.append((times, mi, si, np.concatenate([u, uc], axis=2)))
    arrival = np.concatenate([p[0] for p in parts])
    stream = np.concatenate([np.full(len(p[0]), p[2]) for p in parts])
    u = np.concatenate([p[3] for p in parts])
    order = np.argsort(arrival, kind="stable")
    stream, u = stream[order], u[order]
    complexities, products = sorted(scenario.access_team.complexity), sorted(scenario.products)
    out = {k: np.zeros(u.shape[:2]) for k in (
        "assessment_hours", "light_days", "consult_hours", "reentry_delay_days",
        "care_days", "care_days_indicated", "care_units_per_week_indicated")}
    complexity = np.zeros(u.shape[:2], dtype=int)
    product = np.full(u.shape[:2], -1)
    for si, sname in enumerate(streams):
        rows, spec = stream == si, scenario.demand_streams[sname]
        complexity[rows] = _searchsorted_pick(spec.complexity_mix, complexities, u[rows][..., 0])
        outcome = _searchsorted_pick(spec.outcomes.model_dump(), list(OUTCOMES), u[rows][..., 3])
        if spec.referral_products:
            chosen = _searchsorted_pick(spec.referral_products, products, u[rows][..., 4])
            product[rows] = np.where(outcome == 2, chosen, -1)
        if spec.reentry_delay_days is not None:
            out["reentry_delay_days"][rows] = _reference_ppf(spec.reentry_delay_days,
                                                             u[rows][..., 11])
    for ci, cname in enumerate(complexities):
        level, mask = scenario.access_team.complexity[cname], complexity == ci
        out["assessment_hours"][mask] = _reference_ppf(level.assessment_hours, u[..., 5][mask])
        out["light_days"][mask] = _reference_ppf(level.light_help_duration_days, u[..., 6][mask])
        if level.consultation_hours is not None:  # hours only where a consultation happens
            consulted = mask & (u[..., 12] < level.consultation_share)
            out["consult_hours"][consulted] = _reference_ppf(level.consultation_hours,
                                                             u[..., 13][consulted])
    domains = np.array([scenario.demand_streams[s].domains for s in streams], dtype=float)
    team = scenario.access_team
    factor = domains if team.intake_mode == "per_domain" else \
        1.0 + team.integral_plan_share * (domains - 1.0)
    out["assessment_hours"] *= factor[stream][:, None]
    for pi, pname in enumerate(products):
        spec, mask = scenario.products[pname], product == pi
        behaviour = scenario.providers[scenario.provider_of(pname)].financing
        out["care_days_indicated"][mask] = _reference_ppf(spec.duration_days, u[..., 7][mask])
        out["care_units_per_week_indicated"][mask] = _reference_ppf(spec.intensity_per_week,
                                                                    u[..., 8][mask])
        out["care_days"][mask] = out["care_days_indicated"][mask] * behaviour.duration_multiplier
    return complexity, product, out


def _searchsorted_pick(shares, names, u):
    cum = np.cumsum([shares.get(name, 0.0) for name in names])
    return np.minimum(np.searchsorted(cum / cum[-1], u, side="right"), len(names) - 1)


def _mixed_families() -> dict:
    data = small_scenario_dict()
    levels = data["access_team"]["complexity"]
    levels["licht"]["assessment_hours"] = {"family": "triangular", "low": 1, "mode": 3, "high": 9}
    levels["zwaar"]["light_help_duration_days"] = {"family": "exponential", "mean": 150}
    levels["zwaar"]["consultation_share"] = 0.4
    levels["zwaar"]["consultation_hours"] = {"family": "gamma", "mean": 5, "cv": 0.6}
    data["access_team"]["specialist_fte"] = 1.0
    data["access_team"]["intake_mode"] = "per_domain"
    data["demand_streams"]["wmo"]["domains"] = 2
    data["products"]["verblijf"]["duration_days"] = {"family": "uniform", "low": 50, "high": 400}
    data["providers"]["jeugdhulp"]["financing"] = {"kind": "pq_per_unit",
                                                   "duration_multiplier": 1.3}
    return data


@pytest.mark.parametrize("data", [small_scenario_dict(), _mixed_families()],
                         ids=["small", "mixed-families"])
@pytest.mark.parametrize("replication", [0, 3])
def test_draw_cases_equals_the_plain_masked_assembly(data, replication):
    scenario = validate_dict(data, "test.toml")
    cases = draw_cases(scenario, replication)
    complexity, product, expected = _plain_draw(scenario, replication)
    assert np.array_equal(cases.complexity, complexity)
    assert np.array_equal(cases.product, product)
    assert (cases.product >= 0).any() and (cases.product == -1).any()
    for name, values in expected.items():
        got = getattr(cases, name)
        assert got.dtype == np.float64 and got.shape == (cases.n, EPISODES), name
        assert np.array_equal(got, values), name
