"""Coded 2e-lijn rows and grouped sums: same groups, order and sums as a groupby on the names.

The finance rules group by integer codes instead of strings (for speed); these tests check
that this changes nothing, down to the last bit, including the two ways pandas adds up
(rows sorted by group, or interleaved).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import small_scenario_dict

from simfin.finance.admin import admin_costs, admin_items
from simfin.finance.care import CareRows, care_rows, coded, coded_column, group_sum, group_sums
from simfin.scenario import validate_dict
from simfin.sim import simulate

# four values whose float sum depends on the order and method of adding up
VALUES = [149.16666666666666, 126.50000000000001, 40.0, 379.5]


def test_coded_sorts_names_and_codes_point_back():
    column = coded(pd.Series(["b", "a", "c", "a"]))
    assert column.names == ("a", "b", "c")
    assert column.codes.tolist() == [1, 0, 2, 0]
    assert column.where("a").tolist() == [False, True, False, True]
    assert column.where("zz").tolist() == [False] * 4
    assert column.lookup({"a": 1.5, "b": 2.5, "c": 3.5}.get).tolist() == [2.5, 1.5, 3.5, 1.5]


def test_coded_column_follows_a_changed_column_and_never_serves_another_frame():
    ledger = pd.DataFrame({"line": ["1e", "2e", "2e"]})
    first = coded_column(ledger["line"])
    assert coded_column(ledger["line"]) is first  # the same data: coded once
    assert first.where("2e").tolist() == [False, True, True]
    ledger.loc[0, "line"] = "2e"  # a write replaces the column's data
    assert coded_column(ledger["line"]).where("2e").tolist() == [True, True, True]
    other = pd.DataFrame({"line": ["0e", "0e", "2e"]})
    assert coded_column(other["line"]).names == ("0e", "2e")
    assert coded_column(pd.Series(["b", "a"], dtype=object)).codes.tolist() == [1, 0]
    with pytest.raises(ValueError):  # shared codes are read-only
        first.codes[0] = 0


def test_subset_codes_like_coding_the_selected_entries():
    values = pd.Series(["b", "a", None, "c", "a", "b"], dtype="str")
    mask = np.array([True, False, True, False, False, True])
    got, expected = coded(values).subset(mask), coded(values[mask])
    assert got.names == expected.names == ("b",)
    assert got.codes.tolist() == expected.codes.tolist() == [0, -1, 0]


@pytest.mark.parametrize("names", [["x", "x", "x", "x", "y"],     # rows sorted by group
                                   ["y", "x", "x", "y", "x"]])    # interleaved
def test_group_sum_equals_groupby_on_the_names_exactly(names):
    values = np.array([VALUES + [1.0], [1.0] + VALUES[::-1]]).T
    expected = pd.DataFrame(values).groupby(pd.Series(names, dtype="str")).sum()
    column = coded(pd.Series(names))
    present, sums = group_sum(column.codes, values)
    assert [column.names[c] for c in present] == expected.index.tolist()
    np.testing.assert_array_equal(sums, expected.to_numpy())


def test_group_sums_side_by_side_equal_one_by_one_also_with_nan():
    codes = np.array([0, 0, 0, 0, 1])
    a = np.array([VALUES + [2.0]]).T
    b = np.array([[np.nan, 1.0, 2.0, 3.0, 4.0]]).T
    for matrices in ([a, a[::-1].copy()], [a, b]):
        present, sums = group_sums(codes, matrices)
        assert present.tolist() == [0, 1]
        for matrix, total in zip(matrices, sums):
            np.testing.assert_array_equal(total, group_sum(codes, matrix)[1])


@pytest.fixture(scope="module")
def scenario():
    data = small_scenario_dict()  # two municipalities, two providers
    data["admin"].update({"check_share": 0.1,
                          "check_minutes": {"municipality": 20, "provider": 30},
                          "contract_management_hours_per_year": {"municipality": 40,
                                                                 "provider": 30}})
    return validate_dict(data)


@pytest.fixture(scope="module")
def ledger(scenario):
    return simulate(scenario, 0).ledger


def test_care_rows_from_ledger_are_its_2e_rows(ledger):
    rows = CareRows.from_ledger(ledger)
    care = ledger[ledger["line"] == "2e"]
    assert len(rows) == len(care) > 0
    assert [rows.provider.names[c] for c in rows.provider.codes] == care["provider"].tolist()
    np.testing.assert_array_equal(rows.t_end, care["t_end"].to_numpy())
    same = care_rows(care)
    np.testing.assert_array_equal(same.activity.codes, rows.activity.codes)


def test_admin_costs_are_the_grouped_sums_of_admin_items_exactly(ledger, scenario):
    care = ledger[ledger["line"] == "2e"].reset_index(drop=True)
    items = admin_items(care, scenario)
    assert set(items["municipality"]) == {"Aadorp", "Beekdorp"} and items["hours"].min() > 0
    expected = items.groupby(["year", "municipality", "party", "provider"], as_index=False)[
        ["amount_eur", "hours"]].sum()
    found = pd.DataFrame(admin_costs(care, scenario))[list(expected.columns)]
    assert len(found) == len(expected) > 0
    for column in expected.columns:
        assert found[column].tolist() == expected[column].tolist(), column
