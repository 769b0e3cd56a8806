"""Returns under policy regimes on the expected path and in the compiled pools.

A return takes the attributes of the policy regime in force when it is due. Returning
cases used to be processes for that (a process adopts them when it comes back); now the
expected path adopts them when it feeds the return, and the compiled pools do the same in
numba. Checked against the processes (the former rule, forced back) and the Python pools,
to the last bit, on the BBS business-case switch (the nulalternatief until 2028, then the
joint organisation: other hours, a dip, other financing) and on a regime that changes
the pathway shares of returns.
"""

from __future__ import annotations

import numpy as np
import pytest

import simfin
from simfin.business.switch import switched
from simfin.scenario.schema.timeline import TimelineEvent
from simfin.scenario.steering import steered
from simfin.sim.model import Simulation
from simfin.sim.policy import EPISODE_ATTRIBUTES

SCENARIOS = simfin.__file__.rsplit("/src/", 1)[0] + "/scenarios"


def _switch() -> simfin.Scenario:
    null = simfin.load(f"{SCENARIOS}/bbs-nulalternatief.toml")
    return switched(null, simfin.load(f"{SCENARIOS}/bbs-gezamenlijk.toml"), "bbs")


def _pathways() -> simfin.Scenario:
    """bbs-95k where, from the third year, jeugd returns far less, is resolved more often
    in the 0e lijn (the regime's table reaches other returns) and is more often urgent."""
    base = simfin.load(f"{SCENARIOS}/bbs-95k.toml")
    event = TimelineEvent.model_validate({"at_month": 24, "changes": {
        "demand_streams.jeugd.reentry_share": 0.05,
        "demand_streams.jeugd.resolved_0e_share": 0.6,
        "demand_streams.jeugd.urgent_share": 0.5}})
    return base.model_copy(update={"timeline": [event]})


def _run(scenario, monkeypatch=None, processes=False, compiled=True):
    sim = Simulation(steered(scenario), 0, compiled=compiled)
    if processes:  # the former rule: every case that returns is a process
        expected = sim._on_expected_path

        def without_returns():
            returns = sim.cases.reentry[:, 0]
            return expected() & ~returns

        monkeypatch.setattr(sim, "_on_expected_path", without_returns)
    return sim.run(), sim


def _same_cases(a, b) -> bool:
    return all(np.array_equal(getattr(a, name), getattr(b, name))
               for name in (*EPISODE_ATTRIBUTES, "resolved_0e"))


@pytest.mark.parametrize("make", [_switch, _pathways], ids=["bbs-switch", "pathways"])
def test_returns_on_the_expected_path_are_what_processes_give(make, monkeypatch):
    scenario = make()
    (processes, by_process), (expected, sim) = (_run(scenario, monkeypatch, processes=True),
                                                 _run(scenario, compiled=False))
    assert sim.policy is not None and sim.compiled_pools is None
    assert by_process.compiled_pools is None  # the processes kept the Python pools
    returns = expected.ledger[(expected.ledger["episode"] > 0)
                              & (expected.ledger["t_arrival"] > sim.policy.starts[1])]
    assert len(returns) > 100                 # returns after the regime changed
    assert processes.ledger.equals(expected.ledger)
    assert processes.monitor.equals(expected.monitor)
    assert _same_cases(by_process.cases, sim.cases)


@pytest.mark.parametrize("make", [_switch, _pathways], ids=["bbs-switch", "pathways"])
def test_compiled_returns_adopt_as_the_python_pools(make):
    scenario = make()
    (python, plain), (ours, sim) = _run(scenario, compiled=False), _run(scenario)
    assert sim.compiled_pools is not None and plain.compiled_pools is None
    adopted = sim.compiled_pools.cases.adopted
    assert (adopted >= 1).sum() > 50          # returns took a later regime's attributes
    for name in ("arrival", "start", "end"):
        assert np.array_equal(np.frombuffer(getattr(plain.stages, name)),
                              np.frombuffer(getattr(sim.stages, name)), equal_nan=True)
    assert python.ledger.equals(ours.ledger)
    assert python.monitor.equals(ours.monitor)
    assert _same_cases(plain.cases, sim.cases)  # the case table followed the adoptions


def test_the_regimes_share_one_draw_of_arrivals_and_base_quantiles():
    """Each regime's table is drawn from the arrivals and base quantiles drawn once: the
    same table as drawing that regime on its own."""
    from simfin.scenario.timeline import regimes
    from simfin.sim.cases import draw_cases

    scenario = steered(_switch())
    sim = Simulation(scenario, 1)
    assert len(sim.policy.tables) >= 3
    last_at = {regime.start_days: regime.scenario for regime in regimes(scenario)[1:]}
    for start, table in zip(sim.policy.starts[1:], sim.policy.tables[1:], strict=True):
        alone = draw_cases(last_at[start], 1)
        assert _same_cases(alone, table) and np.array_equal(alone.arrival, table.arrival)
