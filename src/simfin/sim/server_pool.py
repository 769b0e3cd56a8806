"""A lean SimPy server pool: ``capacity`` identical servers, priority then first come.

It behaves like :class:`simpy.PriorityResource` without preemption, but a request that
finds a free server takes it at once instead of going through a request event, and a
release hands the server straight to the next waiting request. That halves the events per
visit, which matters with hundreds of thousands of visits per replication.

Use it in a process as::

    wait = pool.acquire(priority)
    if wait is not None:
        yield wait            # succeeds when a server is handed over
    ...                       # service
    pool.release()

Lower ``priority`` values go first; equal priorities in order of arrival.
"""

from __future__ import annotations

from heapq import heappop, heappush

import simpy

__all__ = ["ServerPool"]


class ServerPool:
    """``capacity`` servers shared by processes of one SimPy environment."""

    def __init__(self, env: simpy.Environment, capacity: int) -> None:
        if capacity < 1:
            raise ValueError('"capacity" must be >= 1')
        self.env = env
        self.capacity = capacity
        self.count = 0                       # servers busy
        self._waiting: list[tuple[int, int, simpy.Event]] = []
        self._order = 0

    def acquire(self, priority: int = 0) -> simpy.Event | None:
        """Take a server: ``None`` if one was free, else an event to wait for."""
        if self.count < self.capacity:
            self.count += 1
            return None
        event = self.env.event()
        heappush(self._waiting, (priority, self._order, event))
        self._order += 1
        return event

    def release(self) -> None:
        """Give the server back, or hand it to the first waiting request."""
        if self._waiting:
            heappop(self._waiting)[2].succeed()
        else:
            self.count -= 1

    @property
    def queue_length(self) -> int:
        """Requests waiting for a server."""
        return len(self._waiting)
