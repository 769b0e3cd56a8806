"""A lean SimPy server pool: ``capacity`` identical servers, priority then first come.

It behaves like :class:`simpy.PriorityResource` without preemption, with four differences
that save events (hundreds of thousands per replication):

* a request that finds a free server takes it at once, without a request event;
* a service's end is known when it starts (its duration is drawn up front), so the
  caller tells the pool when the server comes free (:meth:`ServerPool.hold`) instead of
  releasing it from an event at that time. The pool frees such servers when it next
  looks. Only while requests wait does an end matter at its own time: then the pool
  schedules one wake-up event at the earliest end, which hands the server straight to
  the first waiting request;
* requests known in advance that need nothing but a server (:meth:`ServerPool.expect`:
  a case's first intake) cost no event at all: whenever the pool looks at a later time it
  first lets them in, in time order, serving them as it would have at their own time
  (:meth:`ServerPool.catch_up`). So do requests that become known when another request
  starts (:meth:`ServerPool.feed`: the consultation, light help or return that follows an
  intake): pools that feed each other are linked (:meth:`ServerPool.link`) and catch up
  together, always the earliest next thing across them first;
* a waiting process that gets a server at a wake-up is resumed right after it, without
  an event of its own.

Two extensions serve the simulation in time (:mod:`simfin.sim.timeline`,
:mod:`simfin.sim.reneging`): :meth:`ServerPool.set_capacity` changes the number of servers
at a moment (a server above a lowered capacity finishes its service and is then not passed
on; zero servers for a unit that a reorganisation closes or has not opened yet), and a
request may carry a deadline (its patience): a request still waiting at its
deadline gives up then. A process learns it from its own timeout at the deadline (the wait
event's value is ``None``); an expected request is found to have given up when a server
would have passed to it, and its ``abandon`` callback is told the deadline. A
reorganisation (:mod:`simfin.sim.reorganisation`) takes waiting requests out of one pool
(:meth:`ServerPool.take_waiting`) and queues them at another (:meth:`ServerPool.admit`), in
order of priority, then arrival.

The order of service is the same as with ``PriorityResource``: lower ``priority`` values
go first, equal priorities in order of arrival, and a waiting request starts exactly when
a server comes free (``tests/unit/test_server_pool.py`` compares the two on random work).

Use it in a process (``t`` is the current simulation time, kept exact by the caller)::

    wait = pool.acquire(priority, t)
    start = t if wait is None else (yield wait)   # the time a server was handed over
    pool.hold(start + service_days)               # the server comes free then; no event
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from heapq import heappop, heappush
from math import inf

import simpy

from simfin.sim.pool_group import Group, GroupMixin, catch_up_group
from simfin.sim.pool_moves import MovesMixin
from simfin.sim.pool_waiting import Waiting, gave_up, no_start, resume_now

__all__ = ["ServerPool", "Waiting"]


class ServerPool(MovesMixin, GroupMixin):
    """``capacity`` servers shared by processes of one SimPy environment."""

    def __init__(self, env: simpy.Environment, capacity: int) -> None:
        if capacity < 1:
            raise ValueError('"capacity" must be >= 1')
        self.env = env
        self.capacity = capacity
        self.count = 0                        # servers taken, ends not yet seen included
        self._ends: list[float] = []          # heap: when held servers come free
        # heap of waiting requests: (priority, order, hand-over function of the start
        # time, the event a process waits on or None, deadline, abandon function or None,
        # arrival time, key: the caller's for a process, n for an expected request)
        self._waiting: list[tuple] = []
        self._gone: set[int] = set()          # orders of processes that gave up already
        self._moved: dict[int, tuple[ServerPool, int]] = {}  # order -> pool, order now
        self.speed = None                     # work rate over time (simfin.sim.capacity)
        self._processes_waiting = 0           # only they need a wake-up at each end
        self._order = 0
        self._wake_at = inf                   # time of the pending wake-up event
        self._expected: list[float] = [inf]   # arrival times of requests known in advance
        self._expected_priority: Sequence[int] = ()
        self._expected_deadline: Sequence[float] | None = None
        self._abandon_expected: Callable[[int, float], object] | None = None
        self._start_expected: Callable[[int, float], float] = no_start
        self._next = 0                        # first expected request not yet let in
        self._firing: list | None = None      # hand-overs to processes during a wake-up
        # requests fed in by other pools' expected requests as they start (heap of
        # (arrival, order, priority, start(s) -> end)), and those pools
        self._fed: list[tuple] = []
        self._fed_order = 0
        self._group = Group([self])           # the pools that feed each other (link)
        self._compiled = None                 # CompiledPools doing the work, if any
        self._compiled_index = 0

    def expect(self, times: Sequence[float], priorities: Sequence[int],
               start: Callable[[int, float], float],
               deadlines: Sequence[float] | None = None,
               abandon: Callable[[int, float], object] | None = None) -> None:
        """Requests known in advance: request ``n`` arrives at ``times[n]`` (sorted, not
        before now) with ``priorities[n]`` and needs nothing but a server. When it gets
        one at time ``s``, the pool calls ``start(n, s)``, which returns when the server
        comes free. With ``deadlines``, a request still waiting at ``deadlines[n]`` gives
        up: the pool calls ``abandon(n, deadline)``. The caller never waits for them; they
        cost no events."""
        self._expected = [*times, inf]        # inf: none left
        self._expected_priority = priorities
        self._start_expected, self._next = start, 0
        self._expected_deadline, self._abandon_expected = deadlines, abandon

    def acquire(self, priority: int, t: float, deadline: float = inf,
                key: object = None) -> simpy.Event | None:
        """Take a server at time ``t`` (now): ``None`` if one was free, else an event
        whose value is the time a server is handed over, or ``None`` if the request gave
        up at ``deadline`` first. ``key`` names the request in :meth:`take_waiting`."""
        if self._compiled is not None:  # compiled pools serve runs without processes only
            raise RuntimeError("a process asked a compiled pool for a server")
        self.catch_up(t)
        if self._take_free(t):
            return None
        event = simpy.Event(self.env)
        order = self._order
        self._enqueue(priority, partial(self._hand_to_process, event), event, deadline,
                      partial(gave_up, event), t, key)
        if deadline < inf:
            self.env.timeout(max(deadline - self.env.now, 0.0)).callbacks.append(
                partial(self._renege, order, event))
        self._keep_awake()
        return event

    def set_capacity(self, capacity: int, t: float) -> None:
        """From time ``t`` (now) on, ``capacity`` servers: more servers go to waiting
        requests at once; with fewer, busy servers finish and are not passed on."""
        if capacity < 0:
            raise ValueError('"capacity" must be >= 0')
        if self._compiled is not None:
            self._compiled.set_capacity(self._compiled_index, capacity, t)
            self.capacity = capacity
            return
        self.catch_up(t)
        ends = self._ends
        while ends and ends[0] <= t:
            heappop(ends)
            self._pass_on(t)
        self.capacity = capacity
        while self._waiting and self.count < capacity:
            self.count += 1
            if not self._hand_over(t):
                self.count -= 1
        self._keep_awake()

    def _pass_on(self, t: float) -> None:
        """A server comes free at ``t``: to the first waiting request, unless the pool has
        more servers taken than its capacity or nobody waits."""
        if not (self._waiting and self.count <= self.capacity and self._hand_over(t)):
            self.count -= 1

    def _renege(self, order: int, event: simpy.Event, timeout: simpy.Event) -> None:
        """A waiting process's deadline: it gives up unless a server came first."""
        if order in self._moved:              # it waits at another pool now
            pool, order = self._moved.pop(order)
            pool._renege(order, event, timeout)
            return
        if not event.triggered:
            self._gone.add(order)
            self._processes_waiting -= 1
            event.succeed(None)

    def hold(self, end: float) -> None:
        """The server taken last by the caller comes free at ``end`` (>= now)."""
        heappush(self._ends, end)
        if self._processes_waiting and end < self._wake_at:
            self._wake(end)

    def busy(self, t: float) -> int:
        """Servers busy at time ``t`` (now)."""
        if self._compiled is not None:
            return self._compiled.busy(self._compiled_index, t)
        self.catch_up(t)
        ends = self._ends
        while ends and ends[0] <= t and not self._waiting:
            heappop(ends)
            self.count -= 1
        return self.count

    @property
    def queue_length(self) -> int:
        """Requests waiting for a server (call :meth:`busy` first to count expected
        requests that have arrived by now)."""
        if self._compiled is not None:
            return self._compiled.queue_length(self._compiled_index)
        return len(self._waiting)

    def catch_up(self, t: float) -> None:
        """Let in the expected requests that arrived before ``t``, in time order with the
        ends at which a server passes to one of them (their own times, in the past), and
        so do the pools linked to this one (:meth:`link`)."""
        if self._compiled is not None:
            self._compiled.catch_up(t)
        else:
            catch_up_group(self._group, t)

    def close(self) -> None:
        """Forget waiting requests and expected ones (after the run): they refer back to
        the processes, and such reference cycles would keep a whole replication in memory
        until Python's next full garbage collection."""
        for entry in self._waiting:
            event = entry[3]
            if event is not None:
                event.callbacks = None  # the waiting process refers to its event
        self._waiting.clear()
        self._gone.clear()
        self._moved.clear()
        self._processes_waiting = 0
        self._expected, self._expected_priority = [inf], ()
        self._fed.clear()
        self._group = self._compiled = None
        self._start_expected = no_start
        self._expected_deadline = self._abandon_expected = None

    def _take_free(self, t: float) -> bool:
        """Take a server at ``t`` if one is free (servers whose service ended by then come
        free first, unless requests wait: those get them at their ends)."""
        ends = self._ends
        while ends and ends[0] <= t and not self._waiting:  # came free since it last looked
            heappop(ends)
            self.count -= 1
        if self.count < self.capacity:
            self.count += 1
            return True
        return False

    def _let_in(self, n: int, t: float) -> None:
        if self._take_free(t):
            heappush(self._ends, self._start_expected(n, t))
        elif self._expected_deadline is None:
            self._enqueue(self._expected_priority[n], partial(self._hand_over_expected, n), None,
                          inf, None, t, n)
        else:
            self._enqueue(self._expected_priority[n], partial(self._hand_over_expected, n), None,
                          self._expected_deadline[n], partial(self._abandon_expected, n), t, n)

    def _hand_to_process(self, event: simpy.Event, t: float) -> None:
        """A server passes at ``t`` to a waiting process: during a wake-up the process is
        resumed directly once the wake-up is done (:meth:`_on_wake`), which saves an event;
        otherwise its wait event succeeds."""
        if self._firing is None:
            event.succeed(t)
        else:
            self._firing.append((event, t))

    def _hand_over_expected(self, n: int, t: float) -> None:
        heappush(self._ends, self._start_expected(n, t))

    def _hand_over_call(self, start: Callable[[float], float], t: float) -> None:
        heappush(self._ends, start(t))

    def _enqueue(self, priority: int, hand_over: Callable[[float], object],
                 event: simpy.Event | None, deadline: float = inf,
                 abandon: Callable[[float], object] | None = None, arrival: float = inf,
                 key: object = None) -> None:
        heappush(self._waiting, (priority, self._order, hand_over, event, deadline, abandon,
                                 arrival, key))
        self._order += 1
        self._processes_waiting += event is not None

    def _hand_over(self, t: float) -> bool:
        """A server passes at ``t`` to the first waiting request that has not given up
        (those that gave up before ``t`` are told so and dropped); ``False`` if none."""
        waiting = self._waiting
        while waiting:
            _, order, hand_over, event, deadline, abandon, _, _ = heappop(waiting)
            if event is not None:
                if order in self._gone:       # it gave up at its own timeout
                    self._gone.discard(order)
                    continue
                self._processes_waiting -= 1
            if deadline < t:
                abandon(deadline)
                continue
            hand_over(t)
            return True
        return False

    def _keep_awake(self) -> None:
        """While a process waits, a wake-up must be due at the earliest end (expected
        requests alone need none: :meth:`catch_up` serves them at their own times later)."""
        ends = self._ends
        if self._processes_waiting and ends and ends[0] < self._wake_at:
            self._wake(ends[0])

    def _wake(self, t: float) -> None:
        """Schedule the wake-up at ``t`` (earlier than any pending one)."""
        self._wake_at = t
        event = self.env.timeout(max(t - self.env.now, 0.0), value=t)
        event.callbacks.append(self._on_wake)

    def _on_wake(self, event: simpy.Event) -> None:
        """At an end while requests wait: hand each server that came free to the first
        waiting request, then wake again at the next end if requests still wait."""
        t = event.value
        if t != self._wake_at:                # superseded by an earlier wake-up
            return
        self._wake_at = inf
        self._firing = firing = []
        self.catch_up(t)
        ends = self._ends
        while ends and ends[0] <= t:
            heappop(ends)
            self._pass_on(t)                  # passed on: count unchanged
        self._keep_awake()
        self._firing = None
        for waited, start in firing:          # the processes that got a server, in order
            resume_now(waited, start)
