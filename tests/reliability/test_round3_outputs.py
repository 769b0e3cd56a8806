"""Regression tests for issue 30, items 11, 12 (run part) and 13: the output directory of
``simfin run`` under hostile input, reproduced as the attacker tried it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import small_scenario_dict
from test_output_safety import KILLER
from toml_text import to_toml

import simfin
from simfin.cli import main
from simfin.report.outputs import MANIFEST, write_outputs


@pytest.fixture
def scenario_file(tmp_path) -> Path:
    data = small_scenario_dict()
    data["simulation"]["replications"] = 1
    path = tmp_path / "klein.toml"
    path.write_text(to_toml(data), encoding="utf-8")
    return path


def _never(*_a, **_k):
    raise AssertionError("simulated although the output directory is refused")


# --- 11. run --out on a dangling symlink or a loop -----------------------------------------

@pytest.mark.parametrize("kind", ["dangling", "loop"])
def test_11_run_refuses_a_dangling_or_looping_out_before_simulating(
        tmp_path, scenario_file, capsys, monkeypatch, kind):
    out = tmp_path / "uit"
    out.symlink_to(tmp_path / "weg" / "doel" if kind == "dangling" else out)
    monkeypatch.setattr("simfin.runner.simulate", _never)
    assert main(["run", str(scenario_file), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"cannot use output directory {out}: it is a symbolic link to a missing target" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["klein.toml", "uit"]


# --- 12. hidden staging folders after kill -9 ------------------------------------------------

def test_12_a_killed_runs_staging_folder_is_removed_by_a_run_into_a_sibling(tmp_path,
                                                                            scenario_file):
    script = tmp_path / "killer.py"
    script.write_text(KILLER, encoding="utf-8")
    parent = tmp_path / "uitvoer"
    proc = subprocess.run(
        [sys.executable, str(script), "run", str(scenario_file), "--out", str(parent / "a"),
         "-q"], capture_output=True, text=True, timeout=300,
        env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
             "PYTHONPATH": str(Path(simfin.__file__).parents[1])})
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    left = [p.name for p in parent.iterdir() if ".simfin-" in p.name]
    assert len(left) == 1 and left[0].startswith(".a.simfin-")   # the attack reproduced
    assert main(["run", str(scenario_file), "--out", str(parent / "b"), "-q"]) == 0
    assert sorted(p.name for p in parent.iterdir()) == ["b"]


def test_12_a_live_or_foreign_staging_folder_is_left_alone(tmp_path, scenario_file):
    parent = tmp_path / "uitvoer"
    live = parent / ".a.simfin-abcd1234"
    live.mkdir(parents=True)
    (live / ".simfin-staging").write_text(json.dumps({"host": __import__("socket")
                                                      .gethostname(), "pid": 1}))
    foreign = parent / ".a.simfin-efgh5678"   # no mark: not provably simfin's
    foreign.mkdir()
    assert main(["run", str(scenario_file), "--out", str(parent / "b"), "-q"]) == 0
    assert live.is_dir() and foreign.is_dir()


# --- 13. a hand-edited manifest listing a user's file ----------------------------------------

def test_13_force_never_deletes_a_users_file_listed_in_an_edited_manifest(tmp_path,
                                                                          small_scenario):
    results = simfin.run(small_scenario, replications=1)
    out = tmp_path / "out"
    write_outputs(results, out, ledger=True)
    notes = out / "mijn_notities.docx"
    notes.write_bytes(b"van de gebruiker")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"].append(notes.name)
    manifest["sha256"][notes.name] = "0" * 64        # a guess; the file is not simfin's
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    write_outputs(results, out, overwrite=True)     # no --ledger: ledger.csv is stale
    assert notes.read_bytes() == b"van de gebruiker"
    assert not (out / "ledger.csv").exists()        # simfin's own stale file still goes


def test_13_a_manifest_without_hashes_deletes_nothing(tmp_path, small_scenario):
    results = simfin.run(small_scenario, replications=1)
    out = tmp_path / "out"
    write_outputs(results, out, ledger=True)
    notes = out / "mijn_notities.docx"
    notes.write_bytes(b"van de gebruiker")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    (out / MANIFEST).write_text(json.dumps({"files": [*manifest["files"], notes.name]}),
                                encoding="utf-8")
    write_outputs(results, out, overwrite=True)
    assert notes.read_bytes() == b"van de gebruiker" and (out / "ledger.csv").exists()


def test_13_simfins_own_file_changed_by_the_user_is_kept(tmp_path, small_scenario):
    results = simfin.run(small_scenario, replications=1)
    out = tmp_path / "out"
    write_outputs(results, out, ledger=True)
    (out / "ledger.csv").write_text("mijn bewerking\n", encoding="utf-8")
    write_outputs(results, out, overwrite=True)
    assert (out / "ledger.csv").read_text(encoding="utf-8") == "mijn bewerking\n"


def test_11_run_refuses_an_out_longer_than_path_max_before_simulating(
        tmp_path, scenario_file, capsys, monkeypatch):
    import os

    out = tmp_path / ("a/" * (os.pathconf("/", "PC_PATH_MAX") // 2))
    monkeypatch.setattr("simfin.runner.simulate", _never)
    assert main(["run", str(scenario_file), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "expected a path shorter than the system's limit" in err
    assert not (tmp_path / "a").exists()
