"""Households: the access team's requests of one municipality grouped into households.

With ``[households]`` in the scenario (:mod:`simfin.scenario.schema.households`), each
request that reaches the access team (not resolved in the 0e lijn) either starts a
household or belongs to one. In arrival order, a request not yet taken starts a household
and draws its number of domains ``k`` from ``domains_share``; the household then takes, in
``k - 1`` other demand streams chosen at random with weights by their number of requests
(without replacement), the next request not yet taken of the same municipality, and those
requests arrive at the household's arrival. The number of requests per stream is unchanged;
only their grouping and the members' arrival move.

Under ``access_team.intake_mode = "integral"`` a household of ``k`` domains gets one intake
and one plan: its first request's intake takes ``1 + integral_plan_share * (k - 1)`` times its
assessment hours, and the other requests need no intake of their own (the model starts them
when the household's intake ends, :mod:`simfin.sim.model`). Under ``"per_domain"`` each request
keeps its own intake. The integral-work effect (``households.effect``) then turns a share of
the multi-domain households' referrals to the named products into light help by the team.

All draws come from the ``households`` stream (key 0: grouping, key 1: effect), so every other
random number is the one the scenario without households draws; with ``domains_share = [1]``
and no effect the case table is unchanged (bit-identical results).
"""

from __future__ import annotations

import dataclasses

import numpy as np

from simfin.scenario.schema import Scenario
from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.cases import EPISODES, OUTCOMES, CaseTable
from simfin.sim.rng import generator, name_key

__all__ = ["form_households", "members_by_lead"]

_LIGHT_HELP, _REFERRAL = OUTCOMES.index("light_help"), OUTCOMES.index("referral")
_GROUPING, _EFFECT = 0, 1


def form_households(scenario: Scenario, replication: int, cases: CaseTable) -> CaseTable:
    """``cases`` grouped into households (unchanged without ``[households]``), sorted by
    arrival again, with the integral-intake hours and the integral-work effect applied."""
    spec = scenario.households
    if spec is None:
        return cases
    lead = np.arange(cases.n)
    arrival = cases.arrival.copy()
    u_effect = np.ones((cases.n, EPISODES))  # 1: never avoided
    for mi, mname in enumerate(cases.municipalities):
        team = np.flatnonzero((cases.municipality == mi) & ~cases.resolved_0e)
        rows = lambda key, width: generator(scenario.simulation.seed, replication, "households",
                                            name_key(mname), key).random((len(team), width))
        _group(team, cases.stream[team], np.asarray(spec.domains_share), rows(_GROUPING, 1 + len(
            spec.domains_share)), lead)
        u_effect[team] = rows(_EFFECT, EPISODES)
    arrival = arrival[lead]
    domains = np.bincount(lead, minlength=cases.n)[lead]
    order = np.argsort(arrival, kind="stable")
    where = np.empty_like(order)
    where[order] = np.arange(cases.n)
    grouped = _reordered(cases, order, arrival=arrival[order], household=where[lead[order]],
                         household_domains=domains[order])
    return _integral(scenario, grouped, u_effect[order])


def _group(team: np.ndarray, stream: np.ndarray, shares: np.ndarray, u: np.ndarray,
           lead: np.ndarray) -> None:
    """Group the team requests ``team`` (case indices in arrival order, their streams
    ``stream``) into households: write each member's first request into ``lead``.
    ``u`` holds one row of base quantiles per request: column 0 the number of domains,
    the next ones the streams chosen."""
    edges = np.cumsum(shares)[:-1] / shares.sum()
    domains = 1 + (u[:, :1] >= edges).sum(axis=1)
    queues = {s: list(team[stream == s][::-1].tolist()) for s in np.unique(stream).tolist()}
    weight = {s: len(q) for s, q in queues.items()}  # pop() gives the next request
    taken: set[int] = set()
    streams, rows = stream.tolist(), u.tolist()
    for p in np.flatnonzero(domains > 1).tolist():
        i = int(team[p])
        if i in taken:
            continue
        others = [s for s in weight if s != streams[p]]
        for col in range(1, int(domains[p])):
            choice = _weighted(others, weight, rows[p][col])
            if choice is None:
                break
            others.remove(choice)
            queue = queues[choice]
            while queue and (queue[-1] in taken or queue[-1] < i):  # taken, or handled
                queue.pop()
            if queue:
                member = queue.pop()
                taken.add(member)
                lead[member] = i


def _weighted(options: list[int], weight: dict[int, int], u: float) -> int | None:
    """The option at base quantile ``u`` with probability proportional to its weight."""
    total = sum(weight[s] for s in options)
    if not options or total <= 0:
        return None
    index, cumulative = 0, 0.0
    for s in options[:-1]:
        cumulative += weight[s]
        index += u >= cumulative / total
    return options[index]


def _reordered(cases: CaseTable, order: np.ndarray, **replaced: np.ndarray) -> CaseTable:
    """``cases`` with every per-case array taken in ``order`` and ``replaced`` set."""
    values = {}
    for field in dataclasses.fields(cases):
        value = getattr(cases, field.name)
        if isinstance(value, np.ndarray) and value.shape[:1] == (cases.n,):
            values[field.name] = np.take(value, order, axis=0)
    return dataclasses.replace(cases, **(values | replaced))


def _integral(scenario: Scenario, cases: CaseTable, u_effect: np.ndarray) -> CaseTable:
    """One intake per household under integral access, and the integral-work effect."""
    team = scenario.access_team
    if team.intake_mode != "integral":
        return cases
    hours = cases.assessment_hours.copy()
    own = cases.household == np.arange(cases.n)
    hours[own, 0] *= 1.0 + team.integral_plan_share * (cases.household_domains[own] - 1)
    hours[~own, 0] = 0.0
    changed = {"assessment_hours": hours}
    effect = scenario.households.effect
    if effect is not None:
        changed |= _avoided_referrals(effect, cases, u_effect)
    return dataclasses.replace(cases, **changed)


def _avoided_referrals(effect, cases: CaseTable, u: np.ndarray) -> dict[str, np.ndarray]:
    """Referrals of multi-domain households to ``effect.products`` that integral work
    turns into light help: episode by episode with probability ``reduction`` times the
    ramp at the household's arrival."""
    ramp = np.ones(cases.n) if effect.years == 0 else np.clip(
        cases.arrival / (effect.years * DAYS_PER_YEAR), 0.0, 1.0)
    targets = np.flatnonzero(np.isin(cases.products, effect.products))
    avoided = ((cases.household_domains[:, None] > 1) & np.isin(cases.product, targets)
               & (cases.outcome == _REFERRAL) & (u < effect.reduction * ramp[:, None]))
    out = {"outcome": np.where(avoided, _LIGHT_HELP, cases.outcome),
           "product": np.where(avoided, -1, cases.product),
           "step_down": cases.step_down & ~avoided}
    for name in ("care_days", "care_units_per_week", "care_days_indicated",
                 "care_units_per_week_indicated"):
        out[name] = np.where(avoided, 0.0, getattr(cases, name))
    return out


def members_by_lead(cases: CaseTable, integral: bool) -> dict[int, list[int]]:
    """Under integral access: per household's first case, its other cases (arrival order);
    empty without households or under per-domain access (every request its own intake)."""
    if cases.household is None or not integral:
        return {}
    members = np.flatnonzero(cases.household != np.arange(cases.n))
    out: dict[int, list[int]] = {}
    for m in members.tolist():
        out.setdefault(int(cases.household[m]), []).append(m)
    return out
