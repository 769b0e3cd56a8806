"""A sweep killed mid-run (SIGKILL) resumes without recomputing or losing finished chunks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from uncertainty_helpers import uncertain_dict, write_scenario

from simfin.errors import SimfinError
from simfin.uncertainty import sweep

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

ROOT = Path(__file__).resolve().parents[2]
SAMPLES, REPLICATIONS = 12, 2  # 24 chunks of one unit each
OPTIONS = {"samples": SAMPLES, "replications": REPLICATIONS, "chunk_size": 1}


def _start_sweep(scenario: Path, out: Path) -> subprocess.Popen:
    env = {"PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg",
           "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen(
        [sys.executable, "-m", "simfin", "sweep", str(scenario), "--method", "psa",
         "--samples", str(SAMPLES), "--replications", str(REPLICATIONS), "--chunk-size", "1",
         "--executor", "serial", "--out", str(out), "--quiet"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finished(out: Path) -> dict[str, tuple[int, int]]:
    """Finished chunk files (all tables) -> (inode, mtime in ns)."""
    done = {p.name.split(".")[0] for p in (out / "chunks").glob("chunk-*.kpis.parquet")}
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in (out / "chunks").glob("chunk-*.parquet") if p.name.split(".")[0] in done}


def _kill_after_first_chunk(proc: subprocess.Popen, out: Path, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while not list((out / "chunks").glob("chunk-*.kpis.parquet")):
        if proc.poll() is not None:
            pytest.fail(f"the sweep ended before its first checkpoint: {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("no checkpoint appeared in time")
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def test_killed_sweep_resumes_to_exactly_the_uninterrupted_result(tmp_path):
    scenario = write_scenario(tmp_path / "onzeker.toml", uncertain_dict())
    out = tmp_path / "sweep"
    _kill_after_first_chunk(_start_sweep(scenario, out), out)

    before = _finished(out)
    n_done = len(before) // 2  # yearly + kpis per chunk
    assert 1 <= n_done < SAMPLES * REPLICATIONS, "the kill must interrupt the sweep"
    print(f"killed after {n_done} of {SAMPLES * REPLICATIONS} chunks")

    resumed = sweep(scenario, "psa", executor="serial", out=out, resume=True, **OPTIONS)
    # no finished chunk was recomputed: the counter, and the files are the very same files
    assert resumed.meta["chunks_resumed"] == n_done
    assert resumed.meta["chunks_run"] == SAMPLES * REPLICATIONS - n_done
    after = _finished(out)
    assert {name: after[name] for name in before} == before
    assert len(after) == 2 * SAMPLES * REPLICATIONS

    uninterrupted = sweep(scenario, "psa", executor="serial", **OPTIONS)
    for name in ("kpis", "yearly"):
        pd.testing.assert_frame_equal(getattr(resumed, name), getattr(uninterrupted, name),
                                      check_exact=True)

    again = sweep(scenario, "psa", executor="serial", out=out, resume=True, **OPTIONS)
    assert (again.meta["chunks_run"], again.meta["chunks_resumed"]) == (0, SAMPLES * REPLICATIONS)
    assert _finished(out) == after


def test_an_output_directory_is_never_silently_reused(tmp_path):
    scenario = write_scenario(tmp_path / "onzeker.toml", uncertain_dict())
    out = tmp_path / "sweep"
    small = {"samples": 2, "replications": 1}
    sweep(scenario, "psa", executor="serial", out=out, **small)
    with pytest.raises(SimfinError, match="already holds a sweep; continue it with --resume"):
        sweep(scenario, "psa", executor="serial", out=out, **small)
    with pytest.raises(SimfinError, match="differs in: .*design_fingerprint.*samples"):
        sweep(scenario, "psa", executor="serial", out=out, resume=True, samples=3,
              replications=1)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["method"] == "psa" and manifest["samples"] == 2
