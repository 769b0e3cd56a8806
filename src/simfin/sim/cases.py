"""The residents of one replication: arrival times and every case attribute, drawn up front.

All base quantiles of a case are drawn at once from the stream of its municipality and
demand stream, and only then turned into values with the scenario's distributions and
behaviour multipliers. A variant that changes a parameter therefore changes values, not
random numbers (common random numbers across variants).

Each case carries attributes for ``EPISODES`` episodes: the first request and up to
``EPISODES - 1`` returns (re-entries). A case that would return more often stops there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simfin.scenario.schema import Scenario
from simfin.sim.arrivals import DAYS_PER_YEAR, arrival_times
from simfin.sim.rng import generator, name_key

__all__ = ["EPISODES", "OUTCOMES", "CaseTable", "draw_cases"]

EPISODES = 3
OUTCOMES = ("light_help", "general_facility", "referral")
# Columns of the base-quantile block drawn per case and episode.
_U = {name: i for i, name in enumerate((
    "complexity", "urgent", "resolved_0e", "outcome", "product", "assessment",
    "light_duration", "care_duration", "care_intensity", "step_down", "reentry",
    "reentry_delay"))}


@dataclass(frozen=True)
class CaseTable:
    """Structure of arrays, one row per case (sorted by arrival), one column per episode.

    Times in days since the start of the first reported year (warm-up is negative).
    Index arrays refer to the sorted names in ``municipalities``, ``streams``,
    ``complexities`` and ``products``; ``product`` is -1 when not referred.
    """

    municipalities: tuple[str, ...]
    streams: tuple[str, ...]
    complexities: tuple[str, ...]
    products: tuple[str, ...]
    arrival: np.ndarray          # (n,)
    municipality: np.ndarray     # (n,) int
    stream: np.ndarray           # (n,) int
    resolved_0e: np.ndarray      # (n,) bool, first episode only
    complexity: np.ndarray       # (n, E) int
    urgent: np.ndarray           # (n, E) bool
    outcome: np.ndarray          # (n, E) int index into OUTCOMES
    product: np.ndarray          # (n, E) int
    assessment_hours: np.ndarray  # (n, E)
    light_days: np.ndarray       # (n, E)
    light_hours_per_week: np.ndarray  # (n, E)
    care_days: np.ndarray        # (n, E), behaviour multiplier applied
    care_units_per_week: np.ndarray  # (n, E), behaviour multiplier applied
    step_down: np.ndarray        # (n, E) bool
    reentry: np.ndarray          # (n, E) bool
    reentry_delay_days: np.ndarray  # (n, E)
    consult: np.ndarray          # (n, E) bool: a specialist consultation before the decision
    consult_hours: np.ndarray    # (n, E)
    care_days_indicated: np.ndarray  # (n, E), before the behaviour multiplier (the need)
    care_units_per_week_indicated: np.ndarray  # (n, E), before the behaviour multiplier

    @property
    def n(self) -> int:
        return len(self.arrival)


def draw_cases(scenario: Scenario, replication: int) -> CaseTable:
    """Draw all cases of ``replication`` for the whole simulated period."""
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
                (len(times), EPISODES, len(_U)))
            u_consult = generator(sim.seed, replication, "consultation", *keys).random(
                (len(times), EPISODES, 2))
            parts.append((times, mi, si, np.concatenate([u, u_consult], axis=2)))
    return _assemble(scenario, munis, streams, parts)


def _assemble(scenario: Scenario, munis: list[str], streams: list[str], parts: list) -> CaseTable:
    arrival = np.concatenate([p[0] for p in parts]) if parts else np.empty(0)
    muni = np.concatenate([np.full(len(p[0]), p[1]) for p in parts]).astype(np.int32)
    stream = np.concatenate([np.full(len(p[0]), p[2]) for p in parts]).astype(np.int32)
    u = np.concatenate([p[3] for p in parts]) if parts else \
        np.empty((0, EPISODES, len(_U) + 2))
    order = np.argsort(arrival, kind="stable")
    arrival, muni, stream, u = arrival[order], muni[order], stream[order], u[order]
    complexities, products = sorted(scenario.access_team.complexity), sorted(scenario.products)
    attrs = _transform(scenario, streams, complexities, products, stream, u)
    return CaseTable(tuple(munis), tuple(streams), tuple(complexities), tuple(products),
                     arrival, muni, stream, **attrs)


def _pick(shares: dict[str, float], names: list[str], u: np.ndarray) -> np.ndarray:
    """Index into ``names`` chosen with probabilities ``shares`` by inverse CDF on ``u``."""
    probs = np.array([shares.get(name, 0.0) for name in names])
    cum = np.cumsum(probs)
    return np.minimum(np.searchsorted(cum / cum[-1], u, side="right"), len(names) - 1)


def _transform(scenario: Scenario, streams: list[str], complexities: list[str],
               products: list[str], stream: np.ndarray, u: np.ndarray) -> dict[str, np.ndarray]:
    shape = u.shape[:2]
    out = {k: np.zeros(shape, dtype=np.int32) for k in ("complexity", "outcome")}
    out["product"] = np.full(shape, -1, dtype=np.int32)
    out["urgent"] = np.zeros(shape, dtype=bool)
    out["reentry"] = np.zeros(shape, dtype=bool)
    out["reentry_delay_days"] = np.zeros(shape)
    resolved = np.zeros(shape[0], dtype=bool)
    for si, sname in enumerate(streams):
        rows = stream == si
        if rows.any():
            resolved[rows] = _stream_attributes(scenario.demand_streams[sname], complexities,
                                                products, u[rows], out, rows)
    out.update(_team_attributes(scenario, complexities, out["complexity"], u))
    out["assessment_hours"] *= _intake_factor(scenario, streams)[stream][:, None]
    out.update(_care_attributes(scenario, products, out["product"], u))
    out["resolved_0e"] = resolved
    return out


def _stream_attributes(stream, complexities, products, u, out, rows) -> np.ndarray:
    col = _U
    out["complexity"][rows] = _pick(stream.complexity_mix, complexities, u[..., col["complexity"]])
    out["urgent"][rows] = u[..., col["urgent"]] < stream.urgent_share
    outcome_shares = stream.outcomes.model_dump()
    out["outcome"][rows] = _pick(outcome_shares, list(OUTCOMES), u[..., col["outcome"]])
    if stream.referral_products:
        chosen = _pick(stream.referral_products, products, u[..., col["product"]])
        referred = out["outcome"][rows] == OUTCOMES.index("referral")
        out["product"][rows] = np.where(referred, chosen, -1)
    out["reentry"][rows] = u[..., col["reentry"]] < stream.reentry_share
    if stream.reentry_delay_days is not None:
        out["reentry_delay_days"][rows] = stream.reentry_delay_days.ppf(u[..., col["reentry_delay"]])
    return u[:, 0, col["resolved_0e"]] < stream.resolved_0e_share


def _team_attributes(scenario, complexities, complexity, u) -> dict[str, np.ndarray]:
    hours, days, per_week, consult_hours = (np.zeros(complexity.shape) for _ in range(4))
    consult = np.zeros(complexity.shape, dtype=bool)
    u_need, u_hours = u[..., len(_U)], u[..., len(_U) + 1]
    for ci, cname in enumerate(complexities):
        level = scenario.access_team.complexity[cname]
        mask = complexity == ci
        hours[mask] = level.assessment_hours.ppf(u[..., _U["assessment"]][mask])
        days[mask] = level.light_help_duration_days.ppf(u[..., _U["light_duration"]][mask])
        per_week[mask] = level.light_help_hours_per_week
        consult[mask] = u_need[mask] < level.consultation_share
        if level.consultation_hours is not None:
            consult_hours[mask] = level.consultation_hours.ppf(u_hours[mask])
    return {"assessment_hours": hours, "light_days": days, "light_hours_per_week": per_week,
            "consult": consult, "consult_hours": consult_hours}


def _intake_factor(scenario, streams: list[str]) -> np.ndarray:
    """Assessment-hours multiplier per stream: one intake per domain, or one integral plan."""
    team = scenario.access_team
    domains = np.array([scenario.demand_streams[s].domains for s in streams], dtype=float)
    if team.intake_mode == "per_domain":
        return domains
    return 1.0 + team.integral_plan_share * (domains - 1.0)


def _care_attributes(scenario, products, product, u) -> dict[str, np.ndarray]:
    """Care duration, intensity and step-down: base values first, behaviour applied after.

    The indicated values (the need as the access team assesses it) come from the base
    quantiles alone; the financing's behaviour face then multiplies duration and
    intensity and sets the step-down probability, on the same base quantiles.
    """
    base_days, base_per_week = np.zeros(product.shape), np.zeros(product.shape)
    days, per_week = np.zeros(product.shape), np.zeros(product.shape)
    step_down = np.zeros(product.shape, dtype=bool)
    for pi, pname in enumerate(products):
        spec = scenario.products[pname]
        behaviour = scenario.providers[scenario.provider_of(pname)].financing
        mask = product == pi
        base_days[mask] = spec.duration_days.ppf(u[..., _U["care_duration"]][mask])
        base_per_week[mask] = spec.intensity_per_week.ppf(u[..., _U["care_intensity"]][mask])
        days[mask] = base_days[mask] * behaviour.duration_multiplier
        per_week[mask] = base_per_week[mask] * behaviour.intensity_multiplier
        share = behaviour.effective_step_down(spec.step_down_share)
        step_down[mask] = u[..., _U["step_down"]][mask] < share
    return {"care_days": days, "care_units_per_week": per_week, "step_down": step_down,
            "care_days_indicated": base_days, "care_units_per_week_indicated": base_per_week}
