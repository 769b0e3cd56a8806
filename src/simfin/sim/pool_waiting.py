"""What a :class:`~simfin.sim.server_pool.ServerPool` hands out about its waiting requests
(:class:`Waiting`, for a reorganisation that moves them) and the small callbacks it uses to
hand a server over or tell a request it gave up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import simpy

__all__ = ["Waiting", "gave_up", "no_start", "resume_now"]


@dataclass
class Waiting:
    """A request taken out of a pool's queue (:meth:`ServerPool.take_waiting`). ``key`` is
    the caller's key of a process's request, or the index ``n`` of an expected one
    (``event`` None; ``hand_over`` its pool's own); before :meth:`ServerPool.admit` at
    another pool the caller gives an expected one its ``start(t) -> end`` there (and may
    re-key it)."""

    priority: int
    arrival: float
    key: object
    event: simpy.Event | None
    deadline: float
    abandon: Callable[[float], object] | None
    source: object  # the ServerPool it waited at
    order: int
    hand_over: Callable[[float], object]
    start: Callable[[float], float] | None = None

    def expected_here(self) -> bool:
        """An expected request of its pool's own :meth:`ServerPool.expect` list (its
        ``key`` is the index there), not one moved in."""
        return self.event is None and self.hand_over.func == self.source._hand_over_expected


def resume_now(event: simpy.Event, value: float) -> None:
    """Trigger ``event`` with ``value`` and run its callbacks now, as SimPy's
    ``Environment.step`` would when it reached the event (without scheduling it)."""
    event._ok, event._value = True, value
    callbacks, event.callbacks = event.callbacks, None
    for callback in callbacks:
        callback(event)


def gave_up(event: simpy.Event, deadline: float) -> None:
    """A waiting process gave up at ``deadline``: its wait event succeeds with ``None``."""
    event.succeed(None)


def no_start(n: int, t: float) -> float:
    """Stands in for the start of expected requests before :meth:`ServerPool.expect`."""
    raise RuntimeError("no expected requests")  # pragma: no cover - expect() sets it
