"""The library's simulation gives the same ledger as the straightforward SimPy reference.

``benchmarks/reference_model.py`` runs every stage as its own ``simpy.Process`` on
``simpy.PriorityResource``, starts every request (also those resolved in the 0e lijn) as a
process at time 0 and reads attributes from numpy arrays. The library uses a lean server
pool, flat attribute lists, a driver that runs cases without ``Initialize`` and end events,
one event per arrival, and no event at the end of open-capacity care that is a case's last
step. With the default ``warmup_method = "full"`` the two are the same model and draw the
same random numbers in the same order: with continuous distributions no two events of
different cases share a time stamp, so the ledgers must agree row by row, to the last bit
(equivalence: identical). ``warmup_method = "prune"`` leaves cases out and is only
statistically indistinguishable: ``test_warmup_prune.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import small_scenario_dict

from simfin.scenario import validate_dict
from simfin.sim import simulate

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from reference_model import reference_simulate  # noqa: E402


def _variants() -> dict[str, dict]:
    base = small_scenario_dict()
    apart = small_scenario_dict()
    apart["access_team"].update(organisation="per_municipality", specialist_fte=0.6)
    apart["access_team"]["complexity"]["zwaar"].update(
        consultation_share=0.6, consultation_hours={"family": "gamma", "mean": 5, "cv": 0.5})
    tight = small_scenario_dict()
    tight["access_team"]["fte"] = 4.2  # a busy team: long queues for intake and light help
    return {"joint_with_lump_sum": base, "separate_teams_with_consultations": apart,
            "busy_team": tight}


@pytest.mark.parametrize("name", list(_variants()))
def test_fast_path_ledger_equals_reference(name):
    scenario = validate_dict(_variants()[name])
    for replication in (0, 1):
        fast = simulate(scenario, replication).ledger
        reference = reference_simulate(scenario, replication).ledger
        pd.testing.assert_frame_equal(fast, reference, check_exact=True)


def test_in_care_snapshots_count_the_care_intervals_of_the_ledger():
    """The monitor's clients in specialist care are derived after the run (no event marks
    the end of open-capacity care); at every snapshot from day 0 on they must equal the
    ledger's 2e rows that started by then and had not ended."""
    scenario = validate_dict(_variants()["joint_with_lump_sum"])
    out = simulate(scenario, 0)
    care = out.ledger[out.ledger["line"] == "2e"]
    start, end = care["t_start"].to_numpy(), care["t_end"].fillna(float("inf")).to_numpy()
    late = out.monitor[out.monitor["t"] >= 0]
    assert len(late) > 100
    for t, count in zip(late["t"], late["specialist_in_care"]):
        assert count == ((start <= t) & (end > t)).sum()
