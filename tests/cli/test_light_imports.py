"""The light commands do not load the heavy libraries (issue 30 item 15, issue 32).

``import simfin.cli``, ``simfin validate``, ``simfin scenarios`` and ``--help`` must not
import pandas, scipy or matplotlib: those imports were 2,0 s of a 2,6–3,0 s ``validate``.
Each check runs in a fresh interpreter and reads ``sys.modules``; it times nothing (the
timing is ``benchmarks/validate_timing.py --startup``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "scipy", "matplotlib")

PROBE = """
import contextlib, io, json, sys
import simfin.cli
argv = json.loads(sys.argv[1])
if argv:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            code = simfin.cli.main(argv)
        except SystemExit as exc:
            code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "loaded": sorted(
    m for m in sys.modules if m.split(".")[0] in ("pandas", "scipy", "matplotlib"))}))
"""


def _loaded(argv: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [
    [],
    ["--help"],
    ["sweep", "--help"],
    ["validate", "scenarios/bbs-95k.toml"],
    ["validate", "scenarios/bbs-95k-onzeker.toml"],
    ["scenarios", "scenarios"],
], ids=["import", "help", "sweep-help", "validate", "validate-uncertain", "scenarios"])
def test_light_command_does_not_import_heavy_libraries(argv):
    result = _loaded(argv)
    assert result["code"] == 0
    assert [m for m in result["loaded"] if m.split(".")[0] in HEAVY] == []


def _python(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=True).stdout.strip()


def test_probe_sees_a_heavy_import():
    """The check is not blind: the first use of ``simfin.run`` does import pandas."""
    assert _python("import sys, simfin; simfin.run; print('pandas' in sys.modules)") == "True"


def test_public_names_stay_functions_after_their_submodule_is_imported():
    """``simfin.compare`` and ``simfin.uncertainty.sweep`` are functions, as with eager
    imports, even when ``import simfin.compare`` puts the submodule on the package later."""
    out = _python("import simfin, simfin.compare, simfin.uncertainty.sweep as s; "
                  "import simfin.uncertainty as u; "
                  "print(simfin.compare.__module__, u.sweep.__module__, callable(u.sweep))")
    assert out == "simfin.compare simfin.uncertainty.sweep True"
