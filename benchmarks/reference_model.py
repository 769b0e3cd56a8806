"""The straightforward SimPy implementation of simfin's flow, kept as a yardstick.

Every stage is its own SimPy process, every capacity is a ``simpy.PriorityResource``
requested with a ``with`` block, every request (also those resolved in the 0e lijn) is a
process started by an arrival process, and case attributes are read from numpy arrays.

It is independent of the library's simulation: it draws its own cases
(:func:`reference_cases`, from the scenario and the documented seed addressing only:
``SeedSequence(seed, spawn_key=(replication, STREAM_ID, crc32(municipality),
crc32(stream)))``, Poisson arrivals by thinning, one block of base quantiles per case) and
builds its own ledger from its own events (:class:`RowLedger`), so a bug in
``simfin.sim.cases.draw_cases`` or ``simfin.sim.ledger`` makes the row-by-row comparison
with :class:`simfin.sim.model.Simulation` fail (``tests/validation/test_fast_path.py``). It
shares with the library only the scenario (its distributions' ``ppf`` and its methods) and
the capacity arithmetic of :mod:`simfin.sim.access_team`. It is also timed against the
library (``benchmarks/run_reference.py``).
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import simpy

from simfin.scenario.schema import Scenario
from simfin.sim.access_team import capacity, pool_capacity, specialist_units, team_units

DAYS_PER_YEAR = 365.0
EPISODES = 3  # the first request and at most two returns
OUTCOMES = ("light_help", "general_facility", "referral")
LIGHT_HELP, REFERRAL = OUTCOMES.index("light_help"), OUTCOMES.index("referral")
#: The documented stream ids of the seed addressing (``simfin.sim.rng.STREAM_ID``).
STREAM_IDS = {"arrivals": 1, "attributes": 2, "consultation": 10}
#: The documented layout of a case's base quantiles: one column per attribute and episode.
BASE_QUANTILES = ("complexity", "urgent", "resolved_0e", "outcome", "product", "assessment",
                  "light_duration", "care_duration", "care_intensity", "step_down", "reentry",
                  "reentry_delay")
COLUMNS = ("replication", "case_id", "episode", "municipality", "stream", "complexity",
           "urgent", "line", "activity", "provider", "unit", "t_arrival", "t_start", "t_end",
           "intensity_per_week", "units", "outcome", "indicated_days", "indicated_units")


# --- cases ----------------------------------------------------------------------------------

@dataclass
class ReferenceCases:
    """The drawn cases, one row per case in arrival order, one column per episode."""

    municipalities: tuple
    streams: tuple
    complexities: tuple
    products: tuple
    arrival: np.ndarray
    municipality: np.ndarray
    stream: np.ndarray
    resolved_0e: np.ndarray
    complexity: np.ndarray
    urgent: np.ndarray
    outcome: np.ndarray
    product: np.ndarray
    assessment_hours: np.ndarray
    light_days: np.ndarray
    light_hours_per_week: np.ndarray
    care_days: np.ndarray
    care_units_per_week: np.ndarray
    step_down: np.ndarray
    reentry: np.ndarray
    reentry_delay_days: np.ndarray
    consult: np.ndarray
    consult_hours: np.ndarray
    care_days_indicated: np.ndarray
    care_units_per_week_indicated: np.ndarray

    @property
    def n(self) -> int:
        return len(self.arrival)


def _generator(seed: int, replication: int, purpose: str, municipality: str,
               stream: str) -> np.random.Generator:
    key = (replication, STREAM_IDS[purpose], zlib.crc32(municipality.encode("utf-8")),
           zlib.crc32(stream.encode("utf-8")))
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


def _arrival_times(muni, stream, t0: float, t1: float, rng, factor: float) -> np.ndarray:
    """Non-homogeneous Poisson arrivals in [t0, t1) by thinning (Lewis & Shedler);
    ``factor`` is the municipality's local factor on the stream's rate."""
    people = muni.inhabitants * (1.0 if stream.population == "all"
                                 else muni.age_shares[stream.population])
    growth = (1.0 + muni.growth_per_year) * (1.0 + stream.trend_per_year)
    per_1000 = stream.rate_per_1000 * factor

    def rate(t):
        return per_1000 / 1000.0 * people / DAYS_PER_YEAR * \
            growth ** (np.asarray(t, dtype=float) / DAYS_PER_YEAR)

    lam_max = float(max(rate(t0), rate(t1)))
    if lam_max <= 0 or t1 <= t0:
        return np.empty(0)
    n = rng.poisson(lam_max * (t1 - t0))
    times = np.sort(rng.uniform(t0, t1, size=n))
    return times[rng.random(n) * lam_max < rate(times)]


def _pick(shares: dict, names, u: np.ndarray) -> np.ndarray:
    """Inverse CDF over ``names`` with probabilities ``shares``."""
    cum = np.cumsum([shares.get(name, 0.0) for name in names])
    return np.searchsorted(cum[:-1] / cum[-1], u, side="right")


def _by_group(dists, group: np.ndarray, u: np.ndarray) -> np.ndarray:
    """``dists[g].ppf(u)`` per element of group ``g``; 0 where ``g`` is -1 or has none."""
    out = np.zeros(np.shape(u))
    for g, dist in enumerate(dists):
        mask = group == g
        if dist is not None and mask.any():
            out[mask] = dist.ppf(u[mask])
    return out


def _cell_cases(scenario: Scenario, stream, u: np.ndarray, uc: np.ndarray,
                complexities, products) -> dict:
    """Every attribute of one cell's cases from their base quantiles."""
    col = {name: u[..., i] for i, name in enumerate(BASE_QUANTILES)}
    team = scenario.access_team
    levels = [team.complexity[c] for c in complexities]
    complexity = _pick(stream.complexity_mix, complexities, col["complexity"])
    outcome = _pick(stream.outcomes.model_dump(), OUTCOMES, col["outcome"])
    product = np.full(outcome.shape, -1)
    if stream.referral_products:
        chosen = _pick(stream.referral_products, products, col["product"])
        product = np.where(outcome == REFERRAL, chosen, -1)
    specs = [scenario.products[p] for p in products]
    financing = [scenario.providers[scenario.provider_of(p)].financing for p in products]
    consult = uc[..., 0] < np.array([lv.consultation_share for lv in levels])[complexity]
    base_days = _by_group([s.duration_days for s in specs], product, col["care_duration"])
    base_week = _by_group([s.intensity_per_week for s in specs], product, col["care_intensity"])
    duration = np.array([f.duration_multiplier for f in financing] + [1.0])[product]
    intensity = np.array([f.intensity_multiplier for f in financing] + [1.0])[product]
    step_down = np.array([f.effective_step_down(s.step_down_share)
                          for s, f in zip(specs, financing)] + [-1.0])[product]
    return {
        "resolved_0e": col["resolved_0e"][:, 0] < stream.resolved_0e_share,
        "complexity": complexity, "urgent": col["urgent"] < stream.urgent_share,
        "outcome": outcome, "product": product,
        "assessment_hours": _by_group([lv.assessment_hours for lv in levels], complexity,
                                      col["assessment"])
        * team.intake_factor(float(stream.domains)),
        "light_days": _by_group([lv.light_help_duration_days for lv in levels], complexity,
                                col["light_duration"]),
        "light_hours_per_week": np.array(
            [lv.light_help_hours_per_week for lv in levels], dtype=float)[complexity],
        "care_days": base_days * duration, "care_units_per_week": base_week * intensity,
        "step_down": col["step_down"] < step_down,
        "reentry": col["reentry"] < stream.reentry_share,
        "reentry_delay_days": np.zeros(outcome.shape) if stream.reentry_delay_days is None
        else stream.reentry_delay_days.ppf(col["reentry_delay"]),
        "consult": consult,
        "consult_hours": _by_group([lv.consultation_hours for lv in levels],
                                   np.where(consult, complexity, -1), uc[..., 1]),
        "care_days_indicated": base_days, "care_units_per_week_indicated": base_week,
    }


def reference_cases(scenario: Scenario, replication: int) -> ReferenceCases:
    """Draw every case of ``replication``, cell by cell (municipality x stream, sorted)."""
    sim = scenario.simulation
    t0, t1 = -sim.warmup_years * DAYS_PER_YEAR, sim.horizon_years * DAYS_PER_YEAR
    munis, streams = sorted(scenario.municipalities), sorted(scenario.demand_streams)
    complexities, products = sorted(scenario.access_team.complexity), sorted(scenario.products)
    parts = []
    for mi, mname in enumerate(munis):
        for si, sname in enumerate(streams):
            stream = scenario.demand_streams[sname]
            muni = scenario.municipalities[mname]
            times = _arrival_times(muni, stream, t0, t1,
                                   _generator(sim.seed, replication, "arrivals", mname, sname),
                                   muni.local_factors.get(sname, 1.0))
            n = len(times)
            u = _generator(sim.seed, replication, "attributes", mname, sname).random(
                (n, EPISODES, len(BASE_QUANTILES)))
            uc = _generator(sim.seed, replication, "consultation", mname, sname).random(
                (n, EPISODES, 2))
            parts.append({"arrival": times, "municipality": np.full(n, mi),
                          "stream": np.full(n, si),
                          **_cell_cases(scenario, stream, u, uc, complexities, products)})
    joined = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    order = np.argsort(joined["arrival"], kind="stable")
    return ReferenceCases(tuple(munis), tuple(streams), tuple(complexities), tuple(products),
                          **{key: values[order] for key, values in joined.items()})


# --- ledger ---------------------------------------------------------------------------------

class RowLedger:
    """The ledger filled the straightforward way: a row is opened when a case enters a line
    and filled in as it moves on (one Python list per row), turned into the tidy frame at
    the end (:meth:`to_frame`)."""

    def __init__(self) -> None:
        self.rows: list[list] = []

    def __len__(self) -> int:
        return len(self.rows)

    def open(self, case: int, episode: int, line: str, activity: str, t: float,
             intensity_per_week: float) -> int:
        """Start a row; returns the row to fill in later."""
        self.rows.append([case, episode, line, activity, t, math.nan, math.nan,
                          intensity_per_week, ""])
        return len(self.rows) - 1

    def start(self, row: int, t: float) -> None:
        self.rows[row][5] = t

    def close(self, row: int, t: float, outcome: str) -> None:
        self.rows[row][6], self.rows[row][8] = t, outcome

    def to_frame(self, cases: ReferenceCases, scenario: Scenario, replication: int,
                 origin: float, horizon: float) -> pd.DataFrame:
        """One record per row: times since the start of year one, NaN for what had not
        happened by the end of the run (still "waiting" or "in_service"), rows that ended
        in the warm-up left out, sorted by case, episode and arrival."""
        stop = origin + horizon
        records = []
        for case, k, line, activity, t_in, t_start, t_end, per_week, outcome in self.rows:
            if not t_end < stop:
                t_end, outcome = math.nan, ""
            if not t_start < stop:
                t_start = math.nan
            if outcome == "":
                outcome = "waiting" if math.isnan(t_start) else "in_service"
            t_in, t_start, t_end = t_in - origin, t_start - origin, t_end - origin
            if t_end < 0:
                continue  # ended in the warm-up
            care = line == "2e"
            if math.isnan(t_start):
                served = 0.0
            else:
                end = horizon if math.isnan(t_end) else min(t_end, horizon)
                served = max(end - max(t_start, 0.0), 0.0)
            days = cases.care_days_indicated[case, k] if care else math.nan
            records.append({
                "replication": replication, "case_id": case, "episode": k,
                "municipality": cases.municipalities[cases.municipality[case]],
                "stream": cases.streams[cases.stream[case]],
                "complexity": cases.complexities[cases.complexity[case, k]],
                "urgent": bool(cases.urgent[case, k]), "line": line, "activity": activity,
                "provider": scenario.provider_of(activity) if care else "",
                "unit": scenario.products[activity].unit if care else "hour",
                "t_arrival": t_in, "t_start": t_start, "t_end": t_end,
                "intensity_per_week": per_week, "units": per_week * served / 7.0,
                "outcome": outcome, "indicated_days": days,
                "indicated_units": days * cases.care_units_per_week_indicated[case, k] / 7.0
                if care else math.nan})
        records.sort(key=lambda r: (r["case_id"], r["episode"], r["t_arrival"]))
        frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
        return frame.astype({"replication": np.int64, "case_id": np.int64,
                             "episode": np.int64, "urgent": bool})


@dataclass
class ReferenceOutput:
    """What a reference run gives: the ledger and the cases it drew."""

    ledger: pd.DataFrame
    cases: ReferenceCases


class _Pool:
    """A pool of workers as a PriorityResource with its hours per worker-day."""

    def __init__(self, env, servers: int, hours_per_server_day: float) -> None:
        self.resource = simpy.PriorityResource(env, capacity=servers)
        self.hours_per_server_day = hours_per_server_day


class ReferenceSimulation:
    """One replication, every stage a process (see the module docstring)."""

    def __init__(self, scenario: Scenario, replication: int,
                 env: simpy.Environment | None = None) -> None:
        self.scenario, self.replication = scenario, replication
        self.env = env if env is not None else simpy.Environment()
        self.origin = scenario.simulation.warmup_years * DAYS_PER_YEAR
        self.horizon = scenario.simulation.horizon_years * DAYS_PER_YEAR
        self.cases = reference_cases(scenario, replication)
        self.ledger = RowLedger()
        self.intake, self.light, self.consult = {}, {}, {}
        spec = scenario.access_team
        for munis, fte in team_units(scenario).values():
            servers, hours, slots = capacity(spec, fte)
            intake, light = _Pool(self.env, servers, hours), _Pool(self.env, slots, 1.0)
            self.intake.update(dict.fromkeys(munis, intake))
            self.light.update(dict.fromkeys(munis, light))
        for munis, fte in specialist_units(scenario).values():
            pool = _Pool(self.env, *pool_capacity(fte, spec))
            self.consult.update(dict.fromkeys(munis, pool))
        self.places = {}
        for name, provider in scenario.providers.items():
            places = getattr(provider.financing, "capacity_limit", None)
            self.places[name] = None if places is None else \
                simpy.PriorityResource(self.env, capacity=places)

    def run(self) -> ReferenceOutput:
        for i in range(self.cases.n):
            self.env.process(self._arrival(i))
        self.env.run(until=self.origin + self.horizon)
        ledger = self.ledger.to_frame(self.cases, self.scenario, self.replication,
                                      self.origin, self.horizon)
        return ReferenceOutput(ledger, self.cases)

    def _muni(self, i: int) -> str:
        return self.cases.municipalities[self.cases.municipality[i]]

    def _arrival(self, i: int):
        yield self.env.timeout(self.cases.arrival[i] + self.origin)
        if self.cases.resolved_0e[i]:
            row = self.ledger.open(i, 0, "0e", "advice", self.env.now, 0.0)
            self.ledger.start(row, self.env.now)
            self.ledger.close(row, self.env.now, "resolved")
            return
        yield self.env.process(self._case(i))

    def _case(self, i: int):
        c = self.cases
        for k in range(EPISODES):
            yield self.env.process(self._assessment(i, k))
            if c.consult[i, k]:
                yield self.env.process(self._consultation(i, k))
            if c.outcome[i, k] == LIGHT_HELP:
                yield self.env.process(self._light_help(i, k))
            elif c.outcome[i, k] == REFERRAL:
                yield self.env.process(self._specialist(i, k))
                if c.step_down[i, k]:
                    yield self.env.process(self._light_help(i, k))
            if not c.reentry[i, k] or k + 1 == EPISODES:
                return
            yield self.env.timeout(c.reentry_delay_days[i, k])

    def _serve(self, pool: _Pool, i: int, k: int, line: str, activity: str, days: float,
               per_week: float, outcome: str):
        row = self.ledger.open(i, k, line, activity, self.env.now, per_week)
        with pool.resource.request(priority=0 if self.cases.urgent[i, k] else 1) as req:
            yield req
            self.ledger.start(row, self.env.now)
            yield self.env.timeout(days)
        self.ledger.close(row, self.env.now, outcome)

    def _assessment(self, i: int, k: int):
        pool = self.intake[self._muni(i)]
        days = self.cases.assessment_hours[i, k] / pool.hours_per_server_day
        yield from self._serve(pool, i, k, "1e", "assessment", days,
                               7 * pool.hours_per_server_day, OUTCOMES[self.cases.outcome[i, k]])

    def _consultation(self, i: int, k: int):
        pool = self.consult[self._muni(i)]
        days = self.cases.consult_hours[i, k] / pool.hours_per_server_day
        yield from self._serve(pool, i, k, "1e", "consultation", days,
                               7 * pool.hours_per_server_day, OUTCOMES[self.cases.outcome[i, k]])

    def _light_help(self, i: int, k: int):
        yield from self._serve(self.light[self._muni(i)], i, k, "1e", "light_help",
                               self.cases.light_days[i, k],
                               self.cases.light_hours_per_week[i, k], "finished")

    def _specialist(self, i: int, k: int):
        c = self.cases
        product = c.products[c.product[i, k]]
        provider = self.scenario.provider_of(product)
        outcome = "stepped_down" if c.step_down[i, k] else "discharged"
        places = self.places[provider]
        if places is None:
            row = self.ledger.open(i, k, "2e", product, self.env.now, c.care_units_per_week[i, k])
            self.ledger.start(row, self.env.now)
            yield self.env.timeout(c.care_days[i, k])
            self.ledger.close(row, self.env.now, outcome)
        else:
            pool = _Pool.__new__(_Pool)
            pool.resource = places
            yield from self._serve(pool, i, k, "2e", product, c.care_days[i, k],
                                   c.care_units_per_week[i, k], outcome)


def reference_simulate(scenario: Scenario, replication: int = 0) -> ReferenceOutput:
    """Run one replication with the reference implementation."""
    return ReferenceSimulation(scenario, replication).run()


__all__ = ["ReferenceCases", "ReferenceOutput", "ReferenceSimulation", "RowLedger",
           "reference_cases", "reference_simulate"]
