"""Verdeelsleutels: spread an amount over the municipalities, exactly to the cent.

Keys (``Allocation.key`` in the scenario):

``inhabitants``
    Share of all inhabitants at the start of the year (:func:`inhabitant_shares`, the key
    the finance layer uses for the access team and lump sums).
``usage``
    Share of the access team's hours (1e lijn: assessment and light help) spent on the
    municipality's residents in the year, from the ledger of the replication; inhabitants
    when the team did no work in that year.
``equal``
    The same share for every municipality.
``fixed``
    The percentages in ``Allocation.shares`` (e.g. from a GR agreement).
``as_simulated``
    Keep the split the simulation produced (only for simulated cost categories).

:func:`allocate` works in whole cents with the largest-remainder method, so the parts are
whole cents and add up exactly to the total rounded to the cent, for every key.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from simfin.finance.allocation import inhabitant_shares
from simfin.finance.periods import overlap_days_per_year
from simfin.scenario.schema import Allocation, Scenario

__all__ = ["allocate", "equal_shares", "inhabitant_shares", "key_shares", "to_cents",
           "usage_shares"]


def equal_shares(scenario: Scenario) -> dict[str, float]:
    """Equal shares for every municipality."""
    names = sorted(scenario.municipalities)
    return {name: 1.0 / len(names) for name in names}


def usage_shares(ledger: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Each municipality's share of the access team's hours per reported year.

    Parameters
    ----------
    ledger : DataFrame
        One replication's ledger (:mod:`simfin.sim.ledger`).
    scenario : Scenario

    Returns
    -------
    DataFrame
        ``year, municipality, share``: every reported year and municipality; the shares of
        a year sum to 1 (inhabitant shares in a year without team hours).
    """
    sim = scenario.simulation
    team = ledger[ledger["line"] == "1e"]
    days = overlap_days_per_year(team["t_start"], team["t_end"], sim.horizon_years)
    hours = team["intensity_per_week"].to_numpy()[:, None] * days / 7.0
    by_muni = pd.DataFrame(hours, index=team["municipality"].to_numpy()).groupby(level=0).sum()
    rows = []
    for y, year in enumerate(scenario.reported_years):
        col = by_muni[y] if y in by_muni.columns else pd.Series(dtype=float)
        total = float(col.sum())
        fallback = inhabitant_shares(scenario, y)
        for muni in sorted(scenario.municipalities):
            share = float(col.get(muni, 0.0)) / total if total > 0 else fallback[muni]
            rows.append((year, muni, share))
    return pd.DataFrame(rows, columns=["year", "municipality", "share"])


def key_shares(allocation: Allocation, scenario: Scenario, year: int,
               usage: pd.DataFrame | None = None) -> dict[str, float]:
    """The shares of a verdeelsleutel in calendar ``year`` (one per municipality)."""
    key = allocation.key
    if key == "inhabitants":
        return inhabitant_shares(scenario, year - scenario.simulation.start_year)
    if key == "equal":
        return equal_shares(scenario)
    if key == "fixed":
        return dict(allocation.shares)
    if key == "usage":
        if usage is None:
            raise ValueError("the 'usage' key needs the usage shares of a replication")
        rows = usage[usage["year"] == year]
        return dict(zip(rows["municipality"], rows["share"]))
    raise ValueError(f"key {key!r} does not give shares")


def to_cents(amount_eur: float) -> int:
    """Euros to whole cents, half a cent away from zero (as written, see report.format)."""
    cents = Decimal(repr(float(amount_eur))) * 100
    return int(cents.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def allocate(amount_eur: float, shares: dict[str, float]) -> dict[str, float]:
    """Spread ``amount_eur`` over ``shares`` in whole cents that add up to the total.

    The total is first rounded to the cent. Each part gets the floor of its exact share in
    cents; the cents left over go one by one to the largest remainders (ties by name), the
    largest-remainder (Hamilton) method.

    Parameters
    ----------
    amount_eur : float
        The amount to spread (may be negative).
    shares : dict
        Share per municipality; non-negative, not all zero (normalised to sum to 1).

    Returns
    -------
    dict
        Euros per municipality (sorted by name); each a whole number of cents.
    """
    if any(s < 0 or not math.isfinite(s) for s in shares.values()) or \
            math.fsum(shares.values()) <= 0:
        raise ValueError(f"expected non-negative shares with a positive sum, got {shares}")
    total = to_cents(amount_eur)
    sign, total = (-1 if total < 0 else 1), abs(total)
    names = sorted(shares)
    weights = [Decimal(repr(float(shares[n]))) for n in names]
    exact = [Decimal(total) * w / sum(weights) for w in weights]
    floors = [int(e) for e in exact]
    left = total - sum(floors)
    order = sorted(range(len(names)), key=lambda i: (-(exact[i] - floors[i]), names[i]))
    for i in order[:left]:
        floors[i] += 1
    return {n: sign * c / 100 for n, c in zip(names, floors)}
