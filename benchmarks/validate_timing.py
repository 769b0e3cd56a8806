"""How long ``simfin validate`` takes on every shipped and fuzzed scenario file.

Run from the repository root::

    python benchmarks/validate_timing.py [--fuzzed 1200] [--limit 2.0]

Times ``simfin validate FILE`` in-process (``simfin.cli.main``: read, merge, schema,
size check) on every file in ``scenarios/``, on the broken files of the fuzz test
(``tests/reliability/broken_scenarios.py``) and on the small test scenario with every
numeric field set to 1e9, 1e12, 1e100 and 1e300 (the hostile magnitudes of issue 18).
Prints the slowest files and the share under ``--limit`` seconds, and exits with code 1
when any file takes longer (the contract: validate returns within 2 s on any of them).
One process, so imports are paid once, as in a ``simfin validate`` of many files.

``--startup`` instead times what an advisor waits for: a fresh ``python -m simfin validate
scenarios/bbs-95k.toml`` (interpreter start, imports, validation), wall and CPU time of
``--repeat`` runs, and exits with code 1 when the median wall time is over 1 s (issue 30
item 15; it was 2,6–3,0 s when ``validate`` imported pandas, scipy and matplotlib)::

    python benchmarks/validate_timing.py --startup [--repeat 10]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "reliability")]

from broken_scenarios import generate  # noqa: E402
from conftest import small_scenario_dict  # noqa: E402
from toml_text import to_toml  # noqa: E402

from simfin.cli import main  # noqa: E402

MAGNITUDES = (1e9, 1e12, 1e100, 1e300)


def _numeric_paths(data, prefix=()):
    if isinstance(data, bool):
        return []
    if isinstance(data, int | float):
        return [prefix]
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    return [p for k, v in items for p in _numeric_paths(v, (*prefix, k))]


def _files(root: Path, fuzzed: int) -> list[Path]:
    files = sorted((ROOT / "scenarios").glob("*.toml"))
    for i, case in enumerate(generate(fuzzed)):
        folder = root / f"c{i:04d}"
        for name, content in case.files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(content)
        files.append(folder / case.main)
    for j, path in enumerate(_numeric_paths(small_scenario_dict())):
        for value in MAGNITUDES:
            data = small_scenario_dict()
            holder = data
            for part in path[:-1]:
                holder = holder[part]
            holder[path[-1]] = value
            file = root / f"m{j:03d}-{value:g}.toml"
            file.write_text(to_toml(data), encoding="utf-8")
            files.append(file)
    return files


def startup(repeat: int, file: str = "scenarios/bbs-95k.toml") -> tuple[float, float]:
    """Median wall and CPU seconds of a fresh ``python -m simfin validate FILE``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "simfin", "validate", file], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main_(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzzed", type=int, default=1200)
    parser.add_argument("--limit", type=float, default=2.0)
    parser.add_argument("--startup", action="store_true",
                        help="time a fresh `simfin validate scenarios/bbs-95k.toml` instead")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    if args.startup:
        wall, cpu = startup(args.repeat)
        print(f"simfin validate scenarios/bbs-95k.toml: median of {args.repeat}: "
              f"{wall:.3f} s wall, {cpu:.3f} s CPU (target: under 1 s wall)")
        return 1 if wall > 1.0 else 0
    with tempfile.TemporaryDirectory() as tmp:
        files = _files(Path(tmp), args.fuzzed)
        main(["validate", str(files[0])])  # warm the imports
        times = []
        for file in files:
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()):
                main(["validate", str(file)])
            times.append((time.perf_counter() - start, file.name))
    times.sort(reverse=True)
    over = [t for t in times if t[0] > args.limit]
    print(f"{len(times)} files; slowest {times[0][0]:.3f} s ({times[0][1]}); "
          f"median {times[len(times) // 2][0] * 1000:.1f} ms; over {args.limit:g} s: {len(over)}")
    for seconds, name in times[:5]:
        print(f"  {seconds:7.3f} s  {name}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main_())
