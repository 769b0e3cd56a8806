"""Client counts: the model's clients per 1,000 next to observed or benchmark counts.

A scenario's ``[calibration.measures.<name>]`` says what a client count is in the model and
which value each municipality should have (:class:`~simfin.scenario.schema.ClientTarget`:
value, band, own figure or benchmark, source). Counted in one model year (default: the
first reported year), per replication and municipality:

* care and light help: distinct cases with an episode of one of ``products`` (2e lijn) or
  light help (1e lijn) of one of ``light_help_streams`` that overlaps the year (a case is a
  request; a person with two requests in the year counts twice, so the count is an upper
  bound of persons);
* entitlements: the mean number of recipients in the year (stock), read from the benefits:
  euros of the year / benefit per recipient-year, an exact identity of
  :func:`simfin.finance.scope.benefit_costs`.

Per 1,000 inhabitants at the start of the year, or per 1,000 of the measure's
``denominator`` (e.g. youths under 18). :func:`compare_clients` returns the table that
``simfin calibrate`` shows next to the euros, with ``within_band`` per row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.results import Results
from simfin.scenario.schema import Scenario
from simfin.sim.arrivals import DAYS_PER_YEAR

__all__ = ["CLIENT_COLUMNS", "client_rates", "compare_clients"]

#: columns of :func:`compare_clients`
CLIENT_COLUMNS = ["municipality", "measure", "label", "per", "observed", "band_low",
                  "band_high", "kind", "model_mean", "model_p05", "model_p95", "difference",
                  "within_band", "source"]


def client_rates(results: Results, year: int | None = None) -> pd.DataFrame:
    """Clients per 1,000 per replication, municipality and measure: ``replication,
    municipality, measure, clients, per_1000``."""
    scenario = results.scenario
    measures = scenario.calibration.measures if scenario.calibration else {}
    year = scenario.simulation.start_year if year is None else year
    offset = year - scenario.simulation.start_year
    t0, t1 = offset * DAYS_PER_YEAR, (offset + 1) * DAYS_PER_YEAR
    ledger = results.ledger
    overlaps = (ledger["t_start"] < t1) & (ledger["t_end"].isna() | (ledger["t_end"] >= t0))
    benefits = results.yearly[(results.yearly["category"] == "benefits")
                              & (results.yearly["year"] == year)]
    reps = range(results.replications)
    rows = []
    for name, measure in sorted(measures.items()):
        care = overlaps & (((ledger["line"] == "2e") & ledger["activity"].isin(measure.products))
                           | ((ledger["line"] == "1e") & (ledger["activity"] == "light_help")
                              & ledger["stream"].isin(measure.light_help_streams)))
        cases = ledger[care].groupby(["replication", "municipality"])["case_id"].nunique()
        stock = _recipients(benefits, scenario, measure.entitlements)
        for mname, muni in sorted(scenario.municipalities.items()):
            inhabitants = muni.inhabitants * (1 + muni.growth_per_year) ** offset
            per = measure.denominator.get(mname, inhabitants)
            for rep in reps:
                clients = float(cases.get((rep, mname), 0)) + float(stock.get((rep, mname), 0.0))
                rows.append({"replication": rep, "municipality": mname, "measure": name,
                             "clients": clients, "per_1000": clients / per * 1000})
    return pd.DataFrame(rows, columns=["replication", "municipality", "measure", "clients",
                                       "per_1000"])


def _recipients(benefits: pd.DataFrame, scenario: Scenario, names: list[str]) -> pd.Series:
    """Mean recipients per replication and municipality of the entitlements ``names``."""
    if not names:
        return pd.Series(dtype=float)
    # benefits rows carry the entitlement's taakveld, not its name: one entitlement per
    # taakveld is what this can tell apart
    amounts = {scenario.entitlements[n].taakveld: scenario.entitlements[n].amount_eur_per_year
               for n in names}
    rows = benefits[benefits["taakveld"].isin(amounts)]
    persons = rows["amount_eur"] / rows["taakveld"].map(amounts)
    return persons.groupby([rows["replication"], rows["municipality"]]).sum()


def compare_clients(results: Results, year: int | None = None) -> pd.DataFrame:
    """Model against observed clients per 1,000 for every measure with targets (see the
    module docstring); columns :data:`CLIENT_COLUMNS`."""
    scenario = results.scenario
    measures = scenario.calibration.measures if scenario.calibration else {}
    rates = client_rates(results, year)
    rows = []
    for (mname, name), part in rates.groupby(["municipality", "measure"], sort=True):
        measure = measures[name]
        target = measure.targets.get(mname)
        if target is None:
            continue
        x = part["per_1000"].to_numpy()
        mean = float(np.mean(x))
        rows.append({"municipality": mname, "measure": name, "label": measure.label or name,
                     "per": measure.denominator_label or "inwoners",
                     "observed": target.value, "band_low": target.low,
                     "band_high": target.high, "kind": target.kind, "model_mean": mean,
                     "model_p05": float(np.quantile(x, 0.05)),
                     "model_p95": float(np.quantile(x, 0.95)),
                     "difference": mean / target.value - 1 if target.value else np.nan,
                     "within_band": bool(target.low <= mean <= target.high),
                     "source": target.source})
    return pd.DataFrame(rows, columns=CLIENT_COLUMNS)
