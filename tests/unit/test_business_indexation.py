"""Wage and price indexation, nominal and constant prices, against hand computation."""

from __future__ import annotations

import numpy as np
import pytest

from simfin.business.indexation import (
    index_factor,
    index_factors,
    index_kind_of,
    price_base_year,
    to_constant,
    to_nominal,
)
from simfin.scenario import validate_dict


@pytest.fixture
def scenario(small_dict):
    small_dict["simulation"]["horizon_years"] = 4       # 2027–2030
    small_dict["business_case"] = {
        "price_base_year": 2024, "wage_index_per_year": 0.035, "price_index_per_year": 0.025,
        "price_index_by_year": {"2026": 0.05}, "wage_index_by_year": {"2028": 0.06},
        "index_by_category": {"admin": "price"}}
    return validate_dict(small_dict)


def test_price_base_year_defaults_to_the_start_year(small_scenario, scenario):
    assert price_base_year(small_scenario) == 2027
    assert price_base_year(scenario) == 2024


def test_factors_by_hand(scenario):
    # price: 2025 +2.5%, 2026 +5% (override), 2027 +2.5%, 2028 +2.5%
    assert index_factor(scenario, "price", 2024) == 1.0
    assert index_factor(scenario, "price", 2027) == pytest.approx(1.025 * 1.05 * 1.025)
    assert index_factor(scenario, "price", 2028) == pytest.approx(1.025 * 1.05 * 1.025**2)
    # wage: 3.5% a year, 2028 +6% (override)
    assert index_factor(scenario, "wage", 2027) == pytest.approx(1.035**3)
    assert index_factor(scenario, "wage", 2029) == pytest.approx(1.035**4 * 1.06)
    # years before the base year: the inverse
    assert index_factor(scenario, "wage", 2022) == pytest.approx(1 / 1.035**2)
    assert index_factor(scenario, "none", 2030) == 1.0


def test_vectorised_factors_match_single_ones(scenario):
    years = np.array([2027, 2030, 2027, 2028])
    factors = index_factors(scenario, years)
    for kind in ("wage", "price", "none"):
        assert factors[kind] == pytest.approx([index_factor(scenario, kind, y) for y in years])


def test_nominal_and_constant_prices(scenario):
    base = np.array([1000.0, 1000.0, 1000.0])
    kinds = ["wage", "price", "none"]
    years = [2028, 2028, 2028]
    pf = 1.025 * 1.05 * 1.025**2   # price factor 2024 -> 2028 = 1.13059...
    wf = 1.035**3 * 1.06           # wage factor 2024 -> 2028 = 1.17518...
    nominal = to_nominal(scenario, base, kinds, years)
    assert nominal == pytest.approx([1000 * wf, 1000 * pf, 1000.0])
    # constant prices: deflated by the price index; real wage growth stays, a fixed nominal
    # amount loses real value, a price-indexed amount is its base amount
    assert to_constant(scenario, nominal, years) == pytest.approx(
        [1000 * wf / pf, 1000.0, 1000 / pf])


def test_index_kind_of_categories(scenario, small_scenario):
    assert index_kind_of(small_scenario, "access_team") == "wage"
    assert index_kind_of(small_scenario, "admin") == "wage"
    assert index_kind_of(small_scenario, "specialist_care") == "price"
    assert index_kind_of(small_scenario, "anything_else") == "price"
    assert index_kind_of(scenario, "admin") == "price"   # overridden in the file


def test_unknown_kind_is_rejected(scenario):
    with pytest.raises(ValueError, match="index kind"):
        index_factor(scenario, "rent", 2027)


def test_yearly_table_prices(small_dict):
    """The yearly table applies the same arithmetic: a wage cost of 1,000 a year."""
    import pandas as pd

    from simfin.business.yearly import priced

    small_dict["business_case"] = {"wage_index_per_year": 0.04, "price_index_per_year": 0.01}
    scenario = validate_dict(small_dict)  # base year = start year 2027
    rows = pd.DataFrame({"replication": 0, "year": [2027, 2028], "municipality": "Aadorp",
                         "cost_type": "structural", "category": "access_team", "provider": "",
                         "item": "", "taakveld": "6.2", "index": "wage",
                         "base_eur": 1000.0})
    out = priced(rows, scenario, "v")
    assert out["nominal_eur"].to_numpy() == pytest.approx([1000.0, 1040.0])
    assert out["constant_eur"].to_numpy() == pytest.approx([1000.0, 1040.0 / 1.01])
