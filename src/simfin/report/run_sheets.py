"""The workbook-only tables of ``simfin run`` (issue 29): the run's metadata, the yearly means
per municipality, party, provider and category (Jaarcijfers), the lasten per Iv3 taakveld and
every scenario parameter. Each is a :class:`~simfin.report.tables.Table` whose euro columns
carry a :class:`~simfin.report.model.Measure` (the header is its title), so the workbook
writer formats nothing itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from simfin.report.labels import label
from simfin.report.model import Measure
from simfin.report.names import provider_label
from simfin.scenario.paths import flatten
from simfin.scenario.taakvelden import SUB_TAAKVELDEN, taakveld_label

if TYPE_CHECKING:
    from simfin.report.tables import Table
    from simfin.results import Results

__all__ = ["meta_table", "scenario_table", "taakveld_tables", "yearly_means", "yearly_table"]


def _price_year(results: Results) -> int | None:
    return results.scenario.business_case.price_base_year


def meta_table(results: Results, lang: str, prices: str) -> Table:
    """Scenario, hash, replications, seed, version and the price level (``prices``)."""
    from simfin.report.tables import Table

    meta = results.meta
    rows = [("meta.scenario", meta.get("scenario", results.scenario.name)),
            ("meta.scenario_hash", meta.get("scenario_hash")),
            ("meta.replications", results.replications),
            ("meta.seed", meta.get("seed", results.scenario.simulation.seed)),
            ("meta.simfin", meta.get("simfin")),
            ("meta.price_level", prices)]
    frame = pd.DataFrame({label("col.parameter", lang): [label(k, lang) for k, _ in rows],
                          label("col.value", lang): [v for _, v in rows]}, dtype=object)
    return Table(frame, {label("col.value", lang): ["text", "text", "count", "year", "text",
                                                    "text"]}, key="meta")


def yearly_means(results: Results) -> pd.DataFrame:
    """``results.yearly`` averaged over replications (a missing row counts as 0 euros).

    Returns
    -------
    DataFrame
        ``year, municipality, party, provider, category, taakveld, amount_eur, hours``:
        euros and hours per year, mean over replications; hours NaN where never meaningful.
    """
    keys = ["year", "municipality", "party", "provider", "category", "taakveld"]
    n = results.replications
    grouped = results.yearly.groupby(keys, sort=True)
    out = grouped["amount_eur"].sum() / n
    hours = grouped["hours"].sum(min_count=1) / n
    return pd.DataFrame({"amount_eur": out, "hours": hours}).reset_index()


def yearly_table(results: Results, lang: str) -> Table:
    """The Jaarcijfers: mean euros and hours per year x municipality x party x provider x
    category x taakveld."""
    from simfin.report.tables import Table

    means = yearly_means(results)
    amount = Measure("col.amount", "eur", "year", "scenario", _price_year(results))
    hours = Measure("col.hours", "hours", "year")
    heads = {"amount": amount.title(lang), "hours": label("col.hours", lang)}
    frame = pd.DataFrame({
        label("col.year", lang): means["year"].astype(int).to_numpy(),
        label("col.municipality", lang): means["municipality"].to_numpy(),
        label("col.party", lang): [label(p, lang) for p in means["party"]],
        label("col.provider", lang): [provider_label(results.scenario, p)
                                      for p in means["provider"]],
        label("col.category", lang): [label(c, lang) for c in means["category"]],
        label("col.taakveld", lang): [taakveld_label(t, lang) for t in means["taakveld"]],
        heads["amount"]: means["amount_eur"].to_numpy(),
        heads["hours"]: means["hours"].to_numpy(),
    })
    return Table(frame, {label("col.year", lang): "year", heads["amount"]: amount,
                         heads["hours"]: hours}, key="yearly")


def taakveld_tables(results: Results, lang: str, measures: list[Measure]) -> list[Table]:
    """Municipal lasten per Iv3 taakveld and year (``measures``: mean, 5th and 95th
    percentile, those of the cost table); the last row of each year is the total. When the
    scenario books on sub-taakvelden (6.72a, ...), a second table gives the same lasten
    rolled up to the main codes (6.72), for CBS tables and older begrotingen."""
    tables = [_taakveld_table(results.taakveld_summary("detail"), lang, measures, "",
                              "taakveld")]
    if results.yearly["taakveld"].isin(SUB_TAAKVELDEN).any():
        tables.append(_taakveld_table(results.taakveld_summary("main"), lang, measures,
                                      label("taakveld.rolled_up", lang), "taakveld_main"))
    return tables


def _taakveld_table(summary: pd.DataFrame, lang: str, measures: list[Measure], title: str,
                    key: str) -> Table:
    from simfin.report.tables import Table

    names = [label("total", lang) if t == "total" else taakveld_label(t, lang)
             for t in summary["taakveld"]]
    heads = [m.title(lang) for m in measures]
    frame = pd.DataFrame({
        label("col.year", lang): summary["year"].astype(int).to_numpy(),
        label("col.taakveld", lang): names,
        **{h: summary[m.stat].to_numpy() for h, m in zip(heads, measures, strict=True)}})
    return Table(frame, {label("col.year", lang): "year", **dict(zip(heads, measures))}, title,
                 key=key)


def scenario_table(results: Results, lang: str) -> Table:
    """Every scenario parameter as ``dotted.field.path, value`` (euros with cents)."""
    from simfin.report.tables import Table

    pairs = [(path, v if v is None or isinstance(v, bool | int | float | str) else str(v))
             for path, v in flatten(results.scenario.model_dump())]
    frame = pd.DataFrame(pairs, columns=[label("col.parameter", lang), label("col.value", lang)],
                         dtype=object)
    units = ["eur_cents" if "_eur" in path else "number" for path, _ in pairs]
    return Table(frame, {label("col.value", lang): units}, key="scenario")
