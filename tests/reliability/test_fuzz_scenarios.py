"""Fuzz: 1,200 broken scenario files through the loader and the command line.

Every file must be refused with a :class:`ScenarioError` (never another exception, never
accepted) whose message names the file that holds the problem and the field (the exact
field where the mistake is known by construction, otherwise a field that exists in the
file or whose parent does), and says what was expected. The command line must print
exactly that message as one line and exit with code 2; a handful of cases run as real
subprocesses to show there is no traceback.
"""

from __future__ import annotations

import subprocess
import time
import sys
from collections import Counter
from pathlib import Path

import pytest
from broken_scenarios import Broken, generate
from conftest import small_scenario_dict
from hypothesis import given, settings
from hypothesis import strategies as st

import simfin
from simfin.cli import main
from simfin.errors import ScenarioError
from simfin.scenario import validate_dict
from simfin.scenario.messages import split_field

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

N_CASES = 1200
CASES = generate(N_CASES)
KINDS = {"wrong_type", "out_of_range", "too_big", "missing_key", "removed_item", "unknown_key",
         "shares_off", "wrong_structure", "broken_reference", "top_level", "extends_missing",
         "extends_cycle", "extends_self", "extends_escape", "extends_not_a_path",
         "extends_directory", "extends_broken_base", "extends_too_deep", "toml_syntax",
         "truncated", "duplicate", "encoding", "spreadsheet", "empty", "deep_nesting",
         "huge_file"}
WHERE_IN_FILE = ("line", "byte", "UTF-16", "ZIP", "CSV", "nested", "bytes")


def _write(case: Broken, root: Path) -> Path:
    for name, content in case.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root / case.main


def _exists(data, parts: list[str]) -> bool:
    for part in parts:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return False
    return True


def _real_field(data: dict, field: str) -> bool:
    """The field exists in ``data``, or its parent does (a missing or unknown key)."""
    parts = split_field(field)
    return bool(field) and (_exists(data, parts) or _exists(data, parts[:-1]))


def _problems(i: int, case: Broken, root: Path, err: ScenarioError) -> list[str]:
    where = f"case {i} ({case.kind}): {err}"
    out = []
    if Path(err.file).resolve() != (root / case.blamed).resolve():
        out.append(f"{where}: names {err.file}, expected {case.blamed}")
    if "\n" in str(err) or not err.message:
        out.append(f"{where}: not one line")
    if not any(w in err.message for w in ("expected", "did you mean", "not found", "missing")):
        out.append(f"{where}: does not say what was expected")
    if case.field is not None:
        if err.field != case.field:
            out.append(f"{where}: field {err.field!r}, expected {case.field!r}")
    elif case.whole_file:
        reference = small_scenario_dict()
        if err.field and not _real_field(reference, err.field):
            out.append(f"{where}: field {err.field!r} is not in the file")
        if not err.field and not any(w in err.message for w in WHERE_IN_FILE):
            out.append(f"{where}: names neither a field nor a place in the file")
    elif not _real_field(case.data, err.field):
        out.append(f"{where}: field {err.field!r} is not in the file")
    return out


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> list[tuple[Broken, Path, Path]]:
    base = tmp_path_factory.mktemp("fuzz")
    out = []
    for i, case in enumerate(CASES):
        root = base / f"c{i:04d}"
        out.append((case, root, _write(case, root)))
    return out


def test_the_generator_covers_every_kind():
    kinds = Counter(case.kind for case in CASES)
    assert len(CASES) >= 1000
    assert set(kinds) == KINDS, sorted(KINDS ^ set(kinds))


def test_loader_refuses_every_broken_file_naming_file_and_field(written):
    problems = []
    for i, (case, root, path) in enumerate(written):
        try:
            simfin.load(path)
        except ScenarioError as err:
            problems += _problems(i, case, root, err)
        except Exception as exc:  # noqa: BLE001 - any other exception is the failure we look for
            problems.append(f"case {i} ({case.kind}): {type(exc).__name__}: {exc}")
        else:
            problems.append(f"case {i} ({case.kind}): accepted")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:25])


def test_cli_prints_the_same_one_line_and_exits_2(written, capsys):
    problems = []
    runs = 0
    for i, (case, root, path) in enumerate(written):
        with pytest.raises(ScenarioError) as info:
            simfin.load(path)
        expected = f"simfin: error: {info.value}\n"
        commands = [["validate", str(path)]]
        if i % 8 == 0:
            commands.append(["run", str(path), "--out", str(root / "uit"), "-q"])
        for argv in commands:
            code = main(argv)
            captured = capsys.readouterr()
            if code != 2 or captured.err != expected or captured.out:
                problems.append(f"case {i} ({case.kind}) {argv[0]}: exit {code}, "
                                f"stderr {captured.err!r}, expected {expected!r}")
        runs += len(commands)
        if (root / "uit").exists():
            problems.append(f"case {i} ({case.kind}): run created its output directory")
    assert runs >= N_CASES
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:25])


def test_debug_shows_the_traceback_instead(written):
    case, root, path = next(w for w in written if w[0].kind == "wrong_type")
    with pytest.raises(ScenarioError):
        main(["--debug", "run", str(path), "--out", str(root / "uit")])


@pytest.mark.parametrize("kind", ["wrong_type", "unknown_key", "toml_syntax", "encoding",
                                  "extends_cycle", "too_big"])
def test_real_subprocess_gives_one_line_and_no_traceback(written, kind):
    case, root, path = next(w for w in written if w[0].kind == kind)
    with pytest.raises(ScenarioError) as info:
        simfin.load(path)
    proc = subprocess.run([sys.executable, "-m", "simfin", "run", str(path), "--out",
                           str(root / "uit")], capture_output=True, text=True, timeout=120,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                               "PYTHONPATH": str(Path(simfin.__file__).parents[1])})
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr == f"simfin: error: {info.value}\n"
    assert not (root / "uit").exists()


# --- hypothesis: random values anywhere in a valid scenario -----------------------------

TOML_SCALARS = st.one_of(
    st.booleans(), st.integers(-10**30, 10**30), st.floats(), st.text(max_size=30),
    st.dates(), st.datetimes(), st.times())
TOML_VALUES = st.recursive(
    TOML_SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12)


def _paths(data, prefix=()):
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.data())
def test_any_value_anywhere_gives_a_scenario_error_naming_a_real_field(draw):
    data = small_scenario_dict()
    path = draw.draw(st.sampled_from(_paths(data)[1:]))
    value = draw.draw(TOML_VALUES)
    holder = data
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = value
    try:
        validate_dict(data, "x.toml")
    except ScenarioError as err:
        assert err.file == "x.toml" and "\n" not in str(err)
        assert _real_field(data, err.field), str(err)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_scenario_error(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("bytes") / "s.toml"
    path.write_bytes(content)
    with pytest.raises(ScenarioError) as info:
        simfin.load(path)
    assert info.value.file == str(path)


# --- hostile magnitudes and characters (issue 18) ----------------------------------------

HANG_GUARD_S = 10.0  # a hang guard, not a timing: validate's timing is in benchmarks/
MAGNITUDES = (1e9, 1e12, 1e100, 1e300, -1e300, 10**9, 10**18, 10**300)
#: One of every class of control and bidi character: C0, DEL, C1 (incl. NEL), bidi
#: embeddings, overrides, isolates and marks, zero-width, BOM, line/paragraph separators,
#: a private-use and a lone surrogate.
HOSTILE_CHARACTERS = ("\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u061c", "\u200b",
                      "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
                      "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029",
                      "\ufeff", "\ue000", "\ud800")


def _numeric_paths(data, prefix=()):
    if isinstance(data, bool):
        return []
    if isinstance(data, int | float):
        return [prefix]
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    return [p for k, v in items for p in _numeric_paths(v, (*prefix, k))]


def _name_paths(data, prefix=()):
    """Paths of every text value and every key of a named collection."""
    out = []
    if isinstance(data, dict):
        for k, v in data.items():
            out.append(("key", (*prefix, k)))
            out += _name_paths(v, (*prefix, k))
    elif isinstance(data, str):
        out.append(("value", prefix))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _name_paths(v, (*prefix, i))
    return out


def _set_at(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _rename_at(data, path, new):
    for part in path[:-1]:
        data = data[part]
    data[new] = data.pop(path[-1])


def _validate_and_size(data) -> list[str]:
    """Validate ``data`` as ``simfin.load`` does (schema and size check); the problems."""
    from simfin.scenario.size import check_size

    start = time.perf_counter()
    try:
        check_size(validate_dict(data, "x.toml"), "x.toml", total=False)
    except ScenarioError as err:
        problem = [] if "\n" not in str(err) and err.file == "x.toml" else [f"{err!r}"]
    except Exception as exc:  # noqa: BLE001 - any other exception is what we look for
        problem = [f"{type(exc).__name__}: {exc}"]
    else:
        problem = []
    seconds = time.perf_counter() - start
    return problem + ([f"took {seconds:.1f} s"] if seconds > HANG_GUARD_S else [])


def test_huge_magnitudes_in_every_numeric_field_give_no_traceback_and_no_hang():
    base = small_scenario_dict()
    problems = []
    for path in _numeric_paths(base):
        for value in MAGNITUDES:
            data = small_scenario_dict()
            _set_at(data, path, value)
            problems += [f"{'.'.join(map(str, path))} = {value:g}: {p}"
                         for p in _validate_and_size(data)]
    assert len(_numeric_paths(base)) > 40
    assert not problems, "\n".join(problems[:25])


def test_huge_magnitudes_are_refused_with_the_bound(capsys):
    """No numeric field accepts 1e300: each has a bound (or a size check) that says why."""
    accepted = []
    for path in _numeric_paths(small_scenario_dict()):
        data = small_scenario_dict()
        _set_at(data, path, 1e300)
        try:
            validate_dict(data)
        except ScenarioError as err:
            assert "expected" in err.message
        else:
            accepted.append(".".join(map(str, path)))
    assert not accepted, accepted


def test_control_and_bidi_characters_in_every_name_give_no_traceback():
    base = small_scenario_dict()
    problems, accepted = [], []
    for kind, path in _name_paths(base):
        for ch in HOSTILE_CHARACTERS:
            data = small_scenario_dict()
            if kind == "key":
                _rename_at(data, path, f"a{ch}b")
            else:
                _set_at(data, path, f"a{ch}b")
            try:
                validate_dict(data, "x.toml")
            except ScenarioError as err:
                if "\n" in str(err):
                    problems.append(f"{path} {ch!r}: not one line")
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{path} {ch!r}: {type(exc).__name__}: {exc}")
            else:
                accepted.append((path, ch))
    assert not problems, "\n".join(problems[:25])
    # keys that are names and every text value refuse them (a key may only be refused
    # because it no longer matches, e.g. a product name: also a one-line error)
    assert not accepted, accepted[:10]


@pytest.mark.parametrize("ch", ["\x00", "\u202e", "\u2066"])
def test_hostile_name_in_a_file_is_one_line_in_a_real_subprocess(tmp_path, ch):
    text = (Path(simfin.__file__).parents[2] / "scenarios" / "jeugd-60k.toml").read_text(
        encoding="utf-8")
    path = tmp_path / "s.toml"
    escaped = f"\\u{ord(ch):04x}"
    path.write_text(text.replace('name = "jeugd-60k"', f'name = "jeugd{escaped}60k"', 1),
                    encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "simfin", "validate", str(path)],
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin",
                               "PYTHONPATH": str(Path(simfin.__file__).parents[1])})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and ": name: expected a name without" in proc.stderr
