"""The residents of one replication: arrival times and every case attribute, drawn up front.

All base quantiles of a case are drawn at once from the stream of its municipality and
demand stream, and only then turned into values with the scenario's distributions and
behaviour multipliers. A variant that changes a parameter therefore changes values, not
random numbers (common random numbers across variants).

Each case carries attributes for ``EPISODES`` episodes: the first request and up to
``EPISODES - 1`` returns (re-entries). A case that would return more often stops there.

The drawn durations and hours (the values that need an inverse distribution function,
the costly part) can be left out of episodes a case never reaches (``reached_only``): a
return after the first episode is reached only by a case not resolved in the 0e lijn
whose episodes before it all ended in a re-entry. Those values are 0.0 then; the base
quantiles, and so every value that is drawn, stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simfin.scenario.distributions import ppf_by_group
from simfin.scenario.schema import Scenario
from simfin.sim.arrivals import DAYS_PER_YEAR, arrival_times
from simfin.sim.rng import generator, name_key
from simfin.sim.seasonality import peak, thin_seasonal

__all__ = ["EPISODES", "OUTCOMES", "CaseTable", "Draws", "draw_cases", "draw_random"]

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
    consult_hours: np.ndarray    # (n, E), 0 without a consultation
    care_days_indicated: np.ndarray  # (n, E), before the behaviour multiplier (the need)
    care_units_per_week_indicated: np.ndarray  # (n, E), before the behaviour multiplier
    # With [households] (:mod:`simfin.sim.households`): per case the index of its
    # household's first case (itself for that case), and the household's number of domains.
    household: np.ndarray | None = None  # (n,) int
    household_domains: np.ndarray | None = None  # (n,) int

    @property
    def n(self) -> int:
        return len(self.arrival)


@dataclass(frozen=True)
class Draws:
    """The random part of a replication's cases, before any distribution is applied: the
    arrivals (days), each case's municipality and stream index, the base quantiles and the
    cell blocks (:func:`draw_random`). The same for every scenario with the same
    municipalities, demand streams, demand and seed, such as the policy regimes of one
    timeline (common random numbers)."""

    munis: tuple[str, ...]
    streams: tuple[str, ...]
    blocks: list            # (stream index, first row, end row) per cell
    arrival: np.ndarray     # (n,), in order of cells
    muni: np.ndarray        # (n,) int32
    stream: np.ndarray      # (n,) int32
    u: np.ndarray           # (n, EPISODES, columns of _U), stored column by column
    u_consult: np.ndarray   # (n, EPISODES, 2)
    order: np.ndarray       # positions in order of arrival


def draw_random(scenario: Scenario, replication: int) -> Draws:
    """The arrivals and base quantiles of ``replication`` (see :class:`Draws`)."""
    sim = scenario.simulation
    t0, t1 = -sim.warmup_years * DAYS_PER_YEAR, sim.horizon_years * DAYS_PER_YEAR
    munis, streams = sorted(scenario.municipalities), sorted(scenario.demand_streams)
    cells = [(mi, si, (name_key(mname), name_key(sname)))
             for mi, mname in enumerate(munis) for si, sname in enumerate(streams)]
    times = [thin_seasonal(scenario, streams[si], arrival_times(
                 scenario.municipalities[munis[mi]], scenario.demand_streams[streams[si]], t0, t1,
                 generator(sim.seed, replication, "arrivals", *keys),
                 scenario.municipalities[munis[mi]].local_factors.get(streams[si], 1.0)
                 * peak(scenario, streams[si])), replication, keys)
             for mi, si, keys in cells]
    bounds = np.concatenate([[0], np.cumsum([len(t) for t in times], dtype=np.int64)])
    u, u_consult = _base_quantiles(sim.seed, replication, cells, bounds)
    arrival = np.concatenate(times) if times else np.empty(0)
    return Draws(tuple(munis), tuple(streams),
                 [(si, int(a), int(b)) for (_, si, _), a, b in zip(cells, bounds[:-1], bounds[1:])],
                 arrival, np.repeat([c[0] for c in cells], np.diff(bounds)).astype(np.int32),
                 np.repeat([c[1] for c in cells], np.diff(bounds)).astype(np.int32), u, u_consult,
                 np.argsort(arrival, kind="stable"))


def draw_cases(scenario: Scenario, replication: int, reached_only: bool = False,
               draws: Draws | None = None) -> CaseTable:
    """Draw all cases of ``replication`` for the whole simulated period.

    With ``reached_only`` the drawn durations and hours of the returns a case does not
    reach by its own re-entries are 0.0 instead of drawn (see the module docstring): for a
    run in which nothing else sends a client back (no reneging), the same run, with about
    a third of the inverse distribution functions. ``draws``: :func:`draw_random` of this
    replication for a scenario with the same random part, if at hand (it is read, not
    changed)."""
    d = draw_random(scenario, replication) if draws is None else draws
    complexities, products = sorted(scenario.access_team.complexity), sorted(scenario.products)
    attrs = _transform(scenario, list(d.streams), complexities, products, d.stream, d.blocks,
                       d.u, d.u_consult, d.order, reached_only)
    return CaseTable(d.munis, d.streams, tuple(complexities), tuple(products),
                     d.arrival[d.order], d.muni[d.order], d.stream[d.order], **attrs)


def _base_quantiles(seed: int, replication: int, cells: list,
                    bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Base quantiles of every cell's cases, each cell a block of rows in arrival order.

    The same numbers as drawing a ``(cases, EPISODES, columns)`` array per cell and
    concatenating, but stored column by column: ``u[..., k]`` is one contiguous block, so
    each attribute reads only its own column (a strided column reads the whole array
    from memory). Each cell is drawn into a scratch block and copied in.
    """
    n = int(bounds[-1])
    sizes = np.diff(bounds)
    scratch = np.empty(int(sizes.max(initial=0)) * EPISODES * len(_U))
    u = _by_column(n, len(_U))
    u_consult = _by_column(n, 2)
    for (_, _, keys), a, b in zip(cells, bounds[:-1], bounds[1:]):
        for name, out in (("attributes", u), ("consultation", u_consult)):
            block = scratch[:(b - a) * EPISODES * out.shape[2]].reshape(
                (b - a, EPISODES, out.shape[2]))
            generator(seed, replication, name, *keys).random(block.shape, out=block)
            out[a:b] = block
    return u, u_consult


def _by_column(n: int, columns: int) -> np.ndarray:
    """An ``(n, EPISODES, columns)`` array whose every ``[..., k]`` is contiguous."""
    return np.empty((columns, n, EPISODES)).transpose(1, 2, 0)


def _pick(shares: dict[str, float], names: list[str], u: np.ndarray) -> np.ndarray:
    """Index into ``names`` chosen with probabilities ``shares`` by inverse CDF on ``u``.

    The index is the number of cumulative shares (scaled to end at 1) at or below ``u``,
    at most ``len(names) - 1``: what ``np.searchsorted(..., side="right")`` returns,
    counted with one comparison per name instead of a binary search per element (on a
    contiguous copy of ``u``, often a strided column of a base-quantile block).
    """
    probs = np.array([shares.get(name, 0.0) for name in names])
    cum = np.cumsum(probs)
    edges = cum / cum[-1]
    u = np.ascontiguousarray(u)
    index = np.zeros(u.shape, dtype=np.int32)
    for edge in edges[:-1]:
        index += (u >= edge).view(np.uint8)
    return index


def _transform(scenario: Scenario, streams: list[str], complexities: list[str],
               products: list[str], stream: np.ndarray, blocks: list, u: np.ndarray,
               u_consult: np.ndarray, order: np.ndarray,
               reached_only: bool = False) -> dict[str, np.ndarray]:
    """Every attribute, in arrival order (rows of ``order``).

    Attributes are computed case by case in the order of ``u`` (cell by cell), then each
    is put in arrival order at once, so the unsorted copy is freed before the next one.
    ``blocks`` lists ``(stream index, first row, end row)`` per cell; within a block
    the stream is fixed, so stream attributes need no masks.
    """
    shape = u.shape[:2]
    out = {k: np.zeros(shape, dtype=np.int32) for k in ("complexity", "outcome")}
    out["product"] = np.full(shape, -1, dtype=np.int32)
    out["urgent"] = np.zeros(shape, dtype=bool)
    out["reentry"] = np.zeros(shape, dtype=bool)
    out["reentry_delay_days"] = np.zeros(shape)
    resolved = np.zeros(shape[0], dtype=bool)
    for si, a, b in blocks:
        if b > a:
            resolved[a:b] = _stream_attributes(scenario.demand_streams[streams[si]],
                                               complexities, products, u[a:b], out,
                                               slice(a, b))
    out["resolved_0e"] = resolved
    drawn = _reached(out["reentry"], resolved) if reached_only else np.ones(shape, dtype=bool)
    for si, a, b in blocks:
        delay = scenario.demand_streams[streams[si]].reentry_delay_days
        if b > a and delay is not None:
            rows = drawn[a:b]
            out["reentry_delay_days"][a:b][rows] = delay.ppf(u[a:b, :, _U["reentry_delay"]][rows])
    sorted_out = _Sorted(order)
    _team_attributes(scenario, complexities, out["complexity"], u, u_consult,
                     _intake_factor(scenario, streams)[stream][:, None], sorted_out, drawn)
    _care_attributes(scenario, products, out["product"], u, sorted_out, drawn)
    for name, values in out.items():
        sorted_out[name] = values
    return sorted_out.values


class _Sorted:
    """Collects attributes, each put in arrival order (``order``) as it is stored."""

    def __init__(self, order: np.ndarray) -> None:
        self.order = order
        self.values: dict[str, np.ndarray] = {}

    def __setitem__(self, name: str, values: np.ndarray) -> None:
        self.values[name] = np.take(values, self.order, axis=0)


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
    return u[:, 0, col["resolved_0e"]] < stream.resolved_0e_share


def _reached(reentry: np.ndarray, resolved: np.ndarray) -> np.ndarray:
    """Per case and episode: the first episode, and every return that a case not resolved
    in the 0e lijn reaches by re-entering after each episode before it."""
    drawn = np.ones(reentry.shape, dtype=bool)
    for k in range(1, reentry.shape[1]):
        drawn[:, k] = drawn[:, k - 1] & reentry[:, k - 1] & ~resolved
    return drawn


def _team_attributes(scenario, complexities, complexity, u, u_consult, intake_factor,
                     out: _Sorted, drawn: np.ndarray) -> None:
    """Assessment, light help and consultation per case, by complexity level (hours and
    durations only where ``drawn``, else 0.0)."""
    levels = [scenario.access_team.complexity[cname] for cname in complexities]
    per_week = np.array([level.light_help_hours_per_week for level in levels])
    consult_share = np.array([level.consultation_share for level in levels])
    level = np.where(drawn, complexity, -1)
    hours = ppf_by_group([lv.assessment_hours for lv in levels], level,
                         u[..., _U["assessment"]])
    hours *= intake_factor
    out["assessment_hours"] = hours
    out["light_days"] = ppf_by_group([lv.light_help_duration_days for lv in levels], level,
                                     u[..., _U["light_duration"]])
    out["light_hours_per_week"] = per_week[complexity]
    consult = u_consult[..., 0] < consult_share[complexity]
    out["consult"] = consult
    # hours only where a consultation takes place (the inverse gamma is costly)
    out["consult_hours"] = ppf_by_group([lv.consultation_hours for lv in levels],
                                        np.where(consult, level, -1), u_consult[..., 1])


def _intake_factor(scenario, streams: list[str]) -> np.ndarray:
    """Assessment-hours multiplier per stream: one intake per domain, or one integral plan."""
    domains = np.array([scenario.demand_streams[s].domains for s in streams], dtype=float)
    return scenario.access_team.intake_factor(domains)


def _care_attributes(scenario, products, product, u, out: _Sorted, drawn: np.ndarray) -> None:
    """Care duration, intensity and step-down: base values first, behaviour applied after.

    The indicated values (the need as the access team assesses it) come from the base
    quantiles alone; the financing's behaviour face then multiplies duration and
    intensity and sets the step-down probability, on the same base quantiles.
    Cases without a product (``-1``) get zeros and no step-down; so do durations and
    intensities outside ``drawn``.
    """
    specs = [scenario.products[pname] for pname in products]
    behaviours = [scenario.providers[scenario.provider_of(pname)].financing
                  for pname in products]
    # One extra last slot for product -1: multiplier 1 on a zero value, no step-down.
    duration_mult = np.array([b.duration_multiplier for b in behaviours] + [1.0])
    intensity_mult = np.array([b.intensity_multiplier for b in behaviours] + [1.0])
    share = np.array([b.effective_step_down(spec.step_down_share)
                      for spec, b in zip(specs, behaviours)] + [-1.0])
    referred = np.where(drawn, product, -1)
    base_days = ppf_by_group([spec.duration_days for spec in specs], referred,
                             u[..., _U["care_duration"]])
    out["care_days_indicated"] = base_days
    out["care_days"] = _scaled(base_days, duration_mult, product)
    del base_days
    base_per_week = ppf_by_group([spec.intensity_per_week for spec in specs], referred,
                                 u[..., _U["care_intensity"]])
    out["care_units_per_week_indicated"] = base_per_week
    out["care_units_per_week"] = _scaled(base_per_week, intensity_mult, product)
    del base_per_week
    out["step_down"] = u[..., _U["step_down"]] < share[product]


def _scaled(values: np.ndarray, multiplier: np.ndarray, product: np.ndarray) -> np.ndarray:
    """``values * multiplier[product]``; ``values`` itself when every multiplier is 1 (a
    product by 1.0 is the value to the last bit; :class:`_Sorted` stores a copy)."""
    if (multiplier == 1.0).all():
        return values
    return values * multiplier[product]
