"""Verdeelsleutels: every key spreads an amount so that the parts add up exactly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simfin.business.allocation import (
    allocate,
    equal_shares,
    inhabitant_shares,
    key_shares,
    to_cents,
    usage_shares,
)
from simfin.business.incidental import incidental_rows, structural_item_rows
from simfin.business.yearly import simulated_rows
from simfin.finance import allocation as finance_allocation
from simfin.scenario import validate_dict
from simfin.scenario.schema import Allocation


def _cents(parts: dict[str, float]) -> int:
    return sum(to_cents(v) for v in parts.values())


def _three(small_dict) -> dict:
    small_dict["municipalities"]["Cdorp"] = {"inhabitants": 3333, "growth_per_year": 0.013,
                                             "age_shares": {"jong": 0.3, "oud": 0.7}}
    return small_dict


def _ledger() -> pd.DataFrame:
    """Team hours by hand: Aadorp 2 h/week all of 2027 and 2028; Beekdorp 1 h/week for the
    first half of 2027 (182.5 days) and a 0e row and a 2e row that must not count."""
    return pd.DataFrame({
        "municipality": ["Aadorp", "Beekdorp", "Beekdorp", "Aadorp"],
        "line": ["1e", "1e", "0e", "2e"],
        "t_start": [0.0, 0.0, 0.0, 0.0], "t_end": [730.0, 182.5, 0.0, 730.0],
        "intensity_per_week": [2.0, 1.0, 0.0, 50.0]})


class TestAllocate:
    def test_hand_example_three_equal_parts(self):
        assert allocate(100.0, {"B": 1, "A": 1, "C": 1}) == {"A": 33.34, "B": 33.33, "C": 33.33}

    def test_negative_amounts(self):
        assert allocate(-100.0, {"A": 1, "B": 1, "C": 1}) == {"A": -33.34, "B": -33.33,
                                                              "C": -33.33}

    def test_largest_remainder_gets_the_cent(self):
        # 0.10 over 0.35 / 0.65: exact 3.5 and 6.5 cents; a tie goes to the first name
        assert allocate(0.10, {"A": 0.35, "B": 0.65}) == {"A": 0.04, "B": 0.06}
        # 1.00 over 0.333 / 0.667: 33.3 and 66.7 cents -> 33 and 67
        assert allocate(1.0, {"A": 0.333, "B": 0.667}) == {"A": 0.33, "B": 0.67}

    def test_rejects_bad_shares(self):
        with pytest.raises(ValueError, match="non-negative"):
            allocate(1.0, {"A": -0.5, "B": 1.5})
        with pytest.raises(ValueError, match="positive sum"):
            allocate(1.0, {"A": 0.0})

    @settings(max_examples=300, deadline=None)
    @given(amount=st.floats(-1e9, 1e9, allow_nan=False),
           weights=st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=7))
    def test_parts_add_up_to_the_total_in_cents(self, amount, weights):
        if sum(weights) <= 0:
            weights = [1.0] * len(weights)
        shares = {f"m{i}": w for i, w in enumerate(weights)}
        parts = allocate(amount, shares)
        assert _cents(parts) == to_cents(amount)
        total = sum(weights)
        for name, value in parts.items():  # each part within one cent of its exact share
            assert abs(value - amount * shares[name] / total) <= 0.01 + 1e-6 * abs(amount)


class TestKeys:
    @pytest.mark.parametrize("amount", [1_000_000.01, 99.99, 0.01, 123_456_789.0, -5000.0])
    @pytest.mark.parametrize("key", ["inhabitants", "usage", "equal", "fixed"])
    def test_every_key_sums_exactly(self, small_dict, key, amount):
        scenario = validate_dict(_three(small_dict))
        fixed = {"Aadorp": 0.2, "Beekdorp": 0.45, "Cdorp": 0.35}
        allocation = Allocation(key=key, shares=fixed if key == "fixed" else {})
        usage = usage_shares(_ledger(), scenario)
        for year in (2027, 2028):
            parts = allocate(amount, key_shares(allocation, scenario, year, usage))
            assert set(parts) == {"Aadorp", "Beekdorp", "Cdorp"}
            assert _cents(parts) == to_cents(amount)

    def test_inhabitant_shares_are_reused_from_finance(self, small_scenario):
        assert inhabitant_shares is finance_allocation.inhabitant_shares
        # hand: 2028 (year index 1): Aadorp 8,000 x 1.01 = 8,080, Beekdorp 12,000
        assert key_shares(Allocation(key="inhabitants"), small_scenario, 2028) == \
            pytest.approx({"Aadorp": 8080 / 20080, "Beekdorp": 12000 / 20080})

    def test_equal_and_fixed(self, small_scenario):
        assert equal_shares(small_scenario) == {"Aadorp": 0.5, "Beekdorp": 0.5}
        fixed = Allocation(key="fixed", shares={"Aadorp": 0.3, "Beekdorp": 0.7})
        assert key_shares(fixed, small_scenario, 2027) == {"Aadorp": 0.3, "Beekdorp": 0.7}

    def test_usage_shares_by_hand(self, small_scenario):
        usage = usage_shares(_ledger(), small_scenario).set_index(["year", "municipality"])
        # 2027: Aadorp 2 x 365/7 h, Beekdorp 1 x 182.5/7 h -> 730 : 182.5 = 0.8 : 0.2
        assert usage.loc[(2027, "Aadorp"), "share"] == pytest.approx(0.8)
        assert usage.loc[(2027, "Beekdorp"), "share"] == pytest.approx(0.2)
        # 2028: only Aadorp works with the team
        assert usage.loc[(2028, "Aadorp"), "share"] == pytest.approx(1.0)

    def test_usage_falls_back_to_inhabitants_without_team_hours(self, small_scenario):
        empty = _ledger().iloc[2:3]  # only a 0e row
        usage = usage_shares(empty, small_scenario)
        assert dict(zip(usage.loc[usage["year"] == 2027, "municipality"],
                        usage.loc[usage["year"] == 2027, "share"])) == \
            pytest.approx(inhabitant_shares(small_scenario, 0))

    def test_usage_needs_a_replication(self, small_scenario):
        with pytest.raises(ValueError, match="usage"):
            key_shares(Allocation(key="usage"), small_scenario, 2027)


class TestItems:
    def test_incidental_split_over_years_and_municipalities(self, small_dict):
        small_dict["incidental"] = {"ict": {
            "category": "ict_migration", "amount_eur": 100000.01, "years": [2027, 2028],
            "year_shares": [0.67, 0.33],
            "allocation": {"key": "fixed", "shares": {"Aadorp": 0.25, "Beekdorp": 0.75}}}}
        rows = incidental_rows(validate_dict(small_dict))
        by_year = rows.groupby("year")["base_eur"].sum()
        # hand: 6,700,000.67 and 3,300,000.33 cents -> the left-over cent goes to 2027
        assert by_year[2027] == pytest.approx(67000.01, abs=1e-9)
        assert by_year[2028] == pytest.approx(33000.00, abs=1e-9)
        got = {(r.year, r.municipality): r.base_eur for r in rows.itertuples()}
        assert got == {(2027, "Aadorp"): 16750.0, (2027, "Beekdorp"): 50250.01,
                       (2028, "Aadorp"): 8250.0, (2028, "Beekdorp"): 24750.0}
        assert sum(to_cents(v) for v in rows["base_eur"]) == to_cents(100000.01)

    def test_range_bounds(self, small_dict):
        small_dict["incidental"] = {"x": {"category": "housing", "years": [2027],
                                          "amount_eur": {"min": 1, "mode": 2, "max": 5}}}
        scenario = validate_dict(small_dict)
        for bound, total in (("min", 1.0), ("mode", 2.0), ("max", 5.0)):
            assert incidental_rows(scenario, bound=bound)["base_eur"].sum() == \
                pytest.approx(total, abs=1e-9)

    def test_structural_item_every_year_in_its_period(self, small_dict):
        small_dict["simulation"]["horizon_years"] = 4
        small_dict["structural"] = {"m": {"category": "management", "amount_eur_per_year": 1000,
                                          "from_year": 2028, "to_year": 2029,
                                          "allocation": "equal"}}
        rows = structural_item_rows(validate_dict(small_dict))
        assert rows.groupby("year")["base_eur"].sum().to_dict() == {2028: 1000.0, 2029: 1000.0}
        assert set(rows["base_eur"]) == {500.0} and set(rows["index"]) == {"wage"}


def test_reallocation_of_a_simulated_category_keeps_the_total(small_dict):
    small_dict["business_case"] = {"allocation_by_category": {"access_team": "equal"}}
    scenario = validate_dict(small_dict)
    costs = pd.DataFrame({
        "replication": 0, "year": [2027, 2027, 2027, 2027], "party": "municipality",
        "municipality": ["Aadorp", "Beekdorp", "Aadorp", "Beekdorp"],
        "provider": ["", "", "p", "p"],
        "category": ["access_team", "access_team", "specialist_care", "specialist_care"],
        "amount_eur": [100.003, 200.0, 7.0, 9.0], "hours": np.nan})
    rows = simulated_rows(costs, scenario).set_index(["category", "municipality"])["base_eur"]
    # equal key for the team: 300.003 -> 30,000.3 cents -> 150.00 each; care stays as simulated
    assert rows["access_team"].to_dict() == {"Aadorp": 150.0, "Beekdorp": 150.0}
    assert rows["specialist_care"].to_dict() == {"Aadorp": 7.0, "Beekdorp": 9.0}
