"""Regression tests for issue 18: hostile input, reproduced as the attacker tried it.

One test (or a few) per item of the issue; each asserts the safe outcome: a one-line
error, no file outside ``--out`` touched, no formula cell, no process left.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINIMAL_TOML, SCENARIOS, small_scenario_dict

import simfin
from simfin.cli import main
from simfin.errors import ScenarioError
from simfin.scenario import validate_dict
from simfin.theory import erlang_c

HANG_GUARD_S = 60  # generous: only catches a hang; the timing itself is in benchmarks/


def _cli(*argv: str, timeout: float = HANG_GUARD_S) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simfin", *argv], capture_output=True,
                          text=True, timeout=timeout,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                               "PYTHONPATH": str(Path(simfin.__file__).parents[1])})


# --- 1. validate hang with fte = 1e9 -----------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("fte", ["1e9", "1e300"])
def test_1_huge_fte_is_refused_with_the_bound_and_reason(tmp_path, fte):
    path = tmp_path / "s.toml"
    path.write_text(MINIMAL_TOML.replace("fte = 4", f"fte = {fte}"), encoding="utf-8")
    proc = _cli("validate", str(path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1
    assert "access_team.fte: expected a number at most 10,000 (" in proc.stderr


def test_1_erlang_c_is_closed_form_for_many_servers():
    start = time.perf_counter()
    assert erlang_c(10**12, 0.9 * 10**12) == pytest.approx(0.0, abs=1e-12)
    assert time.perf_counter() - start < 1.0  # a loop per server would take hours
    # the closed form agrees with the recursion where both apply
    recursion = erlang_c(1000, 950.0)
    b = 1.0
    for k in range(1, 1001):
        b = 950.0 * b / (k + 950.0 * b)
    assert recursion == pytest.approx(b / (1 - 0.95 + 0.95 * b), rel=1e-12)
    from simfin.theory import _erlang_b_closed
    assert _erlang_b_closed(1000, 950.0) == pytest.approx(b, rel=1e-9)


def test_1_the_largest_allowed_team_validates():
    data = small_scenario_dict()
    data["access_team"]["fte"] = 10_000
    data["access_team"].pop("fte_by_municipality", None)
    validate_dict(data)  # size check is O(1) in the number of servers


@pytest.mark.parametrize(("path", "value"), [
    (("products",), "tariff_eur"), (("products",), "cost_price_eur"),
    (("access_team",), "loaded_cost_per_fte_eur"), (("access_team",), "caseload_per_fte"),
])
def test_1_every_quantity_has_an_upper_bound(path, value):
    data = small_scenario_dict()
    holder = data[path[0]]
    if path[0] == "products":
        holder = next(iter(holder.values()))
    holder[value] = 1e300
    with pytest.raises(ScenarioError, match=r"expected a number at most [\d,]+ \(") as info:
        validate_dict(data)
    assert value in info.value.field


# --- 7. RecursionError on deeply nested tables --------------------------------------------

def test_7_deeply_nested_table_is_one_line_and_multi_file_validate_goes_on(tmp_path, capsys):
    deep = tmp_path / "deep.toml"
    deep.write_text(MINIMAL_TOML + "\n[" + ".".join(["a"] * 900) + "]\nx = 1\n",
                    encoding="utf-8")
    good = SCENARIOS / "jeugd-60k.toml"
    assert main(["validate", str(deep), str(good)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"simfin: error: {deep}: ") and "nested" in captured.err
    assert captured.err.count("\n") == 1
    assert f"OK {good}" in captured.out


def test_7_the_dist_walk_is_iterative():
    from simfin.scenario.uncertain import _walk

    data: dict = {}
    node = data
    for _ in range(5000):
        node["a"] = {}
        node = node["a"]
    node["x"] = {"dist": "uniform", "low": 1, "high": 2}
    found = list(_walk(data))
    assert len(found) == 1 and len(found[0][0]) == 5001


# --- 4. formula injection in the workbooks -------------------------------------------------

def _formula_cells(path: Path) -> list[str]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return [f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows()
            for c in row if c.data_type == "f"]


@pytest.mark.slow
def test_4_names_starting_with_formula_characters_are_written_as_text(tmp_path):
    from openpyxl import load_workbook

    from simfin.report.outputs import write_outputs

    data = small_scenario_dict()
    data["name"] = '=HYPERLINK("http://evil.example","klik")'
    data["description"] = "=1+2"
    first = next(iter(data["municipalities"]))
    data["municipalities"]["+1+2"] = data["municipalities"].pop(first)
    for stream in data["demand_streams"].values():
        stream.pop("fte_by_municipality", None)
    data["access_team"].pop("fte_by_municipality", None)
    results = simfin.run(validate_dict(data), replications=1)
    written = write_outputs(results, tmp_path / "out")
    workbooks = [p for p in written if p.suffix == ".xlsx"]
    assert workbooks
    for book in workbooks:
        assert _formula_cells(book) == []
    wb = load_workbook(workbooks[0])
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert data["name"] in texts  # shown as typed
    escaped = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
    assert escaped and all(c.quotePrefix for c in escaped)


def test_4_as_text_escapes_every_formula_start():
    from openpyxl import Workbook

    from simfin.report.xlsx import as_text

    wb = Workbook()
    for i, text in enumerate(["=1+2", "+1", "-1", "@SUM(A1)", "plain"], start=1):
        wb.active.cell(row=i, column=1, value=text)
    assert as_text(wb) == 4
    assert [c.data_type for c in wb.active["A"]] == ["s"] * 5


# --- 6. control characters and 1e300 after a full simulation -------------------------------

@pytest.mark.parametrize("name", ["a\u0000b", "a\u001bb", "a\u202eb", "a\u2066b", "a\u200bb",
                                  "a\u2028b", "a\u0085b"])
def test_6_control_and_bidi_characters_are_refused_at_validation(name):
    data = small_scenario_dict()
    data["name"] = name
    with pytest.raises(ScenarioError, match="without control or bidi characters") as info:
        validate_dict(data)
    assert info.value.field == "name" and "\n" not in str(info.value)


def test_6_control_characters_in_municipality_keys_are_refused():
    data = small_scenario_dict()
    first = next(iter(data["municipalities"]))
    data["municipalities"]["x\u0000y"] = data["municipalities"].pop(first)
    with pytest.raises(ScenarioError, match="without control or bidi characters") as info:
        validate_dict(data)
    assert info.value.field == "municipalities"


def test_6_free_text_may_hold_newlines_but_not_nul():
    data = small_scenario_dict()
    data["description"] = "line one\nline two\ttab"
    validate_dict(data)
    data["description"] = "nul\u0000"
    with pytest.raises(ScenarioError, match="description"):
        validate_dict(data)


@pytest.mark.parametrize("x", [1e300, -4.8e304, 1.7976931348623157e308, 1e-300])
def test_6_euro_formatter_takes_any_float(x):
    from simfin.report.format import format_eur, format_eur_millions, format_number, format_share

    for text in (format_eur(x), format_eur(x, 2), format_eur_millions(x), format_number(x, 1),
                 format_share(x)):
        assert isinstance(text, str) and text


def test_6_absurd_cost_price_is_refused_before_any_margin_is_computed():
    data = small_scenario_dict()
    next(iter(data["products"].values()))["cost_price_eur"] = 1e300
    with pytest.raises(ScenarioError, match=r"cost_price_eur: expected a number at most"):
        validate_dict(data)


# --- 2. sweep overwrote a user's folder ----------------------------------------------------

UNCERTAIN = SCENARIOS / "jeugd-60k-onzeker.toml"


def test_2_sweep_refuses_a_non_empty_folder_that_is_not_a_sweep(tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    for name in ("tornado.csv", "yearly.csv"):
        (out / name).write_text("user data\n", encoding="utf-8")
    code = main(["sweep", str(UNCERTAIN), "-m", "tornado", "-n", "1", "--executor", "serial",
                 "--out", str(out), "-q"])
    err = capsys.readouterr().err
    assert code == 2 and "not empty" in err and "--force" in err and err.count("\n") == 1
    assert sorted(p.name for p in out.iterdir()) == ["tornado.csv", "yearly.csv"]
    assert (out / "yearly.csv").read_text(encoding="utf-8") == "user data\n"


# --- 3. run --force and a manifest pointing through a symlink ------------------------------

@pytest.mark.slow
def test_3_force_never_deletes_through_a_symlink_out_of_out(tmp_path, small_scenario):
    from simfin.report.outputs import MANIFEST, write_outputs

    results = simfin.run(small_scenario, replications=1)
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    write_outputs(results, out)
    elsewhere.mkdir()
    victim = elsewhere / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (out / "evil").symlink_to(elsewhere, target_is_directory=True)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"].append("evil/victim.txt")
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    write_outputs(results, out, overwrite=True)
    assert victim.read_text(encoding="utf-8") == "keep me\n"


# --- 8. sweeps too big are refused up front -------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("argv", [["-m", "tornado", "-n", "100000"],
                                  ["-m", "psa", "--samples", "10000000"]])
def test_8_absurd_sweeps_are_refused_before_anything_is_built(tmp_path, argv):
    start = time.perf_counter()
    proc = _cli("sweep", str(UNCERTAIN), *argv, "--executor", "serial", "--out",
                str(tmp_path / "o"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("simfin: error: expected a sweep of at most")
    assert proc.stderr.count("\n") == 1
    assert not (tmp_path / "o").exists()
    assert time.perf_counter() - start < HANG_GUARD_S


# --- 10. output folder checked early; stale staging folders --------------------------------

def _never(*args, **kwargs):
    raise AssertionError("simulated anyway")


@pytest.mark.skipif(sys.platform == "win32" or getattr(__import__("os"), "geteuid",
                    lambda: 1)() == 0, reason="root can write into read-only folders")
def test_10_read_only_folder_is_refused_before_simulating(tmp_path, monkeypatch, capsys):
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        monkeypatch.setattr(simfin.runner, "simulate", _never)
        path = tmp_path / "s.toml"
        path.write_text(MINIMAL_TOML, encoding="utf-8")
        code = main(["run", str(path), "--out", str(parent / "uit"), "-q"])
        err = capsys.readouterr().err
        assert code == 2 and "not writable" in err and ".previous" not in err
    finally:
        parent.chmod(0o700)


def test_10_read_only_check_uses_access(tmp_path, monkeypatch):
    import os

    from simfin.report.outputs import OutputError, check_output_dir

    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(OutputError, match="not writable"):
        check_output_dir(tmp_path / "uit", overwrite=False)


def test_10_a_name_over_the_file_system_limit_is_refused_before_simulating(
        tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(simfin.runner, "simulate", _never)
    path = tmp_path / "s.toml"
    path.write_text(MINIMAL_TOML, encoding="utf-8")
    for name in ("x" * 300, "x" * 250):  # over the limit; under it but not with staging
        code = main(["run", str(path), "--out", str(tmp_path / name), "-q"])
        err = capsys.readouterr().err
        assert code == 2 and "cannot use output directory" in err and err.count("\n") == 1


@pytest.mark.slow
def test_10_stale_staging_folders_that_are_provably_ours_are_removed(tmp_path, small_scenario):
    import socket

    from simfin.report.outputs import STAGING_MARK, write_outputs

    out = tmp_path / "out"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = tmp_path / ".out.simfin-abcd1234"
    ours.mkdir()
    (ours / STAGING_MARK).write_text(json.dumps({"host": socket.gethostname(),
                                                 "pid": int(dead)}), encoding="utf-8")
    unmarked = tmp_path / ".out.simfin-efgh5678"  # no mark: maybe not ours, kept
    unmarked.mkdir()
    alive = tmp_path / ".out.simfin-ijkl9012"  # a run still going: kept
    alive.mkdir()
    (alive / STAGING_MARK).write_text(json.dumps({"host": socket.gethostname(),
                                                  "pid": __import__("os").getpid()}),
                                      encoding="utf-8")
    other = tmp_path / ".other.simfin-abcd1234"  # a sibling output folder's, dead: removed too
    other.mkdir()
    (other / STAGING_MARK).write_text((ours / STAGING_MARK).read_text(), encoding="utf-8")
    write_outputs(simfin.run(small_scenario, replications=1), out)
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert left == [".out.simfin-efgh5678", ".out.simfin-ijkl9012"]


# --- 5. orphan workers after SIGKILL of the parent -----------------------------------------

ORPHAN_SCRIPT = """
import sys, time
from simfin.parallel import run_tasks
for _ in run_tasks(time.sleep, [120.0] * 4, "process", 2):
    pass
"""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and SIGKILL")
def test_5_process_workers_die_when_their_parent_is_killed():
    import os
    import signal

    psutil = pytest.importorskip("psutil")
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT],
                              env={**os.environ, "PYTHONPATH": str(Path(simfin.__file__)
                                                                   .parents[1])})
    try:
        deadline = time.monotonic() + HANG_GUARD_S
        children: list = []
        while time.monotonic() < deadline:
            children = psutil.Process(parent.pid).children(recursive=True)
            if len(children) >= 3:  # two workers and the resource tracker
                break
            time.sleep(0.2)
        workers = [c for c in children if "resource_tracker" not in " ".join(c.cmdline())]
        assert len(workers) >= 2, children
        time.sleep(1.0)  # let the workers start their tasks
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        _, alive = psutil.wait_procs(children, timeout=15)
        assert not alive, f"left running: {alive}"
    finally:
        if parent.poll() is None:
            parent.kill()


# --- 9. checkpoint chunks carry a content hash and their unit ids --------------------------

@pytest.fixture(scope="module")
def finished_sweep(tmp_path_factory):
    sys.path.insert(0, str(Path(__file__).parents[1] / "uncertainty"))
    from uncertainty_helpers import uncertain_dict, write_scenario

    from simfin.uncertainty import sweep

    root = tmp_path_factory.mktemp("sweep")
    scenario = write_scenario(root / "onzeker.toml", uncertain_dict())
    options = {"samples": 3, "replications": 1, "chunk_size": 1, "executor": "serial"}
    reference = sweep(scenario, "psa", out=root / "ref", **options)
    return scenario, options, root / "ref", reference


def _copy(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst


def _resume(scenario, options, out, **extra):
    from simfin.uncertainty import sweep

    return sweep(scenario, "psa", out=out, resume=True, **options, **extra)


def test_9_truncated_chunk_is_a_one_line_error_naming_it(finished_sweep, tmp_path):
    from simfin.uncertainty.checkpoint import ChunkError

    scenario, options, ref, _ = finished_sweep
    out = _copy(ref, tmp_path / "s")
    chunk = out / "chunks" / "chunk-000001.yearly.parquet"
    chunk.write_bytes(chunk.read_bytes()[: chunk.stat().st_size // 2])
    with pytest.raises(ChunkError, match="chunk-000001.yearly.parquet") as info:
        _resume(scenario, options, out)
    assert "\n" not in str(info.value) and "--recompute-damaged" in str(info.value)


def test_9_a_chunk_copied_over_another_is_refused(finished_sweep, tmp_path):
    import shutil

    from simfin.uncertainty.checkpoint import ChunkError

    scenario, options, ref, _ = finished_sweep
    out = _copy(ref, tmp_path / "s")
    for table in ("yearly", "kpis"):
        shutil.copy(out / "chunks" / f"chunk-000000.{table}.parquet",
                    out / "chunks" / f"chunk-000002.{table}.parquet")
    with pytest.raises(ChunkError, match="chunk-000002"):
        _resume(scenario, options, out)


@pytest.mark.slow
def test_9_bit_flips_never_read_back_as_changed_data(finished_sweep, tmp_path):
    import random

    import pandas as pd

    from simfin.errors import SimfinError

    scenario, options, ref, reference = finished_sweep
    chunk = ref / "chunks" / "chunk-000001.kpis.parquet"
    original = chunk.read_bytes()
    rng = random.Random(18)
    silent = []
    for trial in range(40):
        out = _copy(ref, tmp_path / f"s{trial}")
        raw = bytearray(original)
        bit = rng.randrange(len(raw) * 8)
        raw[bit // 8] ^= 1 << (bit % 8)
        (out / "chunks" / chunk.name).write_bytes(bytes(raw))
        try:
            resumed = _resume(scenario, options, out)
        except SimfinError as exc:
            assert "\n" not in str(exc)
            continue
        try:
            pd.testing.assert_frame_equal(resumed.kpis, reference.kpis)
        except AssertionError:
            silent.append(bit)
    assert not silent, f"flipped bits read back as changed data: {silent}"


def test_9_recompute_damaged_only_when_asked(finished_sweep, tmp_path):
    import pandas as pd

    scenario, options, ref, reference = finished_sweep
    out = _copy(ref, tmp_path / "s")
    (out / "chunks" / "chunk-000001.kpis.parquet").write_bytes(b"PAR1 garbage")
    resumed = _resume(scenario, options, out, recompute_damaged=True)
    assert resumed.meta["chunks_run"] == 1 and resumed.meta["chunks_resumed"] == 2
    pd.testing.assert_frame_equal(resumed.kpis, reference.kpis)
    pd.testing.assert_frame_equal(resumed.yearly, reference.yearly)


# --- 11. the Dask cluster simfin starts needs a credential -----------------------------------

def test_11_local_dask_cluster_uses_tls_and_refuses_other_clients():
    distributed = pytest.importorskip("distributed")
    pytest.importorskip("cryptography")
    from simfin.parallel import _dask_client

    client, cluster = _dask_client(1, None)
    try:
        address = cluster.scheduler_address
        assert address.startswith("tls://127.0.0.1:")
        assert client.submit(sum, [1, 2]).result() == 3
        for attempt in (address, address.replace("tls://", "tcp://")):
            with pytest.raises(Exception):  # noqa: B017 - any refusal will do
                intruder = distributed.Client(attempt, timeout=3)
                intruder.close()
    finally:
        client.close()
        cluster.close()


def test_11_without_cryptography_the_local_cluster_says_what_it_exposes(monkeypatch):
    pytest.importorskip("distributed")
    from distributed.security import Security

    from simfin import parallel as executors

    def missing(*args, **kwargs):
        raise ImportError("no cryptography")

    monkeypatch.setattr(Security, "temporary", classmethod(lambda cls: missing()))
    with pytest.warns(UserWarning, match="without authentication"):
        assert executors.local_security() is None
