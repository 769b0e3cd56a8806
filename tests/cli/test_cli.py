"""The command line end to end: the README's main job on bbs-95k and one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

ROOT = Path(__file__).resolve().parents[2]


def simfin(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simfin", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def bbs_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bbs")
    proc = simfin("run", "scenarios/bbs-95k.toml", "--replications", "2", "--out", str(out))
    return proc, out


def test_run_succeeds_and_prints_the_table(bbs_run):
    proc, _ = bbs_run
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "€" in proc.stdout


def test_run_writes_tables_that_parse(bbs_run):
    _, out = bbs_run
    yearly = pd.read_csv(out / "yearly.csv")
    assert {"replication", "year", "municipality", "category", "amount_eur"} <= set(yearly.columns)
    assert sorted(yearly["replication"].unique()) == [0, 1]
    assert set(yearly["municipality"]) == {"Baarn", "Bunschoten", "Soest"}
    assert sorted(yearly["year"].unique()) == [2027, 2028, 2029, 2030, 2031]
    kpis = pd.read_csv(out / "kpis.csv")
    assert {"intake_wait_p95_days", "entered_2e", "trajectory_mean_days_2e"} <= set(kpis["kpi"])
    # one finite value per KPI and replication; shares between 0 and 1, counts whole
    assert (kpis.groupby("kpi")["replication"].apply(sorted) == pd.Series(
        [[0, 1]] * kpis["kpi"].nunique(), index=sorted(kpis["kpi"].unique()))).all()
    assert np.isfinite(kpis["value"]).all()
    shares = kpis[kpis["kpi"].str.endswith("_share")]["value"]
    assert len(shares) and shares.between(0, 1).all()
    entered = kpis[kpis["kpi"] == "entered_2e"]["value"]
    assert (entered >= 0).all() and (entered == entered.round()).all()


def test_run_writes_chart_workbook_and_summary(bbs_run):
    _, out = bbs_run
    png = (out / "kosten_per_jaar.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "kosten_per_jaar.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    workbook = openpyxl.load_workbook(out / "bbs-95k.xlsx")
    assert "Samenvatting" in workbook.sheetnames
    summary = (out / "samenvatting.md").read_text(encoding="utf-8")
    assert "bbs-95k" in summary and "€ " in summary


def test_validate_reports_ok_for_shipped_scenarios():
    proc = simfin("validate", "scenarios/bbs-95k.toml", "scenarios/referentie-100k.toml")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("OK ") == 2


def test_bad_scenario_gives_one_line_and_exit_code_2(tmp_path):
    bad = tmp_path / "kapot.toml"
    text = (ROOT / "scenarios/bbs-95k.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace("[simulation]", "[simulation]\nhorizon_jaren = 5", 1),
                   encoding="utf-8")
    proc = simfin("validate", str(bad))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(bad) in lines[0] and "simulation.horizon_jaren" in lines[0]
    proc = simfin("run", str(bad), "--out", str(tmp_path / "o"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert not (tmp_path / "o").exists()


def test_missing_file_is_a_clean_error(tmp_path):
    proc = simfin("run", str(tmp_path / "nergens.toml"))
    assert proc.returncode == 2
    assert "file not found" in proc.stderr and "Traceback" not in proc.stderr


def test_scenarios_lists_the_shipped_files():
    proc = simfin("scenarios")
    assert proc.returncode == 0
    assert "bbs-95k.toml" in proc.stdout and "referentie-100k.toml" in proc.stdout
