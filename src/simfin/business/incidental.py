"""Cost items written in the scenario file: incidental (one-off) and structural (recurring).

Incidental items (``[incidental.<name>]``) are the one-off costs of a transition:
programme management, fit-gap analysis, ontvlechting, ICT migration, frictiekosten,
training, double running costs, housing. Structural items (``[structural.<name>]``) are
recurring costs that the simulation does not produce, e.g. management or a "schil van
specialismen" of a new joint organisation.

Amounts are at the price level of ``business_case.price_base_year``. An amount may be a
range ``{min, mode, max}``: the base case uses the **mode**; the business case also reports
the NPV with every item of a variant at its minimum and at its maximum (``bound``), so the
range shows as a sensitivity band. The probabilistic sensitivity analysis draws each range
once per replication instead (:mod:`simfin.business.psa`) and passes the drawn ``amounts``.

An incidental amount is the total over its years: it is split over the years by
``year_shares`` (equal when omitted) and each year's part over the municipalities by its
verdeelsleutel, both in whole cents that add up exactly.

Columns of the item rows
------------------------
year, municipality, cost_type ("incidental" or "structural"), category, provider (""),
item (the item's name), taakveld (the item's, "?" when it names none), index ("wage", "price" or "none"), base_eur (euros at base-year
prices).
"""

from __future__ import annotations

import pandas as pd

from simfin.business.allocation import allocate, key_shares
from simfin.scenario.schema import AmountRange, Scenario
from simfin.scenario.taakvelden import UNASSIGNED

__all__ = ["BOUNDS", "ITEM_COLUMNS", "amount_at", "incidental_rows", "item_years",
           "structural_item_rows", "structural_years", "year_parts"]

BOUNDS = ("min", "mode", "max")
ITEM_COLUMNS = ["year", "municipality", "cost_type", "category", "provider", "item", "taakveld",
                "index", "base_eur"]


def amount_at(amount: AmountRange, bound: str = "mode") -> float:
    """The amount of an item at ``bound`` ("min", "mode" or "max")."""
    if bound not in BOUNDS:
        raise ValueError(f"unknown bound {bound!r}; expected one of {BOUNDS}")
    return float(getattr(amount, bound))


def year_parts(total_eur: float, years: list[int], shares: list[float]) -> dict[int, float]:
    shares = shares or [1.0 / len(years)] * len(years)
    if total_eur == 0:
        return {year: 0.0 for year in years}
    parts = allocate(total_eur, {str(y): s for y, s in zip(years, shares)})
    return {int(y): v for y, v in parts.items()}


def _spread(scenario: Scenario, name: str, item, cost_type: str, year_amounts: dict[int, float],
            usage: pd.DataFrame | None) -> list[tuple]:
    rows = []
    for year, amount in sorted(year_amounts.items()):
        shares = key_shares(item.allocation, scenario, year, usage)
        parts = allocate(amount, shares) if amount != 0 else dict.fromkeys(shares, 0.0)
        rows += [(year, muni, cost_type, item.category, "", name, item.taakveld or UNASSIGNED,
                  item.index, value)
                 for muni, value in parts.items()]
    return rows


def _amount(amounts: dict[str, float] | None, key: str, amount: AmountRange, bound: str) -> float:
    return amounts[key] if amounts and key in amounts else amount_at(amount, bound)


def incidental_rows(scenario: Scenario, usage: pd.DataFrame | None = None,
                    bound: str = "mode", amounts: dict[str, float] | None = None
                    ) -> pd.DataFrame:
    """Incidental items per year and municipality (see the module docstring for columns).

    Parameters
    ----------
    scenario : Scenario
    usage : DataFrame, optional
        Usage shares of one replication (:func:`simfin.business.allocation.usage_shares`);
        needed only when an item uses the ``usage`` key.
    bound : str
        Which value of a range to use: "min", "mode" (base case) or "max".
    amounts : dict, optional
        Drawn amounts ``"incidental.<name>" -> euros`` that replace ``bound`` for those items.
    """
    rows = []
    for name, item in sorted(scenario.incidental.items()):
        total = _amount(amounts, f"incidental.{name}", item.amount_eur, bound)
        years = year_parts(total, item.years, item.year_shares)
        rows += _spread(scenario, name, item, "incidental", years, usage)
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def item_years(scenario: Scenario, bound: str = "mode") -> list[tuple]:
    """Every item's amount per year over all municipalities together (base-year euros).

    Tuples ``(year, cost_type, category, taakveld, index, base_eur)``: the totals that
    :func:`incidental_rows` and :func:`structural_item_rows` spread over municipalities.
    """
    out = []
    for _, item in sorted(scenario.incidental.items()):
        parts = year_parts(amount_at(item.amount_eur, bound), item.years, item.year_shares)
        out += [(y, "incidental", item.category, item.taakveld or UNASSIGNED, item.index, v)
                for y, v in sorted(parts.items())]
    for _, item in sorted(scenario.structural.items()):
        years = structural_years(scenario, item, amount_at(item.amount_eur_per_year, bound))
        out += [(y, "structural", item.category, item.taakveld or UNASSIGNED, item.index, v)
                for y, v in years.items()]
    return out


def structural_years(scenario: Scenario, item, amount_eur: float) -> dict[int, float]:
    """``amount_eur`` in each reported year from the item's ``from_year`` to ``to_year``."""
    first = item.from_year or scenario.simulation.start_year
    last = item.to_year or scenario.reported_years[-1]
    return {y: amount_eur for y in scenario.reported_years if first <= y <= last}


def structural_item_rows(scenario: Scenario, usage: pd.DataFrame | None = None,
                         bound: str = "mode", amounts: dict[str, float] | None = None
                         ) -> pd.DataFrame:
    """Structural items per year and municipality, the full amount in each of their years
    (``amounts``: drawn ``"structural.<name>" -> euros a year``, as for incidental rows)."""
    rows = []
    for name, item in sorted(scenario.structural.items()):
        amount = _amount(amounts, f"structural.{name}", item.amount_eur_per_year, bound)
        years = structural_years(scenario, item, amount)
        rows += _spread(scenario, name, item, "structural", years, usage)
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)
