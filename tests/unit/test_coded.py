"""Strings made from codes (simfin.coded.coded_strings) carry codes that are exactly what
coding the finished column would give, also through a DataFrame, with names repeated,
unsorted or absent from the column."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.coded import coded, coded_column, coded_strings


def test_codes_of_strings_made_from_codes_equal_coding_them():
    names = ["zorg", "", "beta", "zorg", "alfa"]  # unsorted, repeated, "alfa" never used
    index = np.array([3, 1, 0, 2, 2, 1, 3])
    frame = pd.DataFrame({"provider": coded_strings(names, index)})
    assert frame["provider"].tolist() == [names[i] for i in index]
    got = coded_column(frame["provider"])
    expected = coded(pd.Series([names[i] for i in index]))
    assert got.names == expected.names == ("", "beta", "zorg")
    assert got.codes.tolist() == expected.codes.tolist()


def test_a_changed_column_is_coded_again():
    frame = pd.DataFrame({"line": coded_strings(["1e", "2e"], np.array([0, 1, 1]))})
    frame.loc[0, "line"] = "0e"
    assert coded_column(frame["line"]).names == ("0e", "2e")
