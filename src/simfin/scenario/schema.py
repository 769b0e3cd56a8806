"""The scenario schema: pydantic models, frozen, unknown keys rejected.

A scenario describes one municipality cluster and one organisation of its social domain
(sociaal domein): who lives there, how many support requests (hulpvragen) arrive, how the
access team (toegang, 1e lijn) works, which specialist products (2e lijn) exist, which
providers (aanbieders) deliver them and how each provider is financed.

Units are in the field names: ``_eur`` euros, ``_days`` calendar days, ``_hours`` hours,
``per_1000`` per 1,000 inhabitants of the stream's population group, ``_share`` a fraction.
Named collections (municipalities, streams, products, providers) are TOML tables keyed by
name, so that a variant file can override one field of one item.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simfin.scenario.distributions import Distribution
from simfin.scenario.organisation import OrganisationCosts

__all__ = [
    "AFWEGING_SCORES",
    "AccessTeam",
    "Admin",
    "Behaviour",
    "Afweging",
    "Allocation",
    "AmountRange",
    "BusinessCaseSettings",
    "Ceiling",
    "IncidentalItem",
    "StructuralItem",
    "ComplexityLevel",
    "DemandStream",
    "Financing",
    "LUMP_SUM_KINDS",
    "LumpSum",
    "LumpSumCorridor",
    "Municipality",
    "Outcomes",
    "PartyValues",
    "PqPerTrajectory",
    "PqPerUnit",
    "Product",
    "Provider",
    "Scenario",
    "SimulationSettings",
    "TrajectoryBand",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid")
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Name = Annotated[str, Field(min_length=1, max_length=80)]
SHARE_TOLERANCE = 1e-6


class FieldProblem(ValueError):
    """A cross-field check failed; ``field`` is the dotted path of the culprit."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _check_sums_to_one(shares: dict[str, float], field: str) -> None:
    total = math.fsum(shares.values())
    if shares and abs(total - 1.0) > SHARE_TOLERANCE:
        raise FieldProblem(field, f"expected shares that sum to 1, got {total:.6g}")


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
    light_help_hours_per_week: NonNegative = Field(
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


class AccessTeam(BaseModel):
    """The access team (toegang / sociaal team) as a capacity-limited resource."""

    model_config = _FROZEN
    fte: Positive = Field(description="Formation in FTE.")
    assessment_share: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)] = Field(
        description="Share of the FTE spent on intake and assessment; the rest gives light "
        "help and case coordination (regie).")
    productive_hours_per_fte: Annotated[float, Field(gt=0, le=2080, allow_inf_nan=False)] = Field(
        description="Productive hours per FTE per year.")
    absence_rate: Annotated[float, Field(ge=0, lt=1, allow_inf_nan=False)] = Field(
        description="Share of productive hours lost to absence (verzuim).")
    loaded_cost_per_fte_eur: NonNegative = Field(
        description="Loaded personnel cost per FTE per year, euros.")
    caseload_per_fte: Positive = Field(
        description="Light-help clients one light-help FTE carries at the same time.")
    complexity: dict[Name, ComplexityLevel] = Field(min_length=1)
    organisation: Literal["joint", "per_municipality", "local_with_shell"] = Field(
        "joint", description='"joint": one team for all municipalities; "per_municipality": '
        'a team (generalists and specialists) per municipality; "local_with_shell": local '
        "generalist teams per municipality around one pooled shell of specialists.")
    fte_by_municipality: dict[Name, Positive] | None = Field(
        None, description="Generalist FTE per municipality for local teams; default: `fte` "
        "spread by inhabitants. Must sum to `fte`.")
    specialist_fte: NonNegative = Field(
        0.0, description="FTE of specialists who give consultations (the specialist shell).")
    intake_mode: Literal["integral", "per_domain"] = Field(
        "integral", description='"integral": one intake and one plan per household; '
        '"per_domain": one intake per domain a request touches (see demand stream `domains`).')
    integral_plan_share: NonNegative = Field(
        0.0, description="Under integral intake: extra assessment hours for the joint plan, "
        "as a share of one intake per extra domain.")


class Behaviour(BaseModel):
    """The behaviour face of a financing model: incentives the simulation reads.

    Every field is neutral by default (no effect). Multipliers act on values drawn from
    base quantiles (``sim/cases.py``), so a variant changes values, not random numbers.
    """

    model_config = _FROZEN
    duration_multiplier: Positive = Field(
        1.0, description="Behaviour: multiplies care durations (1 = neutral).")
    intensity_multiplier: Positive = Field(
        1.0, description="Behaviour: multiplies units per week (1 = neutral).")
    step_down_multiplier: NonNegative = Field(
        1.0, description="Behaviour: multiplies each product's step_down_share, capped at 1 "
        "(1 = neutral).")
    step_down_share: Share | None = Field(
        None, description="Behaviour: overrides every product's step_down_share for this "
        "provider when set (then step_down_multiplier is ignored).")

    def effective_step_down(self, product_share: float) -> float:
        """Step-down probability of a product delivered under this financing."""
        if self.step_down_share is not None:
            return self.step_down_share
        return min(1.0, product_share * self.step_down_multiplier)


class PqPerUnit(Behaviour):
    """p*q per unit of effort (inspanningsgericht): tariff x hours or days delivered."""

    model_config = _FROZEN
    kind: Literal["pq_per_unit"]
    duration_multiplier: Positive = Field(
        1.0, description="Behaviour: multiplies care durations (1 = neutral).")
    intensity_multiplier: Positive = Field(
        1.0, description="Behaviour: multiplies units per week (1 = neutral).")


class TrajectoryBand(BaseModel):
    """One arrangement band (e.g. licht, middel, zwaar) of ``pq_per_trajectory``."""

    model_config = _FROZEN
    up_to: Positive | None = Field(
        None, description="Upper limit of the indicated size (units or days, see band_by), "
        "inclusive; leave out for the open top band.")
    price_eur: NonNegative = Field(description="Price per trajectory in this band, euros.")


class PqPerTrajectory(Behaviour):
    """p*q per trajectory (outputgericht): one price per arrangement, whatever its length.

    The access team assigns a band at referral from the *indicated* size of the
    trajectory (units or days expected from the need, before behaviour multipliers);
    the price is paid ``start_share`` at the start of care and the rest at its end.
    """

    model_config = _FROZEN
    kind: Literal["pq_per_trajectory"]
    band_by: Literal["units", "days"] = Field(
        description='What the bands measure: indicated "units" (hours, days or dagdelen '
        'of the product) or indicated "days" in care.')
    bands: dict[Name, TrajectoryBand] = Field(min_length=1)
    start_share: Share = Field(
        description="Share of the price paid when care starts; the rest when it ends "
        "(1 = all at the start).")

    @model_validator(mode="after")
    def _one_open_band(self) -> PqPerTrajectory:
        open_bands = [name for name, band in self.bands.items() if band.up_to is None]
        if len(open_bands) != 1:
            raise FieldProblem("bands", "expected exactly one open top band (without "
                               f"up_to), got {len(open_bands)}")
        limits = [band.up_to for band in self.bands.values() if band.up_to is not None]
        if len(set(limits)) != len(limits):
            raise FieldProblem("bands", "expected different up_to values per band")
        return self

    def ordered_bands(self) -> list[tuple[str, TrajectoryBand]]:
        """Bands from light to heavy (by ``up_to``; the open band last)."""
        return sorted(self.bands.items(),
                      key=lambda item: math.inf if item[1].up_to is None else item[1].up_to)


class _LumpSumFields(Behaviour):
    """Budget, capacity and capacity behaviour shared by both lump-sum kinds."""

    model_config = _FROZEN
    budget_eur_per_year: NonNegative = Field(description="Yearly budget paid, euros.")
    client_places: Annotated[int, Field(ge=1, le=1_000_000)] | None = Field(
        None, description="Clients in care at the same time that the budget buys; above it "
        "clients wait. Leave out to derive it from cost_per_client_year_eur.")
    cost_per_client_year_eur: Positive | None = Field(
        None, description="What one client place costs per year, euros; client places = "
        "floor(budget / this) when client_places is left out.")
    when_full: Literal["waiting_list", "duty_to_accept"] = Field(
        "waiting_list", description='Behaviour when all places are taken: "waiting_list" '
        '(clients wait) or "duty_to_accept" (zorgplicht: no cap, the provider absorbs the '
        "extra cost).")

    @model_validator(mode="after")
    def _capacity(self) -> _LumpSumFields:
        if self.client_places is None and self.cost_per_client_year_eur is None:
            raise FieldProblem("client_places", "expected client_places or "
                               "cost_per_client_year_eur to derive them")
        if self.client_places is None and self.places < 1:
            raise FieldProblem("cost_per_client_year_eur", "expected a cost per client-year "
                               "at most the budget, so that it buys at least one place")
        return self

    @property
    def places(self) -> int:
        """Client places the budget buys: explicit, else floor(budget / cost per client-year)."""
        if self.client_places is not None:
            return self.client_places
        assert self.cost_per_client_year_eur is not None
        return math.floor(self.budget_eur_per_year / self.cost_per_client_year_eur + 1e-9)

    @property
    def capacity_limit(self) -> int | None:
        """Places the simulation enforces: None (no cap) under a duty to accept."""
        return None if self.when_full == "duty_to_accept" else self.places


class LumpSum(_LumpSumFields):
    """Lump sum (taakgericht): a fixed yearly budget that buys a number of client places."""

    model_config = _FROZEN
    kind: Literal["lump_sum"]


class LumpSumCorridor(_LumpSumFields):
    """Lump sum with a bandbreedte (risicocorridor) around the p*q-equivalent value.

    Each year the p*q-equivalent value V (tariff x units delivered) is compared with the
    budget B. Above ``B * (1 + corridor_share)`` the municipality pays
    ``excess_settled_share`` of the part above that border; below
    ``B * (1 - corridor_share)`` the provider pays back ``shortfall_settled_share`` of the
    part below it. Inside the corridor (borders included) nothing is settled.
    """

    model_config = _FROZEN
    kind: Literal["lump_sum_corridor"]
    corridor_share: Share = Field(description="Half-width x of the corridor as a share of "
                                  "the budget (0.05 = ±5%).")
    excess_settled_share: Share = Field(
        description="Share of the value above the upper border that the municipality pays.")
    shortfall_settled_share: Share = Field(
        description="Share of the value below the lower border that the provider pays back.")


Financing = Annotated[PqPerUnit | PqPerTrajectory | LumpSum | LumpSumCorridor,
                      Field(discriminator="kind")]
LUMP_SUM_KINDS = ("lump_sum", "lump_sum_corridor")


class Product(BaseModel):
    """A specialist product (2e lijn), e.g. ambulante jeugdhulp."""

    model_config = _FROZEN
    unit: Literal["hour", "day", "dagdeel"] = Field(description="Billing unit.")
    intensity_per_week: Distribution = Field(description="Units delivered per week in care.")
    duration_days: Distribution = Field(description="Length of care in days.")
    tariff_eur: NonNegative = Field(description="Price per unit paid under p*q, euros.")
    cost_price_eur: NonNegative = Field(description="Provider's cost per unit, euros.")
    step_down_share: Share = Field(0.0, description="Share stepping down (afschalen) to light help.")


class Provider(BaseModel):
    """A provider (aanbieder) or group of providers under one contract."""

    model_config = _FROZEN
    products: list[Name] = Field(min_length=1)
    financing: Financing


class PartyValues(BaseModel):
    """One value for each side: municipality (gemeente) and provider (aanbieder)."""

    model_config = _FROZEN
    municipality: NonNegative
    provider: NonNegative


class Admin(BaseModel):
    """Administrative effort per event, for both parties."""

    model_config = _FROZEN
    hourly_cost_eur: PartyValues = Field(description="Loaded cost of one administrative hour.")
    allocation_message_minutes: PartyValues = Field(
        description="Minutes per allocation start or stop message (p*q).")
    declaration_minutes: PartyValues = Field(
        description="Minutes per monthly declaration line, one per client per month (p*q).")
    lump_sum_monitoring_hours_per_year: PartyValues = Field(
        description="Monitoring and contract-management hours per lump-sum provider per year.")
    # Added for the four financing kinds; the defaults keep older scenario files as they were.
    trajectory_declaration_minutes: PartyValues | None = Field(
        None, description="Minutes per declaration of a trajectory payment (pq_per_trajectory; "
        "one at the start and/or one at the end); default: declaration_minutes.")
    production_report_minutes: PartyValues | None = Field(
        None, description="Minutes per monthly production line per client under "
        "lump_sum_corridor (needed for the p*q-equivalent value); default: declaration_minutes.")
    check_share: Share = Field(
        0.0, description="Share of client-level declaration or production lines checked on "
        "rechtmatigheid (0 = no checks counted).")
    check_minutes: PartyValues = Field(
        PartyValues(municipality=0.0, provider=0.0),
        description="Minutes per checked line: checking (municipality), supplying evidence "
        "(provider).")
    contract_management_hours_per_year: PartyValues = Field(
        PartyValues(municipality=0.0, provider=0.0),
        description="Contract-management hours per provider per year, every financing kind.")
    corridor_settlement_hours_per_year: PartyValues = Field(
        PartyValues(municipality=0.0, provider=0.0),
        description="Hours for the yearly corridor settlement (nacalculatie) per "
        "lump_sum_corridor provider.")

# --- Business case (incidental and structural items, indexation, ceiling, afwegingskader) ---
# Every section below is optional; a scenario without them behaves exactly as before.

IndexKind = Literal["wage", "price", "none"]
AllocationKey = Literal["inhabitants", "usage", "equal", "fixed", "as_simulated"]
AFWEGING_SCORES = ("++", "+", "+/-", "-", "--", "n.t.b.")
Rate = Annotated[float, Field(ge=-0.5, le=1, allow_inf_nan=False)]
Year = Annotated[int, Field(ge=1990, le=2100)]
Money = Annotated[float, Field(allow_inf_nan=False)]


class Allocation(BaseModel):
    """A verdeelsleutel: how an amount is spread over the municipalities.

    ``inhabitants`` (by inhabitants in the year), ``usage`` (by the access team's hours for
    each municipality's residents in the year), ``equal`` (equal shares), ``fixed`` (the
    percentages in ``shares``) or ``as_simulated`` (keep the split the simulation produced;
    only for simulated cost categories). A plain string is shorthand for ``{key = ...}``.
    """

    model_config = _FROZEN
    key: AllocationKey = "inhabitants"
    shares: dict[Name, Share] = Field(
        default_factory=dict, description="Share per municipality when key is 'fixed'.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        return {"key": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _shares(self) -> Allocation:
        if self.key == "fixed":
            if not self.shares:
                raise FieldProblem("shares", "expected a share per municipality for key 'fixed'")
            _check_sums_to_one(self.shares, "shares")
        elif self.shares:
            raise FieldProblem("shares", f"expected no shares for key {self.key!r} "
                               "(shares are only used with key 'fixed')")
        return self


class AmountRange(BaseModel):
    """An amount, ``{min, mode, max}`` with ``min <= mode <= max``; the base case uses the mode.

    A plain number ``x`` is shorthand for ``{min = x, mode = x, max = x}`` (a known amount).
    """

    model_config = _FROZEN
    min: Money
    mode: Money
    max: Money

    @model_validator(mode="before")
    @classmethod
    def _number(cls, data: object) -> object:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return {"min": data, "mode": data, "max": data}
        if not isinstance(data, dict | AmountRange):
            raise FieldProblem("", "expected a number of euros or a table {min, mode, max}, "
                               f"got {data!r}")
        return data

    @property
    def is_range(self) -> bool:
        """Whether min and max differ (an uncertain amount)."""
        return self.min != self.max

    @model_validator(mode="after")
    def _ordered(self) -> AmountRange:
        if not self.min <= self.mode <= self.max:
            raise FieldProblem("", f"expected min <= mode <= max, got {self.min:g}, "
                               f"{self.mode:g}, {self.max:g}")
        return self


class IncidentalItem(BaseModel):
    """A one-off (incidentele) cost of the transition, e.g. fit-gap analysis or ICT migration.

    ``amount_eur`` is the total over ``years`` at the price level of
    ``business_case.price_base_year``, spread over the years by ``year_shares`` (equal
    shares when omitted). A negative amount is a one-off receipt.
    """

    model_config = _FROZEN
    category: Name = Field(description="Cost category, e.g. 'ict_migration'.")
    amount_eur: AmountRange = Field(description="Total euros, or {min, mode, max}.")
    years: list[Year] = Field(min_length=1, description="Calendar years it falls in.")
    year_shares: list[Share] = Field(
        default_factory=list, description="Share of the amount per year in ``years``.")
    allocation: Allocation = Field(default_factory=Allocation)
    index: IndexKind = Field("price", description="Indexation: 'wage', 'price' or 'none'.")
    source: str = Field("", description="Where the amount comes from (shown in Aannames).")

    @model_validator(mode="after")
    def _years(self) -> IncidentalItem:
        if len(set(self.years)) != len(self.years):
            raise FieldProblem("years", "expected each year once")
        if self.year_shares:
            if len(self.year_shares) != len(self.years):
                raise FieldProblem("year_shares", f"expected {len(self.years)} shares, one "
                                   f"per year, got {len(self.year_shares)}")
            _check_sums_to_one(dict(zip(map(str, self.years), self.year_shares)), "year_shares")
        return self


class StructuralItem(BaseModel):
    """A recurring (structurele) cost outside the simulation, e.g. management of a new body.

    ``amount_eur_per_year`` at the price level of ``business_case.price_base_year``, in every
    reported year from ``from_year`` to ``to_year`` (both included; default: all years).
    """

    model_config = _FROZEN
    category: Name
    amount_eur_per_year: AmountRange = Field(
        description="Euros per year, or {min, mode, max}.")
    from_year: Year | None = None
    to_year: Year | None = None
    allocation: Allocation = Field(default_factory=Allocation)
    index: IndexKind = Field("wage", description="Indexation: 'wage', 'price' or 'none'.")
    source: str = ""

    @model_validator(mode="after")
    def _years(self) -> StructuralItem:
        if self.from_year is not None and self.to_year is not None \
                and self.to_year < self.from_year:
            raise FieldProblem("to_year", "expected to_year >= from_year")
        return self


class BusinessCaseSettings(BaseModel):
    """Settings of the multi-year business case: prices, discounting, keys, phase-in."""

    model_config = _FROZEN
    discount_rate: Annotated[float, Field(ge=-0.05, le=0.2, allow_inf_nan=False)] = Field(
        0.0225, description="Real discount rate per year on constant prices; default 2.25%: "
        "Rapport Werkgroep Discontovoet 2020 (rwseconomie.nl/discontovoet).")
    price_base_year: Year | None = Field(
        None, description="Price level of every euro amount in the scenario (default: "
        "simulation.start_year); constant prices are in this year's prices.")
    discount_year: Year | None = Field(
        None, description="Year discounted to (default: simulation.start_year).")
    wage_index_per_year: Rate = Field(0.0, description="Wage indexation (loonindex) per year.")
    price_index_per_year: Rate = Field(0.0, description="Price indexation (prijsindex) per year.")
    wage_index_by_year: dict[Year, Rate] = Field(
        default_factory=dict, description="Wage indexation of single calendar years.")
    price_index_by_year: dict[Year, Rate] = Field(
        default_factory=dict, description="Price indexation of single calendar years.")
    index_by_category: dict[Name, IndexKind] = Field(
        default_factory=dict, description="Index per simulated category (defaults: "
        "access_team and admin 'wage', specialist_care 'price').")
    allocation_by_category: dict[Name, Allocation] = Field(
        default_factory=dict, description="Verdeelsleutel per simulated category "
        "(default 'as_simulated').")
    phase_in: list[Share] = Field(
        default_factory=list, description="Share of the structural difference with the "
        "nulalternatief realised in reported year 1, 2, ...; later years 1.")
    phase_in_by_category: dict[Name, list[Share]] = Field(
        default_factory=dict, description="Phase-in per category, overriding phase_in.")


class Ceiling(BaseModel):
    """The budget ceiling (budgettair plafond), e.g. the national grant, per year."""

    model_config = _FROZEN
    amount_eur_per_year: NonNegative = Field(
        description="Ceiling per year at the price level of business_case.price_base_year.")
    by_year: dict[Year, NonNegative] = Field(
        default_factory=dict, description="Ceiling of single calendar years (same prices).")
    index: IndexKind = Field("price", description="How the ceiling is indexed.")
    categories: list[Name] = Field(
        default_factory=lambda: ["access_team", "specialist_care", "admin"],
        description="Municipal cost categories that count against the ceiling.")
    include_incidental: bool = Field(False, description="Count incidental items as well.")
    open_ended_providers: list[Name] = Field(
        default_factory=list, description="Providers whose care is an open-ended entitlement "
        "that cannot be refused for budget reasons (e.g. Jeugdwet, Wmo maatwerk).")
    source: str = ""


class Afweging(BaseModel):
    """Qualitative scores of this variant in the afwegingskader (Leusden report legend)."""

    model_config = _FROZEN
    label: str = Field("", description="Display name of the variant, e.g. 'Variant 1 ...'.")
    scores: dict[Name, Literal["++", "+", "+/-", "-", "--", "n.t.b."]] = Field(
        default_factory=dict, description="Score per criterion against the status quo.")
    notes: dict[Name, str] = Field(default_factory=dict, description="Key words per criterion.")

    @model_validator(mode="after")
    def _notes(self) -> Afweging:
        for criterion in self.notes:
            if criterion not in self.scores:
                raise FieldProblem(f"notes.{criterion}", "expected a score for this criterion")
        return self


class Scenario(BaseModel):
    """A complete scenario; see the scenario reference in the docs for every field."""

    model_config = _FROZEN
    name: Name = Field(description="Short name; used for output files and chart footnotes.")
    description: str = Field("", description="One or more sentences on what the scenario is.")
    simulation: SimulationSettings = Field(description="Time frame, replications and seed.")
    municipalities: dict[Name, Municipality] = Field(
        min_length=1, description="The municipalities (gemeenten), keyed by name.")
    demand_streams: dict[Name, DemandStream] = Field(
        min_length=1, description="Demand streams (e.g. jeugd, wmo), keyed by name.")
    access_team: AccessTeam = Field(description="The access team (toegang / sociaal team).")
    products: dict[Name, Product] = Field(
        default_factory=dict, description="Specialist products (2e lijn), keyed by name.")
    providers: dict[Name, Provider] = Field(
        default_factory=dict, description="Providers and their financing, keyed by name.")
    admin: Admin = Field(description="Administrative effort per event for both parties.")
    organisation: OrganisationCosts = Field(
        default_factory=OrganisationCosts,
        description="Overhead, fixed costs, indivisible roles and staffing figures.")
    business_case: BusinessCaseSettings = Field(default_factory=BusinessCaseSettings)
    incidental: dict[Name, IncidentalItem] = Field(default_factory=dict)
    structural: dict[Name, StructuralItem] = Field(default_factory=dict)
    ceiling: Ceiling | None = None
    afweging: Afweging | None = None

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        for name, stream in self.demand_streams.items():
            self._check_stream(name, stream)
        owner: dict[str, str] = {}
        for pname, provider in self.providers.items():
            for i, product in enumerate(provider.products):
                field = f"providers.{pname}.products.{i}"
                if product not in self.products:
                    raise FieldProblem(field, f"unknown product {product!r}; expected one of "
                                       f"{sorted(self.products)}")
                if product in owner:
                    raise FieldProblem(field, f"product {product!r} is already delivered by "
                                       f"provider {owner[product]!r}")
                owner[product] = pname
        for product in self.products:
            if product not in owner:
                raise FieldProblem(f"products.{product}", "expected the product to be listed "
                                   "under exactly one provider")
        for pname, provider in self.providers.items():
            self._check_bands(pname, provider)
        return self

    @model_validator(mode="after")
    def _team_split(self) -> Scenario:
        team = self.access_team
        for name, level in team.complexity.items():
            if level.consultation_share > 0 and team.specialist_fte <= 0:
                raise FieldProblem("access_team.specialist_fte", "expected specialists "
                                   f"(> 0 FTE) because access_team.complexity.{name} "
                                   "needs consultations")
        split = self.access_team.fte_by_municipality
        if split is None:
            return self
        field = "access_team.fte_by_municipality"
        if set(split) != set(self.municipalities):
            raise FieldProblem(field, f"expected one value per municipality "
                               f"{sorted(self.municipalities)}, got {sorted(split)}")
        total = math.fsum(split.values())
        if abs(total - self.access_team.fte) > 1e-6 * max(1.0, self.access_team.fte):
            raise FieldProblem(field, f"expected values that sum to access_team.fte = "
                               f"{self.access_team.fte:g}, got {total:g}")
        return self

    def _check_bands(self, pname: str, provider: Provider) -> None:
        """Bands by units need one billing unit over the provider's products."""
        financing = provider.financing
        if financing.kind != "pq_per_trajectory" or financing.band_by != "units":
            return
        units = {self.products[p].unit for p in provider.products}
        if len(units) > 1:
            raise FieldProblem(f"providers.{pname}.financing.band_by", "expected \"days\" "
                               f"when the provider's products have different units {sorted(units)}")

    def _check_stream(self, name: str, stream: DemandStream) -> None:
        base = f"demand_streams.{name}"
        if stream.population != "all":
            for mname, muni in self.municipalities.items():
                if stream.population not in muni.age_shares:
                    raise FieldProblem(f"{base}.population", f"age group {stream.population!r} "
                                       f"is missing in municipalities.{mname}.age_shares")
        for level in stream.complexity_mix:
            if level not in self.access_team.complexity:
                raise FieldProblem(f"{base}.complexity_mix.{level}", "unknown complexity level; "
                                   f"expected one of {sorted(self.access_team.complexity)}")
        for product in stream.referral_products:
            if product not in self.products:
                raise FieldProblem(f"{base}.referral_products.{product}", "unknown product; "
                                   f"expected one of {sorted(self.products)}")

    @model_validator(mode="after")
    def _business_references(self) -> Scenario:
        years = set(self.reported_years)
        for name, item in self.incidental.items():
            for i, year in enumerate(item.years):
                if year not in years:
                    raise FieldProblem(f"incidental.{name}.years.{i}", _year_message(year, years))
            self._check_allocation(item.allocation, f"incidental.{name}.allocation")
        for name, item in self.structural.items():
            for field in ("from_year", "to_year"):
                year = getattr(item, field)
                if year is not None and year not in years:
                    raise FieldProblem(f"structural.{name}.{field}", _year_message(year, years))
            self._check_allocation(item.allocation, f"structural.{name}.allocation")
        self._check_business_settings()
        if self.ceiling is not None:
            for i, provider in enumerate(self.ceiling.open_ended_providers):
                if provider not in self.providers:
                    raise FieldProblem(f"ceiling.open_ended_providers.{i}", f"unknown provider "
                                       f"{provider!r}; expected one of {sorted(self.providers)}")
        return self

    def _check_business_settings(self) -> None:
        bc, horizon = self.business_case, self.simulation.horizon_years
        for cat, allocation in bc.allocation_by_category.items():
            self._check_allocation(allocation, f"business_case.allocation_by_category.{cat}",
                                   simulated=True)
        lists = {"phase_in": bc.phase_in} | {f"phase_in_by_category.{c}": f
                                             for c, f in bc.phase_in_by_category.items()}
        for field, factors in lists.items():
            if len(factors) > horizon:
                raise FieldProblem(f"business_case.{field}", f"expected at most {horizon} "
                                   f"factors (one per reported year), got {len(factors)}")

    def _check_allocation(self, allocation: Allocation, field: str,
                          simulated: bool = False) -> None:
        if allocation.key == "as_simulated" and not simulated:
            raise FieldProblem(f"{field}.key", "'as_simulated' is only for simulated cost "
                               "categories; expected inhabitants, usage, equal or fixed")
        if allocation.key == "fixed" and set(allocation.shares) != set(self.municipalities):
            raise FieldProblem(f"{field}.shares", "expected one share for each municipality: "
                               f"{sorted(self.municipalities)}")

    @property
    def reported_years(self) -> list[int]:
        """Calendar years of the reported period."""
        sim = self.simulation
        return list(range(sim.start_year, sim.start_year + sim.horizon_years))

    def provider_of(self, product: str) -> str:
        """Name of the provider that delivers ``product``."""
        for pname, provider in self.providers.items():
            if product in provider.products:
                return pname
        raise KeyError(product)


def _year_message(year: int, years: set[int]) -> str:
    return f"year {year} is outside the reported years {min(years)}–{max(years)}"
