"""The timeline as a sequence of regimes: the scenario in force from each moment on.

``[[timeline]]`` events (:class:`~simfin.scenario.schema.timeline.TimelineEvent`) are
applied in time order with :meth:`Scenario.with_changes`, so a change on the timeline is
validated, and its errors are worded, exactly as the same change in a variant file. A
phase-in splits an event's numeric changes into equal monthly steps. Times are in days
since the start of the first reported year; a month is 365/12 days.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simfin.errors import ScenarioError
from simfin.scenario.schema import FieldProblem, Scenario

__all__ = ["DAYS_PER_MONTH", "Regime", "Window", "check_timeline", "double_running",
           "dips", "regimes", "without_timeline"]

DAYS_PER_MONTH = 365.0 / 12


@dataclass(frozen=True)
class Regime:
    """The scenario in force from ``start_days`` (days since year one) on."""

    start_days: float
    scenario: Scenario
    label: str


@dataclass(frozen=True)
class Window:
    """A period ``[start_days, end_days)`` with a value (a dip share, a cost per year)."""

    start_days: float
    end_days: float
    value: float
    taakveld: str = ""
    label: str = ""


def without_timeline(scenario: Scenario) -> Scenario:
    """``scenario`` with an empty timeline (the regime before the first event)."""
    return scenario.model_copy(update={"timeline": []})


def regimes(scenario: Scenario) -> list[Regime]:
    """The regimes of ``scenario``: the scenario itself (without its timeline) from the
    start, then one per event and phase-in step, in time order (steps at the same moment in
    file order). An event's phase-in starts from the values in force at its date, so two
    events may phase in side by side. Cached per scenario object (it is immutable)."""
    for known, out in _CACHE:
        if known is scenario:
            return out
    out = _regimes(scenario)
    _CACHE.insert(0, (scenario, out))
    del _CACHE[_CACHE_SIZE:]
    return out


_CACHE: list[tuple[Scenario, list[Regime]]] = []
_CACHE_SIZE = 16


def _regimes(scenario: Scenario) -> list[Regime]:
    start = without_timeline(scenario)
    steps: list[tuple[float, int, int, str, dict[str, Any]]] = []
    for i, event in sorted(enumerate(scenario.timeline), key=lambda e: e[1].at_month):
        t0 = event.at_month * DAYS_PER_MONTH
        earlier = sorted(s for s in steps if s[0] <= t0)
        steps += [(t, len(steps) + k, i, event.label, changes)
                  for k, (t, changes) in enumerate(
                      _steps(lambda earlier=earlier: _applied(start, earlier), event))]
    out = [Regime(-math.inf, start, "")]
    current = start
    for t, _, i, label, changes in sorted(steps, key=lambda s: s[:2]):
        current = _changed(current, changes, i)
        out.append(Regime(t, current, label))
    return out


def _applied(start: Scenario, steps: list[tuple]) -> Scenario:
    current = start
    for _, _, i, _, changes in steps:
        current = _changed(current, changes, i)
    return current


def _changed(current: Scenario, changes: dict[str, Any], i: int) -> Scenario:
    try:
        return without_timeline(current.with_changes(changes))
    except ScenarioError as exc:
        raise FieldProblem(f"timeline.{i}.changes.{exc.field}", exc.message) from None


def _steps(base_at: Callable[[], Scenario], event) -> list[tuple[float, dict[str, Any]]]:
    """``(days since year one, changes)`` of an event: at once, or its numeric changes in
    ``phase_in_steps`` equal steps (default ``ceil(phase_in_months)``: one a month), the
    first at the event's date, from the values of ``base_at()`` (the scenario in force at
    the event's date, built only for a phase-in); a whole-number field stays whole."""
    t0 = event.at_month * DAYS_PER_MONTH
    n = event.phase_in_steps or math.ceil(event.phase_in_months)
    if n <= 1 or not event.changes:
        return [(t0, dict(event.changes))]
    data = base_at().model_dump()
    steps = []
    for m in range(1, n + 1):
        changes = {}
        for path, new in event.changes.items():
            old = _value_at(data, path)
            numeric = isinstance(new, int | float) and isinstance(old, int | float) \
                and not isinstance(new, bool)
            step = old + (new - old) * m / n if numeric and m < n else new
            whole = numeric and isinstance(new, int) and isinstance(old, int) \
                and not isinstance(old, bool)
            changes[path] = round(step) if whole else step
        steps.append((t0 + (m - 1) * event.phase_in_months / n * DAYS_PER_MONTH, changes))
    return steps


def _value_at(data: dict, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def dips(scenario: Scenario) -> list[Window]:
    """Productivity dips: share of capacity lost over each window."""
    return [Window(e.at_month * DAYS_PER_MONTH, (e.at_month + e.dip.months) * DAYS_PER_MONTH,
                   e.dip.share, label=e.label)
            for e in scenario.timeline if e.dip is not None]


def double_running(scenario: Scenario) -> list[Window]:
    """Double running costs: euros per year over each window, with their taakveld."""
    return [Window(e.at_month * DAYS_PER_MONTH,
                   (e.at_month + e.double_running.months) * DAYS_PER_MONTH,
                   e.double_running.amount_eur_per_year, e.double_running.taakveld, e.label)
            for e in scenario.timeline if e.double_running is not None]


def check_timeline(scenario: Scenario) -> None:
    """Every event inside the reported years, and every change valid (by building the
    regimes)."""
    months = scenario.simulation.horizon_years * 12
    for i, event in enumerate(scenario.timeline):
        policy = [p for p in event.changes if p.startswith(("demand_streams.", "providers."))]
        if policy and getattr(scenario, "households", None) is not None:
            raise FieldProblem(f"timeline.{i}.changes.{policy[0]}", "expected no policy or "
                               "financing change on the timeline together with [households] "
                               "(households are formed once, under one policy)")
        if "access_team.organisation" in event.changes and event.phase_in_months > 0:
            raise FieldProblem(f"timeline.{i}.phase_in_months", "expected 0 with a change of "
                               "access_team.organisation (the form changes at one moment; "
                               f"phase in the FTE with a later event), got "
                               f"{event.phase_in_months:g}")
        if event.at_month >= months:
            raise FieldProblem(f"timeline.{i}.at_month", f"expected a month before the end "
                               f"of the reported years ({months}), got {event.at_month:g}")
    regime_list = regimes(scenario)
    _check_financing(regime_list)
    _check_specialists(regime_list)


def _check_specialists(regime_list: list[Regime]) -> None:
    """Specialists in every regime or in none: a consultation needs a specialist pool."""
    has = [r.scenario.access_team.specialist_fte > 0 for r in regime_list]
    if any(has) and not all(has):
        raise FieldProblem("timeline.changes.access_team.specialist_fte", "expected "
                           "specialists in every regime or in none (a consultation "
                           "needs a specialist pool), got "
                           + ", ".join(f"{r.scenario.access_team.specialist_fte:g}"
                                       for r in regime_list))


def _check_financing(regime_list: list[Regime]) -> None:
    """A provider's financing changes only at the start of a reported year (payments are
    settled per year), and keeps its kind of capacity (open, or limited client places)."""
    for before, after in zip(regime_list, regime_list[1:]):
        for name, provider in after.scenario.providers.items():
            old_provider = before.scenario.providers[name]
            old, new = old_provider.financing, provider.financing
            field = f"timeline.changes.providers.{name}.financing"
            if old != new and after.start_days % 365.0 != 0:
                raise FieldProblem(field, "expected the change at the start of a year "
                                   "(at_month a multiple of 12, no phase-in), because "
                                   "payments are settled per year")
            if (old_provider.capacity_limit is None) != (provider.capacity_limit is None):
                raise FieldProblem(field, "expected the same kind of capacity before and "
                                   "after (open p*q or duty to accept, or limited client "
                                   "places): a queue for places cannot appear or vanish "
                                   "mid-run")
