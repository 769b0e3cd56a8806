"""Outputs: never overwritten without --force, and earlier outputs survive a failing run.

A run is interrupted while it writes in three ways: a writer raising half-way (in
process), the disk filling up (an OSError, shown as one line), and a real ``simfin run``
process killed with SIGKILL in the middle of writing its workbook. Each time the earlier
outputs must be byte for byte what they were.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import small_scenario_dict
from toml_text import to_toml

import simfin
from simfin.cli import main
from simfin.report import outputs
from simfin.report.outputs import MANIFEST, OutputError, safe_name, write_outputs

EXPECTED = {"yearly.csv", "kpis.csv", "kosten_per_jaar.png", "kosten_per_jaar.svg",
            "stroom_door_lijnen.png", "stroom_door_lijnen.svg", "wachttijd_intake.png",
            "wachttijd_intake.svg", "klein.xlsx", "samenvatting.md", "modelkaart.md", MANIFEST}


@pytest.fixture
def scenario_file(tmp_path) -> Path:
    data = small_scenario_dict()
    data["simulation"]["replications"] = 1
    path = tmp_path / "klein.toml"
    path.write_text(to_toml(data), encoding="utf-8")
    return path


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def _run(scenario_file: Path, out: Path, *extra: str) -> int:
    return main(["run", str(scenario_file), "--out", str(out), "-q", *extra])


@pytest.fixture
def earlier(tmp_path, scenario_file) -> tuple[Path, dict[str, bytes]]:
    """An output directory holding the outputs of an earlier run (seed 1)."""
    out = tmp_path / "uit"
    assert _run(scenario_file, out, "--seed", "1") == 0
    assert set(_snapshot(out)) == EXPECTED
    return out, _snapshot(out)


def _no_staging_left(out: Path) -> bool:
    return not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.simfin-")]


def test_existing_output_is_refused_without_force_before_simulating(earlier, scenario_file,
                                                                    capsys, monkeypatch):
    out, before = earlier

    def never(*args, **kwargs):
        raise AssertionError("simulated although the output directory is refused")

    monkeypatch.setattr(simfin, "run", never)
    capsys.readouterr()
    assert _run(scenario_file, out) == 2
    err = capsys.readouterr().err
    assert err == (f"simfin: error: output directory {out} already exists and is not empty; "
                   "choose another --out or add --force to replace simfin's files in it\n")
    assert _snapshot(out) == before


def test_an_empty_existing_directory_is_fine(tmp_path, scenario_file):
    out = tmp_path / "leeg"
    out.mkdir()
    assert _run(scenario_file, out) == 0
    assert set(_snapshot(out)) == EXPECTED


def test_a_file_in_the_way_is_refused_even_with_force(tmp_path, scenario_file, capsys):
    out = tmp_path / "bestand"
    out.write_text("van mij", encoding="utf-8")
    assert _run(scenario_file, out, "--force") == 2
    assert "exists and is not a directory" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "van mij"


@pytest.mark.slow
def test_force_replaces_simfins_files_and_keeps_the_users_own(earlier, scenario_file):
    out, before = earlier
    assert _run(scenario_file, out, "--force", "--seed", "1", "--ledger") == 0
    assert "ledger.csv" in _snapshot(out)
    (out / "notities.txt").write_text("mijn aantekeningen", encoding="utf-8")
    assert _run(scenario_file, out, "--force", "--seed", "2") == 0
    after = _snapshot(out)
    assert set(after) == EXPECTED | {"notities.txt"}      # the stale ledger.csv is gone
    assert after["notities.txt"] == b"mijn aantekeningen"
    assert after["yearly.csv"] != before["yearly.csv"]     # another seed, other numbers
    manifest = json.loads(after[MANIFEST])
    assert set(manifest["files"]) == EXPECTED - {MANIFEST} and manifest["seed"] == 2
    assert _no_staging_left(out)


@pytest.mark.slow
def test_a_writer_failing_half_way_leaves_the_earlier_outputs(earlier, scenario_file,
                                                              monkeypatch):
    out, before = earlier
    import simfin.report.document_writers as writers

    def broken(*args, **kwargs):  # runs after tables, chart and workbook were written
        raise RuntimeError("writer crashed")

    monkeypatch.setattr(writers, "markdown_text", broken)
    with pytest.raises(RuntimeError, match="writer crashed"):
        _run(scenario_file, out, "--force", "--seed", "2")
    assert _snapshot(out) == before
    assert _no_staging_left(out)


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_leaves_the_earlier_outputs(earlier, scenario_file,
                                                                 monkeypatch, capsys):
    out, before = earlier
    import simfin.report.document_writers as writers

    def disk_full(doc, path):
        Path(path).write_bytes(b"PK\x03\x04 half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writers, "write_document_workbook", disk_full)
    capsys.readouterr()
    assert _run(scenario_file, out, "--force", "--seed", "2") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err and str(out) in err
    assert _snapshot(out) == before
    assert _no_staging_left(out)


@pytest.mark.slow
def test_a_failure_while_moving_files_into_place_rolls_back(earlier, scenario_file,
                                                            monkeypatch):
    out, before = earlier
    real_replace = os.replace
    calls = []

    def flaky(src, dst):
        if Path(dst).parent == out and Path(src).parent.name.startswith(".uit.simfin-"):
            calls.append(dst)
            if len(calls) == 4:  # the 4th file moved into place fails
                raise PermissionError(errno.EACCES, "file is open in another program", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(outputs.os, "replace", flaky)
    with pytest.raises(OutputError, match="file is open in another program"):
        write_outputs(simfin.run(simfin.load(scenario_file), seed=2), out)
    assert len(calls) == 4
    assert _snapshot(out) == before
    assert _no_staging_left(out)


KILLER = """
import os, signal, sys
from pathlib import Path
import simfin.report.document_writers as writers

def killed(doc, path):
    Path(path).write_bytes(b"PK\\x03\\x04 half a workbook")
    os.kill(os.getpid(), signal.SIGKILL)

writers.write_document_workbook = killed
from simfin.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_run_killed_while_writing_leaves_the_earlier_outputs(earlier, scenario_file, tmp_path):
    out, before = earlier
    script = tmp_path / "killer.py"
    script.write_text(KILLER, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), "run", str(scenario_file), "--out", str(out), "--force",
         "--seed", "2", "-q"], capture_output=True, text=True, timeout=300,
        env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
             "PYTHONPATH": str(Path(simfin.__file__).parents[1])})
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert _snapshot(out) == before
    # The killed run's half-finished staging directory is left next to it, never inside.
    leftovers = [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.simfin-")]
    assert len(leftovers) == 1 and (leftovers[0] / "klein.xlsx").exists()


def test_scenario_names_cannot_write_outside_the_output_directory(tmp_path, monkeypatch):
    data = small_scenario_dict()
    data["name"] = "../../ontsnapt/a\\b:c"
    data["simulation"]["replications"] = 1
    path = tmp_path / "s.toml"
    path.write_text(to_toml(data), encoding="utf-8")
    work = tmp_path / "werk"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["run", str(path), "-q"]) == 0
    (target,) = (work / "out").iterdir()
    assert target.name == safe_name(data["name"]) == "_.._ontsnapt_a_b_c"
    assert (target / "_.._ontsnapt_a_b_c.xlsx").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.toml", "werk"]


@pytest.mark.parametrize(("name", "safe"), [("bbs-95k", "bbs-95k"), ("..", "scenario"),
                                            (".verborgen", "verborgen"), ("a/b", "a_b"),
                                            ("Súdwest-Fryslân 2027", "Súdwest-Fryslân 2027")])
def test_safe_name(name, safe):
    assert safe_name(name) == safe


@pytest.mark.slow
@pytest.mark.parametrize("command", ["compare", "business", "scale", "organisations"])
def test_every_command_refuses_an_occupied_directory_before_simulating(
        command, tmp_path, scenario_file, capsys, monkeypatch):
    out = tmp_path / "bezet"
    out.mkdir()
    (out / "notities.txt").write_text("van de gebruiker", encoding="utf-8")
    variant = tmp_path / "variant.toml"
    variant.write_text('extends = "klein.toml"\nname = "variant"\n', encoding="utf-8")
    args = {"compare": ["compare", str(scenario_file), str(variant)],
            "business": ["business", str(scenario_file), str(variant)],
            "scale": ["scale", str(scenario_file), "--points", "2", "-n", "1"],
            "organisations": ["organisations", str(scenario_file), "-n", "1"]}[command]

    def never(*a, **k):
        raise AssertionError("simulated although the output directory is refused")

    monkeypatch.setattr("simfin.runner.simulate", never)
    assert main([*args, "--out", str(out)]) == 2
    assert "already exists and is not empty" in capsys.readouterr().err
    assert _snapshot(out) == {"notities.txt": b"van de gebruiker"}
    monkeypatch.undo()
    assert main([*args, "--out", str(out), "--force"]) == 0   # --force: written, note kept
    files = _snapshot(out)
    assert files["notities.txt"] == b"van de gebruiker" and len(files) > 1
