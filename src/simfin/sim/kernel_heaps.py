"""Binary heaps in rows of numpy arrays, compiled with numba, for the compiled catch-up of
the server pools (:mod:`simfin.sim.kernel_catch_up`).

Row ``p`` of each array is pool ``p``'s heap and ``n[p]`` its size; the smallest key is at
column 0, as with :mod:`heapq`. Three kinds, by their keys:

* ends (``float``: when a held server comes free);
* fed requests (``(due time, order)``, payload priority, kind, episode);
* waiting requests (``(priority, order)``, payload kind, episode).

The order is unique per pool, so two keys are never equal and a heap pops the same entry
as :mod:`heapq` would with the tuples of :class:`simfin.sim.server_pool.ServerPool`.
"""

from __future__ import annotations

from numba import njit

__all__ = ["pop_end", "pop_fed", "pop_waiting", "push_end", "push_fed", "push_waiting"]


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
def _before(k1, o1, k2, o2):
    return k1 < k2 or (k1 == k2 and o1 < o2)


@njit(cache=True, _nrt=False, inline="always")
def _move(keys, orders, a, b, c, p, src, dst):
    keys[p, dst] = keys[p, src]
    orders[p, dst] = orders[p, src]
    a[p, dst] = a[p, src]
    b[p, dst] = b[p, src]
    c[p, dst] = c[p, src]


@njit(cache=True, _nrt=False, inline="always")
def _push(keys, orders, a, b, c, n, p, key, order, va, vb, vc):
    i = n[p]
    n[p] = i + 1
    while i > 0:
        parent = (i - 1) >> 1
        if not _before(key, order, keys[p, parent], orders[p, parent]):
            break
        _move(keys, orders, a, b, c, p, parent, i)
        i = parent
    keys[p, i], orders[p, i] = key, order
    a[p, i], b[p, i], c[p, i] = va, vb, vc


@njit(cache=True, _nrt=False, inline="always")
def _pop(keys, orders, a, b, c, n, p):
    """Remove the top of pool ``p``'s heap (read it before)."""
    size = n[p] - 1
    n[p] = size
    if size == 0:
        return
    key, order = keys[p, size], orders[p, size]
    va, vb, vc = a[p, size], b[p, size], c[p, size]
    i = 0
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        if child + 1 < size and _before(keys[p, child + 1], orders[p, child + 1],
                                        keys[p, child], orders[p, child]):
            child += 1
        if not _before(keys[p, child], orders[p, child], key, order):
            break
        _move(keys, orders, a, b, c, p, child, i)
        i = child
    keys[p, i], orders[p, i] = key, order
    a[p, i], b[p, i], c[p, i] = va, vb, vc


@njit(cache=True, _nrt=False, inline="always")
def push_fed(fed_t, fed_o, fed_pr, fed_kind, fed_j, fed_n, p, due, order, priority, kind, j):
    """Push a fed request (due ``due``, the pool's ``order``-th) on pool ``p``'s heap."""
    _push(fed_t, fed_o, fed_pr, fed_kind, fed_j, fed_n, p, due, order, priority, kind, j)


@njit(cache=True, _nrt=False, inline="always")
def pop_fed(fed_t, fed_o, fed_pr, fed_kind, fed_j, fed_n, p):
    """Remove the earliest fed request of pool ``p``; returns its priority, kind, episode."""
    out = fed_pr[p, 0], fed_kind[p, 0], fed_j[p, 0]
    _pop(fed_t, fed_o, fed_pr, fed_kind, fed_j, fed_n, p)
    return out


@njit(cache=True, _nrt=False, inline="always")
def push_waiting(w_pr, w_o, w_kind, w_j, w_arr, w_n, p, priority, order, kind, j, arrival):
    """Queue a request (``priority``, the pool's ``order``-th) at pool ``p``."""
    _push(w_pr, w_o, w_kind, w_j, w_arr, w_n, p, priority, order, kind, j, arrival)


@njit(cache=True, _nrt=False, inline="always")
def pop_waiting(w_pr, w_o, w_kind, w_j, w_arr, w_n, p):
    """Remove the first waiting request of pool ``p``; returns its kind and episode."""
    out = w_kind[p, 0], w_j[p, 0]
    _pop(w_pr, w_o, w_kind, w_j, w_arr, w_n, p)
    return out
