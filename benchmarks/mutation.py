"""Mutation testing of the money-critical modules: plant one single-token bug at a time and
see whether the tests that cover the module fail.

    python benchmarks/mutation.py --mutants 40 --seed 1 --out /tmp/mutation
    python benchmarks/mutation.py --list                 # candidate counts per module only

What it does:

1. Candidates: every arithmetic, comparison, boolean and constant token in the code of the
   target modules (business/, finance/, calibrate.py, results.py, report/raadsbijlage.py by
   default) gives mutants such as ``+ -> -``, ``* -> /``, ``< -> <=``, ``== -> !=``,
   ``and -> or``, ``True -> False``, ``min -> max``, ``0 -> 1``, ``.sum( -> .mean(``. Unary
   operators, decorators, docstrings and comments are left alone; a mutant that does not
   compile is dropped.
2. A sample of ``--mutants`` of them, drawn with ``--seed`` (the same seed, the same
   mutants), each planted in a private copy of ``src/`` (never in the working tree).
3. For each, the covering tests (:data:`COVERING`, else the unit and validation test files
   that name the module) run with ``pytest -x``. A failing run kills the mutant; a run that
   passes lets it survive; a run over ``--timeout`` seconds counts as killed (listed apart).

Score = killed / (killed + survived). Survivors are listed with their line so one can tell
an equivalent mutant (same behaviour, cannot be killed) from a missing test. The result is
written to ``<out>/mutation.json`` and ``<out>/mutation.md``.

No third-party tool: mutmut and cosmic-ray run the whole suite per mutant or need their own
configuration of the project layout; this script runs only the covering tests, which makes a
sample affordable on a laptop. Needs only pytest.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tokenize
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "simfin"
TARGETS = ("business", "finance", "calibrate.py", "results.py", "report/raadsbijlage.py")

#: module (relative to src/simfin) -> the tests that cover it, fastest first
COVERING = {
    "business/afweging.py": ["tests/unit/test_summaries_by_hand.py",
                             "tests/unit/test_business_case.py"],
    "business/allocation.py": ["tests/unit/test_business_allocation.py"],
    "business/appraisal.py": ["tests/unit/test_business_appraisal.py",
                              "tests/unit/test_summaries_by_hand.py"],
    "business/case.py": ["tests/unit/test_business_appraisal.py",
                         "tests/unit/test_business_case.py"],
    "business/ceiling.py": ["tests/unit/test_business_ceiling.py"],
    "business/drivers.py": ["tests/unit/test_business_drivers.py"],
    "business/incidental.py": ["tests/unit/test_business_case.py",
                               "tests/unit/test_business_psa.py"],
    "business/indexation.py": ["tests/unit/test_business_indexation.py"],
    "business/pooling.py": ["tests/unit/test_business_drivers.py",
                            "tests/validation/test_pooling_at_norm.py"],
    "business/result.py": ["tests/unit/test_summaries_by_hand.py",
                           "tests/unit/test_business_case.py"],
    "business/switch.py": ["tests/unit/test_business_switch.py"],
    "business/yearly.py": ["tests/unit/test_summaries_by_hand.py",
                           "tests/unit/test_business_case.py"],
    "calibrate.py": ["tests/unit/test_calibration_update.py",
                     "tests/unit/test_taakveld_levels.py"],
    "finance/steering.py": ["tests/unit/test_steering.py"],
    "finance/organisation.py": ["tests/unit/test_organisation.py",
                                "tests/unit/test_steering.py"],
    "finance/admin.py": ["tests/unit/test_admin_items.py", "tests/unit/test_payment_rules.py"],
    "finance/timeline.py": ["tests/unit/test_timeline.py"],
    "report/raadsbijlage.py": ["tests/unit/test_raadsbijlage_rows.py"],
    "results.py": ["tests/unit/test_summaries_by_hand.py", "tests/unit/test_taakveld_levels.py",
                   "tests/unit/test_report_outputs.py"],
}
#: the covering tests of a finance module not in COVERING, next to those that name it
FINANCE_DEFAULT = ["tests/unit/test_payment_rules.py", "tests/unit/test_finance_care.py",
                   "tests/validation/test_conservation.py"]

SWAPS = {"+": "-", "-": "+", "*": "/", "/": "*", "//": "/", "<": "<=", "<=": "<", ">": ">=",
         ">=": ">", "==": "!=", "!=": "==", "+=": "-=", "-=": "+=", "and": "or", "or": "and",
         "True": "False", "False": "True", "min": "max", "max": "min", "sum": "mean",
         "mean": "sum", "is": "is not"}
#: tokens after which an operator is unary (``-x``, ``*args``), not a binary operation
UNARY_AFTER = {"(", "[", "{", ",", "=", ":", "return", "lambda", "in", "if", "else", "and",
               "or", "not", "+", "-", "*", "/", "<", ">", "<=", ">=", "==", "!=", "**",
               "yield", "+=", "-=", "*=", "/="}


@dataclass(frozen=True)
class Mutant:
    module: str      # relative to src/simfin
    line: int
    column: int
    original: str
    mutated: str
    source_line: str


def _number_mutation(text: str) -> str | None:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        return None
    return "1" if value == 0 else "0" if value == 1 else str(value + 1)


def candidates(module: Path) -> list[Mutant]:
    """Every single-token mutant of ``module`` that still compiles."""
    source = module.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    rel = module.relative_to(PACKAGE).as_posix()
    out, previous = [], ""
    for i, tok in enumerate(tokens):
        text, (row, col) = tok.string, tok.start
        new = None
        if tok.type == tokenize.OP and text in SWAPS and not (
                text in ("+", "-", "*") and previous in UNARY_AFTER):
            new = SWAPS[text]
        elif tok.type == tokenize.NAME and text in SWAPS:
            attribute = i > 0 and tokens[i - 1].string == "."
            called = i + 1 < len(tokens) and tokens[i + 1].string == "("
            if text in ("sum", "mean"):
                new = SWAPS[text] if attribute and called else None
            elif text in ("min", "max"):
                new = SWAPS[text] if called and not attribute else None
            elif text == "is":
                nxt = tokens[i + 1].string if i + 1 < len(tokens) else ""
                new = None if nxt == "not" else SWAPS[text]
            else:
                new = SWAPS[text]
        elif tok.type == tokenize.NUMBER:
            new = _number_mutation(text)
        if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT,
                            tokenize.DEDENT):
            previous = text
        if new is None or tok.start[0] != tok.end[0]:
            continue
        line = lines[row - 1]
        if line.lstrip().startswith("@"):   # decorators: frozen=True etc., not arithmetic
            continue
        mutated_line = line[:col] + new + line[col + len(text):]
        mutated = "".join(lines[:row - 1]) + mutated_line + "".join(lines[row:])
        try:
            compile(mutated, str(module), "exec")
        except SyntaxError:
            continue
        out.append(Mutant(rel, row, col, text, new, line.rstrip("\n")))
    return out


def target_modules(targets=TARGETS) -> list[Path]:
    modules = []
    for target in targets:
        path = PACKAGE / target
        modules += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [m for m in modules if m.name != "__init__.py"]


def covering_tests(module: str) -> list[str]:
    """The tests that cover ``module`` (relative to src/simfin)."""
    if module in COVERING:
        return COVERING[module]
    dotted = "simfin." + module.removesuffix(".py").replace("/", ".")
    found = [p.relative_to(ROOT).as_posix()
             for folder in ("tests/unit", "tests/validation")
             for p in sorted((ROOT / folder).glob("test_*.py"))
             if dotted in p.read_text(encoding="utf-8")]
    if module.startswith("finance/"):
        found += [t for t in FINANCE_DEFAULT if t not in found]
    return found


def _run(mutant: Mutant, copy: Path, timeout: float) -> dict:
    target = copy / "simfin" / mutant.module
    original = target.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    line = lines[mutant.line - 1]
    lines[mutant.line - 1] = (line[:mutant.column] + mutant.mutated
                              + line[mutant.column + len(mutant.original):])
    tests = covering_tests(mutant.module)
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1",
           "MPLBACKEND": "Agg"}
    start = time.perf_counter()
    target.write_text("".join(lines), encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p",
                               "no:cacheprovider", "-p", "no:xdist", *tests], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=timeout)
        status = {0: "survived", 1: "killed", 2: "killed"}.get(proc.returncode, "error")
        tail = proc.stdout.strip().splitlines()[-1:] if proc.stdout.strip() else []
    except subprocess.TimeoutExpired:
        status, tail = "timeout", []
    finally:
        target.write_text(original, encoding="utf-8")
    return {**asdict(mutant), "tests": tests, "status": status,
            "seconds": round(time.perf_counter() - start, 1), "pytest": " ".join(tail)}


def _private_copy(folder: Path) -> Path:
    copy = folder / "src"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return copy


def report(results: list[dict], seed: int, wall: float) -> str:
    killed = sum(r["status"] in ("killed", "timeout") for r in results)
    survived = [r for r in results if r["status"] == "survived"]
    errors = [r for r in results if r["status"] == "error"]
    scored = killed + len(survived)
    score = killed / scored if scored else float("nan")
    lines = [f"# Mutation score: {killed} of {scored} killed ({score:.0%})", "",
             f"Seed {seed}, {len(results)} mutants, {wall / 60:.1f} min wall time, "
             f"{sum(r['status'] == 'timeout' for r in results)} timed out (counted as "
             f"killed), {len(errors)} errors (not counted).", "",
             "| module | mutants | killed | survived |", "|---|---|---|---|"]
    for module in sorted({r["module"] for r in results}):
        mine = [r for r in results if r["module"] == module]
        lines.append(f"| {module} | {len(mine)} | "
                     f"{sum(r['status'] in ('killed', 'timeout') for r in mine)} | "
                     f"{sum(r['status'] == 'survived' for r in mine)} |")
    lines += ["", "## Survivors", ""]
    lines += [f"- `{r['module']}:{r['line']}` `{r['original']}` -> `{r['mutated']}`: "
              f"`{r['source_line'].strip()}`" for r in survived] or ["none"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=40, help="sample size (default 40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1, help="mutants run at once")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per mutant")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "mutation")
    parser.add_argument("--list", action="store_true", help="count candidates and stop")
    parser.add_argument("targets", nargs="*", default=list(TARGETS),
                        help="modules or packages under src/simfin")
    parser.add_argument("--report-from", type=Path, metavar="JSONL",
                        help="only write the report of the mutants finished in a log")
    args = parser.parse_args(argv)
    if args.report_from:
        done = [json.loads(line) for line in args.report_from.read_text("utf-8").splitlines()]
        text = report(done, args.seed, float("nan"))
        (args.report_from.parent / "mutation.md").write_text(text, encoding="utf-8")
        print(text)
        return 0
    pool = [m for module in target_modules(args.targets) for m in candidates(module)]
    if args.list:
        counts: dict[str, int] = {}
        for m in pool:
            counts[m.module] = counts.get(m.module, 0) + 1
        for module, n in sorted(counts.items()):
            print(f"{n:5d}  {module}  <- {', '.join(covering_tests(module)) or 'NO TESTS'}")
        print(f"{len(pool):5d}  candidates in total")
        return 0
    sample = random.Random(args.seed).sample(pool, min(args.mutants, len(pool)))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "mutation.jsonl").write_text("", encoding="utf-8")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="simfin-mutation-") as tmp:
        copies = [_private_copy(Path(tmp) / f"w{i}") for i in range(max(1, args.workers))]
        results: list[dict] = []

        def work(i: int) -> dict:
            result = _run(sample[i], copies[i % len(copies)], args.timeout)
            with open(args.out / "mutation.jsonl", "a", encoding="utf-8") as log:
                log.write(json.dumps(result) + "\n")   # kept if the run is stopped
            print(f"[{i + 1}/{len(sample)}] {result['status']:8s} {result['seconds']:6.1f}s "
                  f"{result['module']}:{result['line']} {result['original']} -> "
                  f"{result['mutated']}", flush=True)
            return result

        # worker i takes mutants i, i + workers, ...: each copy is used by one thread at a time
        def lane(w: int) -> list[dict]:
            return [work(i) for i in range(w, len(sample), len(copies))]

        with ThreadPoolExecutor(len(copies)) as executor:
            for part in executor.map(lane, range(len(copies))):
                results += part
    results.sort(key=lambda r: (r["module"], r["line"], r["column"]))
    wall = time.perf_counter() - start
    (args.out / "mutation.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    text = report(results, args.seed, wall)
    (args.out / "mutation.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
