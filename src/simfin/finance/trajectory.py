"""Payment rule of ``pq_per_trajectory`` (outputgericht): one price per arrangement.

When the access team refers a client, the arrangement gets a band (e.g. licht, middel,
zwaar) from its *indicated* size: the units (or days) the assessed need implies, before
the provider's behaviour multipliers (ledger columns ``indicated_units`` and
``indicated_days``). The band's price is then paid whatever the real length:

* ``start_share`` of the price in the year care starts (``t_start``);
* the rest in the year care ends (``t_end``).

A trajectory that started in the warm-up had its start part paid before the first reported
year; one still running at the end of the horizon has its end part still to come. Neither
part is in the reported years, just as under p*q only units inside the years are paid.
A band includes its upper limit: with ``up_to = 60`` an indicated size of exactly 60 is
in that band, 60.01 in the next.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.finance.care import CareRows, care_rows
from simfin.finance.periods import events_per_year
from simfin.finance.table import coded_by_year
from simfin.scenario.schema import PqPerTrajectory, Scenario

__all__ = ["band_of", "trajectory_events", "trajectory_payments", "trajectory_prices"]


def band_of(indicated: np.ndarray, financing: PqPerTrajectory) -> np.ndarray:
    """Index into ``financing.ordered_bands()`` for each indicated size (units or days)."""
    limits = [band.up_to for _, band in financing.ordered_bands() if band.up_to is not None]
    return np.searchsorted(np.asarray(limits, dtype=float), np.asarray(indicated, dtype=float),
                           side="left")


def trajectory_prices(care: pd.DataFrame | CareRows, financing: PqPerTrajectory) -> np.ndarray:
    """Price per trajectory (euros) of each 2e-lijn ledger row, from its band."""
    care = care_rows(care)
    column = "indicated_units" if financing.band_by == "units" else "indicated_days"
    indicated = getattr(care, column)
    if indicated is None:
        raise KeyError(column)
    prices = np.array([band.price_eur for _, band in financing.ordered_bands()], dtype=float)
    return prices[band_of(indicated, financing)]


def trajectory_events(care: pd.DataFrame | CareRows, horizon_years: int
                      ) -> tuple[np.ndarray, np.ndarray]:
    """One-hot (n, years) of the start and of the end of each trajectory in the reported years."""
    care = care_rows(care)
    return events_per_year(care.t_start, horizon_years), \
        events_per_year(care.t_end, horizon_years)


def trajectory_payments(care: pd.DataFrame | CareRows, scenario: Scenario, provider: str) -> list[dict]:
    """Municipality payments per year to one ``pq_per_trajectory`` provider.

    Parameters
    ----------
    care : DataFrame or CareRows
        2e-lijn ledger rows (any providers; only ``provider``'s rows are used).
    scenario : Scenario
        Gives the bands, prices and ``start_share`` of the provider's financing.
    provider : str
        The provider's name.

    Returns
    -------
    list of dict
        Cost-table records (category ``specialist_care``, party ``municipality``).
    """
    financing = scenario.providers[provider].financing
    rows = care_rows(care).of_provider(provider)
    sim = scenario.simulation
    price = trajectory_prices(rows, financing)
    starts, ends = trajectory_events(rows, sim.horizon_years)
    amounts = price[:, None] * (financing.start_share * starts
                                + (1.0 - financing.start_share) * ends)
    return coded_by_year(rows.municipality, rows.provider, amounts, sim.start_year,
                         "municipality", "specialist_care")
