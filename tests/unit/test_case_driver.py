"""The engine's helpers: the case driver runs a generator of SimPy events like
``simpy.Process`` minus its own start and end events; the garbage collector pauses only
while the events run."""

from __future__ import annotations

import pytest
import simpy
from conftest import CountingEnvironment

from simfin.sim.arrival import start_case


def _run(start) -> tuple[list, int]:
    env, seen = CountingEnvironment(), []

    def case():
        seen.append(env.now)
        yield env.timeout(2.0)
        seen.append(env.now)
        value = yield env.timeout(3.0, value="klaar")
        seen.append((env.now, value))

    def arrivals():
        yield env.timeout(1.0)
        start(env, case())

    env.process(arrivals())
    env.run(until=10.0)
    return seen, env.events


def test_a_case_runs_as_under_simpy_process_with_two_events_less():
    driven, driven_events = _run(lambda env, gen: start_case(gen))
    process, process_events = _run(lambda env, gen: env.process(gen))
    assert driven == process == [1.0, 3.0, (6.0, "klaar")]
    # simpy.Process adds an Initialize event and its own end; the driver neither
    assert process_events - driven_events == 2


def test_a_handed_over_event_and_an_already_processed_event_resume_the_case():
    env, seen = simpy.Environment(), []
    handover = env.event()
    done = env.event().succeed("oud")

    def case():
        seen.append((yield handover))
        seen.append((yield done))  # processed long ago: continues at once
        seen.append(env.now)

    env.run(until=1.0)              # ``done`` is processed by now
    start_case(case())
    env.timeout(4.0).callbacks.append(lambda _: handover.succeed("plek"))
    env.run()
    assert seen == ["plek", "oud", 5.0]


def test_a_failed_event_is_thrown_into_the_case():
    env, seen = simpy.Environment(), []
    fails = env.event()

    def case():
        try:
            yield fails
        except ValueError as err:
            seen.append(str(err))

    start_case(case())
    fails.fail(ValueError("mis"))
    env.run()
    assert seen == ["mis"]


def test_an_error_in_a_case_stops_the_run():
    env = simpy.Environment()

    def case():
        yield env.timeout(1.0)
        raise RuntimeError("fout in de casus")

    start_case(case())
    with pytest.raises(RuntimeError, match="fout in de casus"):
        env.run()


def test_the_garbage_collector_is_paused_only_while_the_events_run():
    import gc

    from simfin.sim.model import run_without_gc

    env, seen = simpy.Environment(), []

    def watch():
        seen.append(gc.isenabled())
        yield env.timeout(1.0)
        raise RuntimeError("stop")

    env.process(watch())
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        run_without_gc(env, 5.0)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        run_without_gc(simpy.Environment(), 1.0)
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()


def test_start_cases_starts_each_case_at_its_exact_arrival_with_one_event_each():
    from simfin.sim.arrival import start_cases

    env, seen = CountingEnvironment(), []
    times = [0.1 * k + 1 / 3 for k in range(1, 50)]  # sums the clock cannot hit exactly

    def case(i, t):
        seen.append((i, t, env.now))
        yield env.timeout(0.05)

    start_cases(env, times, list(range(100, 149)), case)
    env.run()
    assert [(i, t) for i, t, _ in seen] == list(zip(range(100, 149), times))
    assert all(abs(now - t) <= 1e-12 for _, t, now in seen)  # the clock agrees to rounding
    # an arrival and the case's own timeout each, plus the step that finds nothing left
    assert env.events == 2 * len(times) + 1
