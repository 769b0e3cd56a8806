"""The dependency rule: ``sim`` never imports ``finance`` (the payment face stays out of it)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "simfin"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_sim_and_scenario_never_import_finance_or_higher_layers():
    higher = ("simfin.finance", "simfin.report", "simfin.compare", "simfin.risk",
              "simfin.runner", "simfin.results")
    for package in ("sim", "scenario"):
        for path in sorted((SRC / package).glob("*.py")):
            bad = {m for m in _imports(path) if m.startswith(higher)}
            assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_finance_does_not_import_report_or_compare():
    for path in sorted((SRC / "finance").glob("*.py")):
        bad = {m for m in _imports(path)
               if m.startswith(("simfin.report", "simfin.compare", "simfin.risk"))}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def _module_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.module for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module} | \
        {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names}


def test_business_stays_below_uncertainty_and_report():
    """scenario <- sim <- finance <- business <- uncertainty / report (DESIGN.md section 4).

    A result's convenience method (``BusinessCase.to_excel``) may import the report layer
    inside the method, as ``Results.to_excel`` does; the modules themselves may not.
    """
    for path in sorted((SRC / "business").glob("*.py")):
        bad = {m for m in _module_level_imports(path)
               if m.startswith(("simfin.report", "simfin.uncertainty", "simfin.cli"))}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_sim_scenario_and_finance_never_import_business_or_uncertainty():
    for package in ("sim", "scenario", "finance"):
        for path in sorted((SRC / package).glob("*.py")):
            bad = {m for m in _imports(path)
                   if m.startswith(("simfin.business", "simfin.uncertainty", "simfin.cli"))}
            assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"
