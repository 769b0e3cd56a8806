"""Scenario schema, front office and back office (frontoffice / backoffice) per domain.

A domain (a demand stream such as wmo or jeugd, or an entitlement such as bijstand) can
have its administrative chain described as two steps, each run by an organisation:

* the front office (FO) takes the application (aanvraag) and builds the dossier;
* the back office (BO) makes the beschikking, allocates the care, pays and accounts.

The organisation of a step is the municipality itself (``own``: staff FTE x loaded cost), a
host municipality (``host``, gastheergemeente: a tariff per dossier or a share of its
costs), a partner municipality (``partner``: a share of a joint office's costs) or a
commercial party (``commercial``: a yearly contract sum plus a price per dossier). A
hand-over between FO and BO in different organisations adds a delay and coordination
hours; every outsourced step needs regie FTE at the municipality. See
:mod:`simfin.sim.back_office` (the steps as queues) and :mod:`simfin.finance.host` (the
money).
"""

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
    Share,
    Text,
    at_most,
)
from simfin.scenario.schema.flow import MAX_TEAM_FTE, TeamFte
from simfin.scenario.taakvelden import Taakveld

__all__ = ["DOSSIER_OUTCOMES", "DomainOffices", "Handover", "Office", "OfficeOrganisation",
           "Offices"]

#: Decisions of the access team that open a dossier in the FO/BO chain.
DOSSIER_OUTCOMES = ("light_help", "general_facility", "referral")
RegieFte = Annotated[float, Field(ge=0, allow_inf_nan=False), at_most(
    MAX_TEAM_FTE, "regie of more than 10,000 FTE is larger than any municipality")]


class OfficeOrganisation(BaseModel):
    """An organisation that runs a front or back office, and how it is paid."""

    model_config = _FROZEN
    kind: Literal["own", "host", "partner", "commercial"] = Field(
        description='"own": the municipality itself or its own execution organisation; '
        '"host": a host municipality (gastheergemeente); "partner": a partner municipality '
        'sharing a joint office; "commercial": a commercial party on a contract.')
    label: Text = Field("", description="Display name, e.g. 'Gemeente Amersfoort'.")
    loaded_cost_per_fte_eur: Euros | None = Field(
        None, description="own: loaded personnel cost per FTE per year, euros.")
    tariff_per_dossier_eur: Euros | None = Field(
        None, description="host or commercial: price per dossier handled, euros.")
    cost_share: Share | None = Field(
        None, description="host or partner: share of shared_costs_eur_per_year charged.")
    shared_costs_eur_per_year: Euros | None = Field(
        None, description="host or partner: yearly costs of the office that are shared.")
    contract_eur_per_year: Euros = Field(
        0.0, description="commercial: fixed contract sum per year, euros.")
    source: Text = ""

    @model_validator(mode="after")
    def _paid(self) -> OfficeOrganisation:
        shared = self.cost_share is not None, self.shared_costs_eur_per_year is not None
        if shared[0] != shared[1]:
            raise FieldProblem("cost_share", "expected cost_share and "
                               "shared_costs_eur_per_year together")
        allowed = {"own": {"loaded_cost_per_fte_eur"},
                   "host": {"tariff_per_dossier_eur", "cost_share"},
                   "partner": {"cost_share"},
                   "commercial": {"tariff_per_dossier_eur", "contract_eur_per_year"}}[self.kind]
        given = {f for f in ("loaded_cost_per_fte_eur", "tariff_per_dossier_eur", "cost_share")
                 if getattr(self, f) is not None}
        given |= {"contract_eur_per_year"} if self.contract_eur_per_year > 0 else set()
        for field in sorted(given - allowed):
            raise FieldProblem(field, f"not used for kind {self.kind!r}; expected only "
                               f"{sorted(allowed)}")
        if self.kind == "host" and len(given) != 1:
            raise FieldProblem("tariff_per_dossier_eur", "a host municipality charges either "
                               "a tariff per dossier or a share of its costs; expected one")
        if not given:
            raise FieldProblem(sorted(allowed)[0], f"expected how a {self.kind!r} "
                               f"organisation is paid: one of {sorted(allowed)}")
        return self


class Office(BaseModel):
    """One step (front office or back office) of a domain: who runs it, its capacity."""

    model_config = _FROZEN
    organisation: Name = Field(description="Key of offices.organisations.")
    fte: TeamFte = Field(description="FTE working on this domain's dossiers (capacity).")
    hours_per_dossier: Distribution = Field(description="Hours of work per dossier.")
    tariff_per_dossier_eur: Euros | None = Field(
        None, description="host or commercial: this step's price per dossier, instead of "
        "the organisation's (e.g. a host's loket and back office priced apart).")
    regie_fte: RegieFte = Field(
        0.0, description="FTE of regie (opdrachtgeverschap, contract management) the "
        "municipality needs for this step when another organisation runs it.")
    taakveld: Taakveld = Field("6.2", description="Iv3 taakveld of this step's costs.")


class DomainOffices(BaseModel):
    """Front office and back office of one domain, and which dossiers pass through them."""

    model_config = _FROZEN
    front_office: Office
    back_office: Office
    dossier_outcomes: list[Literal["light_help", "general_facility", "referral"]] = Field(
        default_factory=lambda: ["referral"], min_length=1,
        description="Decisions of the access team that open a dossier (demand streams "
        "only; every new recipient of an entitlement opens one).")


class Handover(BaseModel):
    """What a hand-over between a FO and a BO in different organisations adds."""

    model_config = _FROZEN
    delay_days: Distribution = Field(description="Days from the end of the FO step until the "
                                     "BO has the dossier (transfer, questions back).")
    coordination_hours_per_dossier: NonNegative = Field(
        description="Extra hours of afstemming per dossier, both sides together.")
    coordination_cost_per_hour_eur: Euros = Field(
        description="Cost of one coordination hour, euros.")
    source: Text = ""


class Offices(BaseModel):
    """The ``[offices]`` section: organisations, steps per domain, hand-over and regie."""

    model_config = _FROZEN
    organisations: dict[Name, OfficeOrganisation] = Field(min_length=1)
    domains: dict[Name, DomainOffices] = Field(
        min_length=1, description="FO and BO per demand stream or entitlement, by its name.")
    handover: Handover
    regie_cost_per_fte_eur: Euros = Field(
        description="Loaded cost of one regie FTE at the municipality per year, euros.")
    source: Text = ""

    @model_validator(mode="after")
    def _known(self) -> Offices:
        for name, domain in self.domains.items():
            for step in ("front_office", "back_office"):
                office = getattr(domain, step)
                if office.organisation not in self.organisations:
                    raise FieldProblem(f"domains.{name}.{step}.organisation",
                                       f"unknown organisation {office.organisation!r}; "
                                       f"expected one of {sorted(self.organisations)}")
                org = self.organisations[office.organisation]
                if office.tariff_per_dossier_eur is not None and (
                        org.kind not in ("host", "commercial") or org.cost_share is not None):
                    raise FieldProblem(f"domains.{name}.{step}.tariff_per_dossier_eur",
                                       "expected a step tariff only at a host or commercial "
                                       "organisation that charges per dossier")
        return self

    def tariff_of(self, office: Office) -> float | None:
        """Price per dossier of ``office``: its own, else its organisation's (None: none)."""
        if office.tariff_per_dossier_eur is not None:
            return office.tariff_per_dossier_eur
        return self.organisations[office.organisation].tariff_per_dossier_eur

    def kind_of(self, office: Office) -> str:
        """The kind of organisation that runs ``office``."""
        return self.organisations[office.organisation].kind

    def hands_over(self, domain: DomainOffices) -> bool:
        """Whether the dossier changes organisation between FO and BO."""
        return domain.front_office.organisation != domain.back_office.organisation
