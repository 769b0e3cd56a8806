"""The unit of work of a sweep: one replication of one sample, run in chunks.

Workers receive a :class:`Chunk` (a few ``(sample, replication)`` units with the validated
scenarios they need) and return small tidy tables: the replication's KPIs and the
municipalities' yearly costs. The ledger of each unit is dropped once its aggregates are
taken (streaming aggregates), unless ``keep_ledgers`` asks for it. :func:`run_chunk` is a
top-level function so that process pools started with ``spawn`` (Jupyter, Windows, macOS)
and Dask workers can import it.

Output tables (tidy)
--------------------
``kpis``    ``sample, replication, kpi, value, unit`` (names: :mod:`simfin.metrics`)
``yearly``  ``sample, replication, year, municipality, party, provider, category,
            taakveld, amount_eur``: only ``party == "municipality"`` rows of
            :mod:`simfin.finance.table` (what the municipalities pay), hours dropped
``ledger``  ``sample`` plus :mod:`simfin.sim.ledger` columns (only with ``keep_ledgers``)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from simfin.scenario.schema import Scenario

__all__ = ["TABLES", "YEARLY_COLUMNS", "Chunk", "run_chunk"]

TABLES = ("yearly", "kpis")
YEARLY_COLUMNS = ["sample", "replication", "year", "municipality", "party", "provider",
                  "category", "taakveld", "amount_eur"]


@dataclass(frozen=True)
class Chunk:
    """Units ``(sample, replication)`` run together; ``scenarios`` maps sample -> Scenario."""

    index: int
    units: tuple[tuple[int, int], ...]
    scenarios: dict[int, Scenario]
    keep_ledgers: bool = False


def _unit_tables(scenario: Scenario, sample: int, replication: int,
                 keep_ledger: bool) -> dict[str, pd.DataFrame]:
    from simfin.runner import run_replication

    tables = run_replication(scenario, replication)
    yearly = tables["yearly"]
    yearly = yearly[yearly["party"] == "municipality"].assign(sample=sample)[YEARLY_COLUMNS]
    # taakveld as the other text columns, so a table read back from a checkpoint is identical
    yearly = yearly.astype({"taakveld": yearly["category"].dtype})
    kpis = tables["kpis"].assign(sample=sample)
    out = {"yearly": yearly, "kpis": kpis[["sample", *kpis.columns.drop("sample")]]}
    if keep_ledger:
        ledger = tables["ledger"].assign(sample=sample)
        out["ledger"] = ledger[["sample", *ledger.columns.drop("sample")]]
    return out


def run_chunk(chunk: Chunk) -> dict[str, pd.DataFrame]:
    """Run every unit of ``chunk`` in order; tables sorted by ``(sample, replication)``."""
    parts = [_unit_tables(chunk.scenarios[s], s, r, chunk.keep_ledgers) for s, r in chunk.units]
    names = TABLES + (("ledger",) if chunk.keep_ledgers else ())
    return {name: pd.concat([p[name] for p in parts], ignore_index=True) for name in names}
