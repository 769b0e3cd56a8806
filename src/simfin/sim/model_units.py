"""The units of a simulation: generalist teams and specialist pools per municipality, their
hours per worker-day, and the capacity changes of the timeline on their pools (a mixin of
:class:`simfin.sim.model.Simulation`)."""

from __future__ import annotations

import numpy as np

from simfin.sim.access_team import AccessTeam, SpecialistPool, specialist_units, team_units
from simfin.sim.cases import EPISODES
from simfin.sim.timeline import attach_timeline

__all__ = ["UnitsMixin"]


class UnitsMixin:
    """Teams, specialist pools and their timeline (see :class:`simfin.sim.model.Simulation`)."""

    def _attach_timeline(self) -> dict:
        """Capacity changes of the timeline on every pool (:mod:`simfin.sim.timeline`)."""
        pools = {}
        for name, team in self.teams.items():
            pools[(name, "intake")], pools[(name, "light_help")] = team.intake, team.light_help
        for name, shell in self.shells.items():
            pools[(name, "consult")] = shell.consult
        for name, places in self.providers.places.items():
            if places is not None:
                pools[(name, "places")] = places
        return attach_timeline(self.env, self.scenario, self.origin, pools)

    def _mean_assessment_days(self) -> dict[str, float]:
        """Per team: mean days a worker needs for a first assessment of its cases (of the
        municipalities it serves in any regime, at its own hours per worker-day)."""
        days = np.frombuffer(self.c.assessment_days).reshape(-1, EPISODES)[:, 0]
        munis = self.cases.municipalities
        out = {}
        for name, team in self.teams.items():
            served = [m for m, serving in enumerate(self.team_of) if serving is team]
            if self.route_changes:
                served += [m for m, muni in enumerate(munis)
                           if any(teams[muni] == name for _, teams, _ in self.route_changes)]
                days = self.cases.assessment_hours[:, 0] / team.hours_per_server_day
            mine = np.isin(self.cases.municipality, served)
            out[name] = float(days[mine].mean()) if mine.any() else 1.0
        return out

    def _build_teams(self) -> tuple[dict[str, AccessTeam], list[AccessTeam]]:
        """Generalist teams and, per municipality index, the team that serves it."""
        spec = self.scenario.access_team
        teams, by_muni = {}, {}
        for name, (munis, fte) in team_units(self.scenario).items():
            teams[name] = AccessTeam(self.env, spec, fte, name)
            by_muni.update(dict.fromkeys(munis, teams[name]))
        for name, (later, fte) in self.later_teams.items():  # 0 servers until their regime
            teams[name] = AccessTeam(self.env, later, fte, name)
        return teams, [by_muni[m] for m in self.cases.municipalities]

    def _build_shells(self) -> tuple[dict[str, SpecialistPool], list[SpecialistPool | None]]:
        """Specialist pools and, per municipality index, the pool that serves it."""
        spec = self.scenario.access_team
        pools, by_muni = {}, {}
        for name, (munis, fte) in specialist_units(self.scenario).items():
            pools[name] = SpecialistPool(self.env, spec, fte, name)
            by_muni.update(dict.fromkeys(munis, pools[name]))
        for name, (later, fte) in self.later_shells.items():  # 0 servers until their regime
            pools[name] = SpecialistPool(self.env, later, fte, name)
        return pools, [by_muni.get(m) for m in self.cases.municipalities]

    @staticmethod
    def _hours_per_day(pools: list) -> np.ndarray:
        """Hours a worker of each pool does per day (NaN for no pool)."""
        return np.array([np.nan if pool is None else pool.hours_per_server_day
                         for pool in pools], dtype=float)
