"""Fuzz: broken observed-data CSVs through ``read_observed`` and ``simfin calibrate``.

Every file is either read (and then holds only finite amounts from 0 to € 100 billion,
known municipalities and one row per municipality and taakveld) or refused with a
one-line :class:`~simfin.errors.ScenarioError` naming the file; never another exception,
and no case takes more than 10 s (a hang guard, not a timing). A few cases run through
the command line as real subprocesses: exit code 2, one line, no traceback. Bigger runs:
``PYTHONPATH=src python tests/reliability/observed_fuzz.py 20000``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SCENARIOS
from observed_fuzz import case, run

import simfin

N_CASES = 300


def test_fuzzed_observed_files_are_read_or_refused_in_one_line_without_hanging():
    outcomes = run(N_CASES, limit_s=10.0)
    assert sum(outcomes.values()) == N_CASES
    assert outcomes["refused"] > N_CASES // 2 and outcomes["ok"] > 0   # both paths exercised


@pytest.mark.parametrize("seed", [17])
def test_fuzzed_observed_files_through_the_command_line(tmp_path, seed):
    path = tmp_path / "waargenomen.csv"
    data = case(seed)
    while True:   # the first refused case from this seed on
        path.write_bytes(data)
        try:
            from simfin.calibrate import read_observed

            read_observed(path, None, {"Baarn", "Bunschoten", "Soest"})
        except simfin.ScenarioError:
            break
        seed += 1000
        data = case(seed)
    proc = subprocess.run(
        [sys.executable, "-m", "simfin", "calibrate", str(SCENARIOS / "bbs-95k.toml"),
         "--observed", str(path), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
        env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
             "PYTHONPATH": str(Path(simfin.__file__).parents[1])})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"simfin: error: {path}")
    assert not (tmp_path / "out").exists()
