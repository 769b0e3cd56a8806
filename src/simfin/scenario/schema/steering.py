"""Scenario schema, the steering model of the access team (sturingsmodel van de Toegang).

Four models after BMC's sturingsmodellen (advice to Woudenberg on the Toegang, 2016):
``eigen_beheer`` (the municipality runs the team), ``marktmeester`` (a contracted
organisation on result agreements), ``samenwerkingspartner`` (a partnership on a subsidy or
convenant) and ``facilitator`` (community initiatives with grants, the municipality a
vangnet). A model sets who operates the team and how it is financed, what that costs on
top of the team's staff (the operator's overhead and margin, contract management, grants),
and the referral behaviour it invites: a multiplier on the share of assessments that end
in a referral to specialist care, an explicit assumption (see :mod:`simfin.scenario.steering`
and :mod:`simfin.finance.steering`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from simfin.scenario.schema.common import _FROZEN, Euros, FieldProblem, Share, Text, at_most
from simfin.scenario.schema.offices import RegieFte

__all__ = ["STEERING_MODELS", "Steering"]

STEERING_MODELS = ("eigen_beheer", "marktmeester", "samenwerkingspartner", "facilitator")
Multiplier = Annotated[float, Field(gt=0, allow_inf_nan=False), at_most(
    3.0, "no steering model triples the referrals")]


class Steering(BaseModel):
    """The ``[steering]`` section: who runs the access team, how, and what it invites."""

    model_config = _FROZEN
    model: Literal["eigen_beheer", "marktmeester", "samenwerkingspartner", "facilitator"]
    operator: Literal["municipality", "contracted", "partnership", "community"] = Field(
        description="Who employs the team: the municipality, a contracted organisation, a "
        "partnership of social organisations, or community initiatives with a municipal "
        "vangnet.")
    financing: Literal["staff_budget", "contract", "subsidy", "grants"] = Field(
        description="Own staff budget, a contract with result agreements, a subsidy or "
        "convenant, or grants to initiatives.")
    operator_overhead_share: Share = Field(
        0.0, description="The operator's overhead and margin on the team's staff cost, net "
        "of the municipal overhead it replaces (0 for the municipality itself).")
    contract_management_fte: RegieFte = Field(
        0.0, description="Municipal FTE for contract management, accountability and "
        "result talks with the operator.")
    contract_management_cost_per_fte_eur: Euros = Field(
        0.0, description="Loaded cost of one contract-management FTE per year, euros.")
    grants_eur_per_year: Euros = Field(
        0.0, description="Grants to community initiatives per year, euros (facilitator).")
    referral_multiplier: Multiplier = Field(
        1.0, description="Assumption: factor on the share of assessments that end in a "
        "referral (1 = the scenario's shares); the difference goes to or comes from light "
        "help and general facilities in proportion.")
    source: Text = ""

    @model_validator(mode="after")
    def _consistent(self) -> Steering:
        if self.operator == "municipality" and self.operator_overhead_share > 0:
            raise FieldProblem("operator_overhead_share", "expected 0 when the municipality "
                               "operates the team itself (its overhead is organisation."
                               "overhead_share)")
        if self.contract_management_fte > 0 and self.contract_management_cost_per_fte_eur == 0:
            raise FieldProblem("contract_management_cost_per_fte_eur", "expected a cost per "
                               "FTE when contract_management_fte > 0")
        return self
