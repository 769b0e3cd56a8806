"""Change a scenario from Python, validated exactly like a scenario file.

``changes`` maps dotted field paths, as written in a TOML file, to new values::

    scenario.with_changes({"access_team.fte": 50,
                           "providers.jeugdhulp_ambulant.financing.duration_multiplier": 1.0})
    simfin.load("scenarios/jeugd-60k.toml", changes={"access_team.fte": 50})

Each change is turned into the overlay a variant file would hold (``{"access_team": {"fte":
50}}``) and merged with :func:`simfin.scenario.load.merge`, the rule ``extends`` uses: tables
merge key by key, and a table that names another ``kind`` (a financing model switched from
``pq_per_unit`` to ``lump_sum``) replaces the old table. The result is validated as a whole; a
wrong path or value is a :class:`~simfin.errors.ScenarioError` naming the dotted path. So a
change written in Python gives the same scenario, and the same results, as the same change
written as a TOML variant.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simfin.errors import ScenarioError

__all__ = ["CHANGES_FILE", "apply_changes", "merge", "overlay_of"]

CHANGES_FILE = "changes"  # what a ScenarioError names as the "file" of a change made in Python

# Top-level tables keyed by a name the user chooses: a change may not invent a name there.
_COLLECTIONS = ("municipalities", "demand_streams", "products", "providers", "incidental",
                "structural")


def overlay_of(changes: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, Any]:
    """The nested table a variant file would hold for ``changes`` (checked against ``base``)."""
    from simfin.scenario.messages import split_field

    if not isinstance(changes, Mapping):
        raise ScenarioError(CHANGES_FILE, "", "expected a mapping of dotted field paths to "
                            f"values, got {type(changes).__name__}")
    overlay: dict[str, Any] = {}
    for path, value in changes.items():
        if not isinstance(path, str) or not path.strip():
            raise ScenarioError(CHANGES_FILE, str(path), "expected a dotted field path in "
                                "quotes, such as \"access_team.fte\"")
        parts = split_field(path)
        if parts[0] == "extends":
            raise ScenarioError(CHANGES_FILE, path, "expected a scenario field; 'extends' "
                                "only has a meaning in a file")
        if len(parts) > 1 and parts[0] in _COLLECTIONS:
            known = base.get(parts[0]) or {}
            if parts[1] not in known:
                raise ScenarioError(CHANGES_FILE, path, f"unknown name {parts[1]!r} in "
                                    f"{parts[0]}; expected one of {sorted(known)}")
        table = overlay
        for i, part in enumerate(parts[:-1]):
            nxt = table.setdefault(part, {})
            if not isinstance(nxt, dict):
                raise ScenarioError(CHANGES_FILE, path, "conflicts with the change of "
                                    f"{'.'.join(parts[:i + 1])!r}, which sets a value, not a table")
            table = nxt
        if isinstance(table.get(parts[-1]), dict) and isinstance(value, Mapping):
            table[parts[-1]] = {**table[parts[-1]], **value}
        else:
            table[parts[-1]] = dict(value) if isinstance(value, Mapping) else value
    return overlay


def apply_changes(data: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` (a scenario as a dictionary) with ``changes`` merged in as a variant would be."""
    overlay = overlay_of(changes, data)
    merged = dict(data)
    # A changed "kind" replaces its table (merge's rule); a change of another key of the same
    # table given next to it then belongs to the new table, as in a variant file.
    return merge(merged, overlay)


def merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``overlay`` into a copy of ``base``: tables merge, other values replace.

    A table that names a different ``kind`` (e.g. a financing model switched from
    ``pq_per_unit`` to ``lump_sum``), ``family`` (a per-case distribution) or ``dist``
    (an uncertain parameter's distribution) replaces the base table instead of merging
    with it, so no field of the old kind is left behind.
    """
    out = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) \
                and all(value.get(tag, out[key].get(tag)) == out[key].get(tag)
                        for tag in _REPLACING_TAGS):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


_REPLACING_TAGS = ("kind", "family", "dist")
