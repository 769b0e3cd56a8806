"""``simfin sweep`` end to end: tidy CSVs, charts, the sheet "Gevoeligheid", one-line errors."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "uncertainty"))
from uncertainty_helpers import DRIVER, NO_EFFECT, uncertain_dict, write_scenario  # noqa: E402

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md


def simfin(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
           "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "simfin", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Path:
    return write_scenario(tmp_path_factory.mktemp("sc") / "onzeker.toml", uncertain_dict())


def test_tornado_writes_tables_chart_and_dutch_sheet(scenario, tmp_path):
    out = tmp_path / "tornado"
    proc = simfin("sweep", str(scenario), "--method", "tornado", "-n", "1", "--executor",
                  "serial", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Tarief ambulant" in proc.stdout and "7 blokken gerekend, 0 hervat" in proc.stdout
    table = pd.read_csv(out / "tornado.csv")
    assert table["parameter"].iloc[0] == DRIVER
    assert table.set_index("parameter").loc[NO_EFFECT, "swing"] == 0
    assert len(pd.read_csv(out / "design.csv")) == 1 + 2 * 3
    kpis = pd.read_csv(out / "kpis.csv")
    assert sorted(kpis["sample"].unique()) == list(range(7))
    assert (out / "tornado.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    sheet = openpyxl.load_workbook(out / "gevoeligheid.xlsx")["Gevoeligheid"]
    texts = {c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"Rang", "Uitkomst laag", "Tarief ambulant", "Tornado (één aanname tegelijk)"} <= texts


def test_psa_writes_the_ceiling_curve_and_the_lowest_ceiling(scenario, tmp_path):
    out = tmp_path / "psa"
    proc = simfin("sweep", str(scenario), "--method", "psa", "--samples", "10", "-n", "2",
                  "--workers", "2", "--risk", "0.2", "--lang", "en", "--out", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    yearly = pd.read_csv(out / "yearly.csv")
    totals = yearly.groupby(["sample", "replication", "year"])["amount_eur"].sum()
    lowest = pd.read_csv(out / "lowest_ceiling.csv").set_index("year")
    for year, x in totals.groupby(level="year"):
        x = sorted(x)  # 20 runs; at most floor(0.2 * 20) = 4 may exceed the ceiling
        assert lowest.loc[year, "ceiling_eur"] == pytest.approx(x[len(x) - 1 - 4], rel=1e-12)
    curve = pd.read_csv(out / "ceiling_curve.csv")
    assert curve.groupby("year")["p_overshoot"].apply(
        lambda p: p.is_monotonic_decreasing).all()
    svg = (out / "ceiling_curve.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and svg.rstrip().endswith("</svg>")   # a whole drawing, not a stub
    workbook = openpyxl.load_workbook(out / "sensitivity.xlsx")
    assert workbook.sheetnames == ["Sensitivity"]
    psa = pd.read_csv(out / "psa.csv")
    assert psa["parameter"].iloc[0] == DRIVER and not math.isnan(psa["spearman"].iloc[0])


@pytest.mark.parametrize(("args", "expected"), [
    (["--output", "nonsense"], "unknown output 'nonsense'"),
    (["--method", "sobol", "--samples", "10"], "power of 2"),
    (["--method", "grid", "--params", f"{DRIVER},nope"], "nope: not an uncertain parameter"),
])
def test_bad_options_give_one_line_and_exit_2(scenario, tmp_path, args, expected):
    proc = simfin("sweep", str(scenario), "--executor", "serial", "--out",
                  str(tmp_path / "x"), *args)
    assert proc.returncode == 2
    assert expected in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_scenario_without_uncertainty_or_with_a_bad_dist_is_a_one_line_error(tmp_path):
    proc = simfin("sweep", "scenarios/bbs-95k.toml", "--out", str(tmp_path / "a"))
    assert proc.returncode == 2 and "declares no uncertain parameters" in proc.stderr
    data = uncertain_dict()
    data["access_team"]["fte"] = {"dist": "triangular", "low": 5, "mode": 9, "high": 7}
    bad = write_scenario(tmp_path / "fout.toml", data)
    proc = simfin("sweep", str(bad), "--out", str(tmp_path / "b"))
    assert proc.returncode == 2
    assert f"{bad}: access_team.fte: expected low <= mode <= high" in proc.stderr
