"""The result of a business case: tidy tables over variants and replications, plus views.

``yearly``                   costs per variant, replication, year, municipality, cost type,
                             category, provider and item (:mod:`simfin.business.yearly`)
``balance``                  balance against the nulalternatief per variant, replication and
                             year (:mod:`simfin.business.appraisal`)
``balance_by_municipality``  the same per municipality
Sign convention (one for the whole case): the balance, the NPV and
``structural_difference_last_year_eur`` are *savings*, nulalternatief minus variant
(+ = besparing t.o.v. nulalternatief); :meth:`BusinessCase.difference` alone is a cost
difference (variant minus nulalternatief) and says so in its column name.

``appraisal``                per variant and replication: ``npv_eur``, ``payback_year``,
                             ``payback_year_discounted``, ``npv_items_min_eur`` and
                             ``npv_items_max_eur`` (every item of the variant at its minimum /
                             maximum; equal to ``npv_eur`` without ranges)
``ceiling``                  budget ceiling per variant and year (:mod:`simfin.business.ceiling`)
``kpis``                     flow indicators per variant and replication
``items``                    the items of every scenario with their ranges (:func:`item_specs`)
``drivers``                  the structural saving per variant, mechanism and year
                             (:mod:`simfin.business.drivers`; empty without ``drivers``)
``draws``                    the PSA draws: ``variant, replication, name, value`` (item amounts
                             ``incidental.<name>``/``structural.<name>``, declared parameters)
``sources``                  comment sources per scenario (:mod:`simfin.scenario.sources`)
``meta``                     names, seed, replications, versions
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simfin.business.afweging import QUANTITATIVE, afweging_long, afweging_wide
from simfin.business.appraisal import payback_year
from simfin.business.assumptions import assumptions_table
from simfin.business.incidental import amount_at
from simfin.business.yearly import emergent
from simfin.results import HIGH, LOW
from simfin.scenario.schema import Scenario

__all__ = ["ITEM_SPEC_COLUMNS", "BusinessCase", "item_specs"]

ITEM_SPEC_COLUMNS = ["variant", "item", "cost_type", "category", "years", "key", "index",
                     "min_eur", "mode_eur", "max_eur", "source"]


def item_specs(scenarios: dict[str, Scenario]) -> pd.DataFrame:
    """Every incidental and structural item: years, key, index and min / mode / max.

    ``min_eur``/``mode_eur``/``max_eur`` are at base-year prices: the total over the
    item's years for an incidental item, the amount per year for a structural item.
    """
    rows = []
    for name, s in scenarios.items():
        for cost_type, items in (("incidental", s.incidental), ("structural", s.structural)):
            for item_name, item in sorted(items.items()):
                amount = item.amount_eur if cost_type == "incidental" else item.amount_eur_per_year
                years = item.years if cost_type == "incidental" else [
                    y for y in s.reported_years if (item.from_year or y) <= y
                    <= (item.to_year or y)]
                rows.append((name, item_name, cost_type, item.category,
                             ", ".join(map(str, years)), item.allocation.key, item.index,
                             *(amount_at(amount, b) for b in ("min", "mode", "max")),
                             item.source))
    return pd.DataFrame(rows, columns=ITEM_SPEC_COLUMNS)


@dataclass(frozen=True)
class BusinessCase:
    """What :func:`simfin.business_case` returns (tables: see the module docstring)."""

    scenarios: dict[str, Scenario]
    null: str
    yearly: pd.DataFrame
    balance: pd.DataFrame
    balance_by_municipality: pd.DataFrame
    appraisal: pd.DataFrame
    ceiling: pd.DataFrame
    kpis: pd.DataFrame
    items: pd.DataFrame
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    draws: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["variant", "replication", "name", "value"]))
    drivers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["variant", "mechanism", "label", "year", "saving_eur"]))
    meta: dict = field(default_factory=dict)
    #: switching values (:func:`simfin.business.switching.switching_values`); empty: not searched
    switching: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def variants(self) -> list[str]:
        """Names of the variants (the nulalternatief left out), in order."""
        return [n for n in self.scenarios if n != self.null]

    @property
    def replications(self) -> int:
        return int(self.yearly["replication"].nunique())

    def yearly_means(self, by: tuple[str, ...] = ("year", "cost_type", "category")
                     ) -> pd.DataFrame:
        """Mean over replications of nominal and constant euros per variant and ``by``.

        A row missing in a replication counts as 0 euros there.
        """
        keys = ["variant", *by]
        sums = self.yearly.groupby(keys, sort=True)[["nominal_eur", "constant_eur"]].sum()
        out = (sums / self.replications).reset_index()
        order = {name: i for i, name in enumerate(self.scenarios)}
        return out.sort_values("variant", key=lambda s: s.map(order),
                               kind="stable").reset_index(drop=True)

    def difference(self, by: tuple[str, ...] = ("year", "cost_type", "category")
                   ) -> pd.DataFrame:
        """:meth:`yearly_means` plus ``difference_eur``: nominal variant minus nulalternatief.

        The comparison by category the council asks for; the nulalternatief's own rows have a
        difference of 0, a row the nulalternatief lacks counts as 0 there.
        """
        means = self.yearly_means(by)
        keys = list(by)
        null = means[means["variant"] == self.null].set_index(keys)["nominal_eur"]
        index = pd.MultiIndex.from_frame(means[keys]) if len(keys) > 1 else means[keys[0]]
        base = null.reindex(index).fillna(0.0).to_numpy()
        return means.assign(difference_eur=means["nominal_eur"].to_numpy() - base)

    def mean_balance(self, by_municipality: bool = False) -> pd.DataFrame:
        """The balance table averaged over replications (cumulative columns included)."""
        table = self.balance_by_municipality if by_municipality else self.balance
        keys = ["variant", "year", *(["municipality"] if by_municipality else [])]
        values = [c for c in table.columns if c.endswith("_eur") or c == "discount_factor"]
        return table.groupby(keys, sort=False)[values].mean().reset_index()

    def summary(self) -> pd.DataFrame:
        """One row per variant: NPV with its 90% interval, payback, incidental costs, ceiling.

        One sign, + = besparing t.o.v. nulalternatief: the NPV and the structural difference
        are savings, the incidental costs (``incidental_*_eur``) are costs and so negative."""
        rows = []
        for name in self.variants:
            rows.append({"variant": name, **self._summary_of(name)})
        return pd.DataFrame(rows)

    def _summary_of(self, name: str) -> dict:
        app = self.appraisal[self.appraisal["variant"] == name]
        bal = self.mean_balance()
        bal = bal[bal["variant"] == name].sort_values("year")
        mine = self.yearly_means(("year", "cost_type"))
        inc = mine[(mine["variant"] == name) & (mine["cost_type"] == "incidental")]
        ceiling = self.ceiling[self.ceiling["variant"] == name]
        mean, low, high = self.npv_interval(name)
        return {
            "npv_mean_eur": mean, "npv_p05_eur": low, "npv_p95_eur": high,
            "npv_items_min_eur": app["npv_items_min_eur"].mean(),
            "npv_items_max_eur": app["npv_items_max_eur"].mean(),
            "payback_year": payback_year(bal["year"], bal["cumulative_nominal_eur"]),
            "payback_year_discounted": payback_year(bal["year"], bal["cumulative_discounted_eur"]),
            "payback_share": float(app["payback_year"].notna().mean()),
            # a cost is negative under the one sign of the document (+ = besparing)
            "incidental_nominal_eur": -float(inc["nominal_eur"].sum()) + 0.0,
            "incidental_constant_eur": -float(inc["constant_eur"].sum()) + 0.0,
            "incidental_emergent_nominal_eur": -self._incidental(name, only_emergent=True)
            + 0.0,
            "structural_difference_last_year_eur": self._structural_difference(name),
            "p_overshoot_max": float(ceiling["p_overshoot"].max()) if len(ceiling) else np.nan,
        }

    def npv_interval(self, name: str) -> tuple[float, float, float]:
        """Mean NPV of ``name`` against the nulalternatief (+ = besparing, constant prices,
        discounted) and its 90% interval over replications (5th and 95th percentile, items at
        their mode): the one NPV interval every output shows. ``(0, 0, 0)`` for the
        nulalternatief itself."""
        if name == self.null:
            return 0.0, 0.0, 0.0
        npv = self.appraisal.loc[self.appraisal["variant"] == name, "npv_eur"]
        return float(npv.mean()), float(npv.quantile(LOW)), float(npv.quantile(HIGH))

    def incidental_per_replication(self, name: str) -> pd.Series:
        """Incidental costs of ``name`` over the horizon per replication (nominal euros; a
        replication without any counts as 0); its mean is the incidental figure of the
        summary, its 5th–95th percentile the interval of every output."""
        yearly = self.yearly
        rows = yearly[(yearly["variant"] == name) & (yearly["cost_type"] == "incidental")]
        reps = pd.Index(sorted(yearly["replication"].unique()), name="replication")
        return rows.groupby("replication")["nominal_eur"].sum().reindex(reps, fill_value=0.0)

    def _structural_difference(self, name: str) -> float:
        """Structural saving in the last year: mean nominal structural cost of the
        nulalternatief minus that of ``name``, so that + = besparing, as the NPV and the
        balance (:mod:`simfin.business.appraisal`)."""
        means = self.yearly_means(("year", "cost_type"))
        last = means["year"].max()
        rows = means[(means["year"] == last) & (means["cost_type"] == "structural")]
        value = rows.set_index("variant")["nominal_eur"]
        return float(value.get(self.null, 0.0) - value.get(name, 0.0))

    def quantitative_criteria(self) -> pd.DataFrame:
        """``variant, criterion, value`` for the quantitative criteria of the afwegingskader."""
        summary = self.summary().set_index("variant")
        kpis = self.kpis.groupby(["variant", "kpi"])["value"].mean()
        rows = []
        for name in self.scenarios:
            is_null = name == self.null
            ceiling = self.ceiling[self.ceiling["variant"] == name]["p_overshoot"]
            values = {
                "npv_eur": 0.0 if is_null else summary.at[name, "npv_mean_eur"],
                "incidental_eur": -self._incidental(name) + 0.0,  # a cost: negative
                "structural_difference_eur": 0.0 if is_null else
                summary.at[name, "structural_difference_last_year_eur"],
                "payback_year": np.nan if is_null else summary.at[name, "payback_year"],
                "p_overshoot_max": ceiling.max() if len(ceiling) else np.nan}
            for kpi in ("intake_wait_p95_days", "intake_within_norm_share",
                        "specialist_waiting_mean"):
                values[kpi] = kpis.get((name, kpi), np.nan)
            rows += [(name, c, float(values[c])) for c in QUANTITATIVE]
        return pd.DataFrame(rows, columns=["variant", "criterion", "value"])

    def _incidental(self, name: str, only_emergent: bool = False) -> float:
        """Incidental costs of ``name`` over the horizon, mean nominal euros; with
        ``only_emergent`` those the simulation produced (inhuur, double running)."""
        mine = self.yearly["variant"] == name
        kind = emergent(self.yearly) if only_emergent else \
            self.yearly["cost_type"] == "incidental"
        return float(self.yearly.loc[mine & kind, "nominal_eur"].sum() / self.replications)

    def drivers_summary(self) -> pd.DataFrame:
        """Mean structural saving per year by mechanism, with its share and the total."""
        from simfin.business.drivers import drivers_summary

        return drivers_summary(self.drivers)

    def afweging(self) -> pd.DataFrame:
        """The afwegingskader as a tidy table (:mod:`simfin.business.afweging`)."""
        return afweging_long(self.scenarios, self.null, self.quantitative_criteria())

    def afweging_table(self) -> pd.DataFrame:
        """The afwegingskader with criteria as rows and variants as columns."""
        return afweging_wide(self.afweging())

    def assumptions(self) -> pd.DataFrame:
        """Every parameter of every scenario with value, unit and source (Aannames)."""
        return assumptions_table(self.scenarios, self.sources)

    def evidence(self) -> pd.DataFrame:
        """The evidence register: every numeric parameter with its class (sourced / derived /
        assumption) and range (:mod:`simfin.business.evidence`)."""
        from simfin.business.evidence import evidence_register

        return evidence_register(self.scenarios, self.sources, self.meta.get("declared"))
