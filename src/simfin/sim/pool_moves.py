"""Moving waiting requests between server pools (a mixin of
:class:`simfin.sim.server_pool.ServerPool`): a reorganisation takes the requests waiting at
one pool (:meth:`MovesMixin.take_waiting`) and queues them at another
(:meth:`MovesMixin.admit`), in order of priority, then arrival."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from simfin.sim.pool_waiting import Waiting

__all__ = ["MovesMixin"]


class MovesMixin:
    """:meth:`take_waiting` and :meth:`admit` of a server pool."""

    def take_waiting(self, t: float, which: Callable[[Waiting], bool]) -> list[Waiting]:
        """Take the requests waiting at ``t`` (now; expected ones that arrived before it
        included) that ``which`` accepts out of the queue, in order of service; processes
        that gave up already stay (they are dropped when reached)."""
        self.catch_up(t)
        kept, taken = [], []
        for entry in sorted(self._waiting):
            priority, order, hand_over, event, deadline, abandon, arrival, key = entry
            request = Waiting(priority, arrival, key, event, deadline, abandon, self, order,
                              hand_over)
            if (event is not None and order in self._gone) or not which(request):
                kept.append(entry)
                continue
            taken.append(request)
            self._processes_waiting -= event is not None
        self._waiting[:] = kept               # sorted: still a heap
        return taken

    def admit(self, t: float, requests: list[Waiting]) -> None:
        """Queue ``requests`` taken from other pools here at ``t`` (now), merged with the
        requests waiting here by priority, then arrival time; free servers take them."""
        self.catch_up(t)
        own = self.take_waiting(t, lambda _: True)
        for r in sorted(own + requests, key=lambda r: (r.priority, r.arrival)):
            if r.source is self:              # waiting here already: as it was
                hand_over = r.hand_over
            elif r.event is None:
                if r.start is None:
                    raise ValueError("an expected request from another pool needs its start")
                hand_over = partial(self._hand_over_call, r.start)
            else:
                hand_over = partial(self._hand_to_process, r.event)
            if r.event is not None:
                r.source._moved[r.order] = (self, self._order)
            self._enqueue(r.priority, hand_over, r.event, r.deadline, r.abandon, r.arrival,
                          r.key)
        self.set_capacity(self.capacity, t)
