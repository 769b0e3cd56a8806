"""Scenario schema, the rest of the sociaal domein: entitlement streams, budget lines and the
settings of calibration.

Not every euro of a begroting flows through the access team. Two more kinds of lines make
the whole hoofdtaakveld 6 representable:

* an **entitlement stream** (:class:`Entitlement`, e.g. bijstand on taakveld 6.3): persons
  enter at a rate per 1,000 inhabitants, receive a benefit for a drawn duration and leave
  (to work or otherwise); no queue and no team hours, so it costs no simulation events;
* a **budget line** (:class:`BudgetLine`, e.g. subsidies for welzijn on 6.1 or the
  contribution to the centrumgemeente for beschermd wonen on 6.81): euros per inhabitant a
  year, following the population.

Each municipality may carry a ``local_factors`` entry for any demand stream, entitlement or
budget line: its local level relative to the scenario's rate (1 = the scenario's rate), the
natural parameter to calibrate against a municipality's own jaarrekening.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from simfin.scenario.distributions import Distribution
from simfin.scenario.schema.common import (
    _FROZEN,
    MAX_QUANTITY,
    Euros,
    FieldProblem,
    Name,
    NonNegative,
    Positive,
    Share,
    Text,
)
from simfin.scenario.taakvelden import Taakveld

__all__ = ["BudgetLine", "Calibration", "CalibrationBounds", "ClientMeasure", "ClientTarget",
           "Entitlement"]

_Trend = Annotated[float, Field(gt=-1, le=1, allow_inf_nan=False)]


class Entitlement(BaseModel):
    """An entitlement stream (uitkering): inflow, duration, benefit level, outflow."""

    model_config = _FROZEN
    label: Text = Field("", max_length=120, description="Name for tables and charts, e.g. "
                       '"Bijstand (Participatiewet)".')
    taakveld: Taakveld = Field(description='Iv3 taakveld of the benefits, e.g. "6.3".')
    population: Name = Field(
        "all", description='Age group the inflow refers to (a key of age_shares) or "all".')
    inflow_per_1000: NonNegative = Field(
        description="New recipients per year per 1,000 inhabitants of the population group.")
    trend_per_year: _Trend = Field(0.0, description="Relative change of the inflow per year.")
    duration_days: Distribution = Field(description="Time a recipient receives the benefit, days.")
    amount_eur_per_year: Euros = Field(
        description="Benefit per recipient per full year, euros (price level of the scenario).")
    exit_to_work_share: Share = Field(
        0.0, description="Share of the recipients who leave to work (uitstroom naar werk); "
        "reported, it does not change the money.")


class BudgetLine(BaseModel):
    """A line of lasten that follows the population: euros per inhabitant per year."""

    model_config = _FROZEN
    label: Text = Field("", max_length=120, description="Name for tables and charts.")
    taakveld: Taakveld = Field(description='Iv3 taakveld of the line, e.g. "6.1".')
    eur_per_inhabitant: Euros = Field(
        description="Euros per inhabitant per year (price level of the scenario).")
    growth_per_year: _Trend = Field(
        0.0, description="Real change per year beyond population growth (0.01 = +1% a year).")


class CalibrationBounds(BaseModel):
    """Bounds of one calibratable parameter."""

    model_config = _FROZEN
    low: Annotated[float, Field(ge=-MAX_QUANTITY, le=1e11, allow_inf_nan=False)] = Field(
        description="Lowest value calibration may choose.")
    high: Annotated[float, Field(ge=-MAX_QUANTITY, le=1e11, allow_inf_nan=False)] = Field(
        description="Highest value calibration may choose.")

    @model_validator(mode="after")
    def _ordered(self) -> CalibrationBounds:
        if not self.low < self.high:
            raise FieldProblem("high", f"expected high > low, got low={self.low:g}, "
                               f"high={self.high:g}")
        return self


class ClientTarget(BaseModel):
    """An observed (or benchmark) client count per 1,000 of the measure's denominator, with
    the band within which the model must land."""

    model_config = _FROZEN
    value: NonNegative = Field(description="Clients per 1,000 of the denominator.")
    low: NonNegative = Field(description="Lower end of the band, per 1,000.")
    high: NonNegative = Field(description="Upper end of the band, per 1,000.")
    kind: Literal["own", "benchmark"] = Field(
        description='"own": the municipality\'s own figure; "benchmark": a national or '
        "size-class rate, not the municipality's own (give it a wider band).")
    source: Text = Field("", max_length=400, description="Original source of value and band.")

    @model_validator(mode="after")
    def _ordered(self) -> ClientTarget:
        if not self.low <= self.value <= self.high:
            raise FieldProblem("value", f"expected low <= value <= high, got {self.low:g}, "
                               f"{self.value:g}, {self.high:g}")
        return self


class ClientMeasure(BaseModel):
    """How a client count of the observed data is counted in the model: distinct cases in
    the year with care of one of ``products`` or light help of one of
    ``light_help_streams``; for ``entitlements``, the mean number of recipients (stock).
    Counted per 1,000 inhabitants, or per 1,000 of ``denominator`` (persons per
    municipality, e.g. youths under 18)."""

    model_config = _FROZEN
    label: Text = Field("", max_length=120, description="Name for tables and charts.")
    products: list[Name] = Field(default_factory=list)
    light_help_streams: list[Name] = Field(default_factory=list)
    entitlements: list[Name] = Field(default_factory=list)
    denominator: dict[Name, Positive] = Field(
        default_factory=dict, description="Persons per municipality the count is per 1,000 "
        "of (default: inhabitants).")
    denominator_label: Text = Field("", max_length=80, description='e.g. "jongeren tot 18".')
    targets: dict[Name, ClientTarget] = Field(
        default_factory=dict, description="Observed or benchmark value per municipality.")

    @model_validator(mode="after")
    def _something(self) -> ClientMeasure:
        if not (self.products or self.light_help_streams or self.entitlements):
            raise FieldProblem("products", "expected at least one product, light-help stream "
                               "or entitlement to count")
        return self


class Calibration(BaseModel):
    """What `simfin calibrate` may move, and how modelled client counts are made."""

    model_config = _FROZEN
    parameters: dict[Annotated[str, Field(min_length=1, max_length=300)], CalibrationBounds] = \
        Field(default_factory=dict, description="Dotted paths of calibratable parameters "
              '(e.g. "municipalities.Baarn.local_factors.jeugd") with their bounds.')
    measures: dict[Name, ClientMeasure] = Field(
        default_factory=dict, description="Client measures of the observed data (e.g. "
        "clients_jeugdhulp) and what they count in the model.")
    replications: Annotated[int, Field(ge=1, le=50)] = Field(
        3, description="Replications per evaluation (the same seeds every time).")
