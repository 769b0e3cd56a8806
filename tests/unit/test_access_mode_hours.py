"""Per-domain intake hours across replications (issue 15, item 9).

The reported bug: ``access_mode_comparison`` in per-domain mode gave jeugd 21.4 h per intake
instead of 6.2 h from the second replication on. Cause: intakes still waiting at the end of
the horizon (never started, ``t_start`` NaN) were counted as served from day 0, so every
replication whose team ended with a queue inflated its hours (fixed in ``sim/ledger.py``).
These tests run a team that ends every replication with a queue, so they fail under that bug.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import small_scenario_dict

from simfin.runner import run
from simfin.scale import access_mode_comparison
from simfin.scenario import validate_dict

REPLICATIONS = 3
HORIZON_DAYS = 2 * 365.0


def _scenario(mode: str, fte: float):
    data = small_scenario_dict()
    data["demand_streams"]["jeugd"]["domains"] = 3
    data["access_team"]["integral_plan_share"] = 0.25
    data["access_team"]["intake_mode"] = mode
    data["access_team"]["fte"] = fte
    return validate_dict(data)


@pytest.fixture(scope="module")
def saturated():
    """Per-domain intake on a team too small for it: a queue at the end of every replication."""
    scenario = _scenario("per_domain", fte=4.2)
    return scenario, run(scenario, replications=REPLICATIONS)


def test_every_replication_ends_with_waiting_intakes(saturated):
    _, results = saturated
    intakes = results.ledger[results.ledger["activity"] == "assessment"]
    waiting = intakes["t_start"].isna().groupby(intakes["replication"]).sum()
    assert (waiting.reindex(range(REPLICATIONS), fill_value=0) > 0).all()


def test_hours_per_intake_equal_the_stage_times_in_every_replication(saturated):
    """Per replication, stream and complexity: the mean hours of intakes done inside the
    reported years equal the scenario's mean assessment hours times the intake factor
    (3 domains: 3 intakes), within four standard errors."""
    scenario, results = saturated
    team = scenario.access_team
    ledger = results.ledger
    done = ledger[(ledger["activity"] == "assessment") & (ledger["t_start"] >= 0)
                  & (ledger["t_end"] <= HORIZON_DAYS)]
    checked = 0
    for (rep, stream, level), hours in done.groupby(["replication", "stream", "complexity"],
                                                    observed=True)["units"]:
        if len(hours) < 30:
            continue
        factor = team.intake_factor(scenario.demand_streams[stream].domains)
        expected = team.complexity[level].assessment_hours.mean * factor
        error = hours.std(ddof=1) / np.sqrt(len(hours))
        assert abs(hours.mean() - expected) < 4 * error + 1e-9, (rep, stream, level)
        checked += 1
    assert checked >= 2 * REPLICATIONS  # jeugd and wmo, light intakes, in every replication


def test_never_started_intakes_delivered_no_hours(saturated):
    _, results = saturated
    intakes = results.ledger[results.ledger["activity"] == "assessment"]
    assert (intakes.loc[intakes["t_start"].isna(), "units"] == 0).all()


def test_a_team_works_no_more_hours_than_it_has():
    """Hours worked per year cannot exceed the assessment capacity (conservation); the old
    bug gave a saturated team several times its capacity."""
    scenario = _scenario("integral", fte=4.2)
    team = scenario.access_team
    capacity = team.fte * team.assessment_share * team.case_hours_per_fte
    table = access_mode_comparison(scenario, replications=REPLICATIONS).set_index("intake_mode")
    assert table.loc["per_domain", "assessment_hours_per_year"] <= capacity * 1.0001
    assert table.loc["per_domain", "assessment_hours_per_year"] >= \
        table.loc["integral", "assessment_hours_per_year"]
