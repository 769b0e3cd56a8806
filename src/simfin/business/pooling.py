"""Queue pooling at equal service level: the FTE a change of organisation form saves.

A larger, pooled team needs fewer FTE than separate teams for the same service level (one
queue keeps every worker busy while a request waits; Erlang C). When the nulalternatief
and the variant group their generalist access teams differently (``access_team.
organisation``: a team per municipality or local teams around a shell, against one joint
team), this saving is measured, not assumed:

    saving per year = (least FTE that meets the intake norm with the nulalternatief's teams
                       - least FTE that meets it with the variant's teams)
                      x the nulalternatief's loaded cost per FTE (base-year prices)

Both FTE come from :func:`simfin.staffing.staff_to_norm` on the nulalternatief (its
demand, policy, absence and everything else), once as it is and once with only the
organisation form of the variant; the criterion is the one of :mod:`simfin.staffing` (in at
least ``confidence`` of the replications at least ``target_share`` of the requests start
their intake within the legal norm), and both searches run the same replications of the same
seed (common random numbers). The same saving is the same every year.

When both scenarios have the same generalist teams (the same municipalities per team: equal
forms, or ``per_municipality`` against ``local_with_shell``) the saving is € 0 and nothing
is simulated. Limits: only the generalists are sized (the specialists have no norm of their
own); the answer is the staffing *either form would need* at the norm, not the FTE either
scenario has; the overhead on these FTE stays with the overhead.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from simfin.errors import SimfinError
from simfin.scenario.schema import Scenario
from simfin.sim.access_team import team_units
from simfin.staffing import staff_to_norm

__all__ = ["PoolingEvidence", "PoolingNorm", "pooling_at_norm", "pooling_settings",
           "same_teams"]

#: Values of ``business_case(..., pooling=...)``.
POOLING_CHOICES = ("norm", "equal_fte")


@dataclass(frozen=True)
class PoolingNorm:
    """Settings of the staffing search (:func:`simfin.staffing.staff_to_norm`).

    ``replications``: None uses the business case's; ``step_fte``: FTE added per round (the
    answer's resolution); the search costs rounds x replications simulations per form.
    """

    target_share: float = 0.95
    confidence: float = 0.9
    replications: int | None = None
    step_fte: float = 0.5

    def __post_init__(self) -> None:
        checks = {"target_share": 0 < self.target_share <= 1,
                  "confidence": 0 < self.confidence <= 1,
                  "replications": self.replications is None or self.replications >= 1,
                  "step_fte": self.step_fte > 0}
        wanted = {"target_share": "0 < target_share <= 1", "confidence": "0 < confidence <= 1",
                  "replications": "None or at least 1", "step_fte": "more than 0 FTE"}
        for name, ok in checks.items():
            if not ok:
                raise SimfinError(f"PoolingNorm.{name}: expected {wanted[name]}, got "
                                  f"{getattr(self, name)!r}")


@dataclass(frozen=True)
class PoolingEvidence:
    """The pooling saving of one variant and what it rests on (FTE NaN: not simulated)."""

    variant: str
    organisation_null: str
    organisation_variant: str
    fte_null_form: float
    fte_variant_form: float
    cost_per_fte_eur: float
    target_share: float
    confidence: float
    replications: int
    step_fte: float
    simulated: bool
    fte_by_team_null: dict[str, float]     # least FTE per team, the nulalternatief's form
    fte_by_team_variant: dict[str, float]  # the same with the variant's form

    @property
    def saving_eur_per_year(self) -> float:
        """(FTE at the norm in the nulalternatief's form - in the variant's) x cost per FTE."""
        if not self.simulated:
            return 0.0
        return (self.fte_null_form - self.fte_variant_form) * self.cost_per_fte_eur

    def as_dict(self) -> dict:
        return {**asdict(self), "saving_eur_per_year": self.saving_eur_per_year}


def pooling_settings(value: str | PoolingNorm) -> PoolingNorm | None:
    """``"norm"`` -> default settings, ``"equal_fte"`` -> None (no staffing search), or the
    given :class:`PoolingNorm`."""
    if isinstance(value, PoolingNorm):
        return value
    if value == "norm":
        return PoolingNorm()
    if value == "equal_fte":
        return None
    raise SimfinError(f"pooling: expected one of {', '.join(map(repr, POOLING_CHOICES))} or "
                      f"a PoolingNorm(...), got {value!r}")


def same_teams(a: Scenario, b: Scenario) -> bool:
    """Whether two scenarios group the municipalities into the same generalist teams."""
    def groups(s: Scenario) -> list[list[str]]:
        return sorted(munis for munis, _ in team_units(s).values())

    return groups(a) == groups(b)


def _with_form(null: Scenario, variant: Scenario) -> Scenario:
    team = null.access_team.model_copy(update={
        "organisation": variant.access_team.organisation, "fte_by_municipality": None})
    return null.model_copy(update={"access_team": team})


def pooling_at_norm(null: Scenario, variant: Scenario,
                    settings: PoolingNorm | None = None) -> PoolingEvidence:
    """The pooling saving at equal service level of ``variant`` (see the module docstring)."""
    settings = settings or PoolingNorm()
    reps = settings.replications or null.simulation.replications
    form = _with_form(null, variant)
    teams: dict[str, dict[str, float]] = {"null": {}, "variant": {}}
    simulated = not same_teams(null, form)
    if simulated:
        for key, scenario in (("null", null), ("variant", form)):
            teams[key] = staff_to_norm(scenario, settings.target_share, settings.confidence,
                                       reps, step_fte=settings.step_fte).fte
    fte = {k: math.fsum(v.values()) if simulated else math.nan for k, v in teams.items()}
    return PoolingEvidence(
        variant.name, null.access_team.organisation, variant.access_team.organisation,
        fte["null"], fte["variant"], null.access_team.loaded_cost_per_fte_eur,
        settings.target_share, settings.confidence, reps, settings.step_fte, simulated,
        teams["null"], teams["variant"])
