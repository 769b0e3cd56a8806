"""Outputs of a sensitivity analysis: functions ``Results -> float``.

Any callable that takes the :class:`~simfin.results.Results` of one sample (all its
replications) and returns a number can be analysed: a tornado, a grid, Sobol or Morris
indices and a PSA all take such a function. The built-ins below are :class:`Output`
objects, which also carry a name, a unit and a Dutch/English label for tables and charts::

    from simfin.uncertainty import outputs
    outputs.total_spending()            # municipalities' total over the horizon, euros
    outputs.total_spending(year=2028)   # one year
    outputs.intake_wait_p95()           # 95th percentile intake wait, days
    outputs.mean_waiting_list()         # mean specialist-care waiting list, clients
    outputs.overshoot_probability(30e6, year=2028)   # P(spending > ceiling)
    outputs.kpi("intake_within_norm_share")

A business-case figure such as NPV is one more function ``Results -> float``.
Every built-in is a mean over the sample's replications (or a share of them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simfin.errors import SimfinError
from simfin.metrics import KPI_UNITS
from simfin.results import Results

__all__ = ["Output", "as_output", "intake_wait_p95", "kpi", "mean_waiting_list",
           "overshoot_probability", "parse_output", "total_spending", "yearly_totals"]


@dataclass(frozen=True)
class Output:
    """A named function ``Results -> float``.

    Attributes
    ----------
    name : str
        Identifier used as a column name, e.g. ``total_spending_2028``.
    unit : str
        ``eur``, ``days``, ``clients``, ``share``, ... (as :data:`simfin.metrics.KPI_UNITS`).
    fn : callable
        ``Results -> float``.
    label_key : str
        Key in :mod:`simfin.report.labels`; ``suffix`` is appended (e.g. a year); the title
        is :func:`simfin.report.sensitivity.output_title`.
    """

    name: str
    unit: str
    fn: Callable[[Results], float]
    label_key: str = ""
    suffix: str = ""
    year: int | None = None   # the calendar year the output reads, checked up front

    def check(self, scenario) -> None:
        """Raise :class:`SimfinError` if ``scenario`` (a Scenario) cannot give this output,
        before anything is computed (e.g. ``year:1800``)."""
        sim = scenario.simulation
        years = range(sim.start_year, sim.start_year + sim.horizon_years)
        if self.year is not None and self.year not in years:
            raise SimfinError(f"--output: year {self.year} is outside the scenario's years "
                              f"{years[0]}–{years[-1]}; expected one of them")

    def __call__(self, results: Results) -> float:
        return float(self.fn(results))


def as_output(fn: Callable[[Results], float] | Output) -> Output:
    """Wrap a plain function as an :class:`Output` named after it (unit unknown: ``""``)."""
    if isinstance(fn, Output):
        return fn
    return Output(getattr(fn, "__name__", "output"), "", fn)


def yearly_totals(results: Results) -> pd.DataFrame:
    """Municipalities' total spending per replication (rows) and year (columns), euros."""
    costs = results.municipality_costs()
    return costs.pivot_table(index="replication", columns="year", values="amount_eur",
                             aggfunc="sum", fill_value=0.0)


def _check_year(results: Results, year: int | None) -> None:
    sim = results.scenario.simulation
    years = range(sim.start_year, sim.start_year + sim.horizon_years)
    if year is not None and year not in years:
        raise SimfinError(f"year {year} is outside the scenario's years "
                          f"{years[0]}–{years[-1]}")


def total_spending(year: int | None = None) -> Output:
    """Mean over replications of what the municipalities pay: in ``year``, or in all years."""
    def fn(results: Results) -> float:
        _check_year(results, year)
        totals = yearly_totals(results)
        return float((totals[year] if year is not None else totals.sum(axis=1)).mean())

    suffix = f" {year}" if year is not None else ""
    return Output("total_spending" + (f"_{year}" if year else ""), "eur", fn,
                  "output.total_spending" if year else "output.total_spending_horizon", suffix,
                  year)


def kpi(name: str) -> Output:
    """Mean over replications of one KPI of :mod:`simfin.metrics`."""
    if name not in KPI_UNITS:
        raise SimfinError(f"unknown KPI {name!r}; expected one of {', '.join(KPI_UNITS)}")

    def fn(results: Results) -> float:
        values = results.kpis.loc[results.kpis["kpi"] == name, "value"]
        return float(values.mean())

    return Output(name, KPI_UNITS[name], fn, name)


def intake_wait_p95() -> Output:
    """Mean over replications of the 95th percentile intake waiting time, days."""
    return kpi("intake_wait_p95_days")


def mean_waiting_list() -> Output:
    """Mean over replications of the mean specialist-care waiting list, clients."""
    return kpi("specialist_waiting_mean")


def overshoot_probability(ceiling_eur: float, year: int | None = None) -> Output:
    """Share of replications whose spending exceeds ``ceiling_eur`` (in ``year``, or in any year).

    Spending is what counts against the scenario's budget ceiling, nominal: the one ceiling
    definition of :mod:`simfin.business.ceiling`, as in ``simfin run`` and ``business``. A
    scenario without ``[ceiling]`` is refused (:func:`~simfin.uncertainty.ceiling_risk.
    require_ceiling`): the amount would be compared with spending it does not cover.
    """
    def fn(results: Results) -> float:
        from simfin.uncertainty.ceiling_risk import require_ceiling
        from simfin.uncertainty.sensitivity import spending_per_year

        require_ceiling(results.scenario, f"overshoot:{ceiling_eur:.0f}")
        _check_year(results, year)
        totals = spending_per_year(results).pivot_table(
            index="replication", columns="year", values="total_eur", aggfunc="sum")
        over = totals[year] > ceiling_eur if year is not None else (totals > ceiling_eur).any(axis=1)
        return float(np.mean(over))

    suffix = f" ({year})" if year is not None else ""
    if not np.isfinite(ceiling_eur):
        raise SimfinError(f"--output overshoot: expected a finite ceiling in euros, got "
                          f"{ceiling_eur}")
    return Output(f"overshoot_{ceiling_eur:.0f}" + (f"_{year}" if year else ""), "share", fn,
                  "output.overshoot", suffix, year)


def parse_output(text: str) -> Output:
    """An output from its command-line spelling.

    ``total`` (horizon), ``year:2028``, ``intake_wait_p95``, ``waiting_list``,
    ``kpi:<name>``, ``overshoot:<ceiling_eur>[:<year>]``.
    """
    head, _, rest = text.partition(":")
    try:
        if head == "total" and not rest:
            return total_spending()
        if head == "year":
            return total_spending(int(rest))
        if head == "intake_wait_p95" and not rest:
            return intake_wait_p95()
        if head == "waiting_list" and not rest:
            return mean_waiting_list()
        if head == "kpi" and rest:
            return kpi(rest)
        if head == "overshoot" and rest:
            ceiling, _, year = rest.partition(":")
            return overshoot_probability(float(ceiling), int(year) if year else None)
    except ValueError:
        pass
    raise SimfinError(f"unknown output {text!r}; expected total, year:<YYYY>, intake_wait_p95, "
                      "waiting_list, kpi:<name> or overshoot:<ceiling_eur>[:<YYYY>]")
