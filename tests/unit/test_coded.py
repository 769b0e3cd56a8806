"""Strings made from codes (simfin.coded.coded_strings) carry codes that are exactly what
coding the finished column would give, also through a DataFrame, with names repeated,
unsorted or absent from the column; codes kept for one column never answer for another
(a changed column, another replication's ledger, another scenario's)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from conftest import small_scenario_dict

from simfin.coded import coded, coded_column, coded_strings
from simfin.finance import yearly_costs
from simfin.metrics import flow_kpis
from simfin.scenario import validate_dict
from simfin.sim import simulate


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


def test_kpis_and_costs_of_a_changed_scenario_are_its_own():
    """The codes kept for one replication's ledger never answer for another's: a variant
    with other shares gets the KPIs and costs of its own ledger, the same as from a copy
    of that ledger whose columns were never coded before."""
    base = validate_dict(small_scenario_dict())
    variant = base.with_changes({"demand_streams.jeugd.resolved_0e_share": 0.6})
    first, second = simulate(base, 0), simulate(variant, 0)
    kpis_first = flow_kpis(first.ledger, first.monitor, base)
    yearly_first = yearly_costs(first.ledger, base)
    kpis = flow_kpis(second.ledger, second.monitor, variant)
    yearly = yearly_costs(second.ledger, variant)
    fresh = second.ledger.copy(deep=True)  # new arrow data: nothing kept for it
    fresh = fresh.assign(**{c: fresh[c].astype(object).astype(fresh[c].dtype)
                            for c in fresh.columns if fresh[c].dtype == "str"})
    pd.testing.assert_frame_equal(kpis, flow_kpis(fresh, second.monitor, variant))
    pd.testing.assert_frame_equal(yearly, yearly_costs(fresh, variant))
    share = kpis.set_index("kpi")["value"]["resolved_0e_share"]
    assert share != kpis_first.set_index("kpi")["value"]["resolved_0e_share"]
    assert not yearly["amount_eur"].equals(yearly_first["amount_eur"])
