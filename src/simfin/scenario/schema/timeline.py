"""Scenario sections for the simulation in time: the timeline, seasonal demand, inhuur and
reneging (see ``docs/timeline.md``).

* ``[[timeline]]``: dated changes to the scenario, applied inside one simulation at their
  moment, with a phase-in of new capacity, a productivity dip and double running costs.
* ``[seasonality]``: monthly multipliers on a demand stream's arrival rate.
* ``[inhuur]``: temporary external intake capacity at a premium rate while the intake
  wait exceeds the legal norm.
* ``[reneging]``: waiting clients who give up after a patience time, and may return later,
  some with a heavier need.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, model_validator

from simfin.scenario.distributions import Distribution
from simfin.scenario.schema.common import (
    _FROZEN,
    FieldProblem,
    NonNegative,
    Positive,
    PositiveEuros,
    Share,
    Text,
)
from simfin.scenario.taakvelden import OVERHEAD_TAAKVELD, Taakveld

__all__ = ["POLICY_FIELDS", "TIMELINE_PATHS", "DoubleRunning", "SeasonalFactor", "check_seasonality", "Inhuur", "ProductivityDip", "Reneging",
           "TimelineEvent"]

#: Dotted paths (or their first parts) a timeline may change: the access team's capacity,
#: its organisation form and the organisation's costs. Other parts of the scenario cannot
#: change mid-run (yet).
TIMELINE_PATHS = ("access_team.organisation", "access_team.fte", "access_team.specialist_fte",
                  "access_team.fte_by_municipality", "access_team.absence_rate",
                  "access_team.productive_hours_per_fte", "access_team.loaded_cost_per_fte_eur",
                  "organisation")
#: Fields of a demand stream (``demand_streams.<name>.<field>``) a timeline may change: the
#: pathway shares of the policy; never what changes the arrivals.
POLICY_FIELDS = ("outcomes", "referral_products", "resolved_0e_share", "complexity_mix",
                 "urgent_share", "reentry_share", "reentry_delay_days")

#: A seasonal multiplier on an arrival rate (at most 12: all of a year's demand in one month).
SeasonalFactor = Annotated[float, Field(ge=0, le=12, allow_inf_nan=False)]
Months = Annotated[float, Field(ge=0, le=360, allow_inf_nan=False)]


class ProductivityDip(BaseModel):
    """Capacity lost to a reorganisation (frictie): the team works slower for a while."""

    model_config = _FROZEN
    share: Annotated[float, Field(gt=0, lt=1, allow_inf_nan=False)] = Field(
        description="Share of the intake and consultation capacity lost during the dip "
        "(0.15: every worker gets through 15% fewer hours of casework).")
    months: Annotated[float, Field(gt=0, le=120, allow_inf_nan=False)] = Field(
        description="Length of the dip in months (of 365/12 days), from the event's date.")


class DoubleRunning(BaseModel):
    """Old and new organisation costs side by side for a period (dubbele lasten)."""

    model_config = _FROZEN
    amount_eur_per_year: PositiveEuros = Field(
        description="Extra cost in euros per year while both organisations run (nominal).")
    months: Annotated[float, Field(gt=0, le=120, allow_inf_nan=False)] = Field(
        description="How long both run, in months from the event's date.")
    taakveld: Taakveld = Field(OVERHEAD_TAAKVELD, description="Iv3 taakveld of the cost "
                               "line (default 0.4, overhead).")


class TimelineEvent(BaseModel):
    """A dated change: at ``at_month`` the scenario becomes itself with ``changes``."""

    model_config = _FROZEN
    at_month: Months = Field(description="When the change applies, in months (of 365/12 "
                             "days) from the start of the first reported year.")
    label: Text = Field("", description="What happens (shown in outputs and docs).")
    changes: dict[str, Any] = Field(
        default_factory=dict, description="Dotted field path -> new value, as in "
        "`Scenario.with_changes` (e.g. `\"access_team.fte\" = 60`); allowed: the "
        "organisation form (`access_team.organisation`), access-team FTE, specialist FTE, "
        "FTE by municipality, absence rate, productive hours, loaded "
        "cost per FTE, any `organisation.*` cost field, and a demand stream's pathway shares "
        "(`demand_streams.<name>.outcomes`, `referral_products`, `resolved_0e_share`, "
        "`complexity_mix`, `urgent_share`, `reentry_share`, `reentry_delay_days`) and a "
        "provider's financing (`providers.<name>.financing`, at the start of a year).")
    phase_in_months: Months = Field(0.0, description="The event's numeric changes (FTE, "
                                    "costs) reach their new value in equal monthly steps over "
                                    "this many months (0: at once).")
    phase_in_steps: Annotated[int, Field(ge=1, le=360)] | None = Field(
        None, description="Number of equal steps of the phase-in (default one a month: "
        "ceil(phase_in_months)); fewer steps for policy changes keep a run fast, since each "
        "policy step redraws every case's pathway.")
    dip: ProductivityDip | None = Field(None, description="A productivity dip from this date.")
    double_running: DoubleRunning | None = Field(
        None, description="Double running costs from this date.")

    @model_validator(mode="after")
    def _steps(self) -> TimelineEvent:
        if self.phase_in_steps is not None and self.phase_in_months == 0:
            raise FieldProblem("phase_in_steps", "expected phase_in_months > 0 with "
                               "phase_in_steps (the steps divide the phase-in period)")
        return self

    @model_validator(mode="after")
    def _paths(self) -> TimelineEvent:
        for path in self.changes:
            parts = path.split(".")
            policy = len(parts) >= 3 and ((parts[0] == "demand_streams"
                                           and parts[2] in POLICY_FIELDS)
                                          or (parts[0] == "providers"
                                              and parts[2] == "financing"))
            if not policy and not any(path == p or path.startswith(p + ".")
                                      for p in TIMELINE_PATHS):
                raise FieldProblem(f"changes.{path}", "this part of the scenario cannot "
                                   "change on the timeline; expected one of "
                                   f"{', '.join(TIMELINE_PATHS)} (or organisation.*), or "
                                   f"demand_streams.<name>.<field> with a field of "
                                   f"{', '.join(POLICY_FIELDS)}, or "
                                   "providers.<name>.financing")
        return self


class Inhuur(BaseModel):
    """Temporary external intake capacity (inhuur) while the intake wait is above the norm.

    Every ``check_interval_days`` each team's expected intake wait (queue length x mean
    assessment days / (workers x their speed)) is compared with ``trigger_wait_days``: above
    it, one more hired worker starts ``reaction_days`` later (up to ``max_fte``); below half
    of it, one hired worker leaves. A hired worker works as fast as a team worker and is billed for
    the hours it works on cases at ``rate_eur_per_hour``.
    """

    model_config = _FROZEN
    rate_eur_per_hour: PositiveEuros = Field(description="Premium hourly rate of hired "
                                             "staff in euros (nominal).")
    max_fte: Annotated[int, Field(ge=1, le=1000)] = Field(
        description="Most hired intake workers per team at a time.")
    reaction_days: NonNegative = Field(30.0, description="Days from the moment the wait "
                                       "exceeds the trigger to the start of a hired worker.")
    trigger_wait_days: Positive | None = Field(
        None, description="Expected intake wait in days that triggers inhuur; default the "
        "smallest legal_norm_days of the demand streams.")
    check_interval_days: Annotated[float, Field(ge=1, le=365, allow_inf_nan=False)] = Field(
        7.0, description="Days between two checks of the wait.")


class Reneging(BaseModel):
    """Clients waiting for an intake who give up, and may come back later."""

    model_config = _FROZEN
    patience_days: Distribution = Field(description="Days a client is willing to wait for "
                                        "an intake before giving up (drawn per episode).")
    return_share: Share = Field(0.0, description="Share of those who gave up that come "
                                "back as a new request (if the case has an episode left).")
    return_delay_days: Distribution | None = Field(
        None, description="Days from giving up to coming back; required with return_share "
        "> 0.")
    heavier_share: Share = Field(0.0, description="Share of the returning clients whose "
                                 "need has become heavier: they are referred to their "
                                 "stream's product in heavier_products.")
    heavier_products: dict[str, str] = Field(
        default_factory=dict, description="Per demand stream, the product (e.g. geëscaleerde "
        "zorg, verblijf) a heavier return is referred to; a stream not listed returns with "
        "the need it had.")

    @model_validator(mode="after")
    def _complete(self) -> Reneging:
        if self.return_share > 0 and self.return_delay_days is None:
            raise FieldProblem("return_delay_days", "expected a distribution because "
                               "return_share > 0")
        if self.heavier_share > 0 and not self.heavier_products:
            raise FieldProblem("heavier_products", "expected a product for at least one "
                               "stream because heavier_share > 0")
        return self


def check_seasonality(seasonality: dict[str, list[float]], streams: dict) -> None:
    """Twelve multipliers per known stream that average 1 (they move demand within the
    year, they do not add any)."""
    for name, factors in seasonality.items():
        field = f"seasonality.{name}"
        if name not in streams:
            raise FieldProblem(field, f"unknown demand stream; expected one of {sorted(streams)}")
        if len(factors) != 12:
            raise FieldProblem(field, f"expected 12 monthly multipliers, got {len(factors)}")
        mean = sum(factors) / 12
        if abs(mean - 1.0) > 1e-3:
            raise FieldProblem(field, f"expected multipliers that average 1 (they shift "
                               f"demand within the year), got an average of {mean:.4g}")
