"""Scenario schema, the flow: simulation settings, municipalities, demand streams and
the access team (toegang, 1e lijn)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from simfin.scenario.distributions import Distribution
from simfin.scenario.schema.common import (
    _FROZEN,
    Euros,
    FieldProblem,
    Name,
    NonNegative,
    Positive,
    Share,
    _check_sums_to_one,
    at_most,
)

#: Upper bound on FTE of one team.
MAX_TEAM_FTE = 10_000
_FTE = at_most(MAX_TEAM_FTE, "a team of more than 10,000 FTE is larger than all Dutch "
               "access teams together")
TeamFte = Annotated[float, Field(gt=0, allow_inf_nan=False), _FTE]


class SimulationSettings(BaseModel):
    """Time frame and randomness of a run."""

    model_config = _FROZEN
    start_year: Annotated[int, Field(ge=1990, le=2100)] = Field(
        description="Calendar year of the first reported year.")
    horizon_years: Annotated[int, Field(ge=1, le=30)] = Field(
        description="Number of reported years.")
    warmup_years: Annotated[float, Field(ge=0, le=20, allow_inf_nan=False)] = Field(
        description="Years simulated before the first reported year and then discarded, so "
        "that year one starts with a realistic caseload.")
    replications: Annotated[int, Field(ge=1, le=100_000)] = Field(
        description="Independent replications (each a new set of residents).")
    seed: Annotated[int, Field(ge=0)] = Field(
        description="Root entropy of the numpy SeedSequence every random draw flows from.")
    warmup_method: Literal["full", "prune"] = Field(
        "full", description="'full': every arrival of the warm-up is simulated. 'prune': a "
        "warm-up arrival before the last warmup_full_years is left out when, even without "
        "any waiting, it would be finished by then and it never needs a lump-sum client "
        "place; faster, and statistically indistinguishable when queues in the early "
        "warm-up are short (see docs/methodology.md, Warm-up and replications).")
    warmup_full_years: Annotated[float, Field(ge=0, le=20, allow_inf_nan=False)] = Field(
        2.0, description="Under warmup_method 'prune': the last years of the warm-up in "
        "which every arrival is simulated.")


class Municipality(BaseModel):
    """A municipality (gemeente) with its inhabitants and age mix."""

    model_config = _FROZEN
    inhabitants: Annotated[int, Field(gt=0, le=5_000_000)] = Field(
        description="Inhabitants at the start of the first reported year.")
    growth_per_year: Annotated[float, Field(ge=-0.2, le=0.2, allow_inf_nan=False)] = Field(
        0.0, description="Population growth as a fraction per year.")
    age_shares: dict[Name, Share] = Field(
        min_length=1, description="Share of inhabitants per age group; the shares sum to 1.")
    local_factors: dict[Name, Positive] = Field(
        default_factory=dict, description="Local level relative to the scenario's rate, per "
        "demand stream, entitlement or budget line (1 = the scenario's rate); what "
        "calibration to a municipality's own figures moves.")

    @model_validator(mode="after")
    def _shares(self) -> Municipality:
        _check_sums_to_one(self.age_shares, "age_shares")
        return self


class Outcomes(BaseModel):
    """What the access team decides after assessment; the shares sum to 1."""

    model_config = _FROZEN
    light_help: Share = Field(description="Light help by the team itself (lichte ondersteuning).")
    general_facility: Share = Field(description="Referred to a general facility (algemene voorziening).")
    referral: Share = Field(description="Referred to a specialist product (2e lijn).")

    @model_validator(mode="after")
    def _shares(self) -> Outcomes:
        _check_sums_to_one(self.model_dump(), "")
        return self


class DemandStream(BaseModel):
    """A demand stream (e.g. jeugd, wmo): new support requests and their pathway."""

    model_config = _FROZEN
    population: Name = Field(
        description='Age group the rate refers to (a key of age_shares) or "all".')
    rate_per_1000: NonNegative = Field(
        description="New requests per year per 1,000 inhabitants of the population group.")
    trend_per_year: Annotated[float, Field(gt=-1, le=1, allow_inf_nan=False)] = Field(
        0.0, description="Relative change of the rate per year (0.02 = +2% a year).")
    complexity_mix: dict[Name, Share] = Field(
        min_length=1,
        description="Share of requests per complexity level (keys of access_team.complexity).")
    urgent_share: Share = Field(0.0, description="Share of urgent (safety) requests; they go first.")
    legal_norm_days: Positive = Field(
        description="Legal norm for the start of the intake, in days after the request.")
    decision_term_days: Positive | None = Field(
        None, description="Legal term from the melding to the beschikking, in days (Wmo "
        "2015: 6 weeks onderzoek + 2 weeks beschikking = 56; Jeugdwet via the Awb art. 4:13: "
        "56); left out, the doorlooptijd to the beschikking is reported without a check.")
    resolved_0e_share: Share = Field(
        description="Share resolved in the 0e lijn (information, advice) without the team.")
    outcomes: Outcomes
    referral_products: dict[Name, Share] = Field(
        default_factory=dict, description="Share of referrals per specialist product.")
    reentry_share: Share = Field(0.0, description="Share of finished cases that return later.")
    reentry_delay_days: Distribution | None = Field(
        None, description="Time from the end of a case to its return, in days.")
    domains: Annotated[int, Field(ge=1, le=6)] = Field(
        1, description="Life domains a request touches (multi-problem households: several); "
        "drives duplicate intakes under per-domain access.")

    @model_validator(mode="after")
    def _consistent(self) -> DemandStream:
        _check_sums_to_one(self.complexity_mix, "complexity_mix")
        _check_sums_to_one(self.referral_products, "referral_products")
        if self.outcomes.referral > 0 and not self.referral_products:
            raise FieldProblem("referral_products", "expected at least one product when "
                               "outcomes.referral > 0")
        if self.reentry_share > 0 and self.reentry_delay_days is None:
            raise FieldProblem("reentry_delay_days", "expected a distribution when "
                               "reentry_share > 0")
        return self


class ComplexityLevel(BaseModel):
    """Team effort for one complexity level (enkelvoudig, kwetsbaar, multiprobleem)."""

    model_config = _FROZEN
    assessment_hours: Distribution = Field(
        description="Team hours for intake, assessment (onderzoek) and decision per request.")
    light_help_hours_per_week: Annotated[float, Field(
        ge=0, allow_inf_nan=False), at_most(168, "a week has 168 hours")] = Field(
        description="Team hours per week while giving light help.")
    light_help_duration_days: Distribution = Field(description="Length of light help in days.")
    consultation_share: Share = Field(
        0.0, description="Share of assessments that need a consultation of a specialist "
        "(gedragsdeskundige, jurist, ...) before the decision.")
    consultation_hours: Distribution | None = Field(
        None, description="Specialist hours per consultation.")

    @model_validator(mode="after")
    def _consultation(self) -> ComplexityLevel:
        if self.consultation_share > 0 and self.consultation_hours is None:
            raise FieldProblem("consultation_hours", "expected a distribution when "
                               "consultation_share > 0")
        return self


class TimeUse(BaseModel):
    """Shares of a worker's productive, non-absent hours that go to work around the cases
    rather than to a case's own assessment or consultation hours: registration and
    reporting in systems, team and network meetings (overleg), travel, and managing the
    caseload (planning, follow-up, signals). All 0 by default (no such load)."""

    model_config = _FROZEN
    administration: Share = Field(0.0, description="Share for administration (systems, "
                                  "registration, reports beyond the case's own hours).")
    consultation: Share = Field(0.0, description="Share for team meetings, case "
                                "consultation and network contacts (overleg).")
    travel: Share = Field(0.0, description="Share for travel (home visits).")
    caseload_management: Share = Field(0.0, description="Share for managing the caseload "
                                       "(planning, follow-up, signals, waiting list).")

    @model_validator(mode="after")
    def _below_one(self) -> TimeUse:
        if self.total >= 1:
            raise FieldProblem("administration", "expected the time-use shares to sum to "
                               f"less than 1 (time must be left for cases), got {self.total:g}")
        return self

    @property
    def total(self) -> float:
        """Share of the hours that goes around the cases (the four shares summed)."""
        return self.administration + self.consultation + self.travel \
            + self.caseload_management


class AccessTeam(BaseModel):
    """The access team (toegang / sociaal team) as a capacity-limited resource."""

    model_config = _FROZEN
    fte: TeamFte = Field(description="Formation in FTE.")
    assessment_share: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)] = Field(
        description="Share of the FTE spent on intake and assessment; the rest gives light "
        "help and case coordination (regie).")
    productive_hours_per_fte: Annotated[float, Field(gt=0, le=2080, allow_inf_nan=False)] = Field(
        description="Productive hours per FTE per year.")
    absence_rate: Annotated[float, Field(ge=0, lt=1, allow_inf_nan=False)] = Field(
        description="Share of productive hours lost to absence (verzuim).")
    loaded_cost_per_fte_eur: Euros = Field(
        description="Loaded personnel cost per FTE per year, euros.")
    caseload_per_fte: Annotated[float, Field(gt=0, allow_inf_nan=False), at_most(
        1000, "no light-help worker carries more than 1,000 clients at once")] = Field(
        description="Light-help clients one light-help FTE carries at the same time.")
    complexity: dict[Name, ComplexityLevel] = Field(min_length=1)
    organisation: Literal["joint", "per_municipality", "local_with_shell"] = Field(
        "joint", description='"joint": one team for all municipalities; "per_municipality": '
        'a team (generalists and specialists) per municipality; "local_with_shell": local '
        "generalist teams per municipality around one pooled shell of specialists.")
    fte_by_municipality: dict[Name, TeamFte] | None = Field(
        None, description="Generalist FTE per municipality for local teams; default: `fte` "
        "spread by inhabitants. Must sum to `fte`.")
    specialist_fte: Annotated[float, Field(ge=0, allow_inf_nan=False), _FTE] = Field(
        0.0, description="FTE of specialists who give consultations (the specialist shell).")
    intake_mode: Literal["integral", "per_domain"] = Field(
        "integral", description='"integral": one intake and one plan per household; '
        '"per_domain": one intake per domain a request touches (see demand stream `domains`).')
    integral_plan_share: NonNegative = Field(
        0.0, description="Under integral intake: extra assessment hours for the joint plan, "
        "as a share of one intake per extra domain.")
    time_use: TimeUse = Field(
        default_factory=TimeUse, description="Shares of the productive, non-absent hours "
        "spent around the cases (administration, overleg, travel, caseload management); "
        "they reduce the hours for assessments and consultations.")
    vacancy_rate: Annotated[float, Field(ge=0, lt=1, allow_inf_nan=False)] = Field(
        0.0, description="Share of the formation's posts vacant on average: vacant posts do "
        "no work (fewer assessment hours and light-help slots) and cost nothing.")

    @property
    def case_hours_per_fte(self) -> float:
        """Hours one FTE of the formation works on assessments and consultations per year:
        productive hours less absence, less the time around the cases, less vacancies."""
        return (self.productive_hours_per_fte * (1 - self.absence_rate)
                * (1 - self.time_use.total) * (1 - self.vacancy_rate))

    def intake_factor(self, domains):
        """Assessment-hours multiplier of a request touching ``domains`` domains (a number
        or a numpy array): one intake per domain, or one intake plus a share for the joint
        plan per extra domain."""
        if self.intake_mode == "per_domain":
            return domains
        return 1.0 + self.integral_plan_share * (domains - 1.0)

    def mean_intake_hours(self, stream: DemandStream) -> float:
        """Mean assessment hours of one request of ``stream``: its complexity mix of this
        team's levels, times the intake factor of its domains."""
        hours = sum(share * self.complexity[level].assessment_hours.mean
                    for level, share in stream.complexity_mix.items())
        return hours * self.intake_factor(stream.domains)
