"""Period and price-level texts of a run's figures: the reported years, the period of a count,
the price level of euros."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simfin.report.labels import label

if TYPE_CHECKING:
    from simfin.scenario import Scenario

__all__ = ["TOTAL_KPIS", "kpi_period", "price_level", "years_text"]


def years_text(scenario: Scenario) -> str:
    """The reported years, e.g. ``"2025–2029"`` (one year: ``"2025"``)."""
    start = scenario.simulation.start_year
    end = start + scenario.simulation.horizon_years - 1
    return str(start) if start == end else f"{start}\u2013{end}"


#: KPIs whose value is a count over all reported years (not per year, not a mean).
TOTAL_KPIS = ("requests", "entered_0e", "entered_1e", "entered_2e")


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
