"""Case processes that cost no events of their own: one event per arrival.

A case is a generator that yields SimPy events (timeouts, a server pool's hand-over
events), written exactly as for :class:`simpy.Process`. A ``simpy.Process`` adds events of
its own: an ``Initialize`` event to start it and, when the generator returns, the process
itself is triggered so that others can wait for it; a case that arrives later also needs
a timeout to wait for its arrival. That is three events per case before it does anything.

Nobody waits for a case to end, so here a small driver steps the generator from the
callbacks of the events it yields, as ``simpy.Process`` does. The arrival loop (a
``simpy.Process``) starts each case at its arrival, and the case's end costs nothing.
With about 65,000 cases per replication of a 100,000-inhabitant scenario that removes
some 130,000 of 330,000 events. The driver reads the ``_ok`` and ``_value`` attributes of
SimPy events, as ``simpy.Process`` does; ``tests/unit/test_case_driver.py`` and
``tests/validation/test_fast_path.py`` (against a model that uses ``simpy.Process`` and
``simpy.PriorityResource`` only) would catch a SimPy release that changes them.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence

import simpy

__all__ = ["CaseDriver", "start_case", "start_cases"]


class CaseDriver:
    """Runs a generator of SimPy events like :class:`simpy.Process`, without being an
    event itself (so nothing can wait for it; ``env.active_process`` stays ``None``)."""

    __slots__ = ("_generator",)

    def __init__(self, generator: Generator) -> None:
        self._generator = generator

    def resume(self, event: simpy.Event) -> None:
        """Callback of the event the generator waits for: send its value (or throw its
        failure) in and wait for the next event the generator yields."""
        generator = self._generator
        while True:
            try:
                if event._ok:
                    event = generator.send(event._value)
                else:
                    event._defused = True
                    event = generator.throw(event._value)
            except StopIteration:
                return
            if event.callbacks is not None:  # not yet processed: wait for it
                event.callbacks.append(self.resume)
                return


class _Now:
    """Stands in for the event that starts a case: succeeded, no value."""

    _ok = True
    _value = None


_NOW = _Now()


def start_case(generator: Generator) -> None:
    """Run ``generator`` as a case from now on: up to its first event at once, then from the
    callbacks of the events it yields."""
    CaseDriver(generator).resume(_NOW)  # type: ignore[arg-type]


class _Arrivals:
    """One timeout per arrival, each scheduling the next: the heap holds one arrival at
    a time, and no process is resumed in between."""

    __slots__ = ("env", "times", "ids", "case", "next")

    def __init__(self, env: simpy.Environment, times: Sequence[float], ids: Sequence[int],
                 case: Callable[[int, float], Generator]) -> None:
        self.env, self.times, self.ids, self.case, self.next = env, times, ids, case, 0
        self._schedule()

    def _schedule(self) -> None:
        if self.next < len(self.times):
            t = self.times[self.next]
            delay = t - self.env.now
            self.env.timeout(delay if delay > 0.0 else 0.0, t).callbacks.append(self._arrive)

    def _arrive(self, event: simpy.Event) -> None:
        n = self.next
        self.next += 1
        start_case(self.case(self.ids[n], event._value))
        self._schedule()


def start_cases(env: simpy.Environment, times: Sequence[float], ids: Sequence[int],
                case: Callable[[int, float], Generator]) -> None:
    """Start case ``case(ids[n], times[n])`` at each of the sorted ``times`` (SimPy days)
    as :func:`start_case` does: one event per arrival. The case gets its arrival time
    exactly (the SimPy clock may differ from it in the last bit)."""
    _Arrivals(env, times, ids, case)
