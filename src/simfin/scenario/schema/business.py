"""Scenario schema, the business case: incidental and structural items, allocation keys
(verdeelsleutels), indexation, the budget ceiling and the afwegingskader.

Every section is optional; a scenario without them behaves exactly as before."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from simfin.scenario.schema.common import (
    _FROZEN,
    FieldProblem,
    MAX_EUR,
    Euros,
    Name,
    Text,
    at_most,
    Share,
    _check_sums_to_one,
)
from simfin.scenario.schema.timeline import DoubleRunning, Months, ProductivityDip
from simfin.scenario.taakvelden import Taakveld

# --- Business case (incidental and structural items, indexation, ceiling, afwegingskader) ---
# Every section below is optional; a scenario without them behaves exactly as before.

IndexKind = Literal["wage", "price", "none"]
AllocationKey = Literal["inhabitants", "usage", "equal", "fixed", "as_simulated"]
AFWEGING_SCORES = ("++", "+", "+/-", "-", "--", "n.t.b.")
Rate = Annotated[float, Field(ge=-0.5, le=1, allow_inf_nan=False)]
Year = Annotated[int, Field(ge=1990, le=2100)]
Money = Annotated[float, Field(ge=-MAX_EUR, allow_inf_nan=False),
                  at_most(MAX_EUR, "100 billion euros is more than the Netherlands spends on "
                          "its whole social domain in a year")]


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
    taakveld: Taakveld | None = Field(
        None, description='Iv3 taakveld the item lands on (e.g. "0.4"); "?" when omitted.')
    source: Text = Field("", description="Where the amount comes from (shown in Aannames).")

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
    taakveld: Taakveld | None = Field(
        None, description='Iv3 taakveld the item lands on (e.g. "6.2"); "?" when omitted.')
    source: Text = ""

    @model_validator(mode="after")
    def _years(self) -> StructuralItem:
        if self.from_year is not None and self.to_year is not None \
                and self.to_year < self.from_year:
            raise FieldProblem("to_year", "expected to_year >= from_year")
        return self


class Switch(BaseModel):
    """The variant takes over from the nulalternatief inside one simulation (see
    ``docs/business-case.md``, "De overgang in de tijd").

    The variant is simulated as the nulalternatief until ``at_month``; then its differences
    with the nulalternatief apply as timeline events (:mod:`simfin.business.switch`), with
    common random numbers against the nulalternatief continuing.
    """

    model_config = _FROZEN
    at_month: Months = Field(description="When the variant starts, in months (of 365/12 "
                             "days) from 1 January of the first reported year.")
    label: Text = Field("", description="What happens (shown in outputs); default "
                        "\"Overgang naar <variant>\".")
    phase_in_months: Months = Field(0.0, description="Organisation and capacity changes "
                                    "(access_team.*, organisation.*) reach the variant's "
                                    "values in equal monthly steps over this many months.")
    policy_phase_in_months: Months | None = Field(
        None, description="The same for the policy changes (demand_streams.*: voorveld, "
        "outcome shares); default phase_in_months. Financing changes apply at once.")
    policy_phase_in_steps: Annotated[int, Field(ge=1, le=360)] | None = Field(
        None, description="Equal steps of the policy phase-in (default one a year, "
        "ceil(policy_phase_in_months / 12): each step redraws every case's pathway, which "
        "costs about 0.1 CPU s per replication).")
    dip: ProductivityDip | None = Field(None, description="A productivity dip from the "
                                        "switch on (frictie).")
    double_running: DoubleRunning | None = Field(
        None, description="Old and new organisation costs side by side from the switch on.")

    @property
    def policy_months(self) -> float:
        """Phase-in months of the policy changes."""
        return self.phase_in_months if self.policy_phase_in_months is None \
            else self.policy_phase_in_months

    @property
    def policy_steps(self) -> int | None:
        """Steps of the policy phase-in (``None``: at once)."""
        if self.policy_months == 0:
            return None
        return self.policy_phase_in_steps or max(1, math.ceil(self.policy_months / 12))


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
    switch: Switch | None = Field(
        None, description="Simulate the transition: the variant is the nulalternatief until "
        "the switch, then takes over inside the same run (replaces phase_in).")

    @model_validator(mode="after")
    def _one_phase_in(self) -> BusinessCaseSettings:
        if self.switch is not None and (self.phase_in or self.phase_in_by_category):
            raise FieldProblem("phase_in", "expected no phase_in (or phase_in_by_category) "
                               "together with [business_case.switch]: the switch phases the "
                               "variant in inside the simulation (switch.phase_in_months)")
        return self


DEFAULT_CEILING_CATEGORIES = ("access_team", "specialist_care", "admin")


class Ceiling(BaseModel):
    """The budget ceiling (budgettair plafond), e.g. the national grant, per year."""

    model_config = _FROZEN
    amount_eur_per_year: Euros = Field(
        description="Ceiling per year at the price level of ``price_year``.")
    by_year: dict[Year, Euros] = Field(
        default_factory=dict, description="Ceiling of single calendar years (same prices).")
    price_year: Year | None = Field(
        None, description="Price level of the amounts, e.g. 2025 for a grant of the "
        "uitkeringsjaar 2025 (default: business_case.price_base_year); indexed from there.")
    index: IndexKind = Field("price", description="How the ceiling is indexed.")
    categories: list[Name] = Field(
        default_factory=lambda: list(DEFAULT_CEILING_CATEGORIES),
        description="Municipal cost categories that count against the ceiling.")
    taakvelden: list[Taakveld] = Field(
        default_factory=list, description="If given, only costs on these Iv3 taakvelden "
        "count (and of those only the ``categories``, when categories is given too); a main "
        'code counts its sub-taakvelden too ("6.72" counts 6.72a-6.74c).')
    include_incidental: bool = Field(False, description="Count incidental items as well.")
    open_ended_providers: list[Name] = Field(
        default_factory=list, description="Providers whose care is an open-ended entitlement "
        "that cannot be refused for budget reasons (e.g. Jeugdwet, Wmo maatwerk).")
    source: Text = ""

    def counted_categories(self) -> frozenset[str] | None:
        """The categories that count; None (every category) when only taakvelden are given."""
        if self.taakvelden and "categories" not in self.model_fields_set:
            return None
        return frozenset(self.categories)


class Afweging(BaseModel):
    """Qualitative scores of this variant in the afwegingskader (Leusden report legend)."""

    model_config = _FROZEN
    label: Text = Field("", description="Display name of the variant, e.g. 'Variant 1 ...'.")
    scores: dict[Name, Literal["++", "+", "+/-", "-", "--", "n.t.b."]] = Field(
        default_factory=dict, description="Score per criterion against the status quo.")
    notes: dict[Name, Text] = Field(default_factory=dict, description="Key words per criterion; "
                                   '"{inwoners}" is replaced by the total inhabitants.')
    ranges: dict[Name, tuple[Literal["++", "+", "+/-", "-", "--"],
                             Literal["++", "+", "+/-", "-", "--"]]] = Field(
        default_factory=dict, description="Bandbreedte of a score: [worst, best], e.g. "
        "[\"-\", \"+\"] for a criterion whose effect is uncertain (n.t.b.).")

    @model_validator(mode="after")
    def _notes(self) -> Afweging:
        for field in ("notes", "ranges"):
            for criterion in getattr(self, field):
                if criterion not in self.scores:
                    raise FieldProblem(f"{field}.{criterion}", "expected a score for this "
                                       "criterion")
        order = ("--", "-", "+/-", "+", "++")
        for criterion, (low, high) in self.ranges.items():
            if order.index(low) > order.index(high):
                raise FieldProblem(f"ranges.{criterion}", f"expected [worst, best], got "
                                   f"[{low!r}, {high!r}]")
            score = self.scores[criterion]
            if score != "n.t.b." and not order.index(low) <= order.index(score) \
                    <= order.index(high):
                raise FieldProblem(f"ranges.{criterion}", f"expected a range around the "
                                   f"score {score!r}, got [{low!r}, {high!r}]")
        return self


