"""Start a SimPy process at its arrival time with one event instead of two.

``env.process(generator)`` starts a generator through an ``Initialize`` event at the
current time; a case that arrives later then needs a second event (a timeout in an
arrival loop, or as the generator's first yield) to wait for its arrival. Here the
process's start event itself is scheduled at the arrival time, so an arriving case costs
one event. The process behaves like any other :class:`simpy.Process` afterwards.

This relies on three attributes of :class:`simpy.Process` (``_generator``, ``_target``
and ``_resume``), unchanged since SimPy 3; ``tests/validation/test_fast_path.py``
compares the resulting ledgers with a model that uses only the public API.
"""

from __future__ import annotations

from collections.abc import Generator

import simpy
from simpy.events import NORMAL, Initialize

__all__ = ["start_at"]


class _Start(Initialize):
    """The start of a process, scheduled ``delay`` after its creation (normal priority,
    like the timeout it replaces)."""

    def __init__(self, env: simpy.Environment, process: simpy.Process, delay: float) -> None:
        self.env = env
        self.callbacks = [process._resume]
        self._value = None
        self._ok = True
        env.schedule(self, NORMAL, delay)


class _Arriving(simpy.Process):
    """A process whose generator starts ``delay`` after its creation."""

    def __init__(self, env: simpy.Environment, generator: Generator, delay: float) -> None:
        self.env = env
        self.callbacks = []
        self._generator = generator
        self._target = _Start(env, self, delay)


def start_at(env: simpy.Environment, generator: Generator, delay: float) -> simpy.Event:
    """Run ``generator`` as a process from ``env.now + delay`` on; returns its start event
    (append a callback to act when it starts)."""
    if delay < 0:
        raise ValueError('"delay" must be >= 0')
    return _Arriving(env, generator, delay)._target
