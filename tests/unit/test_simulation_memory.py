"""A replication leaves nothing behind: once its results are built, the simulation (its
cases, stage times and SimPy objects) is freed by reference counting alone. Reference
cycles through cases still waiting or in progress at the end would keep every replication
of a sweep in memory until Python's next full garbage collection."""

from __future__ import annotations

import gc
import weakref

from conftest import small_scenario_dict

from simfin.scenario import validate_dict
from simfin.sim import Simulation


def test_a_finished_simulation_is_freed_without_the_garbage_collector():
    data = small_scenario_dict()
    data["access_team"]["fte"] = 4.2  # a busy team: cases still wait at the end of the run
    scenario = validate_dict(data)
    enabled = gc.isenabled()
    gc.disable()
    try:
        sim = Simulation(scenario, 0)
        out = sim.run()
        assert (out.ledger["outcome"] == "waiting").any()   # the hard case was exercised
        assert (out.ledger["outcome"] == "in_service").any()
        alive = weakref.ref(sim)
        cases = weakref.ref(sim.stages)
        del sim
        assert alive() is None and cases() is None
    finally:
        if enabled:
            gc.enable()
