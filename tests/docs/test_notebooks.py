"""Every advisor notebook runs top to bottom on a fresh install (small replication counts),
in a real kernel with Jupyter's inline backend, and every chart cell shows its chart."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
INLINE = "module://matplotlib_inline.backend_inline"  # what Jupyter uses (not Agg)
CHART_CALL = re.compile(r"(?:\bplot_\w+|\.plot)\(")
#: a table cell holding a raw float ("403.062182", "1.00"), not an nl-NL formatted number
RAW_NUMBER_CELL = re.compile(r"<td[^>]*>\s*[-−]?\d+\.\d{1,2}(?:\d{4,})?\s*</td>")
#: a table row about a share (within the legal term, a share, a chance) holding a fraction
#: such as "1,00" or "0,97" instead of a percentage
SHARE_AS_FRACTION = re.compile(r"<tr>(?:(?!</tr>).)*?(?:termijn|[Aa]andeel|[Kk]ans|onbezet)"
                               r"(?:(?!</tr>).)*?<td[^>]*>\s*[01],\d\d\s*</td>", re.S)
#: provider keys of the shipped scenarios ("jeugdhulp_regio"): a table shows their labels
PROVIDER_KEYS = sorted({m for f in (NOTEBOOKS[0].parents[1] / "scenarios").glob("*.toml")
                        if NOTEBOOKS
                        for m in re.findall(r"^\[providers\.(\w+_\w+)\]$",
                                            f.read_text(encoding="utf-8"), re.M)})
#: names of the shipped scenarios ("bbs-nulalternatief"): a table names a scenario by its label
SCENARIO_NAMES = sorted({m for f in (NOTEBOOKS[0].parents[1] / "scenarios").glob("*.toml")
                         if NOTEBOOKS
                         for m in re.findall(r'^name = "([^"]+)"',
                                             f.read_text(encoding="utf-8"), re.M)})
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


def _execute(nb: nbformat.NotebookNode, folder: Path, monkeypatch) -> None:
    monkeypatch.setenv("MPLBACKEND", INLINE)  # the suite runs with Agg; a notebook does not
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()


def _images(cell: nbformat.NotebookNode) -> int:
    return sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))


def _chart_lines(cell: nbformat.NotebookNode) -> int:
    """Lines of a code cell that draw a chart (a ``plot_*(`` or ``.plot(`` call)."""
    return sum(bool(CHART_CALL.search(line)) for line in cell.source.splitlines()
               if not line.lstrip().startswith(("#", "from ", "import ")))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes(path, monkeypatch):
    nb = nbformat.read(path, as_version=4)
    _set_parameters(nb)
    _execute(nb, path.parent, monkeypatch)
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    charts = [c for c in code if _chart_lines(c)]
    missing = [c.id for c in charts if _images(c) < _chart_lines(c)]
    assert charts, "every advisor notebook draws at least one chart"
    assert not missing, f"chart cells without an image/png output: {missing}"
    as_text = [c.id for c in code for o in c.get("outputs", [])
               if o.get("data", {}).get("text/plain", "").startswith("<Figure size")
               and "image/png" not in o.get("data", {})]
    assert not as_text, f"cells showing a figure as text instead of a picture: {as_text}"
    raw = [c.id for c in code for o in c.get("outputs", [])
           if RAW_NUMBER_CELL.search(o.get("data", {}).get("text/html", ""))]
    assert not raw, f"tables with raw numbers (decimal point, unformatted) in cells: {raw}"
    fractions = [c.id for c in code for o in c.get("outputs", [])
                 if SHARE_AS_FRACTION.search(o.get("data", {}).get("text/html", ""))]
    assert not fractions, f"shares shown as fractions (1,00), not percentages: {fractions}"
    keys = [(c.id, k) for c in code for o in c.get("outputs", []) for k in PROVIDER_KEYS
            if re.search(rf"<t[dh][^>]*>\s*{k}\s*</t[dh]>",
                         o.get("data", {}).get("text/html", ""))]
    assert not keys, f"providers named by their file key, not their label: {keys}"
    files = [(c.id, k) for c in code for o in c.get("outputs", []) for k in SCENARIO_NAMES
             if re.search(rf"<t[dh][^>]*>\s*{re.escape(k)}\s*</t[dh]>",
                          o.get("data", {}).get("text/html", ""))]
    assert not files, f"scenarios named by their file name, not their label: {files}"


def test_later_figures_show_after_a_simfin_chart(monkeypatch):
    """simfin's chart style must not switch off the notebook's display of later figures: a
    second simfin chart, a bare Figure returned from a cell and the user's own ``plt.plot``
    all show (matplotlib.rc_context undid the inline backend's interactive mode)."""
    from nbformat.v4 import new_code_cell, new_notebook

    sources = [
        "from simfin.report.style import council_style, new_figure\n"
        "with council_style():\n    ax = new_figure().add_subplot()\n    ax.plot([1, 2])",
        "import matplotlib.pyplot as plt\nline = plt.plot([1, 2, 3])",
        "with council_style():\n    ax = new_figure().add_subplot()\n    ax.plot([3, 2])",
        "with council_style():\n    fig = new_figure(pyplot=False)\n    fig.add_subplot().plot([1])\nfig",
    ]
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    _execute(nb, Path.cwd(), monkeypatch)
    assert [_images(c) for c in nb.cells] == [1, 1, 1, 1]


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
