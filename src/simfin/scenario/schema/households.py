"""Scenario schema, households: requests of one household in several domains (``[households]``).

Without this table every request is its own case, as before. With it, the access team's
requests of one municipality are grouped into households: a household asks in one, two or
more demand streams at the same moment (the household's arrival). Under
``access_team.intake_mode = "integral"`` the household gets one intake and one plan (one
regisseur); under ``"per_domain"`` each of its requests gets its own intake. The stream
rates still count requests, so the number of requests is the same either way; only who
is grouped with whom changes (drawn on the ``households`` random stream).

Sourced defaults (BCH, "Uitwerking BCH-variant gedeelde visie inrichting sociaal domein",
gemeenten Bergen, Castricum en Heiloo, 2014, § 5.1, citing):

* Stude Advies for the gemeente Woerden (2011): government spends € 20,000–75,000 per year on
  a household with problems in several life domains; a third of it is transaction costs,
  such as each organisation doing its own intake;
* gemeente Leeuwarden, frontlijnteams: after four years 40% fewer youth-protection measures
  (jeugdbeschermingsmaatregelen) while they rose in Friesland; the maatschappelijke
  businesscase returned € 1.60 per euro invested.
"""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import BaseModel, Field, model_validator

from simfin.scenario.schema.common import (
    _FROZEN,
    SHARE_TOLERANCE,
    Euros,
    FieldProblem,
    Name,
    Share,
    Text,
)

__all__ = ["IntegralEffect", "Households", "TransactionCosts"]

#: At most this many domains per household (the pathway has no more life domains).
MAX_DOMAINS = 6


class TransactionCosts(BaseModel):
    """What government spends on a multi-domain household, and the transaction share of it
    (Stude Advies for Woerden, 2011). A benchmark for the simulated savings: spent by all
    public bodies together, so not a line of the municipality's cost table."""

    model_config = _FROZEN
    spend_low_eur_per_year: Euros = Field(
        20_000.0, description="Lower end of public spend per multi-domain household per year.")
    spend_high_eur_per_year: Euros = Field(
        75_000.0, description="Upper end of public spend per multi-domain household per year.")
    transaction_share: Share = Field(
        1 / 3, description="Share of that spend that is transaction costs (separate intakes, "
        "coordination between organisations).")
    source: Text = Field("", description="Where the figures come from (title, publisher, "
                         "year, address), or why they are an assumption.")

    @model_validator(mode="after")
    def _ordered(self) -> TransactionCosts:
        if self.spend_low_eur_per_year > self.spend_high_eur_per_year:
            raise FieldProblem("spend_low_eur_per_year", "expected at most "
                               "spend_high_eur_per_year")
        return self

    def transaction_range_eur(self) -> tuple[float, float]:
        """Transaction costs per multi-domain household per year, low and high (euros)."""
        return (self.transaction_share * self.spend_low_eur_per_year,
                self.transaction_share * self.spend_high_eur_per_year)


class IntegralEffect(BaseModel):
    """A policy effect of integral work on multi-domain households (under integral intake):
    a share of their referrals to ``products`` becomes light help by the team instead,
    growing linearly from 0 at the start of the first reported year to ``reduction`` after
    ``years`` (Leeuwarden: 40% fewer youth-protection measures after four years)."""

    model_config = _FROZEN
    products: list[Name] = Field(
        min_length=1, description="Specialist products whose referrals integral work avoids.")
    reduction: Share = Field(0.40, description="Share of those referrals avoided at full effect.")
    years: Annotated[float, Field(ge=0, le=30, allow_inf_nan=False)] = Field(
        4.0, description="Years from the start of the first reported year to full effect; "
        "0: full effect at once (warm-up included).")
    source: Text = Field("", description="Where the figures come from (title, publisher, "
                         "year, address), or why they are an assumption.")


class Households(BaseModel):
    """Households with requests in several demand streams (``[households]``)."""

    model_config = _FROZEN
    domains_share: list[Share] = Field(
        min_length=1, max_length=MAX_DOMAINS, description="Share of households (of those that "
        "reach the access team) by the number of domains they ask in: the first entry one "
        "domain, the second two, ...; sums to 1.")
    source: Text = Field("", description="Where the figures come from (title, publisher, "
                         "year, address), or why they are an assumption.")
    transaction_costs: TransactionCosts = Field(default_factory=TransactionCosts)
    effect: IntegralEffect | None = Field(
        None, description="Policy effect of integral work on multi-domain households.")

    @model_validator(mode="after")
    def _shares(self) -> Households:
        total = math.fsum(self.domains_share)
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise FieldProblem("domains_share", f"expected shares that sum to 1, got {total:.6g}")
        return self

    @property
    def max_domains(self) -> int:
        """The largest number of domains a household can ask in (last share above 0)."""
        return max(i + 1 for i, share in enumerate(self.domains_share) if share > 0)

    @property
    def mean_domains(self) -> float:
        """Mean number of domains per household."""
        return math.fsum((i + 1) * share for i, share in enumerate(self.domains_share))


def check_households(scenario) -> None:
    """Cross-field checks of ``scenario.households`` against the rest of the scenario."""
    households = scenario.households
    if households is None:
        return
    streams = scenario.demand_streams
    if households.max_domains > len(streams):
        raise FieldProblem("households.domains_share", f"expected at most {len(streams)} "
                           f"entries above 0 (one per demand stream), got households in "
                           f"{households.max_domains} domains")
    for name, stream in streams.items():
        if stream.domains != 1:
            raise FieldProblem(f"demand_streams.{name}.domains", "expected 1 (or no value) "
                               "when [households] groups requests into households; the "
                               "household's domains replace a stream's domains")
    if households.effect is not None:
        for i, product in enumerate(households.effect.products):
            if product not in scenario.products:
                raise FieldProblem(f"households.effect.products.{i}", f"unknown product "
                                   f"{product!r}; expected one of {sorted(scenario.products)}")
