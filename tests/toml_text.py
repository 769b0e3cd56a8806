"""A small TOML writer for tests: scenario dictionaries to the text a user would write.

Tables that contain tables become ``[section]`` headers (``[demand_streams.jeugd]``);
tables of scalars (distributions, shares) become inline tables. Handles the value types
TOML has: text, whole and decimal numbers (including ``nan``/``inf``), booleans, dates,
arrays and tables.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re

__all__ = ["to_toml"]

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def key(name: str) -> str:
    return name if _BARE.match(name) else json.dumps(name, ensure_ascii=False)


def value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{key(k)} = {value(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"no TOML for {type(v).__name__}")


def _is_section(v) -> bool:
    return isinstance(v, dict) and any(isinstance(x, dict) for x in v.values())


def _table(data: dict, path: list[str], out: list[str]) -> None:
    if path and not all(_is_section(v) for v in data.values()):
        out.append("")
        out.append("[" + ".".join(key(p) for p in path) + "]")
    for k, v in data.items():
        if not _is_section(v):
            out.append(f"{key(k)} = {value(v)}")
    for k, v in data.items():
        if _is_section(v):
            _table(v, [*path, k], out)


def to_toml(data: dict) -> str:
    """TOML text for ``data`` (a dict of TOML values)."""
    lines: list[str] = []
    _table(data, [], lines)
    return "\n".join(lines) + "\n"
