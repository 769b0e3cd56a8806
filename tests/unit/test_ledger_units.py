"""The ledger's ``units``: what was delivered within the reported years, nothing for a row
that never started (a found bug: a waiting row counted the whole horizon)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import small_scenario_dict

from simfin.scenario import validate_dict
from simfin.sim import simulate

HORIZON = 2 * 365.0


@pytest.fixture(scope="module")
def ledger():
    data = small_scenario_dict()
    data["access_team"]["fte"] = 4.2  # intakes still waiting at the end; lump-sum waiting list
    return simulate(validate_dict(data), 0).ledger


def test_a_row_that_never_started_delivered_nothing(ledger):
    waiting = ledger[ledger["outcome"] == "waiting"]
    assert {"1e", "2e"} <= set(waiting["line"])  # both kinds of queue are in the fixture
    assert waiting["t_start"].isna().all()
    assert (waiting["units"] == 0).all()


def test_units_are_intensity_times_days_served_in_the_reported_years(ledger):
    rows = ledger.itertuples()
    for row in rows:
        if np.isnan(row.t_start):
            days = 0.0
        else:
            end = HORIZON if np.isnan(row.t_end) else row.t_end
            days = max(0.0, end - max(row.t_start, 0.0))
        assert row.units == pytest.approx(row.intensity_per_week * days / 7, abs=1e-9)
