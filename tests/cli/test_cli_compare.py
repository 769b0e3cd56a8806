"""``simfin compare`` end to end on the shipped jeugd-60k variants (one replication each)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

ROOT = Path(__file__).resolve().parents[2]


def simfin(*args: str) -> subprocess.CompletedProcess:
    # PYTHONPATH: test this checkout's source, not whatever simfin the interpreter has installed
    return subprocess.run([sys.executable, "-m", "simfin", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                               "PYTHONPATH": str(ROOT / "src")})


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    out = tmp_path_factory.mktemp("vergelijking")
    proc = simfin("compare", "scenarios/jeugd-60k-pq-uur.toml", "scenarios/jeugd-60k-lumpsum.toml",
                  "--replications", "1", "--out", str(out))
    return proc, out


def test_compare_prints_the_side_by_side_table(compared):
    proc, _ = compared
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    # the columns carry the files' labels ([afweging] label), not their file names
    header = next(line for line in proc.stdout.splitlines()
                  if "p*q per uur of dag (inspanningsgericht)" in line)
    assert "Lumpsum (taakgericht)" in header
    # one replication is singular ("1 replicatie", never "1 replicaties")
    assert "1 replicatie," in proc.stdout and "1 replicaties" not in proc.stdout
    for text in ("Uitgaven gemeente per jaar", "Marge aanbieders per jaar",
                 "Wachtlijst specialistische zorg", "Administratieve uren gemeente per jaar",
                 "Kans op verlies aanbieders", "Wie draagt het volumerisico?"):
        assert text in proc.stdout


def test_compare_writes_csv_and_chart(compared):
    _, out = compared
    table = pd.read_csv(out / "vergelijking.csv")
    assert set(table["scenario"]) == {"jeugd-60k-pq-uur", "jeugd-60k-lumpsum"}
    lump = table.set_index(["scenario", "indicator"]).loc[
        ("jeugd-60k-lumpsum", "specialist_care_eur")]
    assert lump["mean"] == pytest.approx(5_150_000 + 2_125_000)   # the two budgets
    assert (out / "vergelijking.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "vergelijking.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert (out / "volumerisico.md").read_text(encoding="utf-8").startswith("# Wie draagt")


def test_compare_with_a_bad_file_is_one_line(tmp_path):
    bad = tmp_path / "fout.toml"
    bad.write_text('extends = "bestaat-niet.toml"\n', encoding="utf-8")
    proc = simfin("compare", "scenarios/jeugd-60k.toml", str(bad), "-n", "1", "--out",
                  str(tmp_path / "uit"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "fout.toml: extends" in proc.stderr
