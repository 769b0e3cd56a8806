"""How big is a run? Estimate its simulation events before running, and refuse absurd ones.

A typo such as ``rate_per_1000 = 60000`` or ``replications = 100000`` would otherwise
start a run that fills the memory or takes days before anything goes wrong. The estimate
is computed from the scenario alone, in microseconds:

* expected new requests (hulpvragen) per replication: the Poisson rate of every
  municipality x demand stream, integrated over warm-up and reported years with the
  stream's trend and the municipality's growth compounding per year (as
  :mod:`simfin.sim.arrivals` draws them);
* events per request: SimPy steps of the pathway in :mod:`simfin.sim.model`: none for a
  request on the expected path (one episode, no consultation, care at open capacity, light
  help at most: :mod:`simfin.sim.model_intake`); for a process, the arrival, which is also
  the request for an intake worker, and one step to be at each later stage that needs a
  server (light help, a lump-sum client place, step-down light help) or at the team again
  after the re-entry delay; for the share that has to wait for a server, the wake-up at
  which it gets one (a server comes free without an event, and hands itself over without
  one: :mod:`simfin.sim.server_pool`); none for open-capacity care. Weighted by the scenario's
  shares, plus one for a request resolved in the 0e lijn (a ledger row without a
  process); plus the weekly monitor snapshots.

Bounds (see ``docs/reliability.md``): :data:`MAX_EVENTS_PER_REPLICATION` (memory: one
replication is held in memory at once, about 0.5 kB per request) and
:data:`MAX_EVENTS_TOTAL` (time: about 150,000 events per second per core). Both are
module constants that a user with a bigger machine may raise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from simfin.errors import ScenarioError
from simfin.scenario.messages import join_field
from simfin.scenario.schema import DemandStream, Municipality, Scenario
from simfin.theory import RECURSION_SERVERS, erlang_c, erlang_c_halfin_whitt

__all__ = ["MAX_EVENTS_PER_REPLICATION", "MAX_EVENTS_TOTAL", "SizeEstimate", "check_size",
           "estimate_size", "expected_requests", "team_work"]

#: About 10 million requests, several GB of memory and about a minute for one replication.
MAX_EVENTS_PER_REPLICATION = 10_000_000
#: About 3 to 4 hours on one core.
MAX_EVENTS_TOTAL = 2_000_000_000

# Mirrors of simulation constants (the scenario package must not import simfin.sim);
# a unit test checks that they agree.
DAYS_PER_YEAR = 365.0        # simfin.sim.arrivals.DAYS_PER_YEAR
EPISODES = 3                 # simfin.sim.cases.EPISODES
MONITOR_INTERVAL_DAYS = 7.0  # simfin.sim.model.simulate's default
# SimPy steps per pathway element.
STEPS_CASE = 1       # the arrival, which asks for an intake worker at once
STEPS_MOVE = 1       # to be at a later stage that needs a server, or back after a re-entry delay
STEPS_WAIT = 1       # the wake-up that hands a waiting process its server (no hand-over event)
STEPS_WAKE = 1       # the wake-up at which a waiting expected request gets its server
PLACE_WAIT_SHARE = 0.5  # share of requests for a lump-sum client place that wait (a guess)
STEPS_RESOLVED_0E = 1  # a ledger row, no process
TREND_FACTOR = 10.0  # blame the trend when it multiplies the requests more than this


@dataclass(frozen=True)
class SizeEstimate:
    """Expected size of a run.

    Attributes
    ----------
    requests_per_replication : float
        Expected new requests over warm-up and reported years, one replication.
    events_per_replication : float
        Expected simulation events of one replication.
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
        """Expected events over all replications."""
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


def _care_steps(scenario: Scenario, product: str, light_wait: float) -> float:
    spec = scenario.products.get(product)
    step_down = spec.step_down_share if spec is not None else 0.0
    # open care: no event; a client place: be there, and wait for it as often as not
    care = STEPS_MOVE + STEPS_WAIT * PLACE_WAIT_SHARE if _has_places(scenario, product) else 0.0
    return care + step_down * (STEPS_MOVE + STEPS_WAIT * light_wait)


def _returns(stream: DemandStream) -> float:
    """Expected returns (re-entries) of one request that reaches the team."""
    return sum(stream.reentry_share ** k for k in range(1, EPISODES))


def events_per_request(scenario: Scenario, stream: DemandStream,
                       waits: tuple[float, float] = (0.0, 0.0)) -> float:
    """Expected simulation events caused by one new request of ``stream``, when a share
    ``waits[0]`` of intake requests and ``waits[1]`` of light-help requests wait."""
    intake_wait, light_wait = waits
    outcomes = stream.outcomes
    care = sum(share * _care_steps(scenario, product, light_wait)
               for product, share in stream.referral_products.items())
    per_episode = (outcomes.light_help * (STEPS_MOVE + STEPS_WAIT * light_wait)
                   + outcomes.referral * care)
    returns = _returns(stream)
    # a request on the expected path costs no event, only a wake-up where it waits (at the
    # end of the service before it, while processes wait too); its light help, which a
    # process would have moved to, likewise
    expected, expected_light = _expected_shares(scenario, stream)
    processes = 1 - expected
    per_process = ((STEPS_CASE + STEPS_WAIT * intake_wait) * processes
                   + STEPS_WAKE * intake_wait * expected
                   + returns * STEPS_WAIT * intake_wait
                   + (1 + returns) * per_episode + returns * STEPS_MOVE
                   - expected_light * (STEPS_MOVE + STEPS_WAIT * light_wait)
                   + expected_light * STEPS_WAKE * light_wait)
    resolved = stream.resolved_0e_share
    return resolved * STEPS_RESOLVED_0E + (1 - resolved) * per_process


def _expected_shares(scenario: Scenario, stream: DemandStream) -> tuple[float, float]:
    """Shares of the requests reaching the team that are on the expected path (no event:
    :mod:`simfin.sim.model_intake`), and that are on it with light help after their intake
    or after care (a reorganisation on the timeline keeps those processes; ignored here)."""
    open_care = open_step_down = 0.0
    for product, share in stream.referral_products.items():
        if product in scenario.products and not _has_places(scenario, product):
            open_care += share
            open_step_down += share * scenario.products[product].step_down_share
    outcomes, once = stream.outcomes, 1 - stream.reentry_share
    light = once * (outcomes.light_help + outcomes.referral * open_step_down)
    return once * (outcomes.general_facility + outcomes.referral * open_care) + light, light


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


def waiting_shares(scenario: Scenario, requests: dict[str, float],
                   days: float) -> tuple[float, float]:
    """Erlang C probability that an intake request and a light-help request wait, with
    the expected ``requests`` per stream spread evenly over ``days``: one team with all
    FTE, M/M/c at the mean rates (an estimate; separate teams wait more)."""
    if days <= 0:
        return 0.0, 0.0
    team = scenario.access_team
    intake_hours, light_days = team_work(scenario, requests)
    workers = team.fte * team.assessment_share
    servers = max(1, round(workers))
    hours_per_server_day = workers * team.case_hours_per_fte / DAYS_PER_YEAR / servers
    slots = max(1, math.floor(team.fte * (1 - team.assessment_share) * team.caseload_per_fte
                              + 1e-9))
    # a tiny team (fte or productive hours near 0, e.g. 5e-324, or a very small population
    # in ``simfin scale``) has no capacity to speak of: every request waits
    capacity = hours_per_server_day * days
    intake_load = intake_hours / capacity if capacity > 0 else math.inf
    return (_p_wait(servers, intake_load) if math.isfinite(intake_load) else 1.0,
            _p_wait(slots, light_days / days))


def _p_wait(servers: int, load: float) -> float:
    """Erlang C, by Halfin-Whitt above :data:`RECURSION_SERVERS` servers (this estimate runs
    in ``simfin validate``, which must not load scipy for the exact closed form)."""
    return (erlang_c(servers, load) if servers <= RECURSION_SERVERS
            else erlang_c_halfin_whitt(servers, load))


def estimate_size(scenario: Scenario) -> SizeEstimate:
    """Expected requests and events of ``scenario`` (see the module docstring)."""
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
    waits = waiting_shares(scenario, requests, t1 - t0)
    events = math.fsum(n * events_per_request(scenario, scenario.demand_streams[s], waits)
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
            f"expected a run of at most {MAX_EVENTS_PER_REPLICATION:,} simulation events per "
            f"replication, estimated {_count(per_rep)} from {_count(est.requests_per_replication)}"
            f" requests over {sim.warmup_years:g} warm-up and {sim.horizon_years} reported "
            f"years (most in this stream); lower the rate, inhabitants, trend, horizon or "
            f"warm-up, or raise simfin.scenario.size.MAX_EVENTS_PER_REPLICATION")
    if total and not est.events_total <= MAX_EVENTS_TOTAL:
        raise ScenarioError(
            file, "simulation.replications",
            f"expected a run of at most {MAX_EVENTS_TOTAL:,} simulation events in total, "
            f"estimated {_count(est.events_total)} ({_count(per_rep)} per replication x "
            f"{est.replications:,} replications); use fewer replications or raise "
            f"simfin.scenario.size.MAX_EVENTS_TOTAL")
    return est
