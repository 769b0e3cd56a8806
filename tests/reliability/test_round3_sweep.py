"""Regression tests for issue 30, items 6, 7, 9, 10 and 12 (sweep part): ``simfin sweep``
options and its output directory under hostile input, reproduced as the attacker tried it.

Each asserts the safe outcome: one line naming the option or file and what was expected,
exit code 2, nothing created in ``--out`` when the input is refused, and no work lost.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
import threading
from pathlib import Path

import pytest
from conftest import small_scenario_dict

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "uncertainty"))
from uncertainty_helpers import uncertain_dict, write_scenario  # noqa: E402

from simfin.cli import main  # noqa: E402
from simfin.errors import SimfinError  # noqa: E402
from simfin.parallel import check_scheduler  # noqa: E402

SMALL = ["--samples", "4", "-n", "1", "--executor", "serial", "--quiet"]


@pytest.fixture
def uncertain(tmp_path) -> Path:
    return write_scenario(tmp_path / "onzeker.toml", uncertain_dict())


@pytest.fixture(scope="module")
def finished(tmp_path_factory) -> tuple[Path, Path]:
    """A finished small PSA (scenario, out) with one unit per chunk; copy before changing."""
    root = tmp_path_factory.mktemp("psa")
    scenario = write_scenario(root / "onzeker.toml", uncertain_dict())
    out = root / "out"
    assert main(["sweep", str(scenario), "--method", "psa", *SMALL, "--chunk-size", "1",
                 "--out", str(out)]) == 0
    return scenario, out


def _copy(finished, tmp_path) -> tuple[Path, Path]:
    scenario, out = finished
    copy = tmp_path / "out"
    shutil.copytree(out, copy, symlinks=True)
    return scenario, copy


def _resume(scenario: Path, out: Path, *extra: str) -> int:
    return main(["sweep", str(scenario), "--method", "psa", *SMALL, "--chunk-size", "1",
                 "--out", str(out), "--resume", *extra])


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("simfin: error: ") and "Traceback" not in err
    return err


# --- 6. --discover outside the results' range, or nan ---------------------------------------

@pytest.mark.parametrize("threshold", ["nan", "inf", "-inf"])
def test_6_a_non_finite_threshold_is_refused_before_anything_runs(uncertain, tmp_path, capsys,
                                                                  threshold):
    with pytest.raises(SystemExit) as info:
        main(["sweep", str(uncertain), *SMALL, "--out", str(tmp_path / "o"),
              f"--discover={threshold}"])
    assert info.value.code == 2
    assert "--discover: expected a finite number" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_6_a_threshold_outside_the_range_is_one_line_and_the_sweep_is_kept(finished, tmp_path,
                                                                          capsys):
    scenario, out = _copy(finished, tmp_path)
    (out / "psa.csv").unlink()
    assert _resume(scenario, out, "--discover", "1e15") == 2
    err = _one_line_error(capsys)
    assert "--discover: expected a threshold between the samples' lowest and highest" in err
    assert (out / "psa.csv").is_file()   # the sweep's outputs were written first
    assert not (out / "discovery.csv").exists()


# --- 7. --scheduler ---------------------------------------------------------------------------

def _server(reply: bytes) -> tuple[int, threading.Event]:
    """A local TCP server that is not Dask: it sends ``reply`` (or nothing) and keeps the
    connection open until the test ends."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    stop = threading.Event()

    def serve() -> None:
        srv.settimeout(0.2)
        held = []
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                continue
            conn.sendall(reply)
            held.append(conn)
        for conn in held:
            conn.close()
        srv.close()

    threading.Thread(target=serve, daemon=True).start()
    return srv.getsockname()[1], stop


def test_7_a_silent_server_is_refused_after_the_probe_timeout_not_a_hang():
    port, stop = _server(b"")
    try:
        with pytest.raises(SimfinError, match=r"--scheduler: no answer from .* within 1 s"):
            check_scheduler(f"tcp://127.0.0.1:{port}", timeout_s=1.0)
    finally:
        stop.set()


def test_7_a_web_server_is_refused_before_chunks_and_manifest_exist(uncertain, tmp_path,
                                                                    capsys):
    port, stop = _server(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" * 4)
    out = tmp_path / "o"
    try:
        code = main(["sweep", str(uncertain), *SMALL[:4], "--executor", "dask", "--quiet",
                     "--scheduler", f"tcp://127.0.0.1:{port}", "--out", str(out)])
    finally:
        stop.set()
    assert code == 2   # the old code allocated 3.07 EiB here, or hung
    assert "answered, but not as a Dask scheduler" in _one_line_error(capsys)
    assert not out.exists()


@pytest.mark.parametrize(("address", "message"), [
    ("notaurl", "expected a Dask scheduler address like tcp://10.0.0.5:8786, got 'notaurl'"),
    ("tcp://127.0.0.1:99999", "expected a Dask scheduler address"),
    ("tcp://nonexistent.invalid:8786", "cannot reach tcp://nonexistent.invalid:8786"),
])
def test_7_bad_or_unreachable_addresses_are_one_line(uncertain, tmp_path, capsys, address,
                                                      message):
    out = tmp_path / "o"
    assert main(["sweep", str(uncertain), *SMALL[:4], "--executor", "dask", "--quiet",
                 "--scheduler", address, "--out", str(out)]) == 2
    assert message in _one_line_error(capsys)
    assert not out.exists()


def test_7_the_probe_accepts_a_real_dask_scheduler():
    asyncio = pytest.importorskip("asyncio")
    distributed = pytest.importorskip("distributed")

    async def probe() -> None:
        async with distributed.Scheduler(host="127.0.0.1", port=0,
                                         dashboard_address=None) as scheduler:
            await asyncio.get_running_loop().run_in_executor(
                None, check_scheduler, scheduler.address, 10.0)

    asyncio.run(probe())


# --- 9. --output year:1800 ------------------------------------------------------------------

def test_9_an_output_year_outside_the_scenario_is_refused_before_any_unit(uncertain, tmp_path,
                                                                          capsys):
    out = tmp_path / "o"
    assert main(["sweep", str(uncertain), *SMALL, "--output", "year:1800",
                 "--out", str(out)]) == 2
    assert "--output: year 1800 is outside the scenario's years 2027–2028" in \
        _one_line_error(capsys)
    assert not out.exists()   # no manifest, no chunk: nothing was computed


# --- 10. sweep tracebacks ---------------------------------------------------------------------

def test_10_a_copied_chunk_file_is_ignored_on_resume(finished, tmp_path, capsys):
    scenario, out = _copy(finished, tmp_path)
    chunk = out / "chunks" / "chunk-000001.kpis.parquet"
    shutil.copy(chunk, chunk.with_name("chunk-000001 (copy).kpis.parquet"))
    assert _resume(scenario, out) == 0


def test_10_a_manifest_holding_a_list_is_one_line(finished, tmp_path, capsys):
    scenario, out = _copy(finished, tmp_path)
    (out / "manifest.json").write_text(json.dumps([1, 2, 3]), encoding="utf-8")
    assert _resume(scenario, out) == 2
    assert "manifest.json: expected a sweep manifest (a JSON object), got a list" in \
        _one_line_error(capsys)


def test_10_chunks_being_a_file_is_one_line(finished, tmp_path, capsys):
    scenario, out = _copy(finished, tmp_path)
    shutil.rmtree(out / "chunks")
    (out / "chunks").write_text("not a folder", encoding="utf-8")
    assert _resume(scenario, out) == 2
    assert "chunks: expected the sweep's folder of checkpoints" in _one_line_error(capsys)
    assert (out / "chunks").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("kind", ["dangling", "loop", "too_long"])
def test_10_out_dangling_link_loop_or_too_long_is_one_line(uncertain, tmp_path, capsys, kind):
    out = tmp_path / kind
    if kind == "dangling":
        out.symlink_to(tmp_path / "missing" / "target")
    elif kind == "loop":
        out.symlink_to(out)
    else:
        out = tmp_path / ("a/" * (os.pathconf("/", "PC_PATH_MAX") // 2))
    assert main(["sweep", str(uncertain), *SMALL, "--out", str(out)]) == 2
    err = _one_line_error(capsys)
    assert ("symbolic link to a missing target or a loop" in err if kind != "too_long"
            else "cannot use sweep directory --out" in err and "too long" in err)
    assert not (tmp_path / "missing").exists() and not (tmp_path / "a").exists()


# --- 12. leftovers: a temporary .svg in a sweep's --out; VOI options --------------------------

def test_12_resume_removes_a_temporary_file_a_killed_writer_left(finished, tmp_path):
    scenario, out = _copy(finished, tmp_path)
    left = out / ".psa_verdeling.k3j_9x0a.tmp.svg"   # what atomic_path names its files
    left.write_text("<svg", encoding="utf-8")
    mine = out / ".my.notes.tmp.svg"                 # not a name simfin gives
    mine.write_text("mine", encoding="utf-8")
    assert _resume(scenario, out) == 0
    assert not left.exists() and mine.read_text(encoding="utf-8") == "mine"


def test_12_voi_resume_with_other_options_is_refused_before_anything_runs(uncertain, tmp_path,
                                                                          capsys):
    options = []
    for name in ("optie-a", "optie-b", "optie-c"):
        data = small_scenario_dict()
        data["name"] = name
        options.append(str(write_scenario(tmp_path / f"{name}.toml", data)))
    out = tmp_path / "voi"
    voi = ["sweep", str(uncertain), "--method", "psa", "--voi", *SMALL, "--out", str(out)]
    assert main([*voi, "--options", *options[:2]]) == 0
    before = sorted(p.name for p in out.iterdir())
    assert main([*voi, "--resume", "--options", options[0], options[2]]) == 2
    assert "--options: expected the options of the sweep in" in _one_line_error(capsys)
    assert sorted(p.name for p in out.iterdir()) == before   # no folder of optie-c
    assert main([*voi, "--resume", "--options", *options[:2]]) == 0
