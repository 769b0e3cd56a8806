"""Dotted field paths of scenario data (``access_team.complexity.kwetsbaar.fte``)."""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["flatten"]


def flatten(data: object, prefix: str = "") -> Iterator[tuple[str, object]]:
    """Nested dicts and lists as ``(dotted.path, value)`` pairs; list items by index.

    >>> list(flatten({"a": {"b": 1, "c": [2, 3]}}))
    [('a.b', 1), ('a.c.0', 2), ('a.c.1', 3)]
    """
    if isinstance(data, dict):
        items = ((str(k), v) for k, v in data.items())
    elif isinstance(data, list | tuple):
        items = ((str(i), v) for i, v in enumerate(data))
    else:
        yield prefix, data
        return
    for key, value in items:
        yield from flatten(value, f"{prefix}.{key}" if prefix else key)
