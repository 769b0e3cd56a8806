"""The expected path in compiled code, for runs in which no case is a process.

When every simulated case takes the expected path (:mod:`simfin.sim.model_intake`) and
nothing asks a pool for more than that (no patience, no reorganisation), the pools'
catch-up and the cases' steps run in numba (:mod:`simfin.sim.pool_kernel`) instead of
Python: same order of service, same floating-point operations, so the same results to the
last bit (``tests/unit/test_compiled_pools.py`` compares the two on the shipped scenarios,
``tests/unit/test_policy_returns.py`` under policy regimes). A work rate over time and
policy regimes on the timeline run here too. The
:class:`~simfin.sim.server_pool.ServerPool` objects stay what the monitor, the timeline
and inhuur talk to; each hands ``catch_up``, ``busy``, ``queue_length`` and
``set_capacity`` to its :class:`CompiledPools`.

numba compiles the kernel at its first use and caches it on disk (``__pycache__``), so a
later process loads it in a fraction of a second.
"""

from __future__ import annotations

from math import inf

import numpy as np

from simfin.sim.case_lists import as_lists
from simfin.sim.cases import EPISODES
from simfin.sim.pool_kernel import (FULL, NORMAL, URGENT, CaseData, PoolState, catch_up, counted,
                                    counted_each, ensure_current, set_capacity)

__all__ = ["CompiledPools"]

#: The rows of ``p_float`` and ``p_int`` (:func:`simfin.sim.pool_kernel._adopt`).
_ADOPTED_FLOATS = ("assessment_days", "consult_days", "care_days", "light_days",
                   "reentry_delay_days")
_ADOPTED_INTS = ("consult", "outcome", "step_down", "reentry", "priority", "product")


class CompiledPools:
    """The pools of one run and the cases they serve, as arrays a compiled kernel works on.

    ``pools`` are numbered in the order of their groups (a tie goes to the pool linked
    first, as in :func:`simfin.sim.pool_group.catch_up_group`); ``expected`` maps a pool to
    its first intakes, ``(times, case ids)`` sorted by time; ``c`` is the simulation's
    per-episode case attributes (:func:`simfin.sim.case_lists.as_lists`), ``municipality``
    the case's municipality index, ``intake_of``, ``light_of`` and ``consult_of`` the pool
    that serves each municipality (``None``: none), ``stages`` the stage time stamps,
    ``stop`` the end of the run (days) and ``places_of`` per product the pool of its
    provider's client places (``None``: open capacity)."""

    ROOM = 64  # first room of each heap of fed and waiting requests (doubled when full)

    def __init__(self, pools: list, expected: dict[int, tuple[np.ndarray, np.ndarray]],
                 c, municipality: np.ndarray, intake_of: list, light_of: list,
                 consult_of: list, stages, stop: float, places_of: list = ()) -> None:
        self.pools = pools
        self._busy_of: dict[int, _Counter] = {}  # pool -> its counter
        index = {id(pool): k for k, pool in enumerate(pools)}
        n_pools, room = len(pools), self.ROOM
        ensure_current()
        priority = np.asarray(c.priority, dtype=np.int64)
        if priority.size and (priority.min() < URGENT or priority.max() > NORMAL):
            raise ValueError("compiled pools serve priorities 0 (urgent) and 1 only")
        times, episodes, priorities, offsets = [], [], [], []
        at = 0
        for pool in pools:  # each pool's segment, ended by inf (nothing left)
            t, i = expected.get(id(pool), (np.empty(0), np.empty(0, dtype=np.int64)))
            j = np.asarray(i, dtype=np.int64) * EPISODES
            offsets.append(at)
            times += [np.asarray(t, dtype=float), np.array([inf])]
            episodes += [j, np.zeros(1, dtype=np.int64)]
            priorities += [priority[j], np.zeros(1, dtype=np.int64)]
            at += len(j) + 1
        ends_room = max(max(pool.capacity for pool in pools), 1)
        self.state = PoolState(
            capacity=np.array([pool.capacity for pool in pools], dtype=np.int64),
            count=np.array([pool.count for pool in pools], dtype=np.int64),
            ends=np.full((n_pools, ends_room), inf), ends_n=np.zeros(n_pools, dtype=np.int64),
            exp_t=np.concatenate(times), exp_j=np.concatenate(episodes),
            exp_pr=np.concatenate(priorities),
            exp_next=np.array(offsets, dtype=np.int64),
            fed_t=np.empty((n_pools, room)), fed_o=np.empty((n_pools, room), dtype=np.int64),
            fed_item=np.empty((n_pools, room), dtype=np.int64),
            fed_n=np.zeros(n_pools, dtype=np.int64), fed_order=np.zeros(n_pools, dtype=np.int64),
            ring=np.empty((n_pools, 2, room), dtype=np.int64),
            ring_head=np.zeros((n_pools, 2), dtype=np.int64),
            ring_size=np.zeros((n_pools, 2), dtype=np.int64),
            w_n=np.zeros(n_pools, dtype=np.int64))

        def pool_of(units: list) -> np.ndarray:
            return np.array([-1 if unit is None else index[id(unit)] for unit in units],
                            dtype=np.int64)

        view = np.asarray  # the memoryviews of the case attributes, no copy
        self.cases = CaseData(
            assessment_days=view(c.assessment_days), consult=view(c.consult),
            consult_days=view(c.consult_days), outcome=view(c.outcome).astype(np.int64),
            care_days=view(c.care_days), step_down=view(c.step_down),
            light_days=view(c.light_days), reentry=view(c.reentry),
            reentry_delay_days=view(c.reentry_delay_days), priority=priority,
            municipality=np.asarray(municipality, dtype=np.int64),
            intake_of=pool_of(intake_of), light_of=pool_of(light_of),
            consult_of=pool_of(consult_of),
            arrival=np.frombuffer(stages.arrival), start=np.frombuffer(stages.start),
            end=np.frombuffer(stages.end), stop=np.array([stop]), **_speeds(pools),
            policy_start=np.array([-inf]), origin=np.zeros(1), p_float=np.zeros((1, 5, 1)),
            p_int=np.zeros((1, 6, 1), dtype=np.int64), adopted=np.zeros(1, dtype=np.int64),
            product=np.asarray(c.product, dtype=np.int64), places_of=pool_of([*places_of, None]))
        for k, pool in enumerate(pools):
            pool._compiled, pool._compiled_index = self, k

    def adopt(self, policy, intake_rate: np.ndarray, consult_rate: np.ndarray,
              origin: float) -> None:
        """A return takes, when it is fed, the attributes of ``policy``'s regime in force
        when it is due (:class:`simfin.sim.policy.PolicyTables`; the rates are the hours a
        worker of the serving pool does per day, per municipality index, and ``origin``
        the SimPy time of day 0). :attr:`cases` ``.adopted`` tells each episode's regime
        (-1: none adopted)."""
        tables = policy.tables
        p_float = np.empty((len(tables), len(_ADOPTED_FLOATS), tables[0].n * EPISODES))
        p_int = np.empty((len(tables), len(_ADOPTED_INTS), tables[0].n * EPISODES),
                         dtype=np.int64)
        for r, table in enumerate(tables):  # the lists the steps read, per regime
            lists = as_lists(table, intake_rate, consult_rate)
            for k, name in enumerate(_ADOPTED_FLOATS):
                p_float[r, k] = getattr(lists, name)
            for k, name in enumerate(_ADOPTED_INTS):
                p_int[r, k] = getattr(lists, name)
        self.cases = self.cases._replace(
            policy_start=np.array(policy.starts, dtype=float), origin=np.array([origin]),
            p_float=p_float, p_int=p_int,
            adopted=np.full(tables[0].n * EPISODES, -1, dtype=np.int64))

    def catch_up(self, t: float) -> None:
        """Every pool handles what happens before ``t`` (days)."""
        while catch_up(self.state, self.cases, t) == FULL:
            self._grow()

    def busy(self, k: int, t: float) -> int:
        """Servers of pool ``k`` busy at ``t`` (days, now)."""
        count = self._busy_of.get(k)
        if count is None:
            count = self._busy_of[k] = self.counter([[self.pools[k]]])
        return count(t)[0]

    def counter(self, groups: list[list]) -> _Counter:
        """A function of ``t`` (days, now) that gives, per group of ``pools``, busy servers
        and waiting requests at ``t`` summed, as ``[busy, waiting, busy, waiting, ...]``
        (what :meth:`busy` and :meth:`queue_length` of each give, in one compiled call);
        its ``each`` gives them at several times."""
        return _Counter(self, groups)

    def queue_length(self, k: int) -> int:
        """Requests waiting at pool ``k``."""
        return int(self.state.w_n[k])

    def set_capacity(self, k: int, capacity: int, t: float) -> None:
        """Pool ``k`` has ``capacity`` servers from ``t`` (days, now) on."""
        self.catch_up(t)
        if capacity > self.state.ends.shape[1]:
            self._widen_ends(capacity)
        # every server and every waiting request may start a step that feeds one request
        need = int(self.state.ends_n[k]) + capacity
        while (self.state.fed_t.shape[1] - self.state.fed_n).min() < need:
            self._grow()
        set_capacity(self.state, self.cases, k, capacity, t)

    def _grow(self) -> None:
        """Double the room of the heaps of fed requests and the rings of waiting ones
        (contents kept)."""
        def wider(a: np.ndarray) -> np.ndarray:
            out = np.empty((a.shape[0], 2 * a.shape[1]), dtype=a.dtype)
            out[:, :a.shape[1]] = a
            return out

        s = self.state
        ring = np.empty((*s.ring.shape[:2], 2 * s.ring.shape[2]), dtype=np.int64)
        for p, priority in np.ndindex(*s.ring.shape[:2]):  # each ring from its front on
            ring[p, priority, :s.ring.shape[2]] = np.roll(s.ring[p, priority],
                                                          -s.ring_head[p, priority])
        s.ring_head[:] = 0
        names = ("fed_t", "fed_o", "fed_item")
        self.state = s._replace(ring=ring, **{n: wider(getattr(s, n)) for n in names})

    def _widen_ends(self, size: int) -> None:
        ends = np.full((self.state.ends.shape[0], size), inf)
        ends[:, :self.state.ends.shape[1]] = self.state.ends
        self.state = self.state._replace(ends=ends)


def _speeds(pools: list) -> dict[str, np.ndarray]:
    """Each pool's :class:`~simfin.sim.capacity.Speed` as rows of times and factors (its
    ``-inf`` first) and their number (0: no speed, every service takes its work)."""
    speeds = [pool.speed for pool in pools]
    size = max([len(speed.times) for speed in speeds if speed is not None], default=1)
    times, factors = np.full((len(pools), size), inf), np.ones((len(pools), size))
    number = np.zeros(len(pools), dtype=np.int64)
    for p, speed in enumerate(speeds):
        if speed is not None:
            number[p] = len(speed.times)
            times[p, :number[p]], factors[p, :number[p]] = speed.times, speed.factors
    return {"speed_t": times, "speed_f": factors, "speed_n": number}


class _Counter:
    """Busy servers and waiting requests of groups of compiled pools
    (:meth:`CompiledPools.counter`)."""

    def __init__(self, pools: CompiledPools, groups: list[list]) -> None:
        self.pools = pools
        self.index = np.array([pool._compiled_index for members in groups for pool in members],
                              dtype=np.int64)
        self.group = np.array([g for g, members in enumerate(groups) for _ in members],
                              dtype=np.int64)
        self.out = np.zeros(2 * len(groups), dtype=np.int64)

    def __call__(self, t: float) -> list[int]:
        """``[busy, waiting, ...]`` per group at ``t`` (days, now)."""
        pools = self.pools
        while counted(pools.state, pools.cases, t, self.index, self.group, self.out) == FULL:
            pools._grow()
        return self.out.tolist()

    def each(self, times: np.ndarray) -> np.ndarray:
        """Row ``i``: what a call at ``times[i]`` gives, the calls made in order (``times``
        ascending, days); one compiled call unless a heap must grow."""
        pools, done = self.pools, 0
        out = np.zeros((len(times), len(self.out)), dtype=np.int64)
        while done < len(times):
            done += counted_each(pools.state, pools.cases, times[done:], self.index,
                                 self.group, out[done:])
            if done < len(times):
                pools._grow()
        return out
