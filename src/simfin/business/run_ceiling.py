"""The budget ceiling of a single run (``simfin run``), priced as in the business case.

A scenario with a ``[ceiling]`` section can be run on its own; its spending against the
ceiling is then computed by the one definition of :mod:`simfin.business.ceiling`
(:func:`~simfin.business.ceiling.spending_from_costs`, which sweeps use too): the
municipalities' costs (plus the scenario's structural and incidental items) indexed to
nominal euros as in the business case, the rows that count, against the indexed ceiling
of each year (:func:`simfin.business.ceiling.ceiling_per_year`). For the nulalternatief
it equals the business case's spending to the cent.

Without wage or price indexation in ``business_case`` the nominal spending equals the
costs of :meth:`simfin.results.Results.yearly_summary` over the same categories.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from simfin.business.ceiling import ceiling_table, spending_from_costs, spending_table

if TYPE_CHECKING:
    from simfin.results import Results

__all__ = ["run_ceiling_table", "run_spending"]


def run_spending(results: Results) -> pd.DataFrame:
    """Spending against the ceiling per replication and year (nominal euros).

    Returns
    -------
    DataFrame
        ``replication, year, spending_eur, open_ended_eur`` (nominal) and ``base_eur``
        (the same spending at the scenario's price level, as in the run's cost tables).

    Raises
    ------
    ValueError
        If the scenario has no ``[ceiling]`` section.
    """
    if results.scenario.ceiling is None:
        raise ValueError(f"scenario {results.scenario.name!r} has no [ceiling] section")
    return spending_from_costs(results.yearly, results.scenario)


def run_ceiling_table(results: Results) -> pd.DataFrame:
    """The ceiling table of one run (columns: :mod:`simfin.business.ceiling`); empty without
    a ``[ceiling]`` section."""
    if results.scenario.ceiling is None:
        return ceiling_table(pd.DataFrame(), results.scenario, results.scenario.name)
    return spending_table(run_spending(results), results.scenario, results.scenario.name)
