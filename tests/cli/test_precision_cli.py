"""``--precision`` on the command line: help texts, the reached line, the model card, errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "uncertainty"))
sys.path.insert(0, str(ROOT / "tests" / "cli"))
from conftest import small_scenario_dict  # noqa: E402
from test_sweep_cli import simfin  # noqa: E402
from uncertainty_helpers import write_scenario  # noqa: E402

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md


@pytest.mark.parametrize("command", ["run", "business", "compare", "sweep"])
def test_help_of_every_command_with_the_new_options_renders(command):
    proc = simfin(command, "--help")
    assert proc.returncode == 0, proc.stderr
    assert ("--precision" in proc.stdout) == (command != "sweep")


def test_run_with_a_precision_reports_what_it_reached(tmp_path):
    scenario = write_scenario(tmp_path / "klein.toml", small_scenario_dict())
    out = tmp_path / "out"
    proc = simfin("run", str(scenario), "--precision", "spending:4%", "--batch", "3",
                  "--max-replications", "30", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.startswith("uitgaven gemeenten per jaar"))
    assert "95%-interval ± €" in line and line.endswith("gehaald")
    n = int(line.split(", ")[-1].split(" ")[0])
    card = (out / "modelkaart.md").read_text(encoding="utf-8")
    assert f"{n} replicaties; zaad (seed)" in card and "Precisie-eis op uitgaven" in card
    assert line in (out / "samenvatting.md").read_text(encoding="utf-8")


def test_an_unknown_precision_figure_is_one_line_before_running(tmp_path):
    scenario = write_scenario(tmp_path / "klein.toml", small_scenario_dict())
    proc = simfin("run", str(scenario), "--precision", "nonsense:2%", "--out",
                  str(tmp_path / "o"))
    assert proc.returncode == 2 and "unknown figure 'nonsense'" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "o" / "modelkaart.md").exists()
