"""Front office and back office (simfin.sim.back_office, simfin.finance.host): hand-computed
cases for the hand-over delay, coordination cost, host tariff, regie and own staff; a
queueing-theory check of the office pools; an existing scenario without ``[offices]``
unchanged."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from simfin.errors import ScenarioError
from simfin.finance import yearly_costs
from simfin.finance.host import office_costs
from simfin.runner import run_replication
from simfin.scenario import validate_dict
from simfin.sim.back_office import fcfs_pool, office_dossiers, office_kpis
from simfin.theory import mmc_mean_wait
from conftest import small_scenario_dict

DAY = 1425 * (1 - 0.06) / 365.0  # hours one FTE works per calendar day in the small scenario


def offices(fo_org="eigen", bo_org="gastheer", delay=10.0, fte=1.0, hours=None) -> dict:
    hours = hours or {"family": "fixed", "value": DAY}  # one day of one FTE per dossier
    return {
        "organisations": {
            "eigen": {"kind": "own", "loaded_cost_per_fte_eur": 70000},
            "gastheer": {"kind": "host", "tariff_per_dossier_eur": 250},
            "partner": {"kind": "partner", "cost_share": 0.4,
                        "shared_costs_eur_per_year": 500000},
            "bedrijf": {"kind": "commercial", "contract_eur_per_year": 20000,
                        "tariff_per_dossier_eur": 100},
        },
        "domains": {"wmo": {
            "front_office": {"organisation": fo_org, "fte": fte, "hours_per_dossier": hours},
            "back_office": {"organisation": bo_org, "fte": fte, "hours_per_dossier": hours,
                            "regie_fte": 2.0}}},
        "handover": {"delay_days": {"family": "fixed", "value": delay},
                     "coordination_hours_per_dossier": 1.5,
                     "coordination_cost_per_hour_eur": 80},
        "regie_cost_per_fte_eur": 90000,
    }


def scenario_with(**kw):
    data = small_scenario_dict()
    data["offices"] = offices(**kw)
    return validate_dict(data, "klein.toml")


def decisions(times, munis=None) -> pd.DataFrame:
    """A ledger with only assessment decisions of wmo that end in a referral at ``times``."""
    n = len(times)
    return pd.DataFrame({"activity": "assessment", "stream": "wmo", "outcome": "referral",
                         "t_end": np.asarray(times, float),
                         "municipality": munis or ["Aadorp"] * n})


def test_fcfs_pool_by_hand():
    # one worker, jobs of 2 days arriving at 0, 1, 5: starts 0, 2 (waits 1), 5
    assert fcfs_pool(np.array([0.0, 1.0, 5.0]), np.array([2.0, 2.0, 2.0]), 1).tolist() \
        == [0.0, 2.0, 5.0]
    # two workers: the third job takes the first worker to come free (at 2)
    assert fcfs_pool(np.array([0.0, 0.0, 1.0]), np.array([2.0, 3.0, 1.0]), 2).tolist() \
        == [0.0, 0.0, 2.0]


def test_handover_adds_its_delay_and_the_bo_queue_by_hand():
    """FO and BO each take exactly one day (one FTE, one worker); two dossiers open at day
    0 and day 0.5. FO: 0-1 and 1-2. Hand-over 10 days: BO arrivals 11 and 12, no BO wait."""
    scenario = scenario_with(delay=10.0)
    d = office_dossiers(scenario, 0, decisions([0.0, 0.5]))
    assert d["fo_start"].tolist() == pytest.approx([0.0, 1.0])
    assert d["fo_end"].tolist() == pytest.approx([1.0, 2.0])
    assert d["bo_arrival"].tolist() == pytest.approx([11.0, 12.0])
    assert d["bo_end"].tolist() == pytest.approx([12.0, 13.0])
    kpis = office_kpis(d, scenario).set_index("kpi")["value"]
    assert kpis["dossier_lead_mean_days"] == pytest.approx((12.0 + 12.5) / 2)
    assert kpis["office_wait_mean_days"] == pytest.approx(0.25)  # the second waits 0.5 at FO
    assert kpis["handover_share"] == 1.0


def test_same_organisation_has_no_handover_delay_or_coordination():
    scenario = scenario_with(fo_org="eigen", bo_org="eigen", delay=10.0)
    d = office_dossiers(scenario, 0, decisions([0.0]))
    assert d["bo_arrival"].tolist() == pytest.approx([1.0])
    assert not [r for r in office_costs(scenario, d) if r["category"] == "coordination"]


def test_host_tariff_coordination_regie_and_own_staff_by_hand():
    """Three dossiers of Aadorp in year one, one of Beekdorp in year two. FO own (1 FTE at
    70,000), BO host at 250 per dossier, 2 regie FTE at 90,000, 1.5 coordination hours of
    80 per handed-over dossier."""
    scenario = scenario_with()
    d = office_dossiers(scenario, 0, decisions([10.0, 20.0, 30.0, 400.0],
                                               ["Aadorp"] * 3 + ["Beekdorp"]))
    table = pd.DataFrame(office_costs(scenario, d))
    by = table.groupby(["year", "category", "municipality"])["amount_eur"].sum()
    assert by[(2027, "back_office_cost", "Aadorp")] == pytest.approx(3 * 250)
    assert by[(2028, "back_office_cost", "Beekdorp")] == pytest.approx(250)
    assert (2027, "back_office_cost", "Beekdorp") not in by
    assert by[(2027, "coordination", "Aadorp")] == pytest.approx(3 * 1.5 * 80)
    per_year = table.groupby(["year", "category"])["amount_eur"].sum()
    for year in (2027, 2028):
        assert per_year[(year, "regie")] == pytest.approx(2 * 90000)
        assert per_year[(year, "front_office_cost")] == pytest.approx(70000)
    assert set(table.loc[table["category"] == "regie", "taakveld"]) == {"0.4"}


def test_partner_share_and_commercial_contract_by_hand():
    scenario = scenario_with(fo_org="partner", bo_org="bedrijf")
    d = office_dossiers(scenario, 0, decisions([10.0, 20.0]))
    per_year = pd.DataFrame(office_costs(scenario, d)).groupby(
        ["year", "category"])["amount_eur"].sum()
    assert per_year[(2027, "front_office_cost")] == pytest.approx(0.4 * 500000)
    assert per_year[(2027, "back_office_cost")] == pytest.approx(20000 + 2 * 100)
    assert per_year[(2028, "back_office_cost")] == pytest.approx(20000)
    assert per_year[(2027, "regie")] == pytest.approx(2 * 90000)  # regie only on the BO


def test_office_pool_waits_agree_with_erlang_c():
    """Poisson openings at rate 0.8 per day, exponential service of one day, one worker
    (M/M/1, rho = 0.8): mean wait rho / (mu - lambda) = 4 days; the FO's mean wait over
    many dossiers is within a few standard errors of it."""
    rng = np.random.default_rng(7)
    times = np.cumsum(rng.exponential(1 / 0.8, 40000))
    service = rng.exponential(1.0, len(times))
    waits = fcfs_pool(times, service, 1) - times
    expected = mmc_mean_wait(0.8, 1.0, 1)
    assert expected == pytest.approx(4.0)
    batches = waits[2000:].reshape(19, 2000).mean(axis=1)  # batch means for the spread
    assert abs(batches.mean() - expected) < 3 * batches.std(ddof=1) / np.sqrt(19) + 0.2


def test_a_scenario_without_offices_is_unchanged(small_scenario):
    """The office code path is skipped: same tables to the last bit as the costs alone."""
    tables = run_replication(small_scenario, 0)
    assert not (tables["kpis"]["kpi"] == "dossiers_per_year").any()
    again = yearly_costs(tables["ledger"].drop(columns="replication"), small_scenario)
    pd.testing.assert_frame_equal(tables["yearly"].drop(columns="replication"), again)


def test_offices_leave_the_simulation_and_other_costs_as_they_were(small_scenario):
    with_offices = scenario_with()
    plain, more = run_replication(small_scenario, 0), run_replication(with_offices, 0)
    pd.testing.assert_frame_equal(plain["ledger"], more["ledger"])
    categories = {"front_office_cost", "back_office_cost", "regie", "coordination"}
    rest = more["yearly"][~more["yearly"]["category"].isin(categories)].reset_index(drop=True)
    pd.testing.assert_frame_equal(plain["yearly"], rest)
    kpis = more["kpis"].set_index("kpi")["value"]
    assert kpis["dossiers_per_year"] > 0


def test_same_seed_same_dossiers():
    scenario = scenario_with(hours={"family": "gamma", "mean": 4, "cv": 0.5})
    a, b = (run_replication(scenario, 1)["yearly"] for _ in range(2))
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("change, field", [
    (lambda o: o["domains"]["wmo"]["back_office"].update(organisation="onbekend"),
     "offices.domains.wmo.back_office.organisation"),
    (lambda o: o["organisations"]["gastheer"].update(cost_share=0.5,
                                                     shared_costs_eur_per_year=1e5),
     "offices.organisations.gastheer"),
    (lambda o: o["organisations"]["eigen"].update(tariff_per_dossier_eur=10),
     "offices.organisations.eigen.tariff_per_dossier_eur"),
    (lambda o: o["domains"].update(schuld=copy.deepcopy(o["domains"]["wmo"])),
     "offices.domains.schuld"),
])
def test_bad_offices_name_the_field(change, field):
    data = small_scenario_dict()
    data["offices"] = offices()
    change(data["offices"])
    with pytest.raises(ScenarioError) as err:
        validate_dict(data, "klein.toml")
    assert field in str(err.value)


def test_a_step_tariff_overrides_the_organisations_by_hand():
    data = small_scenario_dict()
    data["offices"] = offices(fo_org="gastheer", bo_org="gastheer")
    data["offices"]["domains"]["wmo"]["front_office"]["tariff_per_dossier_eur"] = 40
    scenario = validate_dict(data, "klein.toml")
    d = office_dossiers(scenario, 0, decisions([10.0, 20.0]))
    per_year = pd.DataFrame(office_costs(scenario, d)).groupby(
        ["year", "category"])["amount_eur"].sum()
    assert per_year[(2027, "front_office_cost")] == pytest.approx(2 * 40)
    assert per_year[(2027, "back_office_cost")] == pytest.approx(2 * 250)
    assert not d["handover"].any()


def test_a_share_of_costs_is_charged_once_per_organisation():
    """A partner running FO and BO of one domain charges its share once, half on each step."""
    scenario = scenario_with(fo_org="partner", bo_org="partner")
    d = office_dossiers(scenario, 0, decisions([10.0]))
    per_year = pd.DataFrame(office_costs(scenario, d)).groupby(
        ["year", "category"])["amount_eur"].sum()
    assert per_year[(2027, "front_office_cost")] + per_year[(2027, "back_office_cost")] \
        == pytest.approx(0.4 * 500000)
    assert per_year[(2027, "front_office_cost")] == pytest.approx(0.2 * 500000)
