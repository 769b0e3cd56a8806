"""Pools that feed each other (a mixin of :class:`simfin.sim.server_pool.ServerPool`).

An expected request that starts at one pool may feed the next step of its case to another
pool (:meth:`GroupMixin.feed`): its consultation, light help or return. Pools that feed
each other are linked (:meth:`GroupMixin.link`) into a :class:`Group` and catch up
together (:func:`catch_up_group`): always the earliest next thing across them first, so
each knows every request due before the time it looks, whichever pool fed it; the
earliest pool runs ahead on its own while its next thing comes before every other pool's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from heapq import heappop, heappush
from math import inf, nextafter

__all__ = ["Group", "GroupMixin", "catch_up_group"]


class GroupMixin:
    """Linking, feeding and the steps of a pool's catch-up (the pool's own fields:
    ``_expected``, ``_next``, ``_fed``, ``_ends``, ``_waiting``, ``_group``)."""

    def link(self, other: GroupMixin) -> None:
        """``other`` and this pool feed each other's requests (:meth:`feed`, either way):
        from now on they and the pools linked to them catch up together, one request or end
        at a time in time order across them, so each knows every request due before the
        time it looks, whichever pool fed it (a request starts before it is fed on)."""
        mine, theirs = self._group.pools, other._group.pools
        if mine is theirs:
            return
        group = Group([*mine, *(pool for pool in theirs if pool not in mine)])
        for pool in group.pools:
            pool._group = group

    def feed(self, t: float, priority: int, start: Callable[[float], float]) -> None:
        """An expected request arriving at ``t`` (fed by this pool itself or a linked one,
        not before the present of their catch-up, see :meth:`link`) that needs nothing but
        a server: when it gets one at
        ``s``, the pool calls ``start(s)``, which returns when the server comes free. Like
        :meth:`expect`'s requests it costs no event."""
        heappush(self._fed, (t, self._fed_order, priority, start))
        self._fed_order += 1
        group = self._group
        if t < group.bound:                    # a pool running ahead stops there
            group.bound = t

    def _next_time(self) -> float:
        """When the next thing :meth:`catch_up` would handle happens: an expected request
        arrives, or a server passes on at its end while requests wait."""
        arrival = self._expected[self._next]
        fed = self._fed
        if fed and fed[0][0] < arrival:
            arrival = fed[0][0]
        ends = self._ends
        end = ends[0] if self._waiting and ends else inf
        return end if end < arrival else arrival

    def _run_ahead(self, group: Group) -> None:
        """Go on as :meth:`catch_up` does while the next thing comes before
        ``group.bound`` (read again each turn: what this pool feeds may lower it)."""
        times, ends, waiting, fed = self._expected, self._ends, self._waiting, self._fed
        while True:
            n = self._next
            arrival = times[n]
            from_fed = fed and fed[0][0] < arrival
            if from_fed:
                arrival = fed[0][0]
            end = ends[0] if waiting and ends else inf
            if end < arrival:
                if not end < group.bound:
                    return
                heappop(ends)
                self._pass_on(end)
            elif arrival < group.bound:
                if from_fed:
                    _, _, priority, start = heappop(fed)
                    self._let_in_fed(priority, start, arrival)
                else:
                    self._next = n + 1
                    self._let_in(n, arrival)
            else:
                return

    def _let_in_fed(self, priority: int, start: Callable[[float], float], t: float) -> None:
        if self._take_free(t):
            heappush(self._ends, start(t))
        else:
            self._enqueue(priority, partial(self._hand_over_call, start), None, inf, None, t)


class Group:
    """Linked pools (:meth:`ServerPool.link`) and, while one of them runs ahead in
    :func:`catch_up_group`, the time it must stop at (a pool on its own is a group of one)."""

    __slots__ = ("bound", "pools")

    def __init__(self, pools: list) -> None:
        self.pools, self.bound = pools, inf


def catch_up_group(group: Group, t: float) -> None:
    """Let linked pools catch up to ``t`` together: always the earliest next thing across
    them first (ties: the pool linked first), so what one feeds another is known before
    that one passes its time. The earliest pool goes on alone while its next thing comes
    before every other pool's (``group.bound``, lowered by what it feeds them)."""
    pools = group.pools
    while True:
        first, when, second = None, t, t
        for pool in pools:
            due = pool._next_time()
            if due < when:
                first, when, second = pool, due, when
            elif due < second:
                second = due
        if first is None:
            return
        # on a tie with another pool, this one (linked first) goes first while its next
        # thing is at that very time
        group.bound = second if when < second else nextafter(when, inf)
        first._run_ahead(group)
