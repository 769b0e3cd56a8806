"""The expected path compiled: the catch-up of linked server pools and the steps of the
cases they serve, in numba (used by :class:`simfin.sim.compiled_pools.CompiledPools`).

It does what :func:`simfin.sim.pool_group.catch_up_group` and the methods of
:class:`simfin.sim.model_intake.ExpectedPathMixin` do, step for step and with the same
floating-point operations, for a run in which every server request is an expected or fed
one (no processes, no patience, no reorganisation; a work rate over time as
:class:`simfin.sim.capacity.Speed` gives it, and policy regimes, whose attributes a return
takes when it is fed): always the earliest next thing across the pools first, ties to the
pool with the lower index (the pools are numbered in the order of their groups), at a pool
an arrival before an end at the same time, and an expected arrival before a fed one at
the same time.

``state`` (:class:`PoolState`) holds the pools, row ``p`` of each array pool ``p``:
capacity, servers taken, a segment of the expected first intakes ended by ``inf``, and

* heaps of the ends (when a held server comes free) and of the fed requests, and rings of
  the waiting requests (:mod:`simfin.sim.pool_heaps`).

A request is an item ``4 * episode + kind`` (``2 * item + priority`` while fed).

``cases`` (:class:`CaseData`) holds the per-episode attributes the steps read, the pools
that serve each municipality and the stage time stamps (views of
:class:`simfin.sim.stage_times.StageTimes`), written here.

The kernel runs without numba's reference counting (``_nrt=False``: it allocates nothing;
with it, a replication's catch-up took eight times longer), every step inlined into the
entry points (a quarter faster, some seconds more to compile once) and without bounds
checks (``tests/unit/test_compiled_pools.py`` runs it once with them). numba checks a
cached function against its own file only, so :func:`ensure_current` compiles the kernel
again when what it takes from other modules changed: constants, and the heaps
(:mod:`simfin.sim.pool_heaps`) by a digest of their source.
"""

from __future__ import annotations

from collections import namedtuple
from math import inf

from numba import njit

from simfin.sim import pool_heaps
from simfin.sim.cases import EPISODES, OUTCOMES
from simfin.sim.pool_heaps import (NORMAL, URGENT, pop_end, pop_fed, pop_waiting, push_end,
                                   push_fed, push_waiting)
from simfin.sim.stage_times import ASSESSMENT, CARE, CONSULTATION, LIGHT_HELP, STAGES

__all__ = ["FULL", "INTAKE", "NORMAL", "URGENT", "CaseData", "PoolState", "catch_up", "counted",
           "counted_each", "ensure_current", "set_capacity"]

INTAKE, CONSULT, LIGHT, PLACE = 0, 1, 2, 3  # the step a request starts (PLACE: care in a
                                            # client place of a lump-sum provider)
HELPED, REFERRED = OUTCOMES.index("light_help"), OUTCOMES.index("referral")
N_STAGES = len(STAGES)
FULL = 1                                   # catch_up's answer: a heap needs more room
# what the kernel takes from other modules, the heaps' code among them (as a number from
# its source); numba's cache would not see them change
CONSTANTS = (EPISODES, N_STAGES, ASSESSMENT, CONSULTATION, CARE, LIGHT_HELP, HELPED, REFERRED,
             pool_heaps.SOURCE_DIGEST)

PoolState = namedtuple("PoolState", [
    "capacity", "count",                   # int64[P]
    "ends", "ends_n",                      # float64[P, C], int64[P]
    "exp_t", "exp_j", "exp_pr", "exp_next",  # expected: flat segments ended by inf
    "fed_t", "fed_o", "fed_item", "fed_n", "fed_order",  # heap: float64/int64[P, F]
    "ring", "ring_head", "ring_size",      # waiting: int64[P, 2, R], int64[P, 2] twice
    "w_n",                                 # int64[P]: requests waiting at each pool
])
CaseData = namedtuple("CaseData", [
    "assessment_days", "consult", "consult_days", "outcome", "care_days", "step_down",
    "light_days", "reentry", "reentry_delay_days", "priority",   # per episode
    "municipality",                                              # per case
    "intake_of", "light_of", "consult_of",                       # pool per municipality
    "arrival", "start", "end",                                   # per stage row
    "stop",                                                      # float64[1]: run's end
    "speed_t", "speed_f", "speed_n",  # per pool: Speed's times and factors, their number
    "policy_start", "origin",         # float64[R] (-inf first), float64[1]: SimPy day 0
    "p_float", "p_int", "adopted",    # float64[R, 5, n], int64[R, 6, n], int64[n]: _adopt
    "product", "places_of",           # per episode; per product its places' pool or -1
])


@njit(cache=True, _nrt=False, inline="always")
def _next_time(s, p):
    """When pool ``p``'s next thing happens: an arrival, or an end while requests wait."""
    arrival = s.exp_t[s.exp_next[p]]
    if s.fed_n[p] > 0 and s.fed_t[p, 0] < arrival:
        arrival = s.fed_t[p, 0]
    if s.w_n[p] > 0 and s.ends_n[p] > 0 and s.ends[p, 0] < arrival:
        return s.ends[p, 0]
    return arrival


@njit(cache=True, _nrt=False, inline="always")
def _feed(s, c, q, row, due, priority, kind, j):
    if due < c.stop[0]:
        c.arrival[row] = due
    order = s.fed_order[q]
    s.fed_order[q] = order + 1
    push_fed(s.fed_t, s.fed_o, s.fed_item, s.fed_n, q, due, order,
             2 * (4 * j + kind) + priority)


@njit(cache=True, _nrt=False, inline="always")
def _adopt(c, j, t):
    """Episode ``j``, due at ``t`` (days since year one), takes the attributes the steps
    read from the policy regime in force then (:meth:`Simulation._adopt`): from
    ``p_float[r]`` assessment, consultation, care, light-help days and re-entry delay,
    from ``p_int[r]`` consultation, outcome, step-down, re-entry, priority and product;
    ``r`` is written to ``adopted[j]`` (the case table follows after the run)."""
    r = 0
    while r + 1 < c.policy_start.shape[0] and c.policy_start[r + 1] <= t:
        r += 1
    c.assessment_days[j] = c.p_float[r, 0, j]
    c.consult_days[j] = c.p_float[r, 1, j]
    c.care_days[j] = c.p_float[r, 2, j]
    c.light_days[j] = c.p_float[r, 3, j]
    c.reentry_delay_days[j] = c.p_float[r, 4, j]
    c.consult[j] = c.p_int[r, 0, j] != 0
    c.outcome[j] = c.p_int[r, 1, j]
    c.step_down[j] = c.p_int[r, 2, j] != 0
    c.reentry[j] = c.p_int[r, 3, j] != 0
    c.priority[j] = c.p_int[r, 4, j]
    c.product[j] = c.p_int[r, 5, j]
    c.adopted[j] = r


@njit(cache=True, _nrt=False, inline="always")
def _episode_over(s, c, j, t):
    if c.reentry[j] and (j + 1) % EPISODES:
        due = t + c.reentry_delay_days[j]
        if c.policy_start.shape[0] > 1 and due < c.stop[0]:  # comes back under a policy
            _adopt(c, j + 1, due - c.origin[0])
        q = c.intake_of[c.municipality[j // EPISODES]]
        _feed(s, c, q, (j + 1) * N_STAGES + ASSESSMENT, due, c.priority[j + 1], INTAKE, j + 1)


@njit(cache=True, _nrt=False, inline="always")
def _decided(s, c, j, t):
    row = j * N_STAGES
    if c.outcome[j] == REFERRED:
        q = c.places_of[c.product[j]]
        if q >= 0:                         # a client place of a lump-sum provider
            _feed(s, c, q, row + CARE, t, c.priority[j], PLACE, j)
            return
        c.arrival[row + CARE] = t          # open-capacity care starts at once
        c.start[row + CARE] = t
        t = t + c.care_days[j]
        c.end[row + CARE] = t
    _after_decision(s, c, j, t)


@njit(cache=True, _nrt=False, inline="always")
def _after_decision(s, c, j, t):
    """Light help after the decision or after care, else the end of the episode."""
    outcome = c.outcome[j]
    if outcome == HELPED or (outcome == REFERRED and c.step_down[j]):
        q = c.light_of[c.municipality[j // EPISODES]]
        _feed(s, c, q, j * N_STAGES + LIGHT_HELP, t, c.priority[j], LIGHT, j)
    else:
        _episode_over(s, c, j, t)


@njit(cache=True, _nrt=False, inline="always")
def _finish(c, p, t, work):
    """When ``work`` (days at speed 1) started at ``t`` at pool ``p`` ends: ``t + work``
    unless the pool's workers change speed (:meth:`simfin.sim.capacity.Speed.end`, step
    for step)."""
    n = c.speed_n[p]
    if n == 0:
        return t + work
    i = 0                                  # the last change at or before t
    while i + 1 < n and c.speed_t[p, i + 1] <= t:
        i += 1
    while True:
        f = c.speed_f[p, i]
        nxt = c.speed_t[p, i + 1] if i + 1 < n else inf
        end = t + work if f == 1.0 else t + work / f
        if end <= nxt:
            return end
        work -= (nxt - t) * f
        t = nxt
        i += 1


@njit(cache=True, _nrt=False, inline="always")
def _start(s, c, item, t, p):
    """The step of ``item`` (``4 * episode + kind``) starts at ``t`` at pool ``p``;
    returns its end."""
    kind, j = item & 3, item >> 2
    if kind == INTAKE:
        row = j * N_STAGES + ASSESSMENT
        end = _finish(c, p, t, c.assessment_days[j])
    elif kind == CONSULT:
        row = j * N_STAGES + CONSULTATION
        end = _finish(c, p, t, c.consult_days[j])
    elif kind == LIGHT:
        row = j * N_STAGES + LIGHT_HELP
        end = _finish(c, p, t, c.light_days[j])
    else:
        row = j * N_STAGES + CARE
        end = _finish(c, p, t, c.care_days[j])
    c.start[row] = t
    c.end[row] = end
    if kind == INTAKE and c.consult[j]:
        q = c.consult_of[c.municipality[j // EPISODES]]
        _feed(s, c, q, j * N_STAGES + CONSULTATION, end, c.priority[j], CONSULT, j)
    elif kind == LIGHT:
        _episode_over(s, c, j, end)
    elif kind == PLACE:
        _after_decision(s, c, j, end)
    else:
        _decided(s, c, j, end)
    return end


@njit(cache=True, _nrt=False, inline="always")
def _free_ended(s, p, t):
    """Servers whose service ended by ``t`` come free, unless requests wait."""
    while s.ends_n[p] > 0 and s.ends[p, 0] <= t and s.w_n[p] == 0:
        pop_end(s.ends, s.ends_n, p)
        s.count[p] -= 1


@njit(cache=True, _nrt=False, inline="always")
def _next_waiting(s, p):
    """Take the first waiting request of pool ``p`` (one waits); returns its item."""
    s.w_n[p] -= 1
    return pop_waiting(s.ring, s.ring_head, s.ring_size, p)


@njit(cache=True, _nrt=False)
def _serve_waiting(s, c, p, t):
    """The first waiting request of pool ``p`` (one waits) gets a server at ``t``."""
    push_end(s.ends, s.ends_n, p, _start(s, c, _next_waiting(s, p), t, p))


@njit(cache=True, _nrt=False, inline="always")
def _room(s, p):
    """Room for one more fed request at every pool and one more waiting at pool ``p``."""
    if s.ring_size[p, 0] >= s.ring.shape[2] or s.ring_size[p, 1] >= s.ring.shape[2]:
        return False
    for q in range(s.fed_n.shape[0]):
        if s.fed_n[q] >= s.fed_t.shape[1]:
            return False
    return True


@njit(cache=True, _nrt=False)
def catch_up(s, c, t):
    """Let every pool handle what happens before ``t``, earliest first (ties: the pool with
    the lower index). Returns 0 when done, :data:`FULL` when a heap must grow first (call
    again after growing: nothing is lost)."""
    pools = s.capacity.shape[0]
    while True:
        first, when = -1, t
        for p in range(pools):
            due = _next_time(s, p)
            if due < when:
                first, when = p, due
        if first < 0:
            return 0
        p = first
        if not _room(s, p):
            return FULL
        n = s.exp_next[p]
        arrival = s.exp_t[n]
        from_fed = s.fed_n[p] > 0 and s.fed_t[p, 0] < arrival
        if from_fed:
            arrival = s.fed_t[p, 0]
        end = s.ends[p, 0] if s.w_n[p] > 0 and s.ends_n[p] > 0 else inf
        if end < arrival:                  # a server passes on, while requests wait
            pop_end(s.ends, s.ends_n, p)
            if s.count[p] > s.capacity[p]:  # fewer servers now: this one stops
                s.count[p] -= 1
                continue
            at, item = end, _next_waiting(s, p)
        else:                              # a request arrives
            if from_fed:
                fed = pop_fed(s.fed_t, s.fed_o, s.fed_item, s.fed_n, p)
                priority, item = fed & 1, fed >> 1
            else:
                s.exp_next[p] = n + 1
                priority, item = s.exp_pr[n], 4 * s.exp_j[n] + INTAKE
            at = arrival
            _free_ended(s, p, at)
            if s.count[p] >= s.capacity[p]:
                push_waiting(s.ring, s.ring_head, s.ring_size, p, priority, item)
                s.w_n[p] += 1
                continue
            s.count[p] += 1
        push_end(s.ends, s.ends_n, p, _start(s, c, item, at, p))  # the one place a step starts


@njit(cache=True, _nrt=False)
def counted(s, c, t, pools, group, out):
    """:func:`catch_up` to ``t``, then count busy servers and waiting requests of ``pools``
    (indices) in ``out[2 g]`` and ``out[2 g + 1]``, ``g = group[i]`` (one call for a
    snapshot). Returns :data:`FULL` (nothing counted) when a heap must grow first."""
    if catch_up(s, c, t) == FULL:
        return FULL
    out[:] = 0
    for i in range(pools.shape[0]):
        p = pools[i]
        _free_ended(s, p, t)
        out[2 * group[i]] += s.count[p]
        out[2 * group[i] + 1] += s.w_n[p]
    return 0


@njit(cache=True, _nrt=False)
def counted_each(s, c, times, pools, group, out):
    """:func:`counted` at each of ``times`` (ascending) into ``out[i]``, in order. Returns
    how many times were counted: fewer than ``len(times)`` when a heap must grow first."""
    for i in range(times.shape[0]):
        if counted(s, c, times[i], pools, group, out[i]) == FULL:
            return i
    return times.shape[0]


@njit(cache=True, _nrt=False)
def set_capacity(s, c, p, capacity, t):
    """Pool ``p`` has ``capacity`` servers from ``t`` on (after :func:`catch_up` to ``t``;
    the ends heap must have room for ``capacity``): ends by ``t`` pass on at ``t``, more
    servers go to waiting requests at once."""
    while s.ends_n[p] > 0 and s.ends[p, 0] <= t:
        pop_end(s.ends, s.ends_n, p)
        if s.w_n[p] > 0 and s.count[p] <= s.capacity[p]:
            _serve_waiting(s, c, p, t)     # passed on at t
        else:
            s.count[p] -= 1
    s.capacity[p] = capacity
    while s.w_n[p] > 0 and s.count[p] < capacity:
        s.count[p] += 1
        _serve_waiting(s, c, p, t)


@njit(cache=True, _nrt=False)
def _compiled_constants():
    return CONSTANTS  # frozen when compiled, as every global the kernel reads


def ensure_current() -> None:
    """Compile the kernel again if the cached code was built with other constants (a
    changed :mod:`simfin.sim.cases`, :mod:`simfin.sim.stage_times` or
    :mod:`simfin.sim.pool_heaps`; numba checks a cached function against its own file
    only)."""
    if _compiled_constants() != CONSTANTS:
        for kernel in (_compiled_constants, catch_up, counted, counted_each, set_capacity):
            kernel.recompile()
