"""Variants side by side: the afwegingskader with intervals and bandbreedtes.

One row per variant and criterion, in the layout of a raadsvoorstel: computed criteria first
(money and flow, each a mean with a 90% interval), then the qualitative scores of the
``[afweging]`` sections with their bandbreedte (``afweging.ranges``).

Intervals of the computed criteria
----------------------------------
``npv_eur``                     mean NPV against the nulalternatief (+ = besparing); interval:
                                5th–95th percentile over replications, the same interval as the
                                summary (:meth:`BusinessCase.npv_interval`); the items at their
                                minimum / maximum are the summary's separate rows
``incidental_eur``              nominal one-off costs over the horizon, a cost and so negative
                                under + = besparing; interval: 5th–95th percentile over
                                replications
                                (:meth:`BusinessCase.incidental_per_replication`)
``structural_difference_eur``   structural saving in the last year (nulalternatief minus
                                variant, nominal); interval: 5th–95th percentile over
                                replications
``office_costs_eur``            uitvoeringskosten of front and back office, regie and
                                coordination per year (nominal mean over the reported years);
                                interval over replications
``steering_costs_eur``          the steering model's operator overhead, contract management
                                and grants per year (nominal mean); interval over replications
``referrals_per_year``          episodes entering specialist care per year (the referral
                                behaviour a steering model invites)
``dossier_lead_p95_days``,      flow indicators (:mod:`simfin.sim.back_office`,
``intake_wait_p95_days``        :mod:`simfin.metrics`); mean and interval over replications

A computed criterion that no scenario has (e.g. no ``[offices]`` anywhere) is left out.

Columns
-------
variant, variant_label, criterion, kind ("quantitative" / "qualitative"), score, score_low,
score_high (qualitative; "" when none), value, low, high (quantitative; NaN when none), unit,
note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simfin.business.afweging import variant_label
from simfin.results import HIGH, LOW

if TYPE_CHECKING:
    from simfin.business.result import BusinessCase

__all__ = ["OFFICE_CATEGORIES", "SCORECARD_COLUMNS", "SCORECARD_QUANTITATIVE", "scorecard"]

SCORECARD_COLUMNS = ["variant", "variant_label", "criterion", "kind", "score", "score_low",
                     "score_high", "value", "low", "high", "unit", "note"]
#: Computed criteria and their units, in display order.
SCORECARD_QUANTITATIVE = {"npv_eur": "eur", "incidental_eur": "eur",
                          "structural_difference_eur": "eur", "office_costs_eur": "eur",
                          "steering_costs_eur": "eur", "referrals_per_year": "episodes",
                          "dossier_lead_p95_days": "days", "intake_wait_p95_days": "days"}
OFFICE_CATEGORIES = ("front_office_cost", "back_office_cost", "regie", "coordination")
STEERING_CATEGORIES = ("operator_overhead", "contract_management", "grants")
NAN3 = (np.nan, np.nan, np.nan)


def _interval(values: pd.Series | np.ndarray) -> tuple[float, float, float]:
    values = np.asarray(values, dtype=float)
    if len(values) == 0 or np.isnan(values).all():
        return NAN3
    return (float(np.nanmean(values)), float(np.nanquantile(values, LOW)),
            float(np.nanquantile(values, HIGH)))


def _npv(case: BusinessCase, name: str) -> tuple[float, float, float]:
    return case.npv_interval(name)


def _incidental(case: BusinessCase, name: str) -> tuple[float, float, float]:
    # one sign for the document (+ = besparing): a cost is negative
    return _interval(-case.incidental_per_replication(name).to_numpy() + 0.0)


def _structural_per_replication(case: BusinessCase, name: str) -> pd.Series:
    """Nominal structural cost in the last year per replication."""
    yearly = case.yearly
    last = yearly["year"].max()
    rows = yearly[(yearly["variant"] == name) & (yearly["year"] == last)
                  & (yearly["cost_type"] == "structural")]
    return rows.groupby("replication")["nominal_eur"].sum()


def _per_year(case: BusinessCase, name: str, categories: tuple[str, ...],
              present: bool) -> tuple[float, float, float]:
    """Mean yearly nominal cost of ``categories``; NaN when no scenario has them
    (``present`` False), 0 for a scenario without them when another has them."""
    if not present:
        return NAN3
    yearly = case.yearly
    rows = yearly[(yearly["variant"] == name) & yearly["category"].isin(categories)]
    per_rep = rows.groupby("replication")["nominal_eur"].sum().reindex(
        range(case.replications), fill_value=0.0)
    return _interval(per_rep / yearly["year"].nunique())


def _quantitative(case: BusinessCase, name: str) -> dict[str, tuple[float, float, float]]:
    null = _structural_per_replication(case, case.null)
    saving = null - _structural_per_replication(case, name).reindex(null.index, fill_value=0.0)
    kpis = case.kpis[case.kpis["variant"] == name]
    present = set(case.yearly["category"])
    values = {"npv_eur": _npv(case, name), "incidental_eur": _incidental(case, name),
              "structural_difference_eur": _interval(saving.to_numpy()),
              "office_costs_eur": _per_year(case, name, OFFICE_CATEGORIES,
                                            bool(present & set(OFFICE_CATEGORIES))),
              "steering_costs_eur": _per_year(case, name, STEERING_CATEGORIES,
                                              bool(present & set(STEERING_CATEGORIES)))}
    years = case.yearly["year"].nunique()
    values["referrals_per_year"] = _interval(kpis.loc[kpis["kpi"] == "entered_2e", "value"]
                                             / years)
    for kpi in ("dossier_lead_p95_days", "intake_wait_p95_days"):
        values[kpi] = _interval(kpis.loc[kpis["kpi"] == kpi, "value"])
    return values


def scorecard(case: BusinessCase) -> pd.DataFrame:
    """The afwegingskader of ``case`` as a tidy table (columns: module docstring)."""
    qualitative = case.afweging()
    qualitative = qualitative[qualitative["kind"] == "qualitative"]
    rows = []
    for name, scenario in case.scenarios.items():
        label = variant_label(scenario)
        for criterion, (value, low, high) in _quantitative(case, name).items():
            rows.append((name, label, criterion, "quantitative", "", "", "", value, low, high,
                         SCORECARD_QUANTITATIVE[criterion], ""))
        ranges = scenario.afweging.ranges if scenario.afweging is not None else {}
        mine = qualitative[qualitative["variant"] == name]
        for criterion, score, note in mine[["criterion", "score", "note"]].itertuples(
                index=False):
            low, high = ranges.get(criterion, ("", ""))
            rows.append((name, label, criterion, "qualitative", score, low, high, np.nan,
                         np.nan, np.nan, "", note))
    table = pd.DataFrame(rows, columns=SCORECARD_COLUMNS)
    computed = table["kind"] == "quantitative"
    empty = table[computed].groupby("criterion")["value"].apply(lambda v: v.isna().all())
    return table[~table["criterion"].isin(empty[empty].index)].reset_index(drop=True)
