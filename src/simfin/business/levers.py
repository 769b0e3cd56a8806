"""Levers: the assumptions of a variant whose switching values are searched.

A lever moves one or more parameters of the variant together, from the nulalternatief's
value (``reference``, "no effect"; 0 for what the nulalternatief lacks) to the variant's
(``assumed``): at share ``s`` every path holds ``reference + s * (assumed - reference)``.
``s = 1`` is the variant as written, ``s = 0`` the variant without this change; the
switching value is the share at which the decision flips.

Which levers (:func:`case_levers`), read from the evidence register
(:mod:`simfin.business.evidence`), never typed twice:

* one per mechanism of the Oorzaken table the variant changes (all its changed
  parameters together, e.g. *Beleidseffecten*: the four policy shares of BBS);
* every changed policy parameter and every ``dist`` parameter of the variant on its own;
* every item with a ``{min, mode, max}`` range (reference 0: the item not spent).

A referral share moves light help with it (as the probabilistic analysis does), so light
help is not a lever of its own. ``low``/``high`` are the bounds in share units: the hull of
the declared ranges and of 0 and 1 (NaN when no range is declared).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simfin.business.drivers import MECHANISMS
from simfin.business.evidence import changed_parameters

__all__ = ["Lever", "case_levers"]

_MONEY_UNITS = ("eur", "eur_per_year")
_FOLLOWERS = ("outcomes.light_help", "outcomes.general_facility")
_ITEMS_ONLY = ("incidental.", "structural.")


@dataclass(frozen=True)
class Lever:
    """Parameters moved together (module docstring). ``linear``: the result is exactly
    linear in the share (money amounts); ``simulated``: a new simulation is needed
    (False for items, which are priced after the simulation)."""

    name: str
    label: str
    mechanism: str
    klass: str
    source: str
    paths: tuple[str, ...]
    reference: tuple[float, ...]
    assumed: tuple[float, ...]
    low: float = math.nan
    high: float = math.nan
    linear: bool = False
    category: str = ""

    @property
    def simulated(self) -> bool:
        return not all(p.startswith(_ITEMS_ONLY) for p in self.paths)

    def values(self, share: float) -> dict[str, float]:
        """Parameter values (dotted path -> number) at ``share`` of the assumed change."""
        return {p: r + share * (a - r)
                for p, r, a in zip(self.paths, self.reference, self.assumed, strict=True)}

    def value_at(self, share: float) -> float:
        """The single parameter's value at ``share`` (NaN for a lever of several)."""
        return self.values(share)[self.paths[0]] if len(self.paths) == 1 else math.nan


def _shares(row, lo: float, hi: float) -> tuple[float, float]:
    step = row.value - row.reference
    if not step or not (math.isfinite(lo) and math.isfinite(hi)):
        return math.nan, math.nan
    a, b = sorted(((lo - row.reference) / step, (hi - row.reference) / step))
    return min(a, 0.0), max(b, 1.0)


def _lever(name: str, label: str, mechanism: str, rows: pd.DataFrame,
           category: str = "") -> Lever:
    bounds = [_shares(r, r.low, r.high) for r in rows.itertuples(index=False)]
    lows = [b[0] for b in bounds if math.isfinite(b[0])]
    highs = [b[1] for b in bounds if math.isfinite(b[1])]
    klass = "assumption" if (rows["class"] == "assumption").any() else \
        "derived" if (rows["class"] == "derived").any() else "sourced"
    sources = [s for s in dict.fromkeys(rows["source"]) if s]
    return Lever(name=name, label=label, mechanism=mechanism, klass=klass,
                 source=" | ".join(sources), paths=tuple(rows["parameter"]),
                 reference=tuple(float(x) for x in rows["reference"]),
                 assumed=tuple(float(x) for x in rows["value"]),
                 low=min(lows) if lows else math.nan, high=max(highs) if highs else math.nan,
                 linear=all(_money(p, u) for p, u in zip(rows["parameter"], rows["unit"],
                                                        strict=True)),
                 category=category)


def _money(path: str, unit: str) -> bool:
    return unit in _MONEY_UNITS or "_eur" in path.rsplit(".", 1)[-1]


def case_levers(register: pd.DataFrame, null: str, variant: str,
                labels: dict[str, str] | None = None,
                categories: dict[str, str] | None = None) -> list[Lever]:
    """The levers of ``variant`` against ``null`` (module docstring), in a fixed order.

    ``labels``: display names of single parameters (e.g. the ``label`` of a ``dist``
    table); ``categories``: item path -> item category (for the report's Dutch names).
    """
    labels, categories = labels or {}, categories or {}
    changed = changed_parameters(register, null, variant)
    changed = changed[~changed["parameter"].str.endswith(_FOLLOWERS)]
    changed = changed[changed["value"].to_numpy() != changed["reference"].to_numpy()]
    # a structure the variant adds (reference 0) is scaled by its money field only
    added = (changed["reference"] == 0) & ~pd.Series(
        [_money(p, u) for p, u in zip(changed["parameter"], changed["unit"], strict=True)],
        index=changed.index)
    changed = changed[~added]
    mine = register[register["variant"] == variant]
    levers: list[Lever] = []
    for mechanism in MECHANISMS:
        rows = changed[changed["mechanism"] == mechanism]
        if mechanism == "items" or rows.empty:
            continue
        levers.append(_lever(mechanism, MECHANISMS[mechanism], mechanism, rows))
    singles = changed[changed["mechanism"] == "policy"]["parameter"].tolist()
    singles += [p for p in labels if p not in singles]
    multi = {lv.paths for lv in levers if len(lv.paths) == 1}
    for path in singles:
        rows = changed[changed["parameter"] == path]
        if rows.empty and path in set(mine["parameter"]):
            rows = mine[mine["parameter"] == path].assign(
                mechanism="other", reference=0.0)
        if rows.empty or (path,) in multi:
            continue
        mechanism = str(rows["mechanism"].iat[0])
        levers.append(_lever(path, labels.get(path, path), mechanism, rows))
    items = mine[mine["parameter"].str.match(r"^(incidental|structural)\.[^.]+\.amount_eur")
                 & np.isfinite(mine["low"].to_numpy(dtype=float))]
    for row in items.itertuples(index=False):
        rows = items[items["parameter"] == row.parameter].assign(mechanism="items",
                                                                 reference=0.0)
        levers.append(_lever(row.parameter, row.parameter.split(".")[1], "items", rows,
                             categories.get(row.parameter, "")))
    return levers
