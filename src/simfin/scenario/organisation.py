"""Organisation costs and staffing parameters (the scale question).

Kept apart from the flow schema: these fields drive money and vulnerability, not the
simulation. Every field has a neutral default, so a scenario without an
``[organisation]`` table costs only the access team's FTE, as before.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from simfin.scenario.taakvelden import ORGANISATION_TAAKVELD, OVERHEAD_TAAKVELD, Taakveld

__all__ = ["OrganisationCosts", "Role"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")
_Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
_NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
_Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class Role(BaseModel):
    """An indivisible role (gedragsdeskundige, jurist, data-analist, ...) in whole persons."""

    model_config = _FROZEN
    cost_per_person_eur: _NonNegative = Field(
        description="Loaded yearly cost of one person in the role, euros.")
    minimum_persons: Annotated[int, Field(ge=1, le=1000)] = Field(
        1, description="Persons the role needs however small the organisation.")
    inhabitants_per_person: _Positive | None = Field(
        None, description="Workload: one person per this many inhabitants beyond the minimum "
        "(persons = max(minimum, ceil(inhabitants / this))); none: always the minimum.")
    scope: Literal["organisation", "team"] = Field(
        "organisation", description='"organisation": once per organisation (the shell in '
        '"local_with_shell"); "team": once per local team.')
    taakveld: Taakveld = Field(
        ORGANISATION_TAAKVELD, description='Iv3 taakveld of the role\'s cost: "6.2" (toegang) '
        'for roles in the primary process, "0.4" for overhead roles.')


class OrganisationCosts(BaseModel):
    """Overhead, fixed costs, indivisible roles and staffing figures of the organisation."""

    model_config = _FROZEN
    overhead_share: _Share = Field(
        0.0, description="Overhead as a share of staff cost (team, specialists, roles).")
    fixed_costs_eur_per_organisation: _NonNegative = Field(
        0.0, description="Management, bedrijfsvoering and ICT per organisation, euros a year.")
    fixed_costs_taakveld: Taakveld = Field(
        OVERHEAD_TAAKVELD, description="Iv3 taakveld of the fixed costs (BBV: management "
        "and bedrijfsvoering are overhead, 0.4).")
    specialist_cost_per_fte_eur: _NonNegative | None = Field(
        None, description="Loaded cost per specialist FTE; default: the team's cost per FTE.")
    roles: dict[Annotated[str, Field(min_length=1, max_length=80)], Role] = Field(
        default_factory=dict, description="Indivisible roles, keyed by name.")
    fte_per_person: _Positive = Field(
        0.8, description="Average contract size, FTE per person (to count persons).")
    vacancy_rate: _Share = Field(0.0, description="Share of the year a post is vacant.")
    leave_share: Annotated[float, Field(ge=0, le=0.5, allow_inf_nan=False)] = Field(
        0.0, description="Share of working days a person is on leave (vakantie, verlof); "
        "with sickness absence, vacancy and part-time days it sets the chance that nobody "
        "in a role is available on a given day (at most 0.5).")
    minimum_staffing_share: _Share = Field(
        0.8, description="A team counts as understaffed below this share of its persons present "
        "(the 80%-rule figure ``p_understaffed``, a planning criterion, not the vulnerability).")
