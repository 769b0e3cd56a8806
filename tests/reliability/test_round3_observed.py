"""Regression tests for issue 30, items 1, 3, 4 and 5: ``simfin calibrate`` and its observed
data under hostile input, reproduced as the attacker tried it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SCENARIOS

import simfin
from simfin.calibrate import read_observed
from simfin.cli import main
from simfin.errors import ScenarioError

HANG_GUARD_S = 60   # only catches a hang
HEADER = "municipality,year,kind,taakveld,measure,value\n"
MUNIS = {"Baarn", "Bunschoten", "Soest"}


def _observed(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "waargenomen.csv"
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simfin", *argv], capture_output=True,
                          text=True, timeout=HANG_GUARD_S,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                               "PYTHONPATH": str(Path(simfin.__file__).parents[1])})


# --- 1. /dev/zero and a FIFO as --observed -----------------------------------------------

def test_1_a_device_is_refused_before_reading(tmp_path):
    with pytest.raises(ScenarioError, match=r"^/dev/zero: expected a regular file .*device"):
        read_observed("/dev/zero")


def test_1_a_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    proc = _cli("calibrate", str(SCENARIOS / "bbs-95k.toml"), "--observed", str(fifo),
                "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and f"{fifo}: expected a regular file" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_1_a_file_over_the_size_cap_is_refused_after_reading_only_the_cap(tmp_path):
    from simfin import observed

    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(observed.MAX_OBSERVED_BYTES + 1)   # sparse: no disk used
    with pytest.raises(ScenarioError, match=r"under 50,000,000 bytes"):
        read_observed(big)


# --- 3. the calibrated scenario loads -------------------------------------------------------

@pytest.mark.parametrize("inside", [False, True])
def test_3_the_calibrated_scenario_calibrate_writes_can_be_loaded(tmp_path, capsys, inside):
    home = tmp_path / "scenarios"
    home.mkdir()
    scenario = home / "kort.toml"
    scenario.write_text(f'extends = "{(SCENARIOS / "bbs-95k.toml").as_posix()}"\n'
                        'name = "kort"\n[simulation]\nhorizon_years = 1\n'
                        '[calibration]\nreplications = 1\n', encoding="utf-8")
    observed = _observed(tmp_path, "Baarn,2023,accounts,6.1,lasten,6218000")
    out = home if inside else tmp_path / "out" / "kalibratie"
    assert main(["calibrate", str(scenario), "--observed", str(observed), "--out", str(out),
                 *(["--force"] if inside else [])]) == 0
    written = out / "kort-gekalibreerd.toml"
    loaded = simfin.load(written)   # the loader refused the old '../../' base
    assert loaded.name == "kort-gekalibreerd"
    assert loaded.municipalities["Baarn"].local_factors != \
        simfin.load(scenario).municipalities["Baarn"].local_factors
    assert ('extends = "kort.toml"' in written.read_text(encoding="utf-8")) == inside


# --- 4. bad observed data is refused, naming the row -------------------------------------

@pytest.mark.parametrize(("rows", "message"), [
    (["Baarn,2023,accounts,0.4,lasten,10186000", "Baarn,2023,accounts,0.4,lasten,10186000"],
     r"row 3: expected one lasten row per municipality, year and taakveld; Baarn 0.4 2023 "
     r"is also on row 2"),
    (["Baarn,2023,accounts,0.4,lasten,nan"], r"row 2, value: expected an amount in euros"),
    (["Baarn,2023,accounts,0.4,lasten,"], r"row 2, value: expected an amount in euros"),
    (["Baarn,2023,accounts,0.4,lasten,inf"], r"row 2, value: expected an amount in euros"),
    (["Baarn,2023,accounts,0.4,lasten,1e308"], r"row 2, value: expected at most € 100"),
    (["Baarn,2023,accounts,0.4,lasten,-5"], r"row 2, value: expected lasten >= 0"),
    (["Baarn,2023,accounts,0.4,lasten,1", "Atlantis,2023,accounts,0.4,lasten,1"],
     r"row 3, municipality: expected one of the scenario's municipalities \(Baarn, "
     r"Bunschoten, Soest\), got 'Atlantis'"),
])
def test_4_bad_observed_rows_are_refused_naming_the_row(tmp_path, rows, message):
    path = _observed(tmp_path, *rows)
    with pytest.raises(ScenarioError, match=message) as info:
        read_observed(path, 2023, MUNIS)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def test_4_many_duplicated_rows_are_refused_not_summed(tmp_path):
    path = _observed(tmp_path, *["Baarn,2023,accounts,0.4,lasten,154000"] * 100_000)
    with pytest.raises(ScenarioError, match=r"row 3: expected one lasten row"):
        read_observed(path, 2023, MUNIS)


def test_4_a_unit_other_than_euros_is_refused(tmp_path):
    path = _observed(tmp_path, "Baarn,2023,0.4,lasten,10186,EUR x 1000",
                     header="municipality,year,taakveld,measure,value,unit\n")
    with pytest.raises(ScenarioError, match=r"row 2, unit: expected EUR \(full euros\)"):
        read_observed(path, 2023, MUNIS)


def test_4_cli_refuses_inf_with_one_line_and_exit_2_before_anything_runs(tmp_path):
    path = _observed(tmp_path, "Baarn,2023,accounts,6.1,lasten,inf")
    proc = _cli("calibrate", str(SCENARIOS / "bbs-95k.toml"), "--observed", str(path),
                "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr == (f"simfin: error: {path}: row 2, value: expected an amount in euros "
                           "like 10186000 or 10.186.000,00, got 'inf'\n")
    assert not (tmp_path / "out").exists()


# --- 5. tracebacks of calibrate ------------------------------------------------------------

def test_5_nl_nl_numbers_are_parsed(tmp_path):
    path = tmp_path / "nl.csv"
    path.write_text("municipality;year;kind;taakveld;measure;value\n"
                    'Baarn;2023;accounts;0.4;lasten;"10.186.000,00"\n'
                    "Soest;2023;accounts;0.4;lasten;€ 1.234,5\n"
                    "Bunschoten;2023;accounts;0.4;lasten;1.234\n", encoding="utf-8-sig")
    observed = read_observed(path, 2023, MUNIS)
    assert observed["value"].tolist() == [10_186_000.0, 1_234.5, 1_234.0]


def test_5_mixed_number_styles_are_refused(tmp_path):
    path = _observed(tmp_path, 'Baarn,2023,accounts,0.4,lasten,"10.186.000,00"',
                     "Soest,2023,accounts,0.4,lasten,1234.5")
    with pytest.raises(ScenarioError, match=r"row 3, value: .*mixes plain and nl-NL"):
        read_observed(path, 2023, MUNIS)


@pytest.mark.parametrize(("content", "message"), [
    (HEADER + "Baarn,2023,accounts,0.4,lasten,veel\n", r"row 2, value: expected an amount"),
    (HEADER, r"measure: expected rows with measure 'lasten', found none"),
    (HEADER + "Baarn,2023,accounts,0.4,baten,5\n", r"expected rows with measure 'lasten'"),
    (HEADER + "Baarn,twintig,accounts,0.4,lasten,5\n",
     r"row 2, year: expected a calendar year like 2023, got 'twintig'"),
    ("", r"expected the columns municipality, year, taakveld, measure, value"),
    (HEADER + "Baarn,2023,accounts,0.4\n", r"row 2: expected 6 cells like the header, got 4"),
    ((HEADER + "Baarn,2023,accounts,0.4,lasten,5\n").encode("utf-16"), r"got UTF-16"),
    (b"\x00\x01" * 100, r"expected CSV text, got binary data"),
])
def test_5_broken_observed_files_are_one_line_errors(tmp_path, content, message):
    path = tmp_path / "o.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ScenarioError, match=message):
        read_observed(path, None, MUNIS)


def test_5_cli_on_a_header_only_file_is_exit_2_without_traceback(tmp_path, capsys):
    path = _observed(tmp_path)
    assert main(["calibrate", str(SCENARIOS / "bbs-95k.toml"), "--observed", str(path),
                 "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "measure: expected rows with measure 'lasten'" in err
    assert not (tmp_path / "out").exists()


def test_shipped_observed_files_still_read():
    for name in ("bbs-lasten.csv", "bbs-lasten-detail.csv"):
        observed = read_observed(ROOT / "data" / "observed" / name, 2023, MUNIS)
        assert observed["value"].sum() == pytest.approx(147_776_000)



@pytest.mark.parametrize(("year", "message"), [
    ("2023", "--validate-year: expected a year other than the fitted 2023"),
    ("1999", "year: no lasten for year 1999"),
])
def test_5_validate_year_is_checked_before_anything_is_fitted(tmp_path, capsys, monkeypatch,
                                                              year, message):
    def never(*_a, **_k):
        raise AssertionError("fitted although --validate-year is refused")

    monkeypatch.setattr("simfin.calibrate.calibrate", never)
    out = tmp_path / "out"
    assert main(["calibrate", str(SCENARIOS / "bbs-95k.toml"), "--observed",
                 str(ROOT / "data" / "observed" / "bbs-lasten.csv"), "--year", "2023",
                 "--validate-year", year, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not out.exists()
