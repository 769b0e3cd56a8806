"""Like with like: the scope of a scenario, computed, and the check that compared ones share it.

A comparison of scenarios (``organisations``, ``scale``, ``compare``, ``afweging``,
``business``) is only a comparison of scale or policy when the scenarios cover the same
things. :func:`scope_of` reads a scenario's **scope signature** from the file itself:

* ``streams``: the demand streams (hulpvragen through the access team);
* ``entitlements``: the entitlement streams (uitkeringen, e.g. bijstand);
* ``budget_lines``: the lines of lasten per inhabitant (e.g. welzijn on 6.1);
* ``taakvelden``: the Iv3 main taakvelden its euros land on (products, entitlements, budget
  lines, the team on 6.2 and overhead on 0.4);
* ``price_level``: the year whose prices its euros are in.

:func:`check_scope` raises a one-line :class:`ScopeError` naming the first difference;
with ``common=True`` it returns the common scope instead, and :func:`restrict` cuts each
scenario down to it (the comparison must then say so: :func:`scope_note`). A statement
such as "dezelfde reikwijdte" is made by :func:`scope_note` from the signature, never typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simfin.errors import SimfinError
from simfin.plural import count_text
from simfin.scenario.schema import Scenario
from simfin.scenario.taakvelden import ORGANISATION_TAAKVELD, OVERHEAD_TAAKVELD, main_taakveld

__all__ = ["Scope", "ScopeError", "check_scope", "restrict", "scope_differences", "scope_note",
           "scope_of", "scope_note_of", "kengetallen_note"]

_PARTS = {  # field: (Dutch, English) name of the part in messages
    "streams": ("vraagstromen", "demand streams"),
    "entitlements": ("uitkeringen", "entitlements"),
    "budget_lines": ("budgetregels", "budget lines"),
    "taakvelden": ("taakvelden", "taakvelden"),
}
_NOUNS = {"streams": "vraagstroom", "entitlements": "uitkering", "budget_lines": "budgetregel"}


class ScopeError(SimfinError):
    """Scenarios compared with each other do not cover the same scope."""


@dataclass(frozen=True)
class Scope:
    """What a scenario covers; two scenarios are comparable when these are equal."""

    streams: frozenset[str]
    entitlements: frozenset[str]
    budget_lines: frozenset[str]
    taakvelden: frozenset[str]
    price_level: int
    #: False when no scenario file says which year its amounts are in (``price_level`` is
    #: then the start year, used only to check that both are alike)
    price_declared: bool = True

    def intersection(self, other: Scope) -> Scope:
        """The scope both cover (price levels must be equal: they cannot be intersected)."""
        return Scope(*(getattr(self, f) & getattr(other, f) for f in _PARTS),
                     price_level=self.price_level,
                     price_declared=self.price_declared and other.price_declared)


def scope_of(scenario: Scenario) -> Scope:
    """The scope signature of ``scenario`` (see the module docstring)."""
    fields = {p.taakveld for p in scenario.products.values() if p.taakveld}
    fields |= {e.taakveld for e in scenario.entitlements.values()}
    fields |= {b.taakveld for b in scenario.budget_lines.values()}
    fields |= {ORGANISATION_TAAKVELD, OVERHEAD_TAAKVELD}
    base = scenario.business_case.price_base_year
    return Scope(frozenset(scenario.demand_streams), frozenset(scenario.entitlements),
                 frozenset(scenario.budget_lines), frozenset(main_taakveld(f) for f in fields),
                 scenario.simulation.start_year if base is None else base, base is not None)


def scope_differences(a: Scope, b: Scope, names: tuple[str, str] = ("a", "b")) -> list[str]:
    """One English phrase per part in which ``a`` and ``b`` differ, naming what only one has."""
    out = []
    for field, (_, en) in _PARTS.items():
        only_a = sorted(getattr(a, field) - getattr(b, field))
        only_b = sorted(getattr(b, field) - getattr(a, field))
        sides = [f"only {n} has {', '.join(x)}" for n, x in zip(names, (only_a, only_b)) if x]
        if sides:
            out.append(f"{en}: {'; '.join(sides)}")
    if a.price_level != b.price_level:
        out.append(f"price level: {names[0]} {a.price_level}, {names[1]} {b.price_level}")
    return out


def check_scope(scenarios: Sequence[Scenario], common: bool = False,
                option: str = "--common-scope") -> Scope:
    """The scope all ``scenarios`` share; a :class:`ScopeError` naming the difference when
    they differ and ``common`` is False. A different price level is refused either way."""
    scopes = [scope_of(s) for s in scenarios]
    shared = scopes[0]
    for scenario, scope in zip(scenarios[1:], scopes[1:]):
        names = (scenarios[0].name, scenario.name)
        diff = scope_differences(scopes[0], scope, names)
        if scope.price_level != scopes[0].price_level:
            raise ScopeError(f"{names[0]} and {names[1]} are not comparable: {diff[-1]}; "
                             "set business_case.price_base_year alike")
        if diff and not common:
            raise ScopeError(f"{names[0]} and {names[1]} do not cover the same scope: "
                             f"{' / '.join(diff)}"
                             + (f" (compare only the common scope with {option})"
                                if option else ""))
        shared = shared.intersection(scope)
    return shared


def restrict(scenario: Scenario, scope: Scope) -> Scenario:
    """``scenario`` without the demand streams, entitlements and budget lines outside
    ``scope`` (their local factors and calibration entries go with them)."""
    keep = scope.streams | scope.entitlements | scope.budget_lines
    if set(scenario.demand_streams) <= scope.streams \
            and set(scenario.entitlements) <= scope.entitlements \
            and set(scenario.budget_lines) <= scope.budget_lines:
        return scenario
    data = scenario.model_dump(exclude_unset=False)
    data["demand_streams"] = {k: v for k, v in data["demand_streams"].items()
                              if k in scope.streams}
    data["entitlements"] = {k: v for k, v in data["entitlements"].items()
                            if k in scope.entitlements}
    data["budget_lines"] = {k: v for k, v in data["budget_lines"].items()
                            if k in scope.budget_lines}
    for muni in data["municipalities"].values():
        muni["local_factors"] = {k: v for k, v in muni["local_factors"].items() if k in keep}
    if data.get("calibration"):
        data["calibration"] = None
    return Scenario.model_validate(data)


def scope_note(scope: Scope, restricted: bool = False, lang: str = "nl") -> str:
    """One line saying what the compared scenarios cover, computed from ``scope``."""
    nl = lang == "nl"
    parts = [count_text(len(getattr(scope, f)), _NOUNS[f], lang)   # "1 vraagstroom"
             for f in ("streams", "entitlements", "budget_lines")]
    fields = ", ".join(sorted(scope.taakvelden, key=lambda c: [int(x) for x in c.split(".")]))
    if nl:
        head = ("Alleen de gemeenschappelijke reikwijdte vergeleken" if restricted
                else "Zelfde reikwijdte")
        # the start year is not a price level: undeclared, the euros are the inputs' own
        prices = f"prijspeil {scope.price_level}" if scope.price_declared else \
            "prijspeil van de invoer"
        return f"{head}: {', '.join(parts)}; taakvelden {fields}; {prices}."
    head = "Common scope only" if restricted else "Same scope"
    prices = f"{scope.price_level} prices" if scope.price_declared else "input prices"
    return f"{head}: {', '.join(parts)}; taakvelden {fields}; {prices}."


def scope_note_of(meta: dict, lang: str = "nl") -> str:
    """:func:`scope_note` of ``meta["scope"]`` (and ``meta["scope_restricted"]``); "" without."""
    scope = meta.get("scope")
    return "" if scope is None else scope_note(scope, meta.get("scope_restricted", False), lang)


#: the parts of a scenario whose values are its kengetallen (rates, amounts, tariffs)
KENGETALLEN = ("demand_streams", "products", "entitlements", "budget_lines")


def differing_kengetallen(scenarios: Sequence[Scenario]) -> list[str]:
    """``part.name`` of every kengetal block (:data:`KENGETALLEN`) that all scenarios have
    but not with the same values, e.g. ``budget_lines.samenkracht``."""
    out = []
    for part in KENGETALLEN:
        blocks = [getattr(s, part) for s in scenarios]
        for name in sorted(set.intersection(*(set(b) for b in blocks))):
            if any(b[name] != blocks[0][name] for b in blocks[1:]):
                out.append(f"{part}.{name}")
    return out


_KENGETAL_PARTS = {"demand_streams": ("vraagstromen", "demand streams"),
                   "products": ("producten", "products"),
                   "entitlements": ("uitkeringen", "entitlements"),
                   "budget_lines": ("budgetregels", "budget lines")}


def kengetallen_note(scenarios: Sequence[Scenario], lang: str = "nl") -> str:
    """A computed line: "Zelfde kengetallen ..." or which kengetallen differ (by label)."""
    i = 0 if lang == "nl" else 1
    differ: dict[str, list[str]] = {}
    for item in differing_kengetallen(scenarios):
        part, name = item.split(".", 1)
        block = getattr(scenarios[0], part)[name]
        differ.setdefault(part, []).append(getattr(block, "label", "") or name)
    if not differ:
        return ("Zelfde kengetallen (vraagstromen, producten, uitkeringen, budgetregels)."
                if lang == "nl" else
                "Same kengetallen (demand streams, products, entitlements, budget lines).")
    head = ("Andere kengetallen, dus een verschil dat niet alleen schaal is: " if lang == "nl"
            else "Different kengetallen, so a difference that is not scale alone: ")
    return head + "; ".join(f"{_KENGETAL_PARTS[part][i]}: {', '.join(names)}"
                            for part, names in differ.items()) + "."
