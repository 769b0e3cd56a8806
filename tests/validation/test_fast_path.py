"""The library's simulation gives the same ledger as the straightforward SimPy reference.

``benchmarks/reference_model.py`` runs every stage as its own ``simpy.Process`` on
``simpy.PriorityResource``, starts every request (also those resolved in the 0e lijn) as a
process at time 0 and reads attributes from numpy arrays. It draws its own cases and builds
its own ledger (sharing only the scenario and the documented seed addressing), so a bug in
the library's ``draw_cases`` or ``Ledger`` fails these tests too. The library uses a lean server
pool, flat attribute lists, a driver that runs cases without ``Initialize`` and end events,
one event per arrival, and no event at the end of open-capacity care that is a case's last
step; where no case is a process, the pools and the cases' steps run as compiled code. With the default ``warmup_method = "full"`` the two are the same model and draw the
same random numbers in the same order: with continuous distributions no two events of
different cases share a time stamp, so the ledgers must agree row by row, to the last bit
(equivalence: identical). ``warmup_method = "prune"`` leaves cases out and is only
statistically indistinguishable: ``test_warmup_prune.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import small_scenario_dict

from simfin.scenario import validate_dict
from simfin.sim import Simulation, simulate

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from reference_model import ReferenceCases, reference_cases, reference_simulate  # noqa: E402


def _variants() -> dict[str, dict]:
    base = small_scenario_dict()
    apart = small_scenario_dict()
    apart["access_team"].update(organisation="per_municipality", specialist_fte=0.6)
    apart["access_team"]["complexity"]["zwaar"].update(
        consultation_share=0.6, consultation_hours={"family": "gamma", "mean": 5, "cv": 0.5})
    tight = small_scenario_dict()
    tight["access_team"]["fte"] = 4.2  # a busy team: long queues for intake and light help
    # multipliers apart from 1 (indicated != delivered) and a local factor on a rate
    behaviour = small_scenario_dict()
    behaviour["providers"]["jeugdhulp"]["financing"].update(duration_multiplier=1.2,
                                                            intensity_multiplier=0.9)
    behaviour["providers"]["wmo_zorg"]["financing"].update(duration_multiplier=0.8,
                                                           step_down_multiplier=1.5)
    behaviour["municipalities"]["Aadorp"]["local_factors"] = {"jeugd": 1.3}
    # every provider p*q without a limit on places: no case is a process, the pools and the
    # cases' steps run compiled; busy teams with consultations, returns and light help
    open_care = small_scenario_dict()
    open_care["providers"]["wmo_zorg"]["financing"] = {"kind": "pq_per_unit"}
    open_care["access_team"].update(organisation="per_municipality", specialist_fte=0.6,
                                    fte=4.2)
    open_care["access_team"]["complexity"]["zwaar"].update(
        consultation_share=0.6, consultation_hours={"family": "gamma", "mean": 5, "cv": 0.5})
    return {"joint_with_lump_sum": base, "separate_teams_with_consultations": apart,
            "busy_team": tight, "behaviour_multipliers": behaviour,
            "all_open_care_compiled": open_care}


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python-pools"])
@pytest.mark.parametrize("name", list(_variants()))
def test_fast_path_ledger_equals_reference(name, compiled):
    """No case of these variants is a process (the lump sum's client places are a pool
    fed at the decision), so they run on the compiled pools; with ``compiled=False`` on
    the Python pools. Both give the reference model's ledger to the last bit."""
    scenario = validate_dict(_variants()[name])
    for replication in (0, 1):
        sim = Simulation(scenario, replication, compiled=compiled)
        out = sim.run()
        fast = out.ledger
        assert (sim.compiled_pools is not None) == compiled
        if name == "all_open_care_compiled":  # what the steps do was really exercised
            assert out.monitor["intake_queue"].max() > 0
            assert {"consultation", "light_help"} <= set(fast["activity"])
            assert (fast["episode"] > 0).sum() > 10
        if name == "joint_with_lump_sum":     # clients waited for a client place
            assert out.monitor["specialist_waiting"].max() > 0
        reference = reference_simulate(scenario, replication).ledger
        pd.testing.assert_frame_equal(fast, reference, check_exact=True)


@pytest.mark.parametrize("name", list(_variants()))
def test_reference_draws_the_same_cases_as_the_library(name):
    """The reference draws its cases itself (scenario and seed addressing only): every
    attribute of every case equals the library's ``draw_cases`` to the last bit."""
    from dataclasses import fields

    from simfin.sim.cases import draw_cases

    scenario = validate_dict(_variants()[name])
    for replication in (0, 1):
        ours, theirs = reference_cases(scenario, replication), draw_cases(scenario, replication)
        assert ours.n == theirs.n > 100
        for field in fields(ReferenceCases):
            a, b = getattr(ours, field.name), getattr(theirs, field.name)
            if isinstance(a, tuple):
                assert a == b, field.name
            else:
                np.testing.assert_array_equal(a, b, err_msg=field.name, strict=False)


def test_reference_counts_the_cases_from_its_own_arrival_events():
    """Independent of both ledgers: each request arriving in the reported years has exactly
    one first row (0e lijn or intake) in the library's ledger."""
    scenario = validate_dict(_variants()["busy_team"])
    fast = simulate(scenario, 0).ledger
    arrivals = reference_cases(scenario, 0).arrival
    first = fast[(fast["episode"] == 0) & fast["activity"].isin(["advice", "assessment"])
                 & (fast["t_arrival"] >= 0)]
    assert sorted(first["case_id"]) == list(np.flatnonzero(arrivals >= 0))
    np.testing.assert_array_equal(first.sort_values("case_id")["t_arrival"].to_numpy(),
                                  arrivals[arrivals >= 0])


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
