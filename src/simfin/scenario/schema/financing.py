"""Scenario schema, specialist care: financing models (p*q per unit or per trajectory,
lump sum, lump sum with corridor), products, providers and administrative burden."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from simfin.scenario.distributions import Distribution
from simfin.scenario.taakvelden import Taakveld
from simfin.scenario.schema.common import (
    _FROZEN,
    FieldProblem,
    Name,
    Euros,
    NonNegative,
    Positive,
    PositiveEuros,
    Share,
    Text,
)


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
    price_eur: Euros = Field(description="Price per trajectory in this band, euros.")


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
    budget_eur_per_year: Euros = Field(description="Yearly budget paid, euros.")
    client_places: Annotated[int, Field(ge=1, le=1_000_000)] | None = Field(
        None, description="Clients in care at the same time that the budget buys; above it "
        "clients wait. Leave out to derive it from cost_per_client_year_eur.")
    cost_per_client_year_eur: PositiveEuros | None = Field(
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
    tariff_eur: Euros = Field(description="Price per unit paid under p*q, euros.")
    cost_price_eur: Euros = Field(description="Provider's cost per unit, euros.")
    step_down_share: Share = Field(0.0, description="Share stepping down (afschalen) to light help.")
    taakveld: Taakveld | None = Field(
        None, description='Iv3 taakveld the payments for this product land on (e.g. "6.72" '
        "jeugdhulp, \"6.71\" Wmo begeleiding and huishoudelijke hulp, \"6.6\" hulpmiddelen); "
        'left out, they are reported as "?" (niet toegewezen). All products of one provider '
        "share one taakveld.")


class Provider(BaseModel):
    """A provider (aanbieder) or group of providers under one contract.

    Capacity is physical, financing is contractual: ``capacity_places`` (staff and rooms)
    limits the clients in care under every financing kind, p*q included; a lump sum adds
    the places its budget buys on top (the smaller of the two is enforced)."""

    model_config = _FROZEN
    label: Text = Field("", max_length=120, description="Display name in tables, charts and "
                        "documents, e.g. 'Jeugdhulpaanbieders regio'; left out, the key of the "
                        "[providers.<key>] table is shown.")
    products: list[Name] = Field(min_length=1)
    financing: Financing
    capacity_places: Annotated[int, Field(ge=1, le=1_000_000)] | None = Field(
        None, description="Clients the provider can have in care at the same time with its "
        "staff and rooms, whatever the financing; above it referred clients wait (urgent "
        "first). Leave out for no physical limit (open-ended capacity).")

    @property
    def capacity_limit(self) -> int | None:
        """Client places the simulation enforces: the physical places and, under a lump
        sum without a duty to accept, the places the budget buys; the smaller of the two
        (None: open-ended)."""
        limits = [n for n in (self.capacity_places,
                              getattr(self.financing, "capacity_limit", None)) if n is not None]
        return min(limits) if limits else None


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

