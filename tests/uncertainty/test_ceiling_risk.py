"""A ceiling is compared only with what it covers (issue 27): ``overshoot:AMOUNT`` on a file
without ``[ceiling]`` is refused, and a PSA of a file with one prints P(overshoot) per year at its
own ceiling and the lowest safe ceiling on the console."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from simfin.business.ceiling import ceiling_per_year
from simfin.errors import SimfinError
from simfin.runner import run
from simfin.scenario import validate_dict
from simfin.scenario.uncertain import uncertain_from_dict
from simfin.uncertainty import sweep
from simfin.uncertainty.ceiling_risk import ceiling_risk
from simfin.uncertainty.outputs import overshoot_probability

from conftest import small_scenario_dict
from uncertainty_helpers import write_scenario

ROOT = Path(__file__).resolve().parents[2]


def simfin(*args: str) -> subprocess.CompletedProcess:
    env = {"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
           "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "simfin", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, env=env)


def _with_ceiling() -> dict:
    data = small_scenario_dict()
    data["products"]["ambulant"]["tariff_eur"] = {"dist": "uniform", "low": 60, "high": 100,
                                                  "label": "Tarief ambulant"}
    for product in data["products"].values():
        product["taakveld"] = "6.72"
    data["ceiling"] = {"amount_eur_per_year": 1_650_000, "taakvelden": ["6.72"]}
    return data


def test_overshoot_on_a_file_without_ceiling_is_refused_before_running(tmp_path):
    proc = simfin("sweep", "scenarios/bbs-95k-onzeker.toml", "--method", "psa",
                  "--output", "overshoot:31044307:2028", "--out", str(tmp_path / "x"))
    assert proc.returncode == 2, proc.stderr
    assert "bbs-95k-onzeker has no [ceiling]" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert not (tmp_path / "x" / "yearly.csv").exists()  # nothing ran


def test_overshoot_output_refuses_results_without_ceiling():
    results = run(validate_dict(small_scenario_dict(), "klein.toml"), replications=1)
    with pytest.raises(SimfinError, match="no \\[ceiling\\]"):
        overshoot_probability(1e6)(results)


def test_ceiling_risk_agrees_with_the_overshoot_output_and_the_risk():
    sw = sweep(uncertain_from_dict(_with_ceiling(), "klein-onzeker.toml"), "psa", samples=6,
               replications=2, executor="serial")
    table = ceiling_risk(sw, risk=0.25).set_index("year")
    ceilings = ceiling_per_year(sw.uncertain.base)
    assert 0 < table["p_overshoot"].max() and table["p_overshoot"].min() < 1  # not trivial
    for year, row in table.iterrows():
        assert row["ceiling_eur"] == pytest.approx(ceilings[year])
        # the same share through the per-sample output of overshoot:AMOUNT:YEAR
        per_sample = [overshoot_probability(row["ceiling_eur"], year)(sw.results_for(s))
                      for s in range(6)]
        assert row["p_overshoot"] == pytest.approx(np.mean(per_sample))
        assert row["n"] == 12
        # at the safe ceiling at most floor(0.25 * 12) = 3 of 12 runs are over
        at_safe = [overshoot_probability(row["safe_ceiling_eur"], year)(sw.results_for(s))
                   for s in range(6)]
        assert np.mean(at_safe) <= 0.25


def test_psa_console_prints_p_overshoot_per_year_and_the_lowest_safe_ceiling(tmp_path):
    path = write_scenario(tmp_path / "plafond.toml", _with_ceiling())
    proc = simfin("sweep", str(path), "--method", "psa", "--samples", "4", "-n", "1",
                  "--executor", "serial", "--out", str(tmp_path / "psa"),
                  "--output", "overshoot:1650000:2028")
    assert proc.returncode == 0, proc.stderr
    # the overshoot output names what it counts against the amount
    assert "Kans op overschrijding van het plafond (2028) (taakvelden 6.72)" in proc.stdout
    assert "Budgettair plafond (taakvelden 6.72): kans op overschrijding per jaar" in proc.stdout
    assert "Laagste veilige plafond, kans ≤ 10%" in proc.stdout
    lines = [ln for ln in proc.stdout.splitlines() if ln[:4].isdigit() and "€" in ln]
    assert len(lines) == _with_ceiling()["simulation"]["horizon_years"]
