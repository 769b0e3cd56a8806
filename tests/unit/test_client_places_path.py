"""Client places of a lump-sum provider on the expected path and in the compiled pools.

A case referred to a provider with a fixed number of client places waits for a place.
Such cases used to be processes; now the decision feeds the request to the provider's
pool of places (linked to every team's intake), and the compiled pools serve that pool
like the others. Checked against the processes (the former rule, forced back) and the
Python pools, to the last bit, on the shipped jeugd scenarios with a waiting list.
"""

from __future__ import annotations

import numpy as np
import pytest

import simfin
from simfin.scenario.steering import steered
from simfin.sim.model import Simulation
from simfin.sim.model_intake import REFERRED

SCENARIOS = simfin.__file__.rsplit("/src/", 1)[0] + "/scenarios"
NAMES = ["jeugd-60k", "jeugd-60k-lumpsum-corridor"]


def _run(name: str, monkeypatch=None, processes=False, compiled=True):
    sim = Simulation(steered(simfin.load(f"{SCENARIOS}/{name}.toml")), 0, compiled=compiled)
    if processes:  # the former rule: every case referred to client places is a process
        expected, cases = sim._on_expected_path, sim.cases
        limited = np.array([places is not None for places in sim.places_of] + [False])

        def without_places():
            referred = cases.outcome == REFERRED
            return expected() & ~(referred & limited[cases.product]).any(axis=1)

        monkeypatch.setattr(sim, "_on_expected_path", without_places)
    return sim.run(), sim


def _same_stages(a: Simulation, b: Simulation) -> bool:
    return all(np.array_equal(np.frombuffer(getattr(a.stages, k)),
                              np.frombuffer(getattr(b.stages, k)), equal_nan=True)
               for k in ("arrival", "start", "end"))


@pytest.mark.parametrize("name", NAMES)
def test_client_places_on_the_expected_path_are_what_processes_give(name, monkeypatch):
    (processes, by_process), (expected, sim) = (_run(name, monkeypatch, processes=True),
                                                 _run(name, compiled=False))
    assert by_process.compiled_pools is None and sim.compiled_pools is None
    assert expected.monitor["specialist_waiting"].max() > 5  # clients waited for a place
    assert _same_stages(by_process, sim)
    assert processes.ledger.equals(expected.ledger)
    assert processes.monitor.equals(expected.monitor)


@pytest.mark.parametrize("name", NAMES)
def test_compiled_client_places_serve_as_the_python_pools(name, monkeypatch):
    from simfin.sim.compiled_pools import CompiledPools

    monkeypatch.setattr(CompiledPools, "ROOM", 2)  # heaps and rings grow on the way
    (python, plain), (ours, sim) = _run(name, compiled=False), _run(name)
    assert sim.compiled_pools is not None and plain.compiled_pools is None
    assert _same_stages(plain, sim)
    assert python.ledger.equals(ours.ledger)
    assert python.monitor.equals(ours.monitor)  # the waiting list each week included
    waited = ours.ledger[(ours.ledger["line"] == "2e")
                         & (ours.ledger["t_start"] > ours.ledger["t_arrival"])]
    assert len(waited) > 20                        # care started after a wait for a place
