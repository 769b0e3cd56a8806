"""The heaps and rings of the compiled pools (:mod:`simfin.sim.pool_kernel`), row ``p`` of
each array pool ``p``:

* binary heaps (``n[p]`` entries, the smallest key at column 0, as with :mod:`heapq`) of
  the ends (when a held server comes free) and of the fed requests (key ``(due time,
  order)``; the order is unique per pool, so the heap pops the same request as
  :mod:`heapq` does with the tuples of :class:`simfin.sim.server_pool.ServerPool`);
* the waiting requests, served by priority, then in order of arrival: with the model's
  two priorities (0 urgent, 1 not) one first-in-first-out ring per priority
  (``ring[p, priority]``), urgent first.

Each is inlined into the kernel; :data:`SOURCE_DIGEST` lets the kernel see that its cached
code was compiled from another version of this file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from numba import njit

__all__ = ["NORMAL", "SOURCE_DIGEST", "URGENT", "pop_end", "pop_fed", "pop_waiting",
           "push_end", "push_fed", "push_waiting"]

URGENT, NORMAL = 0, 1  # the priorities: an urgent request goes first
#: A number from this file's source (48 bits of its SHA-256).
SOURCE_DIGEST = int(hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12], 16)


@njit(cache=True, _nrt=False, inline="always")
def push_end(ends, n, p, value):
    """Push ``value`` on pool ``p``'s heap of ends."""
    i = n[p]
    n[p] = i + 1
    row = ends[p]
    while i > 0:
        parent = (i - 1) >> 1
        if row[parent] <= value:
            break
        row[i] = row[parent]
        i = parent
    row[i] = value


@njit(cache=True, _nrt=False, inline="always")
def pop_end(ends, n, p):
    """Remove and return the earliest end of pool ``p``."""
    row = ends[p]
    top = row[0]
    size = n[p] - 1
    n[p] = size
    if size > 0:
        last = row[size]
        i = 0
        while True:
            child = 2 * i + 1
            if child >= size:
                break
            if child + 1 < size and row[child + 1] < row[child]:
                child += 1
            if last <= row[child]:
                break
            row[i] = row[child]
            i = child
        row[i] = last
    return top


@njit(cache=True, _nrt=False, inline="always")
def _before(t1, o1, t2, o2):
    return t1 < t2 or (t1 == t2 and o1 < o2)


@njit(cache=True, _nrt=False, inline="always")
def push_fed(fed_t, fed_o, fed_item, n, p, due, order, item):
    """Push ``item`` (due ``due``, the pool's ``order``-th fed request) on pool ``p``'s
    heap of fed requests."""
    i = n[p]
    n[p] = i + 1
    while i > 0:
        up = (i - 1) >> 1
        if not _before(due, order, fed_t[p, up], fed_o[p, up]):
            break
        fed_t[p, i], fed_o[p, i], fed_item[p, i] = fed_t[p, up], fed_o[p, up], fed_item[p, up]
        i = up
    fed_t[p, i], fed_o[p, i], fed_item[p, i] = due, order, item


@njit(cache=True, _nrt=False, inline="always")
def pop_fed(fed_t, fed_o, fed_item, n, p):
    """Remove and return the item of the earliest fed request of pool ``p``."""
    top = fed_item[p, 0]
    size = n[p] - 1
    n[p] = size
    if size > 0:
        due, order, item = fed_t[p, size], fed_o[p, size], fed_item[p, size]
        i = 0
        while True:
            child = 2 * i + 1
            if child >= size:
                break
            if child + 1 < size and _before(fed_t[p, child + 1], fed_o[p, child + 1],
                                            fed_t[p, child], fed_o[p, child]):
                child += 1
            if not _before(fed_t[p, child], fed_o[p, child], due, order):
                break
            fed_t[p, i], fed_o[p, i] = fed_t[p, child], fed_o[p, child]
            fed_item[p, i] = fed_item[p, child]
            i = child
        fed_t[p, i], fed_o[p, i], fed_item[p, i] = due, order, item
    return top


@njit(cache=True, _nrt=False, inline="always")
def push_waiting(ring, head, size, p, priority, item):
    """Queue ``item`` at the back of pool ``p``'s ring of ``priority`` (the caller checks
    that it has room)."""
    room = ring.shape[2]
    at = head[p, priority] + size[p, priority]
    ring[p, priority, at - room if at >= room else at] = item
    size[p, priority] += 1


@njit(cache=True, _nrt=False, inline="always")
def pop_waiting(ring, head, size, p):
    """Remove and return the first waiting request of pool ``p``: the front of its urgent
    ring, else of the other (the caller checks that one waits)."""
    priority = URGENT if size[p, URGENT] > 0 else NORMAL
    at = head[p, priority]
    item = ring[p, priority, at]
    head[p, priority] = at + 1 if at + 1 < ring.shape[2] else 0
    size[p, priority] -= 1
    return item
