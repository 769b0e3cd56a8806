"""Wage and price indexation: nominal euros and constant prices.

Every euro amount in a scenario (tariffs, loaded cost per FTE, incidental items, the
ceiling) is at the price level of ``business_case.price_base_year`` (default: the first
reported year). Two indices carry amounts to later years:

* the wage index (loonindex) for staff costs: ``access_team``, ``specialists``,
  ``indivisible_roles``, ``overhead`` and ``admin`` by default;
* the price index (prijsindex) for everything bought: ``specialist_care`` and
  ``fixed_costs`` by default.

The factor of a kind for calendar year ``t`` is the product of ``1 + rate`` over the years
``price_base_year + 1 .. t`` (1 for the base year; the inverse product for years before
it); the rate of a year is its entry in ``*_index_by_year`` or else ``*_index_per_year``.
Kind ``none`` is a fixed nominal amount (factor 1).

* nominal euros  = base-year amount x factor of its kind;
* constant prices = nominal euros / price factor, i.e. euros of the base year's general
  price level. Staff costs therefore keep their real wage growth (wage index above price
  index) in constant prices, and a fixed nominal amount loses real value. Discounting uses
  a real rate on these constant prices, as the Dutch MKBA guideline does.
"""

from __future__ import annotations

import math

import numpy as np

from simfin.scenario.schema import Scenario

__all__ = ["DEFAULT_INDEX", "INDEX_KINDS", "index_factor", "index_factors", "index_kind_of",
           "price_base_year", "to_constant", "to_nominal"]

INDEX_KINDS = ("wage", "price", "none")
#: Index kind of the simulated cost categories unless ``business_case.index_by_category`` says
#: otherwise; any other category is price-indexed.
DEFAULT_INDEX = {"access_team": "wage", "admin": "wage", "specialist_care": "price",
                 "specialists": "wage", "indivisible_roles": "wage", "overhead": "wage",
                 "fixed_costs": "price", "benefits": "price", "budget_lines": "price",
                 "regie": "wage", "coordination": "wage", "operator_overhead": "wage",
                 "contract_management": "wage",
                 "inhuur": "wage", "double_running": "price"}


def price_base_year(scenario: Scenario) -> int:
    """The year whose price level the scenario's euro amounts are in."""
    base = scenario.business_case.price_base_year
    return scenario.simulation.start_year if base is None else base


def _rate(scenario: Scenario, kind: str, year: int) -> float:
    bc = scenario.business_case
    by_year = bc.wage_index_by_year if kind == "wage" else bc.price_index_by_year
    default = bc.wage_index_per_year if kind == "wage" else bc.price_index_per_year
    return by_year.get(year, default)


def index_factor(scenario: Scenario, kind: str, year: int) -> float:
    """Index factor of ``kind`` ("wage", "price" or "none") from the base year to ``year``."""
    if kind not in INDEX_KINDS:
        raise ValueError(f"unknown index kind {kind!r}; expected one of {INDEX_KINDS}")
    if kind == "none":
        return 1.0
    base = price_base_year(scenario)
    if year >= base:
        return math.prod(1.0 + _rate(scenario, kind, y) for y in range(base + 1, year + 1))
    return 1.0 / math.prod(1.0 + _rate(scenario, kind, y) for y in range(year + 1, base + 1))


def index_factors(scenario: Scenario, years) -> dict[str, np.ndarray]:
    """Factors per kind for an array of calendar years: ``{kind: array like years}``."""
    years = np.asarray(years, dtype=int)
    unique = np.unique(years)
    out = {}
    for kind in INDEX_KINDS:
        table = {int(y): index_factor(scenario, kind, int(y)) for y in unique}
        out[kind] = np.array([table[int(y)] for y in years.ravel()]).reshape(years.shape)
    return out


def index_kind_of(scenario: Scenario, category: str) -> str:
    """Index kind of a simulated cost category."""
    own = scenario.business_case.index_by_category
    return own.get(category, DEFAULT_INDEX.get(category, "price"))


def to_nominal(scenario: Scenario, base_eur, kinds, years) -> np.ndarray:
    """Base-year euros to nominal euros of ``years``, each with its index kind."""
    factors = index_factors(scenario, years)
    kinds = np.asarray(kinds, dtype=object)
    factor = np.select([kinds == k for k in INDEX_KINDS], [factors[k] for k in INDEX_KINDS],
                       default=np.nan)
    return np.asarray(base_eur, dtype=float) * factor


def to_constant(scenario: Scenario, nominal_eur, years) -> np.ndarray:
    """Nominal euros of ``years`` to constant prices of the base year (price index)."""
    return np.asarray(nominal_eur, dtype=float) / index_factors(scenario, years)["price"]
