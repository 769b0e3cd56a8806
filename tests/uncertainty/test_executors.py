"""Sweeps give bit-identical results on every executor, worker count and chunking."""

from __future__ import annotations

import pandas as pd
import pytest
from uncertainty_helpers import uncertain_dict

from simfin.errors import SimfinError
from simfin.scenario.uncertain import uncertain_from_dict
from simfin.uncertainty import sweep
from simfin.parallel import run_tasks

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

SAMPLES, REPLICATIONS = 3, 2


@pytest.fixture(scope="module")
def scenario():
    return uncertain_from_dict(uncertain_dict())


@pytest.fixture(scope="module")
def serial(scenario):
    return sweep(scenario, "psa", samples=SAMPLES, replications=REPLICATIONS,
                 executor="serial", chunk_size=1)


def _assert_identical(a, b) -> None:
    for name in ("kpis", "yearly"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
    pd.testing.assert_frame_equal(a.design.values, b.design.values, check_exact=True)


def test_serial_results_are_complete_and_sorted_by_keys(serial):
    keys = serial.kpis[["sample", "replication"]].drop_duplicates()
    assert list(map(tuple, keys.to_numpy())) == [(s, r) for s in range(SAMPLES)
                                                 for r in range(REPLICATIONS)]
    assert serial.meta["chunks_run"] == SAMPLES * REPLICATIONS
    assert set(serial.yearly["party"]) == {"municipality"}


def test_two_processes_give_bit_identical_results(scenario, serial):
    parallel = sweep(scenario, "psa", samples=SAMPLES, replications=REPLICATIONS,
                     executor="process", workers=2, chunk_size=1)
    _assert_identical(serial, parallel)


def test_other_chunking_gives_bit_identical_results(scenario, serial):
    chunked = sweep(scenario, "psa", samples=SAMPLES, replications=REPLICATIONS,
                    executor="serial", chunk_size=4)
    assert chunked.meta["chunks_run"] == 2  # 6 units in chunks of 4
    _assert_identical(serial, chunked)


def test_a_dask_local_cluster_gives_bit_identical_results(scenario, serial):
    # needs the extra simfin[dask] (part of the dev install, so CI runs this test)
    on_dask = sweep(scenario, "psa", samples=SAMPLES, replications=REPLICATIONS,
                    executor="dask", workers=2, chunk_size=1)
    _assert_identical(serial, on_dask)


def _square(x: int) -> int:
    return x * x


def test_run_tasks_returns_every_result_with_its_index():
    got = dict(run_tasks(_square, list(range(7)), "serial"))
    assert got == {i: i * i for i in range(7)}
    with pytest.raises(SimfinError, match="unknown executor"):
        list(run_tasks(_square, [1], "threads"))
    with pytest.raises(SimfinError, match="only applies to executor 'dask'"):
        list(run_tasks(_square, [1], "process", scheduler="tcp://localhost:8786"))
