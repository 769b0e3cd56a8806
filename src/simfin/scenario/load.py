"""Read scenario files: TOML, ``extends`` overlays, and one-line errors.

A variant file names its base with ``extends = "base.toml"``. Tables are merged key by
key, so a variant overrides only what it names; any other value (a number, a string, a
list) replaces the base value. Chains of ``extends`` are followed (at most
:data:`MAX_EXTENDS_DEPTH` files deep); a cycle or a missing base is a :class:`ScenarioError`.

Safety rules (``docs/reliability.md``): a scenario file is data only, parsed with
:mod:`tomllib` (no expressions are evaluated, nothing is unpickled or imported). A
relative ``extends`` path is resolved against the directory of the file that names it
and must stay inside that directory or its subdirectories (after ``..`` and symbolic
links are resolved); an absolute path is taken as the user's explicit choice.

Every problem becomes one :class:`ScenarioError` naming the file, the dotted field path
and what was expected; see :mod:`simfin.scenario.messages` for how pydantic's errors are
translated. In an ``extends`` chain the error names the file that sets the field (the
variant when both do), not simply the file that was loaded.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from simfin.errors import ScenarioError
from simfin.scenario.changes import CHANGES_FILE, merge, overlay_of
from simfin.scenario.messages import describe, split_field
from simfin.scenario.schema import Scenario
from simfin.scenario.size import check_size
from simfin.scenario.timeline import check_timeline
from simfin.scenario.uncertain import (
    UncertainScenario,
    declared_parameters,
    uncertain_from_dict,
    with_base_values,
)
from simfin.scenario.validate import validate_dict

__all__ = ["MAX_EXTENDS_DEPTH", "MAX_FILE_BYTES", "load", "load_dict", "load_uncertain",
           "merge", "validate_dict", "with_changes"]

MAX_FILE_BYTES = 5_000_000
MAX_EXTENDS_DEPTH = 16
#: Deepest nesting of tables and arrays a scenario file may have (the schema needs 6).
MAX_NESTING = 32
_ZIP_MAGIC = b"PK\x03\x04"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def load(path: str | Path, changes: Mapping[str, Any] | None = None) -> Scenario:
    """Load, merge and validate the scenario file at ``path``.

    ``changes`` (dotted field path → value, e.g. ``{"access_team.fte": 50}``) are merged in
    after the ``extends`` chain, exactly as one more variant file would be
    (:mod:`simfin.scenario.changes`); an error in a change names ``changes`` and its path.

    Also refuses a scenario whose single replication is absurdly large
    (:func:`simfin.scenario.size.check_size`), before anything runs. Uncertain parameters
    (``dist`` tables, :mod:`simfin.scenario.uncertain`) take their base value (mode or
    mean); use :func:`load_uncertain` to keep the distributions.
    """
    path = Path(path)
    chain = _read_chain(path)
    if changes:
        chain.insert(0, (Path(CHANGES_FILE), overlay_of(changes, _merge_chain(chain))))
    try:
        data = _merge_chain(chain)
        scenario = validate_dict(with_base_values(data, declared_parameters(data, path)), path)
        check_size(scenario, path, total=False)
    except ScenarioError as exc:
        raise _blame(exc, chain) from None
    return scenario


def load_uncertain(path: str | Path) -> UncertainScenario:
    """Load a scenario file with its declared uncertain parameters (``dist`` tables)."""
    path = Path(path)
    chain = _read_chain(path)
    try:
        return uncertain_from_dict(_merge_chain(chain), path)
    except ScenarioError as exc:
        raise _blame(exc, chain) from None


def load_dict(path: str | Path) -> dict[str, Any]:
    """Read ``path`` and its ``extends`` chain into one merged dictionary."""
    return _merge_chain(_read_chain(Path(path)))


def _read_chain(path: Path) -> list[tuple[Path, dict[str, Any]]]:
    """``[(file, its own data)]`` from ``path`` down to the base that extends nothing."""
    chain: list[tuple[Path, dict[str, Any]]] = []
    seen: list[Path] = []
    while True:
        data = _read_toml(path)
        chain.append((path, data))
        if "extends" not in data:
            return chain
        seen.append(_resolve(path))
        path = _base_path(path, data.pop("extends"), tuple(seen))


def _merge_chain(chain: list[tuple[Path, dict[str, Any]]]) -> dict[str, Any]:
    merged = chain[-1][1]
    for _, data in reversed(chain[:-1]):
        merged = merge(merged, data)
    return merged


def _blame(exc: ScenarioError, chain: list[tuple[Path, dict[str, Any]]]) -> ScenarioError:
    """Re-address ``exc`` to the file of the chain that sets its field (variant on a tie)."""
    if len(chain) == 1 or not exc.field:
        return exc
    parts = split_field(exc.field)

    def depth(data: Any) -> int:
        for n, part in enumerate(parts):
            if not isinstance(data, dict) or part not in data:
                return n
            data = data[part]
        return len(parts)

    owner = max(chain, key=lambda item: depth(item[1]))[0]  # max keeps the first on ties
    return exc if str(owner) == exc.file else ScenarioError(owner, exc.field, exc.message)


def with_changes(scenario: Scenario, changes: Mapping[str, Any]) -> Scenario:
    """A copy of ``scenario`` with ``changes`` applied and validated like a file.

    See :meth:`Scenario.with_changes <simfin.scenario.schema.Scenario.with_changes>`.
    """
    data = scenario.model_dump()
    overlay = overlay_of(changes, data)
    try:
        changed = validate_dict(merge(data, overlay), CHANGES_FILE)
        check_size(changed, CHANGES_FILE, total=False)
    except ScenarioError as exc:
        if exc.file != CHANGES_FILE:
            raise
        # An error in a field the changes do not touch belongs to the scenario, not to them.
        raise _blame(exc, [(Path(CHANGES_FILE), overlay), (Path(f"<{scenario.name}>"), data)]
                     ) from None
    return changed


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # RuntimeError: symlink loop (<3.13)
        raise ScenarioError(path, "", f"expected a usable file path ({exc})") from None


def _base_path(path: Path, base: Any, seen: tuple[Path, ...]) -> Path:
    """The file an ``extends`` value names, checked against the safety rules."""
    if not isinstance(base, str) or not base.strip():
        raise ScenarioError(path, "extends", "expected the path of a base scenario file "
                            f"in quotes, got {describe(base)}")
    if "\x00" in base:
        raise ScenarioError(path, "extends", "expected a file path without NUL characters")
    target = Path(base)
    if len(seen) > MAX_EXTENDS_DEPTH:
        raise ScenarioError(path, "extends", f"expected a chain of at most "
                            f"{MAX_EXTENDS_DEPTH} files, got more")
    if not target.is_absolute():
        home = _resolve(path).parent
        target = home / target
        if not _resolve(target).is_relative_to(home):
            raise ScenarioError(path, "extends", f"expected a base file inside {home} or its "
                                f"subdirectories, got {base!r}; use an absolute path to "
                                "extend a file elsewhere")
    resolved = _resolve(target)
    if resolved in seen:
        chain = " -> ".join(p.name for p in (*seen, resolved))
        raise ScenarioError(path, "extends", f"expected no cycle, got {chain}")
    if not _is_file(target):
        raise ScenarioError(path, "extends", f"expected an existing base file, {base!r} "
                            f"not found (looked for {target})")
    return target


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _read_toml(path: Path) -> dict[str, Any]:
    text = _decode(path, _read_bytes(path))
    content = [line for line in text.splitlines()
               if line.strip() and not line.lstrip().startswith("#")]
    if content and not any("=" in line or "[" in line for line in content):
        raise ScenarioError(path, "", "expected TOML lines like 'key = value', found none "
                            "(is this a spreadsheet or CSV export?)")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, text, exc) from None
    except RecursionError:
        raise ScenarioError(path, "", "expected valid TOML with arrays and tables nested "
                            "less deeply") from None
    if _nesting(data) > MAX_NESTING:
        raise ScenarioError(path, "", f"expected arrays and tables nested at most "
                            f"{MAX_NESTING} levels deep (the schema needs 6)")
    return data


def _nesting(data: Any) -> int:
    """Deepest nesting of dicts and lists in ``data``, walked iteratively (no recursion)."""
    deepest, stack = 0, [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth + 1)
        if deepest > MAX_NESTING:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise ScenarioError(path, "", "expected a scenario file, got a directory")
        if not path.is_file():
            raise ScenarioError(path, "", "file not found")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ScenarioError(path, "", f"expected a readable file, cannot read it ({reason})"
                            ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioError(path, "", f"expected a scenario file under {MAX_FILE_BYTES:,} bytes")
    return raw


def _decode(path: Path, raw: bytes) -> str:
    if raw.startswith(_ZIP_MAGIC):
        raise ScenarioError(path, "", "expected a TOML text file, got a ZIP archive "
                            "(an .xlsx workbook?)")
    if raw.startswith(_UTF16_BOMS):
        raise ScenarioError(path, "", "expected UTF-8 text, got UTF-16; save the file as UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ScenarioError(path, "", f"expected UTF-8 text, byte {exc.start} (line {line}) "
                            "is not; save the file as UTF-8") from None


def _toml_error(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> ScenarioError:
    """A TOML syntax error, naming the key on the offending line when there is one."""
    reason = _TOML_AT.sub("", str(exc)).replace("(at end of document)", "").strip()
    at = _TOML_AT.search(str(exc))
    lines = text.splitlines()
    if at is not None:
        line, column = int(at.group(1)), int(at.group(2))
        place = f"at line {line}, column {column}"
    else:  # "at end of document": after the last character of the last line
        line = max(len(lines), 1)
        column = len(lines[-1]) + 1 if lines else 1
        place = f"at the end of the file (line {line}, column {column})"
    field = _field_at_line(lines, line)
    return ScenarioError(path, field, f"expected valid TOML {place}: {reason}")


_HEADER = re.compile(r"^\s*\[\[?\s*(.+?)\s*\]\]?\s*(#.*)?$")
_KEY_PART = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+))\s*')


def _split_key(text: str) -> list[str] | None:
    """Parts of a (dotted, possibly quoted) TOML key, or ``None`` if ``text`` is not one."""
    parts, pos = [], 0
    while True:
        match = _KEY_PART.match(text, pos)
        if match is None or match.end() == pos:
            return None
        parts.append(next(g for g in match.groups() if g is not None))
        pos = match.end()
        if pos == len(text):
            return parts
        if text[pos] != ".":
            return None
        pos += 1


def _field_at_line(lines: list[str], lineno: int) -> str:
    """Dotted path of the key assigned on line ``lineno`` (1-based), or "" if none."""
    if not 1 <= lineno <= len(lines):
        return ""
    table: list[str] = []
    for line in lines[:lineno - 1]:
        header = _HEADER.match(line)
        if header:
            table = _split_key(header.group(1)) or []
    current = lines[lineno - 1]
    if "=" not in current or current.lstrip().startswith("["):
        return ""
    key = _split_key(current.split("=", 1)[0])
    return ".".join([*table, *key]) if key else ""


# The scenario's own checks that need whole-scenario machinery above the schema (a timeline
# event is validated as a changed scenario): registered here, so that the schema imports nothing
# above itself.
Scenario.register_hooks(with_changes=with_changes, check_timeline=check_timeline)
