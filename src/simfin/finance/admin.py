"""Administrative burden for both parties, counted from the ledger (never simulated).

Each financing kind implies its own administrative items (see :data:`ITEMS_BY_KIND`):

==========================  ===========  =================  ========  =================
item                        pq_per_unit  pq_per_trajectory  lump_sum  lump_sum_corridor
==========================  ===========  =================  ========  =================
allocation_message          yes          yes                          yes
declaration                 yes
trajectory_declaration                   yes
production_report                                                     yes
check                       yes          yes                          yes
contract_management         yes          yes                yes       yes
monitoring                                                  yes       yes
corridor_settlement                                                   yes
==========================  ===========  =================  ========  =================

Client-level items, counted per reported year:

* ``allocation_message``: an iJw/iWmo start message when care starts and a stop message
  when it ends (toewijzing, start- en stopbericht).
* ``declaration``: one declaration line per client per month in care (p*q per unit).
* ``trajectory_declaration``: one declaration per payment of a trajectory price: at the
  start when ``start_share > 0`` and at the end when ``start_share < 1``.
* ``production_report``: one production line per client per month under a corridor; no
  invoice, but the p*q-equivalent value needs the volume.
* ``check``: rechtmatigheid checks, ``check_share`` x the lines above (an expected,
  possibly fractional count).

Provider-level items, one per provider per year, spread over municipalities by inhabitants:
``contract_management`` (every kind), ``monitoring`` (both lump-sum kinds),
``corridor_settlement`` (the yearly nacalculatie of a corridor).

Minutes per client-level item and hours per provider-level item are scenario parameters
(``[admin]``), as are the hourly costs of each party.

Columns of :func:`admin_items`
------------------------------
year : int, municipality : str, provider : str, kind : str (financing kind), item : str,
party : str ("municipality" or "provider"), count : float (items in the year),
hours : float, amount_eur : float (hours x the party's hourly cost)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.finance.allocation import inhabitant_shares
from simfin.finance.care import CareRows, care_rows, group_sum, group_sums
from simfin.finance.periods import client_months_per_year, events_per_year
from simfin.scenario.schema import Admin, PartyValues, Scenario

__all__ = ["ITEMS_BY_KIND", "ITEM_COLUMNS", "PARTIES", "admin_costs", "admin_items",
           "hours_per_item"]

PARTIES = ("municipality", "provider")
ITEM_COLUMNS = ("year", "municipality", "provider", "kind", "item", "party", "count", "hours",
                "amount_eur")
ITEMS_BY_KIND: dict[str, tuple[str, ...]] = {
    "pq_per_unit": ("allocation_message", "declaration", "check", "contract_management"),
    "pq_per_trajectory": ("allocation_message", "trajectory_declaration", "check",
                          "contract_management"),
    "lump_sum": ("contract_management", "monitoring"),
    "lump_sum_corridor": ("allocation_message", "production_report", "check",
                          "contract_management", "monitoring", "corridor_settlement"),
}
_PER_YEAR_ITEMS = ("contract_management", "monitoring", "corridor_settlement")


def hours_per_item(admin: Admin, item: str) -> PartyValues:
    """Hours per counted item for each party (minutes / 60, or hours per provider-year)."""
    minutes = {
        "allocation_message": admin.allocation_message_minutes,
        "declaration": admin.declaration_minutes,
        "trajectory_declaration": admin.trajectory_declaration_minutes
        or admin.declaration_minutes,
        "production_report": admin.production_report_minutes or admin.declaration_minutes,
        "check": admin.check_minutes,
    }
    if item in minutes:
        m = minutes[item]
        return PartyValues(municipality=m.municipality / 60.0, provider=m.provider / 60.0)
    return {"contract_management": admin.contract_management_hours_per_year,
            "monitoring": admin.lump_sum_monitoring_hours_per_year,
            "corridor_settlement": admin.corridor_settlement_hours_per_year}[item]


def _client_lines(rows: CareRows, financing, horizon_years: int) -> np.ndarray:
    """Declaration-type lines (n, years) of one provider's rows under its financing."""
    if financing.kind == "pq_per_trajectory":
        starts = events_per_year(rows.t_start, horizon_years)
        ends = events_per_year(rows.t_end, horizon_years)
        return (financing.start_share > 0) * starts + (financing.start_share < 1) * ends
    return client_months_per_year(rows.t_start, rows.t_end, horizon_years)


def _client_counts(rows: CareRows, financing, check_share: float,
                   horizon_years: int) -> dict[str, np.ndarray]:
    """Client-level item counts, each an (n, years) matrix over ``rows``."""
    items = ITEMS_BY_KIND[financing.kind]
    if "allocation_message" not in items:
        return {}
    messages = events_per_year(rows.t_start, horizon_years) + \
        events_per_year(rows.t_end, horizon_years)
    lines = _client_lines(rows, financing, horizon_years)
    line_item = next(i for i in items if i in ("declaration", "trajectory_declaration",
                                               "production_report"))
    return {"allocation_message": messages, line_item: lines, "check": check_share * lines}


def _sum_per_municipality(rows: CareRows, counts: dict[str, np.ndarray],
                          start_year: int) -> list[tuple]:
    """``(year, municipality, item, count)`` sums of client-level matrices."""
    names = rows.municipality.names
    munis, sums = group_sums(rows.municipality.codes, list(counts.values()))
    return [(start_year + y, names[muni], item, float(row[y]))
            for item, per in zip(counts, sums) for muni, row in zip(munis.tolist(), per)
            for y in range(per.shape[1])]


def _provider_years(scenario: Scenario, kind: str) -> list[tuple]:
    """``(year, municipality, item, count)`` of the provider-level items of one provider."""
    sim = scenario.simulation
    return [(sim.start_year + y, muni, item, share)
            for item in ITEMS_BY_KIND[kind] if item in _PER_YEAR_ITEMS
            for y in range(sim.horizon_years)
            for muni, share in sorted(inhabitant_shares(scenario, y).items())]


def admin_items(care: pd.DataFrame | CareRows, scenario: Scenario) -> pd.DataFrame:
    """Administrative items, hours and euros per year, municipality, provider and party.

    Parameters
    ----------
    care : DataFrame or CareRows
        The 2e-lijn rows of one replication's ledger (``line == "2e"``).
    scenario : Scenario
        Gives each provider's financing kind and the ``[admin]`` parameters.

    Returns
    -------
    DataFrame
        Columns :data:`ITEM_COLUMNS` (see the module docstring), sorted by its keys.
    """
    rows, hours, euros = _by_party(_counted(care_rows(care), scenario), scenario.admin)
    table = pd.DataFrame([(*row, party) for row in rows for party in PARTIES],
                         columns=["year", "municipality", "provider", "kind", "item", "count",
                                  "party"])
    table = table.assign(hours=hours, amount_eur=euros)[list(ITEM_COLUMNS)]
    table["year"] = table["year"].astype(int)
    return table


def _counted(care: CareRows, scenario: Scenario) -> list[tuple]:
    """``(year, municipality, provider, kind, item, count)`` of every item, by provider."""
    sim, admin = scenario.simulation, scenario.admin
    counted = []
    for name, provider in sorted(scenario.providers.items()):
        financing = provider.financing
        rows = care.of_provider(name)
        found = _client_counts(rows, financing, admin.check_share, sim.horizon_years)
        counts = _sum_per_municipality(rows, found, sim.start_year) if len(rows) else []
        counts += _provider_years(scenario, financing.kind)
        counted += [(y, m, name, financing.kind, item, c) for y, m, item, c in counts]
    return counted


def _by_party(counted: list[tuple], admin: Admin) -> tuple[list[tuple], np.ndarray,
                                                             np.ndarray]:
    """The counted items sorted by year, municipality, provider and item, and per item and
    party of :data:`PARTIES` (in that order) its hours (count x hours per item) and euros
    (hours x hourly cost): the rows of :func:`admin_items`."""
    rows = sorted(counted, key=lambda r: (r[0], r[1], r[2], r[4]))
    per_item = {item: hours_per_item(admin, item) for item in {r[4] for r in rows}}
    count = np.repeat(np.array([r[5] for r in rows], dtype=float), len(PARTIES))
    per_count = np.array([getattr(per_item[r[4]], party) for r in rows for party in PARTIES],
                         dtype=float)
    rate = np.array([getattr(admin.hourly_cost_eur, party) for party in PARTIES] * len(rows),
                    dtype=float)
    hours = count * per_count
    return rows, hours, hours * rate


def admin_costs(care: pd.DataFrame | CareRows, scenario: Scenario) -> list[dict]:
    """Administrative hours and euros per year, municipality and provider side.

    Cost-table records (category ``admin``), one per year, municipality, party and provider;
    the item detail is in :func:`admin_items`. The sums are those of a groupby on the
    :func:`admin_items` table (its rows in its order), computed without building the table.
    """
    rows, hours, euros = _by_party(_counted(care_rows(care), scenario), scenario.admin)
    if not rows:
        return []
    keys = [(year, muni, party, provider) for year, muni, provider, *_ in rows
            for party in PARTIES]
    groups = sorted(set(keys))
    code_of = {key: code for code, key in enumerate(groups)}
    codes = np.array([code_of[key] for key in keys], dtype=np.int64)
    present, sums = group_sum(codes, np.column_stack([euros, hours]))
    return [{"year": groups[g][0], "municipality": groups[g][1], "party": groups[g][2],
             "provider": groups[g][3], "amount_eur": total[0], "hours": total[1],
             "category": "admin"} for g, total in zip(present.tolist(), sums)]
