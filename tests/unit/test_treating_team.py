"""A treating access team (Oude IJsselstreek): own help paid as staff, and the provider risk premium."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simfin.finance.costs import yearly_costs
from simfin.finance.provider_risk import premium_total, risk_premium
from simfin.scenario import load, validate_dict
from simfin.sim.model import simulate
from conftest import ROOT, small_scenario_dict


def _team_only(light_help: float) -> dict:
    """Jeugd only; the team helps ``light_help`` of the requests itself, refers the rest p*q."""
    d = small_scenario_dict()
    del d["demand_streams"]["wmo"], d["products"]["begeleiding"], d["providers"]["wmo_zorg"]
    d["demand_streams"]["jeugd"]["outcomes"] = {"light_help": light_help, "general_facility": 0.0,
                                                "referral": 1.0 - light_help}
    d["demand_streams"]["jeugd"]["referral_products"] = {"ambulant": 1.0}
    del d["products"]["verblijf"]
    d["providers"]["jeugdhulp"]["products"] = ["ambulant"]
    return d


def test_the_teams_own_help_is_paid_as_staff_not_p_times_q():
    """Hand-computed: 6 FTE x € 72,200 = € 433,200 a year for the team whatever help it
    gives; care by the provider costs tariff € 78 x the hours delivered."""
    for light_help in (0.2, 0.8):
        scenario = validate_dict(_team_only(light_help))
        out = simulate(scenario, 0)
        table = yearly_costs(out.ledger, scenario)
        own = table[table["party"] == "municipality"]
        team = own[own["category"] == "access_team"].groupby("year")["amount_eur"].sum()
        np.testing.assert_allclose(team.to_numpy(), 6 * 72_200.0, rtol=1e-12)
        care = own[own["category"] == "specialist_care"].groupby("year")["amount_eur"].sum()
        ledger = out.ledger
        hours = [ledger.loc[ledger["activity"] == "ambulant", "units"].sum()]  # all years
        assert care.sum() == pytest.approx(78.0 * hours[0], rel=1e-9)
        helped = ledger[ledger["activity"] == "light_help"]["units"].sum()
        assert helped > 0  # the team's hours cost nothing beyond its FTE


def _yearly(revenues: dict[str, list[list[float]]]) -> pd.DataFrame:
    """A cost table with provider revenue per provider, replication (rows) and year."""
    rows = []
    for provider, runs in revenues.items():
        for r, years in enumerate(runs):
            for y, amount in enumerate(years):
                rows.append({"replication": r, "year": 2027 + y, "municipality": "A",
                             "party": "provider", "provider": provider, "category": "revenue",
                             "amount_eur": amount})
    return pd.DataFrame(rows)


def test_risk_premium_grows_with_the_spread_of_revenue_hand_computed():
    """Revenue 90 and 110 in the two runs of each year: mean 100, sd 14.142 (n - 1), cv 0.1414;
    markup 0.5 x 0.1414 = 0.0707, premium 7.07 a year. A fixed budget: sd 0, no premium."""
    scenario = validate_dict(small_scenario_dict() | {"provider_risk": {"price_per_cv": 0.5}})
    table = risk_premium(_yearly({"jeugdhulp": [[90.0, 90.0], [110.0, 110.0]],
                                  "wmo_zorg": [[400.0, 400.0], [400.0, 400.0]]}), scenario)
    pq, lump = table.set_index("provider").loc["jeugdhulp"], table.set_index("provider").loc["wmo_zorg"]
    sd = np.std([90.0, 110.0], ddof=1)
    assert pq["cv"] == pytest.approx(sd / 100.0)
    assert pq["markup"] == pytest.approx(0.5 * sd / 100.0)
    assert pq["premium_eur_per_year"] == pytest.approx(0.5 * sd)
    assert lump["premium_eur_per_year"] == 0.0 and lump["financing"] == "lump_sum"
    assert premium_total(table) == pytest.approx(0.5 * sd)
    capped = validate_dict(small_scenario_dict() | {"provider_risk": {"price_per_cv": 5,
                                                                     "max_markup": 0.1}})
    assert risk_premium(_yearly({"jeugdhulp": [[90.0], [110.0]]}), capped)["markup"][0] == 0.1


def test_shipped_oij_scenarios_compare_pq_with_a_treating_team():
    pq = load(ROOT / "scenarios" / "oij-pq.toml")
    team = load(ROOT / "scenarios" / "oij-behandelend-team.toml")
    # p*q carries the provider-risk markup the scenario states: half the CV, at most 25%
    assert (pq.provider_risk.price_per_cv, pq.provider_risk.max_markup) == (0.5, 0.25)
    assert {p.financing.kind for p in pq.providers.values()} == {"pq_per_unit"}
    assert {p.financing.kind for p in team.providers.values()} == {"lump_sum"}
    jeugd_pq, jeugd_team = pq.demand_streams["jeugd"], team.demand_streams["jeugd"]
    assert jeugd_team.outcomes.light_help > jeugd_pq.outcomes.light_help
    assert jeugd_team.outcomes.referral < jeugd_pq.outcomes.referral
    assert team.access_team.fte > pq.access_team.fte
