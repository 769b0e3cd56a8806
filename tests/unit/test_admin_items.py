"""Administrative counts on a hand-made ledger match hand counts, for every financing kind.

Four providers, one per kind, each with one hour-billed product and the same three care
intervals in a 2-year horizon (a month is 365/12 = 30.42 days):

* row 1: days 100-170, months 3..5 -> 3 monthly lines in year 1; start and stop in year 1;
* row 2: days 330-400, months 10..13 -> 2 lines in year 1, 2 in year 2; start year 1, stop year 2;
* row 3: day -50 (warm-up) to beyond the horizon -> 12 + 12 lines; no message inside.

So per provider: messages 3 (year 1) and 1 (year 2); monthly lines 17 and 14; trajectory
starts 2 and 0; trajectory ends 1 and 1. ``check_share`` = 0.1.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import small_scenario_dict

from simfin.finance import yearly_costs
from simfin.finance.admin import ITEMS_BY_KIND, admin_items
from simfin.scenario import validate_dict

KINDS = {
    "p_unit": {"kind": "pq_per_unit"},
    "p_traject": {"kind": "pq_per_trajectory", "band_by": "units", "start_share": 0.5,
                  "bands": {"alles": {"price_eur": 1000}}},
    "p_lump": {"kind": "lump_sum", "budget_eur_per_year": 1000, "client_places": 5},
    "p_corridor": {"kind": "lump_sum_corridor", "budget_eur_per_year": 1000, "client_places": 5,
                   "corridor_share": 0.1, "excess_settled_share": 1, "shortfall_settled_share": 1},
}
MINUTES = {"allocation_message_minutes": (10, 12), "declaration_minutes": (3, 6),
           "trajectory_declaration_minutes": (4, 9), "production_report_minutes": (1, 5),
           "check_minutes": (20, 30)}
HOURS = {"contract_management_hours_per_year": (40, 30),
         "lump_sum_monitoring_hours_per_year": (100, 80),
         "corridor_settlement_hours_per_year": (16, 24)}


def _scenario():
    data = small_scenario_dict()
    product = data["products"]["ambulant"]
    data["products"] = {name: dict(product) for name in KINDS}
    data["providers"] = {f"prov_{n}": {"products": [n], "financing": f} for n, f in KINDS.items()}
    for stream in data["demand_streams"].values():
        stream["referral_products"] = {name: 0.25 for name in KINDS}
    admin = data["admin"]
    for key, (m, p) in {**MINUTES, **HOURS}.items():
        admin[key] = {"municipality": m, "provider": p}
    admin["check_share"] = 0.1
    admin["hourly_cost_eur"] = {"municipality": 60, "provider": 50}
    return validate_dict(data)


def _ledger() -> pd.DataFrame:
    rows = []
    for product in KINDS:
        for case, (start, end, muni) in enumerate([(100.0, 170.0, "Aadorp"),
                                                    (330.0, 400.0, "Aadorp"),
                                                    (-50.0, np.nan, "Beekdorp")]):
            rows.append({"replication": 0, "case_id": case, "episode": 0, "municipality": muni,
                         "stream": "jeugd", "complexity": "licht", "urgent": False,
                         "line": "2e", "activity": product, "provider": f"prov_{product}",
                         "unit": "hour", "t_arrival": start, "t_start": start, "t_end": end,
                         "intensity_per_week": 2.0, "units": np.nan, "outcome": "discharged",
                         "indicated_days": 100.0, "indicated_units": 30.0})
    return pd.DataFrame(rows)


# expected counts per provider and item: (year 1, year 2), worked out in the module docstring
EXPECTED = {
    "prov_p_unit": {"allocation_message": (3, 1), "declaration": (17, 14), "check": (1.7, 1.4),
                    "contract_management": (1, 1)},
    "prov_p_traject": {"allocation_message": (3, 1), "trajectory_declaration": (3, 1),
                       "check": (0.3, 0.1), "contract_management": (1, 1)},
    "prov_p_lump": {"contract_management": (1, 1), "monitoring": (1, 1)},
    "prov_p_corridor": {"allocation_message": (3, 1), "production_report": (17, 14),
                        "check": (1.7, 1.4), "contract_management": (1, 1), "monitoring": (1, 1),
                        "corridor_settlement": (1, 1)},
}


@pytest.fixture(scope="module")
def items() -> pd.DataFrame:
    return admin_items(_ledger(), _scenario())


@pytest.mark.parametrize("provider", sorted(EXPECTED))
def test_item_counts_match_hand_counts(items, provider):
    mine = items[(items["provider"] == provider) & (items["party"] == "municipality")]
    counts = mine.groupby(["item", "year"])["count"].sum()
    found = {item: (counts[(item, 2027)], counts[(item, 2028)]) for item in mine["item"].unique()}
    assert set(found) == set(EXPECTED[provider])
    for item, expected in EXPECTED[provider].items():
        assert found[item] == pytest.approx(expected), item


def test_every_kind_lists_the_items_it_counts():
    for provider, expected in EXPECTED.items():
        kind = KINDS[provider.removeprefix("prov_")]["kind"]
        assert set(ITEMS_BY_KIND[kind]) == set(expected)


def _hours(provider: str, party: int, year: int) -> float:
    """Hand hours: counts x minutes / 60 + counts x hours per provider-year."""
    per_item = {"allocation_message": MINUTES["allocation_message_minutes"][party] / 60,
                "declaration": MINUTES["declaration_minutes"][party] / 60,
                "trajectory_declaration": MINUTES["trajectory_declaration_minutes"][party] / 60,
                "production_report": MINUTES["production_report_minutes"][party] / 60,
                "check": MINUTES["check_minutes"][party] / 60,
                "contract_management": HOURS["contract_management_hours_per_year"][party],
                "monitoring": HOURS["lump_sum_monitoring_hours_per_year"][party],
                "corridor_settlement": HOURS["corridor_settlement_hours_per_year"][party]}
    return sum(per_item[item] * counts[year] for item, counts in EXPECTED[provider].items())


@pytest.mark.parametrize("provider", sorted(EXPECTED))
def test_admin_hours_and_euros_in_the_cost_table(provider):
    costs = yearly_costs(_ledger(), _scenario())
    admin = costs[(costs["category"] == "admin") & (costs["provider"] == provider)]
    for party, (index, rate) in {"municipality": (0, 60.0), "provider": (1, 50.0)}.items():
        own = admin[admin["party"] == party].groupby("year")[["hours", "amount_eur"]].sum()
        for i, year in enumerate((2027, 2028)):
            assert own.at[year, "hours"] == pytest.approx(_hours(provider, index, i))
            assert own.at[year, "amount_eur"] == pytest.approx(_hours(provider, index, i) * rate)


def test_corridor_municipality_hours_year_one_spelled_out():
    # 3 messages x 10 + 17 production lines x 1 + 1.7 checks x 20 minutes = 81 minutes = 1.35 h,
    # plus contract management 40 + monitoring 100 + settlement 16 hours = 157.35 hours
    assert _hours("prov_p_corridor", 0, 0) == pytest.approx(157.35)
    costs = yearly_costs(_ledger(), _scenario())
    mine = costs[(costs["category"] == "admin") & (costs["provider"] == "prov_p_corridor")
                 & (costs["party"] == "municipality") & (costs["year"] == 2027)]
    assert mine["hours"].sum() == pytest.approx(157.35)


def test_defaults_keep_older_scenarios_as_they_were(small_scenario):
    admin = small_scenario.admin
    assert admin.check_share == 0.0
    assert admin.contract_management_hours_per_year.municipality == 0.0
    assert admin.trajectory_declaration_minutes is None  # falls back to declaration_minutes
