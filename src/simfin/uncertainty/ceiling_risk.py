"""The budget-ceiling answer of a sweep per year: P(overshoot) at the scenario's own ceiling and
the lowest ceiling that is safe at an accepted risk.

Both use the one ceiling definition of :mod:`simfin.business.ceiling` (the taakvelden and
categories of ``[ceiling]``, nominal euros), through
:func:`~simfin.uncertainty.sensitivity.spending_per_year`, so they are the numbers of
``lowest_ceiling.csv`` and the ceiling curve. A scenario without ``[ceiling]`` has no ceiling to
compare with: :func:`ceiling_risk` refuses it, naming what would otherwise be counted.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from simfin.errors import SimfinError
from simfin.scenario.schema import Scenario

__all__ = ["ceiling_risk", "require_ceiling", "what_counts"]


def what_counts(scenario: Scenario) -> str:
    """What counts against ``scenario``'s ceiling, e.g. "taakvelden 6.72, 6.82"."""
    ceiling = scenario.ceiling
    if ceiling is None:
        return "no [ceiling]"
    parts = []
    if ceiling.taakvelden:
        parts.append("taakvelden " + ", ".join(ceiling.taakvelden))
    categories = ceiling.counted_categories()
    if categories is not None:
        parts.append("categories " + ", ".join(sorted(categories)))
    return "; ".join(parts)


def require_ceiling(scenario: Scenario, what: str = "overshoot:AMOUNT") -> None:
    """A one-line :class:`SimfinError` when ``scenario`` has no ``[ceiling]``: an amount
    would otherwise be compared with all spending, whatever it was meant to cover."""
    if scenario.ceiling is None:
        raise SimfinError(
            f"{scenario.name} has no [ceiling]: {what} would compare the amount with all "
            "access-team, specialist-care and admin spending of every taakveld, not with what "
            "the amount covers; add a [ceiling] with its taakvelden (e.g. "
            "scenarios/bbs-nulalternatief-onzeker.toml)")


def ceiling_risk(sweep: Any, risk: float = 0.10) -> pd.DataFrame:
    """Per reported year: ``year, ceiling_eur`` (the scenario's, nominal), ``p_overshoot``
    (share of runs above it), ``safe_ceiling_eur`` (lowest ceiling with P(overshoot) <=
    ``risk``), ``risk``, ``n`` (runs)."""
    from simfin.business.ceiling import ceiling_per_year
    from simfin.uncertainty.sensitivity import lowest_ceiling, spending_per_year

    scenario = sweep.uncertain.base
    require_ceiling(scenario, "a ceiling risk")
    ceilings = ceiling_per_year(scenario)
    totals = spending_per_year(sweep)
    safe = lowest_ceiling(sweep, risk).set_index("year")["ceiling_eur"]
    rows = []
    for year, part in totals.groupby("year", sort=True):
        x = part["total_eur"].to_numpy()
        rows.append({"year": int(year), "ceiling_eur": float(ceilings[year]),
                     "p_overshoot": float(np.mean(x > ceilings[year])),
                     "safe_ceiling_eur": float(safe[year]), "risk": risk, "n": len(x)})
    return pd.DataFrame(rows)
