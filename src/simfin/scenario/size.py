"""How big is a run? Estimate its simulation steps before running, and refuse absurd ones.

A typo such as ``rate_per_1000 = 60000`` or ``replications = 100000`` would otherwise
start a run that fills the memory or takes days before anything goes wrong. The estimate
is computed from the scenario alone, in microseconds:

* expected new requests (hulpvragen) per replication: the Poisson rate of every
  municipality x demand stream, integrated over warm-up and reported years with the
  stream's trend and the municipality's growth compounding per year (as
  :mod:`simfin.sim.arrivals` draws them);
* steps per request: the stages it passes, each a row of the ledger and a turn of
  :mod:`simfin.sim.model` (whether it costs a SimPy event or is served by a pool without
  one, :mod:`simfin.sim.model_intake`): one for a request resolved in the 0e lijn; for a
  request that reaches the team, per episode (the first and each return) the intake, and
  light help, specialist care and step-down light help in the scenario's shares; plus the
  weekly monitor snapshots.

Bounds (see ``docs/reliability.md``): :data:`MAX_EVENTS_PER_REPLICATION` (memory: one
replication is held in memory at once, about 0.5 kB per request) and
:data:`MAX_EVENTS_TOTAL` (time: about 250,000 steps per second per core, measured on
bbs-95k in December 2026). Both are
module constants that a user with a bigger machine may raise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from simfin.errors import ScenarioError
from simfin.scenario.messages import join_field
from simfin.scenario.schema import DemandStream, Municipality, Scenario

__all__ = ["MAX_EVENTS_PER_REPLICATION", "MAX_EVENTS_TOTAL", "SizeEstimate", "check_size",
           "estimate_size", "expected_requests", "team_work"]

#: Simulation steps (stage visits) of one replication: about 10 million requests, several GB
#: of memory and about a minute.
MAX_EVENTS_PER_REPLICATION = 10_000_000
#: Simulation steps of all replications: about 2 to 3 hours on one core.
MAX_EVENTS_TOTAL = 2_000_000_000

# Mirrors of simulation constants (the scenario package must not import simfin.sim);
# a unit test checks that they agree.
DAYS_PER_YEAR = 365.0        # simfin.sim.arrivals.DAYS_PER_YEAR
EPISODES = 3                 # simfin.sim.cases.EPISODES
MONITOR_INTERVAL_DAYS = 7.0  # simfin.sim.model.simulate's default
TREND_FACTOR = 10.0  # blame the trend when it multiplies the requests more than this


@dataclass(frozen=True)
class SizeEstimate:
    """Expected size of a run.

    Attributes
    ----------
    requests_per_replication : float
        Expected new requests over warm-up and reported years, one replication.
    events_per_replication : float
        Expected simulation steps (stage visits, monitor snapshots) of one replication.
    replications : int
    largest_stream : str
        The demand stream with the most expected requests.
    trend_driven : bool
        Whether trend and growth multiply that stream's requests more than
        ``TREND_FACTOR`` times compared with its year-one rate held constant.
    """

    requests_per_replication: float
    events_per_replication: float
    replications: int
    largest_stream: str
    trend_driven: bool

    @property
    def events_total(self) -> float:
        """Expected simulation steps over all replications."""
        return self.events_per_replication * self.replications


def expected_requests(muni: Municipality, stream: DemandStream, t0_days: float,
                      t1_days: float, factor: float = 1.0) -> float:
    """Expected arrivals of ``stream`` in ``muni`` in ``[t0_days, t1_days)``.

    The integral of ``base * g ** (t / 365)`` with ``g = (1 + growth) * (1 + trend)`` and
    ``base`` the year-one rate per day (days since the start of year one).
    """
    share = 1.0 if stream.population == "all" else muni.age_shares.get(stream.population, 0.0)
    base = stream.rate_per_1000 * factor / 1000.0 * muni.inhabitants * share / DAYS_PER_YEAR
    log_g = math.log1p(muni.growth_per_year) + math.log1p(stream.trend_per_year)
    span = t1_days - t0_days
    if abs(log_g) < 1e-12:
        return base * span
    y0, y1 = t0_days / DAYS_PER_YEAR, t1_days / DAYS_PER_YEAR
    try:
        return base * DAYS_PER_YEAR * (math.exp(log_g * y1) - math.exp(log_g * y0)) / log_g
    except OverflowError:
        return math.inf


def _has_places(scenario: Scenario, product: str) -> bool:
    """Whether ``product``'s provider has a fixed number of client places (physical
    places, or a lump sum's)."""
    provider = next((p for p in scenario.providers.values() if product in p.products), None)
    return getattr(provider, "capacity_limit", None) is not None


def _returns(stream: DemandStream) -> float:
    """Expected returns (re-entries) of one request that reaches the team."""
    return sum(stream.reentry_share ** k for k in range(1, EPISODES))


def events_per_request(scenario: Scenario, stream: DemandStream) -> float:
    """Expected simulation steps (stages passed) of one new request of ``stream``."""
    outcomes = stream.outcomes
    light = outcomes.light_help + outcomes.referral * _step_down_share(scenario, stream)
    per_episode = 1.0 + light + outcomes.referral          # intake, light help, care
    resolved = stream.resolved_0e_share
    return resolved + (1 - resolved) * (1 + _returns(stream)) * per_episode


def _step_down_share(scenario: Scenario, stream: DemandStream) -> float:
    """Share of a stream's referrals that step down to light help after care."""
    return sum(share * scenario.products[product].step_down_share
               for product, share in stream.referral_products.items()
               if product in scenario.products)


def team_work(scenario: Scenario, requests: dict[str, float]) -> tuple[float, float]:
    """Intake and assessment hours, and light-help days, that ``requests`` (expected
    requests per stream) ask of the access team (visits after the 0e lijn, with returns)."""
    team = scenario.access_team
    intake_hours = light_days = 0.0
    for name, n in requests.items():
        stream = scenario.demand_streams[name]
        visits = n * (1 - stream.resolved_0e_share) * (1 + _returns(stream))
        light = stream.outcomes.light_help + stream.outcomes.referral * _step_down_share(
            scenario, stream)
        intake_hours += visits * team.mean_intake_hours(stream)
        light_days += visits * light * sum(share * team.complexity[c].light_help_duration_days.mean
                                           for c, share in stream.complexity_mix.items())
    return intake_hours, light_days


def estimate_size(scenario: Scenario) -> SizeEstimate:
    """Expected requests and simulation steps of ``scenario`` (see the module docstring)."""
    sim = scenario.simulation
    t0, t1 = -sim.warmup_years * DAYS_PER_YEAR, sim.horizon_years * DAYS_PER_YEAR
    requests: dict[str, float] = {}
    flat: dict[str, float] = {}
    for name, stream in scenario.demand_streams.items():
        requests[name] = math.fsum(expected_requests(m, stream, t0, t1,
                                                     m.local_factors.get(name, 1.0))
                                   for m in scenario.municipalities.values())
        constant = stream.model_copy(update={"trend_per_year": 0.0})
        flat[name] = math.fsum(expected_requests(m.model_copy(update={"growth_per_year": 0.0}),
                                                 constant, t0, t1,
                                                 m.local_factors.get(name, 1.0))
                               for m in scenario.municipalities.values())
    events = math.fsum(n * events_per_request(scenario, scenario.demand_streams[s])
                       for s, n in requests.items() if n > 0)
    events += (t1 - t0) / MONITOR_INTERVAL_DAYS
    largest = max(requests, key=lambda s: requests[s])
    trend_driven = requests[largest] > TREND_FACTOR * flat[largest]
    return SizeEstimate(math.fsum(requests.values()), events, sim.replications, largest,
                        trend_driven)


def _count(x: float) -> str:
    if not math.isfinite(x) or x >= 1e308:
        return "more than 1e308"
    return f"{x:,.0f}" if x < 1e12 else f"{x:.2e}"


def check_size(scenario: Scenario, file: str | Path | None = None, *,
               total: bool = True) -> SizeEstimate:
    """Raise :class:`ScenarioError` when ``scenario`` is too big to run; else the estimate.

    Parameters
    ----------
    scenario : Scenario
    file : str or Path, optional
        The scenario file, named in the error.
    total : bool
        Also check all replications together (``False`` checks one replication only,
        as the loader does: replications can still be overridden before running).

    Raises
    ------
    ScenarioError
        Naming the field most responsible, the estimate and the bound.
    """
    est = estimate_size(scenario)
    per_rep = est.events_per_replication
    if not per_rep <= MAX_EVENTS_PER_REPLICATION:
        sim = scenario.simulation
        field = "trend_per_year" if est.trend_driven else "rate_per_1000"
        raise ScenarioError(
            file, join_field(["demand_streams", est.largest_stream, field]),
            f"expected a run of at most {MAX_EVENTS_PER_REPLICATION:,} simulation steps per "
            f"replication, estimated {_count(per_rep)} from {_count(est.requests_per_replication)}"
            f" requests over {sim.warmup_years:g} warm-up and {sim.horizon_years} reported "
            f"years (most in this stream); lower the rate, inhabitants, trend, horizon or "
            f"warm-up, or raise simfin.scenario.size.MAX_EVENTS_PER_REPLICATION")
    if total and not est.events_total <= MAX_EVENTS_TOTAL:
        raise ScenarioError(
            file, "simulation.replications",
            f"expected a run of at most {MAX_EVENTS_TOTAL:,} simulation steps in total, "
            f"estimated {_count(est.events_total)} ({_count(per_rep)} per replication x "
            f"{est.replications:,} replications); use fewer replications or raise "
            f"simfin.scenario.size.MAX_EVENTS_TOTAL")
    return est
