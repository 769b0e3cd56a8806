"""The dependency rules, checked on every import: at module level, inside functions and methods,
and under ``if TYPE_CHECKING`` (an import inside a function is still an arrow back up).

scenario <- sim <- finance <- business <- uncertainty; the domain never imports report/ (writers
import the domain, not the other way round); no import cycle among the modules of ``src/simfin``;
no module over 400 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PKG = SRC / "simfin"
MAX_LINES = 400
#: Domain modules and packages: computation, never presentation (issue 29).
DOMAIN = ("simfin.business", "simfin.uncertainty", "simfin.results", "simfin.compare",
          "simfin.calibrate", "simfin.precision", "simfin.runner", "simfin.sim",
          "simfin.scenario", "simfin.finance", "simfin.metrics", "simfin.risk", "simfin.scale",
          "simfin.staffing", "simfin.parallel", "simfin.theory")


def _modules() -> dict[str, Path]:
    mods = {}
    for path in PKG.rglob("*.py"):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        mods[name.removesuffix(".__init__")] = path
    return mods


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every ``simfin`` module ``name`` imports, at any depth of the syntax tree."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parts + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _in(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _bad(sources: tuple[str, ...], targets: tuple[str, ...]) -> list[str]:
    return sorted(f"{m} imports {t}" for m, ts in GRAPH.items() if _in(m, sources)
                  for t in ts if _in(t, targets))


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in GRAPH:
        if root in index:
            continue
        work = [(root, iter(sorted(GRAPH[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(GRAPH[w]))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_import_graph_sees_imports_inside_functions():
    """The checker itself: the lazy import of a writer inside a function counts (the cli
    imports report modules only inside its command functions)."""
    assert "simfin.report.outputs" in GRAPH["simfin.cli.run"]
    assert "simfin.scenario.load" in GRAPH["simfin.scenario"]


def test_no_import_cycle_at_any_level():
    """Counting imports inside functions; a package's ``__init__`` that re-exports its own
    submodules is the only allowed loop (the submodules do not import it back)."""
    cycles = [c for c in _cycles()
              if not all(_in(m, (min(c, key=len),)) for m in c)]
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_the_domain_never_imports_report_or_cli():
    bad = _bad(DOMAIN, ("simfin.report", "simfin.cli", "simfin.shims"))
    assert not bad, bad


def test_sim_and_scenario_never_import_finance_or_higher_layers():
    higher = ("simfin.finance", "simfin.business", "simfin.uncertainty", "simfin.report",
              "simfin.compare", "simfin.risk", "simfin.runner", "simfin.results")
    assert not _bad(("simfin.sim", "simfin.scenario"), higher)


def test_finance_does_not_import_business_or_above():
    assert not _bad(("simfin.finance",), ("simfin.business", "simfin.uncertainty",
                                          "simfin.compare", "simfin.risk"))


def test_business_stays_below_uncertainty():
    assert not _bad(("simfin.business",), ("simfin.uncertainty",))


def test_the_runner_stays_below_uncertainty():
    """The parallel machinery (:mod:`simfin.parallel`) sits below the runner that uses it."""
    assert not _bad(("simfin.runner", "simfin.parallel"), ("simfin.uncertainty",))


def test_no_module_over_400_lines():
    long = {str(p.relative_to(SRC)): n for p in MODULES.values()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    # sim/model.py is split by its owner (issue 28); nothing else may grow past the limit
    long.pop("simfin/sim/model.py", None)
    assert not long, long
