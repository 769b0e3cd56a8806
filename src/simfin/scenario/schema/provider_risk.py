"""Scenario schema, provider uncertainty (``[provider_risk]``): an explicit, labelled assumption.

Oude IJsselstreek's bestuursopdracht (2019) names a fourth reason to leave p*q: providers do not
know in advance what care will be bought from them, and "deze onzekerheid heeft een
prijsopdrijvend en kwaliteit verlagend effect". No Dutch effect size was found, so simfin
states the mechanism as an assumption: a provider adds to its price a markup that grows with
the relative spread of its yearly revenue (:mod:`simfin.finance.provider_risk`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from simfin.scenario.schema.common import _FROZEN, Text

__all__ = ["ProviderRisk"]


class ProviderRisk(BaseModel):
    """Risk premium in a provider's price: ``markup = price_per_cv * cv`` of its revenue."""

    model_config = _FROZEN
    price_per_cv: Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)] = Field(
        description="Price markup (share of the price) per unit of the coefficient of "
        "variation of the provider's yearly revenue: 0.5 means a provider whose revenue "
        "varies by 10% (standard deviation / mean) asks 5% more. An assumption.")
    max_markup: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = Field(
        0.25, description="The largest markup a provider can ask (share of the price).")
    source: Text = Field("", description="Where the figures come from (title, publisher, "
                         "year, address), or why they are an assumption.")
