"""The lean server pool serves in the same order and at the same times as
``simpy.PriorityResource``, although it frees servers without an event at their end."""

from __future__ import annotations

from functools import partial

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


def test_waiting_requests_move_to_another_pool_in_priority_then_arrival_order():
    """Pool A (one server, busy until 10) and pool B (one server, busy until 10) have
    queues; at 4 both stop (0 servers) and their waiting requests move to pool C (two
    servers from 4): C serves them urgent first, then by arrival, whichever pool they left;
    a moved request whose patience ends at 5 gives up at C, at its own deadline."""
    env = simpy.Environment()
    a, b, c = ServerPool(env, 1), ServerPool(env, 1), ServerPool(env, 1)
    c.set_capacity(0, 0.0)
    starts, served_by = {}, {}

    def client(name, pool, arrival, priority, days, deadline=float("inf")):
        yield env.timeout(arrival)
        wait = pool.acquire(priority, env.now, deadline, key=name)
        start = env.now if wait is None else (yield wait)
        starts[name] = start
        if start is not None:
            served = moves.get(name, pool)
            served_by[name] = served
            served.hold(start + days)

    moves = {}

    def reorganise(_):
        taken = a.take_waiting(4.0, lambda r: True) + b.take_waiting(4.0, lambda r: True)
        for r in taken:
            moves[r.key] = c
        c.admit(4.0, taken)
        for pool in (a, b):
            pool.set_capacity(0, 4.0)
        c.set_capacity(2, 4.0)

    requests = [("a0", a, 0.0, 1, 10.0), ("a1", a, 1.0, 1, 3.0), ("a2", a, 2.0, 1, 3.0),
                ("b0", b, 0.0, 1, 10.0), ("b1", b, 1.5, 0, 3.0), ("b2", b, 2.5, 1, 3.0),
                ("b3", b, 0.5, 1, 3.0), ("a3", a, 3.0, 1, 3.0, 5.0)]
    for r in requests:
        env.process(client(*r))
    env.timeout(4.0).callbacks.append(reorganise)
    env.run()
    assert starts["a0"] == starts["b0"] == 0.0           # in service: finish at A and B
    assert served_by["a0"] is a and served_by["b0"] is b
    assert starts["b1"] == 4.0                           # urgent first
    assert starts["b3"] == 4.0                           # then the earliest arrival (0.5)
    assert starts["a1"] == 7.0 and starts["a2"] == 7.0   # C's servers come free at 7
    assert starts["a3"] is None                          # gave up at 5, waiting at C
    assert starts["b2"] == 10.0
    assert all(served_by[n] is c for n in ("a1", "a2", "b1", "b2", "b3"))
    assert a.capacity == b.capacity == 0 and c.queue_length == 0
    assert a._processes_waiting == b._processes_waiting == c._processes_waiting == 0


def _tandem_reference(arrival, priority, service, second, gap, servers, back):
    """Two stages as processes and ``PriorityResource``s: each job is served at stage A,
    then ``gap`` later joins stage B's queue (like light help after care); a job marked
    ``back`` returns to A ``gap`` after B once more (like a re-entry), then leaves."""
    env = simpy.Environment()
    a, b = simpy.PriorityResource(env, servers[0]), simpy.PriorityResource(env, servers[1])
    start = np.full((len(arrival), 3), np.nan)

    def job(i):
        yield env.timeout(arrival[i])
        with a.request(priority=int(priority[i])) as req:
            yield req
            start[i, 0] = env.now
            yield env.timeout(service[i])
        yield env.timeout(gap[i])
        with b.request(priority=int(priority[i])) as req:
            yield req
            start[i, 1] = env.now
            yield env.timeout(second[i])
        if back[i]:
            yield env.timeout(gap[i])
            with a.request(priority=int(priority[i])) as req:
                yield req
                start[i, 2] = env.now
                yield env.timeout(service[i])

    for i in range(len(arrival)):
        env.process(job(i))
    env.run()
    return start


def _tandem_lean(arrival, priority, service, second, gap, servers, back, expected):
    """The same with two linked server pools: jobs marked ``expected`` are no process;
    each step that starts feeds the next to its pool (no event at all)."""
    env = simpy.Environment()
    a, b = ServerPool(env, servers[0]), ServerPool(env, servers[1])
    a.link(b)
    start = np.full((len(arrival), 3), np.nan)
    known = np.flatnonzero(expected)

    def again(i, s):
        start[i, 2] = s
        return s + service[i]

    def second_stage(i, s):
        start[i, 1] = s
        if back[i]:
            a.feed(s + second[i] + gap[i], int(priority[i]), partial(again, i))
        return s + second[i]

    def first_stage(n, s):
        i = known[n]
        start[i, 0] = s
        b.feed(s + service[i] + gap[i], int(priority[i]), partial(second_stage, i))
        return s + service[i]

    a.expect(arrival[known].tolist(), priority[known].tolist(), first_stage)

    def job(i):
        t = float(arrival[i])
        for pool, stage, length in ((a, 0, service), (b, 1, second), (a, 2, service)):
            if stage:
                t += gap[i]
                yield env.timeout(t - env.now)
            wait = pool.acquire(int(priority[i]), t)
            s = t if wait is None else (yield wait)
            start[i, stage] = s
            t = s + length[i]
            pool.hold(t)
            if stage == 1 and not back[i]:
                return

    for i in np.flatnonzero(~expected):
        env.timeout(arrival[i], value=i).callbacks.append(
            lambda event: start_case(job(event.value)))
    env.run()
    a.catch_up(np.inf)  # both pools, after the last event
    return start


@pytest.mark.parametrize("share", [0.5, 0.9, 1.0])
def test_linked_pools_serve_fed_requests_as_if_they_were_processes(share):
    arrival, priority, service = _work(11)
    rng = np.random.default_rng(12)
    second, gap = rng.exponential(4.0, len(arrival)), rng.exponential(2.0, len(arrival))
    back, expected = rng.random(len(arrival)) < 0.4, rng.random(len(arrival)) < share
    lean = _tandem_lean(arrival, priority, service, second, gap, (3, 2), back, expected)
    reference = _tandem_reference(arrival, priority, service, second, gap, (3, 2), back)
    assert np.array_equal(lean, reference, equal_nan=True)  # every stage, to the last bit
    due = arrival + service + gap
    fed = expected & (lean[:, 1] > due + 1e-9)
    assert fed.sum() > 20                         # fed requests waited at pool B too
    assert (expected & back & ~np.isnan(lean[:, 2])).sum() > 50  # and came back to A
    assert (~expected & (lean[:, 1] > due + 1e-9)).sum() > 5 or share == 1.0


def test_linking_is_symmetric_and_transitive():
    env = simpy.Environment()
    a, b, c = ServerPool(env, 1), ServerPool(env, 1), ServerPool(env, 1)
    a.link(b)
    c.link(b)
    a.link(a)                                      # a pool feeding itself needs no link
    assert a._group is b._group is c._group
    assert sorted(map(id, a._group.pools)) == sorted(map(id, (a, b, c)))
