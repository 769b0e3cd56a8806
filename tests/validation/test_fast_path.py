"""The library's simulation gives the same ledger as the straightforward SimPy reference.

``benchmarks/reference_model.py`` runs every stage as its own process on
``simpy.PriorityResource``; the library uses a lean server pool, list-based attributes and
no process per 0e request. With continuous distributions no two events of different cases
share a time stamp, so the ledgers must agree row by row, to the last bit.
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
        pd.testing.assert_frame_equal(fast, reference)
