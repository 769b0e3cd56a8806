"""Staffing to the legal norm: the least FTE per team that meets the intake norm.

Criterion (stated, and reported with the answer): in at least ``confidence`` of the
replications, at least ``target_share`` of the requests that arrive in the reported years
start their intake within the legal norm of their stream. A request still waiting at the
end counts as late once it has waited longer than the norm (and is left out before that).

Search: every team starts at the FTE where its assessment workers would be fully busy
(utilisation 1, from the expected assessment hours), then each team that misses the
criterion gets ``step_fte`` more, until all meet it. Teams are sized independently, on
the same residents in every round (common random numbers), so the answer is monotone:
more demand never needs fewer FTE. Only the generalist FTE changes; its split between
assessment and light help (``assessment_share``) is kept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from simfin.errors import SimulationError
from simfin.scenario.schema import Scenario
from simfin.sim import simulate
from simfin.sim.access_team import team_units
from simfin.sim.arrivals import DAYS_PER_YEAR, population

__all__ = ["StaffingResult", "intake_within_norm", "staff_to_norm", "with_team_fte"]


@dataclass(frozen=True)
class StaffingResult:
    """Minimum FTE per team, and the evidence behind it."""

    fte: dict[str, float]            # minimum generalist FTE per team
    met_share: dict[str, float]      # share of replications meeting the target, per team
    rounds: int
    target_share: float
    confidence: float
    replications: int

    @property
    def total_fte(self) -> float:
        return float(sum(self.fte.values()))


def with_team_fte(scenario: Scenario, fte: dict[str, float]) -> Scenario:
    """A copy of ``scenario`` whose generalist teams have the given FTE (by team name)."""
    team = scenario.access_team
    total = float(sum(fte.values()))
    split = None if team.organisation == "joint" else dict(fte)
    new_team = team.model_copy(update={"fte": total, "fte_by_municipality": split})
    return scenario.model_copy(update={"access_team": new_team})


def intake_within_norm(ledger: pd.DataFrame, scenario: Scenario) -> pd.Series:
    """Share of intakes within the norm per municipality (reported years only)."""
    horizon = scenario.simulation.horizon_years * DAYS_PER_YEAR
    rows = ledger[(ledger["activity"] == "assessment") & (ledger["t_arrival"] >= 0)
                  & (ledger["outcome"] != "abandoned")]
    waited = rows["t_start"].fillna(horizon) - rows["t_arrival"]
    norm = rows["stream"].map({k: s.legal_norm_days for k, s in scenario.demand_streams.items()})
    known = rows["t_start"].notna() | (waited > norm)
    within = (waited <= norm) & known
    frame = pd.DataFrame({"municipality": rows["municipality"], "within": within,
                          "known": known})
    sums = frame.groupby("municipality")[["within", "known"]].sum()
    return sums["within"] / sums["known"].where(sums["known"] > 0)


def _saturation_fte(scenario: Scenario, munis: list[str]) -> float:
    """FTE at which a team's assessment workers would be busy all the time (year one)."""
    team, hours = scenario.access_team, 0.0
    for name, stream in scenario.demand_streams.items():
        mean_hours = team.mean_intake_hours(stream)
        arrivals = sum(stream.rate_per_1000 / 1000
                       * scenario.municipalities[m].local_factors.get(name, 1.0)
                       * population(scenario.municipalities[m], stream.population)
                       for m in munis) * (1 - stream.resolved_0e_share)
        hours += arrivals * mean_hours
    per_fte = team.case_hours_per_fte * team.assessment_share
    return hours / per_fte


def _met_share(scenario: Scenario, teams: dict[str, list[str]], reps: range,
               target_share: float) -> dict[str, float]:
    """Per team: share of replications in which every municipality meets the target."""
    met = dict.fromkeys(teams, 0)
    for rep in reps:
        within = intake_within_norm(simulate(scenario, rep, monitor_interval_days=0).ledger,
                                    scenario)
        for name, munis in teams.items():
            shares = within.reindex(munis).fillna(1.0)
            met[name] += bool((shares >= target_share).all())
    return {name: count / len(reps) for name, count in met.items()}


def staff_to_norm(scenario: Scenario, target_share: float = 0.95, confidence: float = 0.9,
                  replications: int | None = None, first_replication: int = 0,
                  step_fte: float = 0.5, max_rounds: int = 400) -> StaffingResult:
    """Minimum generalist FTE per team that meets the intake norm (see the module docstring)."""
    if not (0 < target_share <= 1 and 0 < confidence <= 1 and step_fte > 0):
        raise SimulationError("expected 0 < target_share <= 1, 0 < confidence <= 1 and "
                              "step_fte > 0")
    n = replications or scenario.simulation.replications
    reps = range(first_replication, first_replication + n)
    teams = {name: munis for name, (munis, _) in team_units(scenario).items()}
    fte = {name: max(step_fte, math.ceil(_saturation_fte(scenario, munis) / step_fte) * step_fte)
           for name, munis in teams.items()}
    for rounds in range(1, max_rounds + 1):
        met = _met_share(with_team_fte(scenario, fte), teams, reps, target_share)
        short = [name for name, share in met.items() if share < confidence]
        if not short:
            return StaffingResult(fte, met, rounds, target_share, confidence, n)
        for name in short:
            fte[name] += step_fte
    raise SimulationError(f"no staffing met the norm within {max_rounds} rounds of "
                          f"{step_fte} FTE; check the legal norms and the demand")
