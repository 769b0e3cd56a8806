"""The business case on the timeline: the variant takes over from the nulalternatief mid-run.

A variant with ``[business_case.switch]`` is simulated as *one* scenario: the
nulalternatief until ``switch.at_month``, then the variant. Its differences with the
nulalternatief become ``[[timeline]]`` events (:mod:`simfin.scenario.timeline`), so the
transition happens while residents keep arriving: waiting clients keep their place, clients
in care keep their provider and terms, and the same residents arrive as in the
nulalternatief (common random numbers). Before the switch the variant's simulated costs
are the nulalternatief's, to the cent.

The differences are split into at most three events at the switch date, in this order:

1. **Organisation and capacity** (``access_team.*``, ``organisation.*``), phased in over
   ``switch.phase_in_months``; the switch's ``dip`` and ``double_running`` belong to it.
2. **Policy** (``demand_streams.<name>.<policy field>``), phased in over
   ``switch.policy_phase_in_months`` (the effects of a new way of working grow).
3. **Financing** (``providers.<name>.financing``), at once (the timeline requires the start
   of a year).

The variant's own ``[[timeline]]`` events follow them. Anything else that differs (the
municipalities' demand, products, inhuur, ...) cannot change inside one run: that is a
:class:`~simfin.errors.ScenarioError` naming the field, with the advice to drop the switch.
"""

from __future__ import annotations

from typing import Any

from simfin.errors import ScenarioError
from simfin.scenario.load import validate_dict
from simfin.scenario.schema import FieldProblem, Scenario

__all__ = ["REPORTING_SECTIONS", "switch_changes", "switched"]

#: Sections that say how the variant is reported, not how it is simulated: they come from
#: the variant as they are.
REPORTING_SECTIONS = ("name", "description", "business_case", "incidental", "structural",
                      "ceiling", "afweging", "calibration")
_NOT_COMPARED = (*REPORTING_SECTIONS, "simulation", "timeline")
_GROUPS = ("organisation", "policy", "financing")


def _group(path: str) -> str:
    parts = path.split(".")
    if parts[0] == "demand_streams":
        return "policy"
    if parts[0] == "providers" and len(parts) >= 3 and parts[2] == "financing":
        return "financing"
    return "organisation"


def _diff(old: Any, new: Any, path: str, out: dict[str, Any]) -> None:
    """Dotted paths where ``new`` differs from ``old``: leaves, a new key as a whole, and a
    table whose ``kind`` changed as a whole (it replaces the old table)."""
    if old == new:
        return
    if not (isinstance(old, dict) and isinstance(new, dict)) or \
            ("kind" in old and old.get("kind") != new.get("kind")):
        out[path] = new
        return
    removed = sorted(set(old) - set(new))
    if removed:
        raise FieldProblem(f"{path}.{removed[0]}", "the variant has no such entry, and a "
                           "switch can only change or add parts of the nulalternatief")
    for key, value in new.items():
        sub = f"{path}.{key}"
        if key in old:
            _diff(old[key], value, sub, out)
        else:
            out[sub] = value


def switch_changes(null: Scenario, variant: Scenario) -> dict[str, dict[str, Any]]:
    """The variant's simulated differences with ``null`` per group (see the module
    docstring): ``{"organisation": {path: value}, "policy": {...}, "financing": {...}}``."""
    return _grouped_changes(null.model_dump(), variant.model_dump())


def _grouped_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, dict[str, Any]]:
    flat: dict[str, Any] = {}
    for section in new:
        if section not in _NOT_COMPARED:
            _diff(old.get(section), new[section], section, flat)
    groups: dict[str, dict[str, Any]] = {g: {} for g in _GROUPS}
    for path, value in flat.items():
        groups[_group(path)][path] = value
    return groups


def _events(variant: Scenario, groups: dict[str, dict[str, Any]]) -> list[dict]:
    switch = variant.business_case.switch
    label = switch.label or f"Overgang naar {variant.name}"
    first = {"at_month": switch.at_month, "label": label, "changes": groups["organisation"],
             "phase_in_months": switch.phase_in_months}
    for extra in ("dip", "double_running"):
        value = getattr(switch, extra)
        if value is not None:
            first[extra] = value.model_dump()
    events = [first]
    if groups["policy"]:
        events.append({"at_month": switch.at_month, "label": f"{label}: beleid",
                       "changes": groups["policy"], "phase_in_months": switch.policy_months,
                       "phase_in_steps": switch.policy_steps})
    if groups["financing"]:
        events.append({"at_month": switch.at_month, "label": f"{label}: financiering",
                       "changes": groups["financing"]})
    return events


def switched(null: Scenario, variant: Scenario, file: str = "") -> Scenario:
    """The scenario that simulates ``variant`` on the timeline: ``null`` until the switch,
    then ``variant`` (its reporting sections are the variant's own).

    Raises :class:`ScenarioError` (``file``, ``business_case.switch...``) when the variant
    differs in something that cannot change inside one run.
    """
    switch = variant.business_case.switch
    if switch is None:
        return variant
    file = file or f"<{variant.name}>"
    if null.timeline:
        raise ScenarioError(file, "business_case.switch", "expected a nulalternatief "
                            f"without [[timeline]] events ({null.name!r} has "
                            f"{len(null.timeline)}): the switch starts from it")
    late = [i for i, e in enumerate(variant.timeline) if e.at_month < switch.at_month]
    if late:
        raise ScenarioError(file, f"timeline.{late[0]}.at_month", "expected a month at or "
                            f"after business_case.switch.at_month ({switch.at_month:g}): the "
                            "variant's own events follow the switch")
    data, mine = null.model_dump(), variant.model_dump()
    try:
        groups = _grouped_changes(data, mine)
    except FieldProblem as exc:
        raise ScenarioError(file, exc.field, exc.message) from None
    for section in REPORTING_SECTIONS:
        data[section] = mine[section]
    own = [e.model_dump() for e in variant.timeline]
    data["timeline"] = _events(variant, groups) + own
    try:
        return validate_dict(data)
    except ScenarioError as exc:
        raise ScenarioError(file, _field_of(exc.field, len(data["timeline"]) - len(own)),
                            f"{exc.message} (the variant differs from the nulalternatief "
                            f"{null.name!r} here; a switch can only change what may change "
                            "inside one run, see docs/timeline.md; remove "
                            "[business_case.switch] to compare the two as separate runs)"
                            ) from None


def _field_of(field: str, switch_events: int) -> str:
    """An error's field in the switched scenario, as the user wrote it: the switch's own
    events are ``business_case.switch``, the variant's follow as its own numbers."""
    parts = field.split(".")
    if parts[0] == "timeline" and len(parts) > 1 and parts[1].isdigit():
        i = int(parts[1])
        if i < switch_events:
            rest = parts[2:]
            if rest[:1] == ["changes"]:
                return ".".join(rest[1:]) or "business_case.switch"
            return ".".join(["business_case.switch", *rest])
        return ".".join(["timeline", str(i - switch_events), *parts[2:]])
    return field
