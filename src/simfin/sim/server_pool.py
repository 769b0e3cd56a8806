"""A lean SimPy server pool: ``capacity`` identical servers, priority then first come.

It behaves like :class:`simpy.PriorityResource` without preemption, with two differences
that save events (hundreds of thousands per replication):

* a request that finds a free server takes it at once, without a request event;
* a service's end is known when it starts (its duration is drawn up front), so the
  caller tells the pool when the server comes free (:meth:`ServerPool.hold`) instead of
  releasing it from an event at that time. The pool frees such servers when it next
  looks (:meth:`ServerPool.acquire`, :meth:`ServerPool.busy`). Only while requests wait
  does an end matter at its own time: then the pool schedules one wake-up event at the
  earliest end, which hands the server straight to the first waiting request.

The order of service is the same as with ``PriorityResource``: lower ``priority`` values
go first, equal priorities in order of arrival, and a waiting request starts exactly when
a server comes free (``tests/unit/test_server_pool.py`` compares the two on random work).

Use it in a process (``t`` is the current simulation time, kept exact by the caller)::

    wait = pool.acquire(priority, t)
    if wait is not None:
        t = yield wait        # the time a server was handed over
    end = t + service_days
    pool.hold(end)            # the server comes free at ``end``; no event needed
"""

from __future__ import annotations

from heapq import heappop, heappush
from math import inf

import simpy

__all__ = ["ServerPool"]


class ServerPool:
    """``capacity`` servers shared by processes of one SimPy environment."""

    def __init__(self, env: simpy.Environment, capacity: int) -> None:
        if capacity < 1:
            raise ValueError('"capacity" must be >= 1')
        self.env = env
        self.capacity = capacity
        self.count = 0                        # servers taken, ends not yet seen included
        self._ends: list[float] = []          # heap: when held servers come free
        self._waiting: list[tuple[int, int, simpy.Event]] = []
        self._order = 0
        self._wake_at = inf                   # time of the pending wake-up event

    def acquire(self, priority: int, t: float) -> simpy.Event | None:
        """Take a server at time ``t`` (now): ``None`` if one was free, else an event
        whose value is the time a server is handed over."""
        ends = self._ends
        while ends and ends[0] <= t:          # came free since the pool last looked
            heappop(ends)
            self.count -= 1
        if self.count < self.capacity:
            self.count += 1
            return None
        event = simpy.Event(self.env)
        heappush(self._waiting, (priority, self._order, event))
        self._order += 1
        if ends and ends[0] < self._wake_at:
            self._wake(ends[0])
        return event

    def hold(self, end: float) -> None:
        """The server taken last by the caller comes free at ``end`` (>= now)."""
        heappush(self._ends, end)
        if self._waiting and end < self._wake_at:
            self._wake(end)

    def busy(self, t: float) -> int:
        """Servers busy at time ``t`` (now)."""
        ends = self._ends
        while ends and ends[0] <= t and not self._waiting:
            heappop(ends)
            self.count -= 1
        return self.count

    @property
    def queue_length(self) -> int:
        """Requests waiting for a server."""
        return len(self._waiting)

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
        ends, waiting = self._ends, self._waiting
        while ends and ends[0] <= t:
            heappop(ends)
            if waiting:
                heappop(waiting)[2].succeed(t)  # the server passes on: count unchanged
            else:
                self.count -= 1
        if waiting and ends:
            self._wake(ends[0])
