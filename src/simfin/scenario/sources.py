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

import tomllib
from pathlib import Path

__all__ = ["comment_sources", "read_sources", "source_of"]


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
