"""The compiled expected path (:mod:`simfin.sim.compiled_pools`) serves as the Python one
does, to the last bit: one pool against ``simpy.PriorityResource``, whole runs against the
Python pools (themselves checked against ``PriorityResource`` in ``test_server_pool.py``)."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import numpy as np
import pytest
import simpy
from test_server_pool import _with_priority_resource  # the PriorityResource oracle

import simfin
from simfin.scenario.schema.timeline import TimelineEvent
from simfin.scenario.steering import steered
from simfin.sim.cases import EPISODES, OUTCOMES
from simfin.sim.compiled_pools import CompiledPools
from simfin.sim.model import Simulation
from simfin.sim.server_pool import ServerPool
from simfin.sim.stage_times import STAGES, StageTimes

SCENARIOS = simfin.__file__.rsplit("/src/", 1)[0] + "/scenarios"


def _compiled(arrival, priority, service, servers, probes, room=64, changes=()):
    """The same jobs as first intakes of cases that need nothing else (outcome: a general
    facility, no consultation, no return), served by compiled pools."""
    n = len(arrival)
    per_episode = np.zeros(n * EPISODES)
    first = np.arange(n) * EPISODES
    days, prio = per_episode.copy(), np.ones(n * EPISODES, dtype=np.int64)
    days[first], prio[first] = service, priority
    no = np.zeros(n * EPISODES, dtype=bool)
    c = SimpleNamespace(assessment_days=days, consult=no, consult_days=per_episode,
                        outcome=np.full(n * EPISODES, OUTCOMES.index("general_facility")),
                        care_days=per_episode, step_down=no, light_days=per_episode,
                        reentry=no, reentry_delay_days=per_episode, priority=prio,
                        product=np.full(n * EPISODES, -1))
    pool = ServerPool(simpy.Environment(), servers)
    stages = StageTimes(n)
    CompiledPools.ROOM = room
    try:
        CompiledPools([pool], {id(pool): (arrival, np.arange(n))}, c, np.zeros(n, dtype=int),
                      [pool], [pool], [None], stages, np.inf)
    finally:
        CompiledPools.ROOM = 64
    seen = [(pool.busy(t), pool.queue_length) for t in probes]
    for t, capacity in changes:
        pool.set_capacity(capacity, t)
    pool.catch_up(np.inf)
    return np.frombuffer(stages.start)[first * len(STAGES)], seen


def _python(arrival, priority, service, servers, changes):
    """The same requests at the Python pool (``ServerPool.expect``)."""
    pool = ServerPool(simpy.Environment(), servers)
    start = np.full(len(arrival), np.nan)

    def begin(n: int, s: float) -> float:
        start[n] = s
        return s + service[n]

    pool.expect(list(arrival), list(priority), begin)
    for t, capacity in changes:
        pool.set_capacity(capacity, t)
    pool.catch_up(np.inf)
    return start


@pytest.mark.parametrize(("servers", "room"), [(1, 64), (3, 64), (3, 1)])
def test_one_compiled_pool_serves_as_a_priority_resource(servers, room):
    rng = np.random.default_rng(servers)
    n = 400
    arrival = np.cumsum(rng.exponential(1.0, n))
    priority = rng.integers(0, 2, n)
    service = np.where(rng.random(n) < 0.3, rng.exponential(0.2, n),
                       rng.exponential(servers * 1.2, n))
    probes = np.linspace(1.0, arrival[-1] - 0.5, 50)  # not at an arrival (simultaneous events)
    start, seen = _compiled(arrival, priority, service, servers, probes, room)
    reference, reference_seen = _with_priority_resource(arrival, priority, service, servers,
                                                        probes)
    assert np.array_equal(start, reference)           # to the last bit
    assert seen == reference_seen                     # busy servers and queue at each probe
    waited = start > arrival
    assert waited.sum() > 50                          # the queue was really used
    assert (priority[waited] == 0).any() and (priority[waited] == 1).any()


@pytest.mark.parametrize(("room", "whole_days"), [(1, False), (64, False), (64, True)])
def test_capacity_changes_as_at_the_python_pool(room, whole_days):
    """More servers than the pool ever had (its heap of ends must grow), then fewer (busy
    servers finish and are not passed on), then more again, between arrivals; in whole
    days also at the very time services end and requests arrive."""
    rng = np.random.default_rng(7)
    n = 600
    arrival = np.cumsum(rng.exponential(0.5, n))
    priority = rng.integers(0, 2, n)
    service = rng.exponential(2.0, n)
    changes = [(arrival[100] + 0.25, 6), (arrival[250] + 0.25, 2), (arrival[400] + 0.25, 9)]
    if whole_days:
        arrival, service = np.floor(arrival), np.ceil(service)
        changes = [(30.0, 5), (45.0, 1), (60.0, 6), (75.0, 2), (90.0, 4), (110.0, 1)]
    start, _ = _compiled(arrival, priority, service, 1, [], room, changes)
    reference = _python(arrival, priority, service, 1, changes)
    assert np.array_equal(start, reference)
    assert (start > arrival).sum() > 300                       # the queue mattered
    unchanged = _python(arrival, priority, service, 1, [])
    assert (start < unchanged - 1).sum() > 50                  # and so did the servers


def _whole_days(sim: Simulation) -> None:
    """Arrivals and every duration in whole days: many steps at the very same time, so
    the order of ties (pool, arrival before end, expected before fed) decides."""
    for name in ("assessment_days", "consult_days", "light_days", "care_days",
                 "reentry_delay_days"):
        days = np.asarray(getattr(sim.c, name))
        days[:] = np.ceil(days)
    sim.cases.arrival[:] = np.floor(sim.cases.arrival)


def _both(name: str, replication: int = 0, whole_days: bool = False):
    scenario = steered(simfin.load(f"{SCENARIOS}/{name}.toml"))
    runs = []
    for compiled in (False, True):
        sim = Simulation(scenario, replication, compiled=compiled)
        if whole_days:
            _whole_days(sim)
        runs.append((sim.run(), sim))
    return runs


def _same_stages(a: Simulation, b: Simulation) -> bool:
    return all(np.array_equal(np.frombuffer(getattr(a.stages, k)),
                              np.frombuffer(getattr(b.stages, k)), equal_nan=True)
               for k in ("arrival", "start", "end"))


@pytest.mark.parametrize("name", ["bbs-95k", "referentie-100k", "leusden-variant-2",
                                  "woudenberg-marktmeester"])
def test_a_compiled_run_gives_the_python_run_to_the_last_bit(name, monkeypatch):
    changed = []
    set_capacity = CompiledPools.set_capacity
    monkeypatch.setattr(CompiledPools, "set_capacity",
                        lambda self, *a: (changed.append(a), set_capacity(self, *a)))
    monkeypatch.setattr(CompiledPools, "ROOM", 2)     # heaps grow many times on the way
    (python, plain), (compiled, sim) = _both(name)
    assert plain.compiled_pools is None and sim.compiled_pools is not None
    assert _same_stages(plain, sim)                   # every stage time, to the last bit
    assert python.ledger.equals(compiled.ledger)
    assert python.monitor.equals(compiled.monitor)    # queues and busy servers each week
    assert compiled.monitor["intake_queue"].max() > 2  # requests really waited
    if name == "bbs-95k":                              # inhuur changes the team's servers
        assert len(changed) > 0
        assert python.inhuur.equals(compiled.inhuur)


@pytest.mark.parametrize("interval", [73.0, 1 / 3])
def test_snapshots_between_events_count_as_the_chain_of_timeouts(interval):
    """The compiled monitor counts every snapshot before SimPy's next event in one call and
    schedules the next one itself: the same numbers as a timeout per snapshot, also where a
    snapshot falls at the very time of an event scheduled before it (every 73 days hits the
    capacity changes at days 365 and 730; a third of a day gives times a delay cannot
    always reach exactly)."""
    scenario = steered(simfin.load(f"{SCENARIOS}/referentie-100k.toml"))
    monitors = []
    for compiled in (False, True):
        sim = Simulation(scenario, 0, monitor_interval_days=interval, compiled=compiled)
        pools = [team.intake for team in sim.teams.values()]
        full = [pool.capacity for pool in pools]

        def change(capacities, env=sim.env, pools=pools):
            return lambda _: [pool.set_capacity(c, env.now) for pool, c in zip(pools, capacities)]

        sim.env.timeout(365.0).callbacks.append(change([1] * len(pools)))  # a queue builds
        sim.env.timeout(730.0).callbacks.append(change(full))             # and drains at once
        for t in (0.5, 1.9):  # events that end a batch at 2/3 and next at 2: 2/3 + (2 - 2/3)
            sim.env.timeout(t)  # is not 2 in floating point, so the snapshot there must not
                                # be scheduled by that delay
        monitors.append((sim.run().monitor, sim.snapshots))
        assert (sim.compiled_pools is not None) == compiled
    (python, raw), (ours, our_raw) = monitors
    assert python.equals(ours)
    assert raw == our_raw  # the times before the shift to year one, to the last bit
    at = python["t"].to_numpy() + sim.origin
    assert python["intake_queue"].to_numpy()[np.searchsorted(at, 730.0 - interval)] > 1000
    if interval == 73.0:
        assert 730.0 in at  # a snapshot at the very time of the change


def test_a_work_rate_over_time_as_in_the_python_pools():
    """A productivity dip and more productive hours per worker later: services that start
    before a change and end after it take the new pace for the rest of their work, in the
    compiled pools as in Python (:meth:`simfin.sim.capacity.Speed.end`)."""
    base = simfin.load(f"{SCENARIOS}/referentie-100k.toml")
    hours = base.access_team.productive_hours_per_fte
    timeline = [TimelineEvent.model_validate(event) for event in (
        {"at_month": 6, "changes": {}, "dip": {"share": 0.3, "months": 9}},
        {"at_month": 30, "changes": {"access_team.productive_hours_per_fte": hours * 1.2}})]
    scenario = steered(base.model_copy(update={"timeline": timeline}))
    runs = []
    for compiled in (False, True):
        sim = Simulation(scenario, 0, compiled=compiled)
        runs.append((sim.run(), sim))
    (python, plain), (ours, sim) = runs
    assert sim.compiled_pools is not None and sim._speed_varies()
    assert _same_stages(plain, sim)
    assert python.ledger.equals(ours.ledger) and python.monitor.equals(ours.monitor)
    # the dip lengthened services that ran through it: the work differs from the duration
    intake = ours.ledger[ours.ledger["activity"] == "assessment"]
    during = intake["t_start"].between(6 * 365 / 12, 15 * 365 / 12)
    assert (intake.loc[during, "intensity_per_week"]
            < intake["intensity_per_week"].max() * 0.8).sum() > 100


def test_a_run_with_processes_keeps_the_python_pools():
    """bch-integraal's households under integral access: a household's other cases start
    at its one intake as processes, so no compiled pools."""
    (python, _), (compiled, sim) = _both("bch-integraal")
    assert sim.compiled_pools is None
    assert python.ledger.equals(compiled.ledger)


def test_without_numba_the_pools_run_in_python(monkeypatch):
    scenario = steered(simfin.load(f"{SCENARIOS}/referentie-100k.toml"))
    compiled = Simulation(scenario, 1)
    expected = compiled.run()
    monkeypatch.setitem(sys.modules, "numba", None)   # import numba fails
    plain = Simulation(scenario, 1)
    out = plain.run()
    assert compiled.compiled_pools is not None and plain.compiled_pools is None
    assert out.ledger.equals(expected.ledger)


def test_ties_are_broken_as_in_the_python_pools():
    """With whole days, arrivals, ends, feeds and the weekly snapshots fall on the same
    times by the thousand: served in the same order all the same."""
    (python, plain), (compiled, sim) = _both("bbs-95k", whole_days=True)
    assert sim.compiled_pools is not None
    start = np.frombuffer(sim.stages.start)
    assert len(start[~np.isnan(start)]) - len(np.unique(start[~np.isnan(start)])) > 10_000
    assert _same_stages(plain, sim)
    assert python.monitor.equals(compiled.monitor)


def test_a_run_without_cases_at_the_compiled_pools():
    """No request arrives (empty segments of expected requests): nothing is served."""
    pool = ServerPool(simpy.Environment(), 2)
    c = SimpleNamespace(**{k: np.zeros(0) for k in (
        "assessment_days", "consult_days", "care_days", "light_days", "reentry_delay_days")},
        consult=np.zeros(0, bool), step_down=np.zeros(0, bool), reentry=np.zeros(0, bool),
        outcome=np.zeros(0, np.int64), priority=np.zeros(0, np.int64),
        product=np.zeros(0, np.int64))
    CompiledPools([pool], {}, c, np.zeros(0, np.int64), [], [], [], StageTimes(0), 10.0)
    assert pool.busy(5.0) == 0 and pool.queue_length == 0
    pool.set_capacity(3, 6.0)
    assert pool.busy(10.0) == 0 and pool.capacity == 3


def test_the_kernel_stays_within_its_arrays(tmp_path):
    """The kernel runs without bounds checks (and without numba's reference counting): a
    write past a heap's room would corrupt memory silently. Compiled with bounds checks
    (``NUMBA_BOUNDSCHECK=1``, in a fresh process and cache), heaps grown from one slot,
    servers added and taken away, and a whole loaded run raise no IndexError."""
    import os
    import subprocess

    code = (
        "import numpy as np, test_compiled_pools as t\n"
        "t.test_capacity_changes_as_at_the_python_pool(1, False)\n"
        "t.test_one_compiled_pool_serves_as_a_priority_resource(3, 1)\n"
        "t.CompiledPools.ROOM = 1\n"
        "(a, pa), (b, pb) = t._both('bbs-95k')\n"
        "assert pb.compiled_pools is not None and t._same_stages(pa, pb)\n"
        "print('ok')\n")
    env = {**os.environ, "NUMBA_BOUNDSCHECK": "1", "NUMBA_CACHE_DIR": str(tmp_path)}
    env["PYTHONPATH"] = os.pathsep.join([os.path.dirname(__file__),
                                         env.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")


def test_a_kernel_cached_with_other_constants_is_compiled_again(monkeypatch):
    """numba checks a cached kernel against its own file only: when a constant it takes
    from another module (episodes per case, stage positions, the digest of the heaps'
    source) changed, it is recompiled."""
    from simfin.sim import pool_kernel

    pool_kernel.ensure_current()  # compiled (or loaded) with today's constants first
    recompiled = []
    monkeypatch.setattr(pool_kernel, "CONSTANTS", (*pool_kernel.CONSTANTS[:-1], -1))
    kernels = ["_compiled_constants", "catch_up", "counted", "counted_each", "set_capacity"]
    for name in kernels:
        monkeypatch.setattr(getattr(pool_kernel, name), "recompile",
                            lambda name=name: recompiled.append(name))
    pool_kernel.ensure_current()
    assert sorted(recompiled) == kernels
    recompiled.clear()
    monkeypatch.undo()
    pool_kernel.ensure_current()                   # the cached kernel is current
    assert recompiled == []
