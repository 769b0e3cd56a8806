"""Every advisor notebook runs top to bottom on a fresh install (small replication counts)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
FAST = {"REPLICATIES": "2", "SAMPLES": "4", "REPLICATIES_TOEVAL": "4",
        "POPULATIES": "[20_000, 95_000]"}


def _set_parameters(nb: nbformat.NotebookNode) -> None:
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "a notebook has exactly one cell tagged 'parameters'"
    lines = []
    for line in cells[0].source.splitlines():
        name = line.split("=")[0].strip()
        lines.append(f"{name} = {FAST[name]}" if name in FAST else line)
    cells[0].source = "\n".join(lines)


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds the advisor notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes(path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(path, as_version=4)
    _set_parameters(nb)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors


def test_notebooks_match_their_build_script():
    """The committed notebooks are what notebooks/_build.py writes (edit the script, not the
    notebook), and every notebook the script knows is committed."""
    import importlib.util

    script = NOTEBOOKS[0].parent / "_build.py"
    spec = importlib.util.spec_from_file_location("notebook_build", script)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert sorted(build.NOTEBOOKS) == [p.name for p in NOTEBOOKS]
    for name, cells in build.NOTEBOOKS.items():
        expected = nbformat.writes(build._notebook(cells)) + "\n"  # nbformat.write adds it
        assert (NOTEBOOKS[0].parent / name).read_text(encoding="utf-8") == expected, name
