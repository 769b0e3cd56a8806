"""Period and price-level texts of a run's figures: the reported years, the period of a count,
the price level of euros."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from simfin.report.labels import label

if TYPE_CHECKING:
    from simfin.scenario import Scenario

__all__ = ["KPI_PERIODS", "TOTAL_KPIS", "kpi_period", "kpi_period_kind", "price_level",
           "with_prices", "years_text"]


def years_text(scenario: Scenario) -> str:
    """The reported years, e.g. ``"2025–2029"`` (one year: ``"2025"``)."""
    start = scenario.simulation.start_year
    end = start + scenario.simulation.horizon_years - 1
    return str(start) if start == end else f"{start}\u2013{end}"


#: KPIs whose value is a count over all reported years (not per year, not a mean).
TOTAL_KPIS = ("requests", "entered_0e", "entered_1e", "entered_2e", "intake_abandoned",
              "returns_after_abandoning")
#: the period of every KPI that counts something (a :data:`simfin.report.model.PERIODS` kind):
#: a total over the reported years, per year, or a level (a mean or end-of-horizon state)
KPI_PERIODS: dict[str, str] = {
    **dict.fromkeys(TOTAL_KPIS, "horizon"),
    "dossiers_per_year": "year", "benefit_inflow_per_year": "year",
    **dict.fromkeys(("intake_queue_end", "specialist_waiting_mean", "specialist_waiting_end",
                     "specialist_in_care_mean", "light_help_clients_mean",
                     "benefit_recipients_mean"), "state"),
}


def kpi_period_kind(kpi: str) -> str:
    """The period kind of ``kpi`` (:data:`KPI_PERIODS`); "" for days, shares and FTE."""
    return KPI_PERIODS.get(kpi, "")


def kpi_period(kpi: str, scenario: Scenario, lang: str = "nl") -> str:
    """``"totaal 2025–2029"`` for a KPI that counts over the reported years, else ``""``."""
    if kpi not in TOTAL_KPIS:
        return ""
    return label("period.total", lang).format(years=years_text(scenario))


def price_level(scenario: Scenario, lang: str = "nl") -> str:
    """The price level of a run's euros: the scenario's own prices, never indexed.

    ``"prijspeil 2024"`` for ``business_case.price_base_year = 2024``; without it the file does
    not say which year its amounts are in, and neither does the label: ``"prijspeil van de
    invoer"`` (the start year would be a claim: the amounts are usually older tariffs).
    """
    if scenario.business_case.price_base_year is None:
        return label("price.level_inputs", lang)
    return label("price.level", lang).format(year=scenario.business_case.price_base_year)


def with_prices(note: str, prices: str) -> str:
    """A scope note (:func:`simfin.scope_check.scope_note`, whose last clause names a price
    level) naming ``prices`` instead: the document's one price-level text, so the note never
    says another year or wording than the tables ("" stays "")."""
    return re.sub(r";[^;]*\.$", f"; {prices}.", note) if note else ""

