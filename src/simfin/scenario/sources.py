"""Sources of scenario parameters, read from the comments of the scenario file.

Every figure in a shipped scenario file carries a comment saying where it comes from
(``# source: ...``) or why it is assumed (``# assumption: ...; range lo–hi``). This module
reads those comments back, so that reports can list every parameter with its source
(the ``Aannames`` sheet of the business-case workbook) without a second bookkeeping.

Rules (a line-based reader for the TOML subset simfin files use):

* the source of ``key = value`` is the block of comment lines directly above it (a blank
  line or another statement ends a block) followed by the comment at the end of its line;
* a comment block directly above a ``[table]`` header is the source of the table, and of
  every key in it without a source of its own (see :func:`source_of`);
* dotted paths follow the table headers: ``[access_team]`` + ``fte`` is ``access_team.fte``;
  an inline table (``{ family = ..., mean = ... }``) has one source for all its fields;
* with ``extends`` the base file is read first; the overlay's comments win for the keys it
  sets.

Values are never read from the comments: they come from the validated scenario.
"""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path

__all__ = ["BEHAVIOUR_EFFECTS", "behaviour_effects", "comment_range", "comment_sources",
           "read_sources", "source_of"]

_NUMBER = r"€?\s*(\d[\d,]*(?:\.\d+)?)\s*(k|M|mln|%)?"
_RANGE = re.compile(r"range:?\s*(?:of\s+)?" + _NUMBER + r"\s*(?:–|-|to)\s*" + _NUMBER)
_SCALE = {"k": 1e3, "M": 1e6, "mln": 1e6, "%": 1e-2, None: 1.0, "": 1.0}
#: Behaviour effects a variant file may set (regular expression on the dotted key) and the
#: value that means "no effect" when the base file does not set the key.
BEHAVIOUR_EFFECTS = {
    r"demand_streams\.[^.]+\.resolved_0e_share": None,
    r"demand_streams\.[^.]+\.outcomes\.referral": None,
    r"steering\.referral_multiplier": 1.0,
    r"households\.effect\.reduction": 0.0,
    r"providers\.[^.]+\.(duration|intensity|step_down)_multiplier": 1.0,
}


def _outside_quotes(text: str, char: str) -> int:
    """Index of the first ``char`` outside a TOML string in ``text``; -1 if none."""
    quote = ""
    escaped = False
    for i, c in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif c == "\\" and quote == '"':
                escaped = True
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == char:
            return i
    return -1


def _split_comment(line: str) -> tuple[str, str]:
    i = _outside_quotes(line, "#")
    return (line, "") if i < 0 else (line[:i], line[i + 1:].strip())


def _key_parts(key: str) -> list[str]:
    return [part.strip().strip("\"'") for part in key.split(".") if part.strip()]


def _depth(code: str) -> int:
    """Open brackets left by ``code`` (arrays and inline tables spanning lines)."""
    depth, quote = 0, ""
    for c in code:
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'":
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
    return depth


def comment_sources(text: str) -> dict[str, str]:
    """Map every dotted key (and table) of a TOML text to the comments that document it."""
    sources: dict[str, str] = {}
    table: list[str] = []
    block: list[str] = []
    depth = 0
    multiline = False
    for raw in text.splitlines():
        line = raw.strip()
        if multiline or line.count('"""') % 2 == 1:
            multiline = multiline != (line.count('"""') % 2 == 1)
            continue
        if depth > 0:
            depth += _depth(_split_comment(line)[0])
            continue
        if not line:
            block = []
        elif line.startswith("#"):
            if any(c.isalnum() for c in line):
                block.append(line.lstrip("#").strip())
        elif line.startswith("["):
            code, comment = _split_comment(line)
            table = _key_parts(code.strip().strip("[]"))
            _put(sources, table, block, comment)
            block = []
        else:
            code, comment = _split_comment(line)
            eq = _outside_quotes(code, "=")
            if eq > 0:
                _put(sources, table + _key_parts(code[:eq]), block, comment)
                depth = _depth(code[eq + 1:])
            block = []
    return sources


def _put(sources: dict[str, str], path: list[str], block: list[str], comment: str) -> None:
    text = " ".join(part for part in (*block, comment) if part)
    if text and path:
        sources[".".join(path)] = text


def read_sources(path: str | Path, _seen: tuple[Path, ...] = ()) -> dict[str, str]:
    """Comment sources of a scenario file and its ``extends`` chain (overlay wins)."""
    path = Path(path)
    if path.resolve() in _seen:
        return {}
    text = path.read_text(encoding="utf-8")
    own = comment_sources(text)
    try:
        base = tomllib.loads(text).get("extends")
    except tomllib.TOMLDecodeError:
        return own
    if not isinstance(base, str) or not base:
        return own
    base_path = Path(base) if Path(base).is_absolute() else path.parent / base
    inherited = read_sources(base_path, (*_seen, path.resolve())) if base_path.is_file() else {}
    return {**inherited, **own}


def source_of(sources: dict[str, str], dotted: str) -> str:
    """The source of ``dotted``: its own comment or that of the nearest enclosing key/table."""
    parts = dotted.split(".")
    for n in range(len(parts), 0, -1):
        found = sources.get(".".join(parts[:n]))
        if found:
            return found
    return ""


def _number(digits: str, unit: str | None) -> float:
    return float(digits.replace(",", "")) * _SCALE[unit]


def comment_range(source: str, value: float, unit: str = "") -> tuple[float, float]:
    """The first ``range lo–hi`` in ``source`` that contains ``value``; (nan, nan) if none
    (for a ``unit`` "share", also if the range leaves [0, 1]).

    >>> comment_range("assumption: ≈ €850k; range €700k–€1.2M", 850000)
    (700000.0, 1200000.0)
    >>> comment_range("assumption: 3 points; range 0–6 points", 0.52, "share")
    (nan, nan)
    """
    for match in _RANGE.finditer(source):
        lo = _number(match.group(1), match.group(2))
        hi = _number(match.group(3), match.group(4) or match.group(2))
        if match.group(2) in ("k", "M", "mln") and match.group(4) is None:
            hi = _number(match.group(3), match.group(2))
        lo, hi = min(lo, hi), max(lo, hi)
        tolerance = 1e-9 * max(1.0, abs(value))
        if unit == "share" and (lo < 0 or hi > 1):
            continue
        if lo - tolerance <= value <= hi + tolerance:
            return lo, hi
    return math.nan, math.nan


def _own_values(data: dict, prefix: str = "") -> list[tuple[str, object]]:
    out = []
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and "dist" not in value:
            out += _own_values(value, path)
        else:
            out.append((path, value))
    return out


def _base_values(path: Path) -> dict[str, object]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    base = data.get("extends")
    inherited = {}
    if isinstance(base, str) and base:
        base_path = path.parent / base
        if base_path.is_file():
            inherited = _base_values(base_path)
    return {**inherited, **dict(_own_values(data))}


def behaviour_effects(path: str | Path) -> list[dict]:
    """The behaviour effects a variant file (one with ``extends``) sets itself, checked.

    Each row: ``parameter, value, no_effect`` (the base file's value, else
    :data:`BEHAVIOUR_EFFECTS`), ``source`` (its comment), ``low, high`` (the ``dist`` table's
    or the comment's ``range lo–hi``), ``ok`` and ``problem``: a behaviour effect must cite a
    source or say NOT FOUND, and its range must contain "no effect".
    """
    path = Path(path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data.get("extends"), str):
        return []
    base = _base_values(path.parent / data["extends"])
    comments = comment_sources(path.read_text(encoding="utf-8"))
    rows = []
    for key, value in _own_values(data):
        pattern = next((p for p in BEHAVIOUR_EFFECTS if re.fullmatch(p, key)), None)
        if pattern is None:
            continue
        source = source_of(comments, key)
        if isinstance(value, dict):
            lo, hi = float(value.get("low", math.nan)), float(value.get("high", math.nan))
            value = value.get("mode", value.get("mean", math.nan))
        else:
            lo, hi = comment_range(source, float(value))
        reference = base.get(key, BEHAVIOUR_EFFECTS[pattern])
        if isinstance(reference, dict):
            reference = reference.get("mode", reference.get("mean"))
        text = source.lower()
        problem = ""
        if "source" not in text and "http" not in text and "not found" not in text:
            problem = "neither a source nor NOT FOUND"
        elif reference is None:
            problem = "no 'no effect' value: the base file does not set it"
        elif not (lo <= float(reference) <= hi):
            problem = f"range {lo:g}–{hi:g} does not contain no effect ({float(reference):g})"
        rows.append({"parameter": key, "value": float(value), "no_effect": reference,
                     "source": source, "low": lo, "high": hi, "ok": not problem,
                     "problem": problem})
    return rows
