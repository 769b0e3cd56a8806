"""The business-case yearly table: structural and incidental costs, phase-in, prices.

For each scenario and replication the municipalities' costs are assembled at base-year
prices, then indexed:

1. **Simulated structural costs**: the municipality rows of the finance table (access team,
   specialist care, administration) per year, municipality, category and provider; a
   category with a key in ``business_case.allocation_by_category`` is re-spread over the
   municipalities by that key (default ``as_simulated``: the finance layer's split). The
   emergent transition costs of the timeline (:data:`EMERGENT_INCIDENTAL`: inhuur, double
   running) are incidental rows without an item name, never phased.
2. **Structural items** from ``[structural.<name>]``.
3. **Phase-in** (variants only): each structural row becomes
   ``null + f(year, category) * (variant - null)`` with ``f`` from ``business_case.phase_in``
   (or ``phase_in_by_category``) of the variant; years beyond the list have ``f = 1``. The
   rows are matched on replication, year, municipality, category, provider and item, so a
   row missing on one side counts as 0 there. With common random numbers the difference is
   the policy, not noise.
4. **Incidental items** from ``[incidental.<name>]`` (never phased: they are the transition).
5. **Prices**: nominal and constant euros (:mod:`simfin.business.indexation`).

Columns of the yearly table
---------------------------
variant : str            scenario name (the nulalternatief is one of them)
replication : int
year : int               calendar year
municipality : str
cost_type : str          "structural" or "incidental"
category : str           access_team, specialist_care, admin, or an item's category
provider : str           provider of a care or admin row, "" otherwise
item : str               name of a scenario item, "" for simulated costs
taakveld : str           Iv3 taakveld of the row (the finance table's; an item's own, "?"
                         when the item names none)
constant_eur : float     constant prices of the base year (price index)
nominal_eur : float      nominal euros of the year
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.business.allocation import allocate, key_shares
from simfin.business.incidental import incidental_rows, structural_item_rows
from simfin.business.indexation import index_kind_of, to_constant, to_nominal
from simfin.scenario.schema import Scenario
from simfin.scenario.taakvelden import UNASSIGNED

__all__ = ["EMERGENT_INCIDENTAL", "KEYS", "YEARLY_COLUMNS", "base_rows", "emergent", "phase_in", "phase_in_factor",
           "priced", "simulated_rows"]

KEYS = ["replication", "year", "municipality", "cost_type", "category", "provider", "item",
        "taakveld"]
YEARLY_COLUMNS = ["variant", *KEYS, "constant_eur", "nominal_eur"]
_BASE_COLUMNS = [*KEYS, "index", "base_eur"]
#: Simulated cost categories that are incidental: they emerge from the transition on the
#: timeline (:mod:`simfin.finance.timeline`), next to the hand-entered incidental items.
EMERGENT_INCIDENTAL = ("inhuur", "double_running")


def emergent(yearly: pd.DataFrame) -> pd.Series:
    """Rows of a yearly table that are incidental costs the simulation produced
    (:data:`EMERGENT_INCIDENTAL`: incidental, no item name), not hand-entered items."""
    return (yearly["cost_type"] == "incidental") & (yearly["item"] == "")


def simulated_rows(costs: pd.DataFrame, scenario: Scenario,
                   usage: dict[int, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Municipality rows of a finance cost table (with ``replication``) as base rows."""
    own = costs[costs["party"] == "municipality"]
    if "taakveld" not in own.columns:     # a hand-made cost table: no taakveld known
        own = own.assign(taakveld=UNASSIGNED)
    rows = (own.groupby(["replication", "year", "municipality", "category", "provider",
                         "taakveld"], as_index=False)["amount_eur"].sum()
            .rename(columns={"amount_eur": "base_eur"}))
    rows = rows.assign(cost_type=np.where(rows["category"].isin(EMERGENT_INCIDENTAL),
                                          "incidental", "structural"), item="",
                       index=[index_kind_of(scenario, c) for c in rows["category"]])
    return _reallocate(rows[_BASE_COLUMNS], scenario, usage)


def _reallocate(rows: pd.DataFrame, scenario: Scenario,
                usage: dict[int, pd.DataFrame] | None = None) -> pd.DataFrame:
    keys = {c: a for c, a in scenario.business_case.allocation_by_category.items()
            if a.key != "as_simulated"}
    if not keys or rows.empty:
        return rows
    moved = rows["category"].isin(list(keys))
    totals = rows[moved].groupby(["replication", "year", "cost_type", "category", "provider",
                                  "item", "taakveld", "index"], as_index=False)["base_eur"].sum()
    spread = []
    for t in totals.itertuples(index=False):
        use = usage.get(t.replication) if usage else None
        shares = key_shares(keys[t.category], scenario, t.year, use)
        spread += [(t.replication, t.year, muni, t.cost_type, t.category, t.provider, t.item,
                    t.taakveld, t.index, value) for muni, value in allocate(t.base_eur, shares).items()]
    return pd.concat([rows[~moved], pd.DataFrame(spread, columns=_BASE_COLUMNS)],
                     ignore_index=True)


def _items(scenario: Scenario, replications: list[int], usage: dict[int, pd.DataFrame] | None,
           bound: str, amounts: dict[int, dict[str, float]] | None = None) -> pd.DataFrame:
    parts = []
    for r in replications:
        use = usage.get(r) if usage else None
        drawn = amounts.get(r) if amounts else None
        for frame in (structural_item_rows(scenario, use, bound, drawn),
                      incidental_rows(scenario, use, bound, drawn)):
            if not frame.empty:
                parts.append(frame.assign(replication=r))
    if not parts:
        return pd.DataFrame(columns=_BASE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[_BASE_COLUMNS]


def base_rows(costs: pd.DataFrame, scenario: Scenario,
              usage: dict[int, pd.DataFrame] | None = None, bound: str = "mode",
              amounts: dict[int, dict[str, float]] | None = None) -> pd.DataFrame:
    """All cost rows of one scenario at base-year prices (steps 1, 2 and 4, no phase-in).

    Parameters
    ----------
    costs : DataFrame
        Finance cost tables of the replications (:mod:`simfin.finance.table` + ``replication``).
    scenario : Scenario
    usage : dict, optional
        Usage shares per replication, needed for the ``usage`` key.
    bound : str
        "min", "mode" or "max" for items with a range.
    amounts : dict, optional
        Per replication, drawn item amounts (:func:`simfin.business.psa.sampled_amounts`)
        that replace ``bound`` for the items they name.

    Returns
    -------
    DataFrame
        Columns ``replication, year, municipality, cost_type, category, provider, item,
        index, base_eur``.
    """
    sim = simulated_rows(costs, scenario, usage)
    replications = sorted(costs["replication"].unique().tolist())
    items = _items(scenario, replications, usage, bound, amounts)
    parts = [p for p in (sim, items) if not p.empty]
    out = pd.concat(parts, ignore_index=True) if parts else sim
    out["base_eur"] = out["base_eur"].astype(float)
    return out


def phase_in_factor(scenario: Scenario, category: str, year: int) -> float:
    """Share of the structural difference realised in ``year`` for ``category``."""
    bc = scenario.business_case
    factors = bc.phase_in_by_category.get(category, bc.phase_in)
    i = year - scenario.simulation.start_year
    return factors[i] if 0 <= i < len(factors) else 1.0


def phase_in(variant: pd.DataFrame, null: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Structural rows of a variant phased in against the nulalternatief (step 3); the
    variant as it is without a phase-in (e.g. a variant on the timeline)."""
    bc = scenario.business_case
    if not bc.phase_in and not any(bc.phase_in_by_category.values()):
        return variant
    structural = variant["cost_type"] == "structural"
    v = variant[structural]
    n = null[null["cost_type"] == "structural"]
    both = v.merge(n, on=KEYS, how="outer", suffixes=("", "_null"))
    both["index"] = both["index"].fillna(both["index_null"])
    f = np.array([phase_in_factor(scenario, c, y) for c, y in zip(both["category"],
                                                                  both["year"])])
    var, base = both["base_eur"].fillna(0.0), both["base_eur_null"].fillna(0.0)
    both["base_eur"] = base + f * (var - base)
    return pd.concat([both[_BASE_COLUMNS], variant[~structural]], ignore_index=True)


def priced(rows: pd.DataFrame, scenario: Scenario, variant: str) -> pd.DataFrame:
    """Base rows to the yearly table: nominal and constant euros (step 5)."""
    nominal = to_nominal(scenario, rows["base_eur"], rows["index"], rows["year"])
    out = rows[KEYS].assign(variant=variant, nominal_eur=nominal)
    out["constant_eur"] = to_constant(scenario, nominal, out["year"])
    out["replication"] = out["replication"].astype(int)
    out["year"] = out["year"].astype(int)
    return out[YEARLY_COLUMNS].sort_values(KEYS, kind="stable").reset_index(drop=True)
