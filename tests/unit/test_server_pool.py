"""The lean server pool serves in the same order and at the same times as
``simpy.PriorityResource``, although it frees servers without an event at their end."""

from __future__ import annotations

import numpy as np
import pytest
import simpy

from simfin.sim.arrival import start_case
from simfin.sim.server_pool import ServerPool


def _work(seed: int, n: int = 400) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Arrivals, priorities and service times of a busy pool: mixed short and long jobs
    (a short job started late often ends before the next pending end: an earlier
    wake-up replaces a later one)."""
    rng = np.random.default_rng(seed)
    arrival = np.cumsum(rng.exponential(1.0, n))
    priority = rng.integers(0, 2, n)
    service = np.where(rng.random(n) < 0.3, rng.exponential(0.2, n), rng.exponential(5.0, n))
    return arrival, priority, service


def _with_priority_resource(arrival, priority, service, servers: int, probes):
    env = simpy.Environment()
    resource = simpy.PriorityResource(env, capacity=servers)
    start = np.full(len(arrival), np.nan)
    busy = []

    def job(i):
        yield env.timeout(arrival[i])
        with resource.request(priority=int(priority[i])) as req:
            yield req
            start[i] = env.now
            yield env.timeout(service[i])

    def probe():
        for t in probes:
            yield env.timeout(t - env.now)
            busy.append((resource.count, len(resource.queue)))

    for i in range(len(arrival)):
        env.process(job(i))
    env.process(probe())
    env.run()
    return start, busy


def _with_server_pool(arrival, priority, service, servers: int, probes, expected=None):
    """Jobs as processes; those marked ``expected`` instead as requests known in advance
    (no events: the pool lets them in when it next looks)."""
    env = simpy.Environment()
    pool = ServerPool(env, servers)
    start = np.full(len(arrival), np.nan)
    busy = []
    expected = np.zeros(len(arrival), dtype=bool) if expected is None else expected
    known = np.flatnonzero(expected)

    def begin(n, t):
        start[known[n]] = t
        return t + service[known[n]]

    pool.expect(arrival[known].tolist(), priority[known].tolist(), begin)

    def job(i):
        t = float(arrival[i])
        wait = pool.acquire(int(priority[i]), t)
        begin = t if wait is None else (yield wait)
        start[i] = begin
        pool.hold(begin + service[i])

    def arrive(event):
        start_case(job(event.value))

    def probe():
        for t in probes:
            yield env.timeout(t - env.now)
            busy.append((pool.busy(env.now), pool.queue_length))

    for i in np.flatnonzero(~expected):
        env.timeout(arrival[i], value=i).callbacks.append(arrive)
    env.process(probe())
    env.run()
    pool.catch_up(np.inf)  # the known requests after the last event
    return start, busy


@pytest.mark.parametrize("servers", [1, 3, 6])
@pytest.mark.parametrize("seed", [1, 2])
def test_starts_and_occupancy_equal_a_priority_resource(servers, seed):
    arrival, priority, service = _work(seed)
    probes = np.linspace(0.5, arrival[-1] + 50.0, 97)
    lean, lean_busy = _with_server_pool(arrival, priority, service, servers, probes)
    reference, reference_busy = _with_priority_resource(arrival, priority, service, servers,
                                                        probes)
    assert np.array_equal(lean, reference)       # same times, to the last bit
    assert lean_busy == reference_busy
    waited = lean > arrival
    assert waited.sum() > 50                      # the queue was really used
    # and urgent requests (priority 0) overtook waiting ones
    assert any(lean[i] > lean[j] for i in np.flatnonzero(waited)
               for j in np.flatnonzero(priority == 0) if arrival[j] > arrival[i])


@pytest.mark.parametrize("servers", [1, 3])
@pytest.mark.parametrize("share", [0.3, 0.9, 1.0])
def test_requests_known_in_advance_are_served_as_if_they_were_processes(servers, share):
    arrival, priority, service = _work(7)
    expected = np.random.default_rng(8).random(len(arrival)) < share
    probes = np.linspace(0.5, arrival[-1] + 50.0, 97)
    lean, lean_busy = _with_server_pool(arrival, priority, service, servers, probes, expected)
    reference, reference_busy = _with_priority_resource(arrival, priority, service, servers,
                                                        probes)
    assert np.array_equal(lean, reference)
    assert lean_busy == reference_busy
    # known requests waited too, and some were handed a server between two events
    assert (lean[expected] > arrival[expected]).sum() > 20


def test_a_pool_needs_a_server():
    with pytest.raises(ValueError, match="capacity"):
        ServerPool(simpy.Environment(), 0)
