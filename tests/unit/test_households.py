"""Households (``[households]``): grouping, one integral intake, the integral-work effect."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simfin.errors import ScenarioError
from simfin.scenario import validate_dict
from simfin.sim.cases import OUTCOMES, draw_cases
from simfin.sim.households import form_households
from simfin.sim.model import simulate
from conftest import small_scenario_dict


def _with(households: dict | None = None, mode: str = "integral", **team) -> dict:
    d = small_scenario_dict()
    if households is not None:
        d["households"] = households
    d["access_team"].update(intake_mode=mode, **team)
    return d


@pytest.mark.parametrize("mode", ["integral", "per_domain"])
def test_households_of_one_request_give_todays_results_bit_for_bit(mode):
    """Households that each ask in one domain are today's cases: the grouping draws on its
    own stream only, so the ledger and monitor are identical to the last bit."""
    for replication in (0, 1):
        today = simulate(validate_dict(_with(None, mode)), replication)
        grouped = simulate(validate_dict(_with({"domains_share": [1.0]}, mode)), replication)
        pd.testing.assert_frame_equal(today.ledger, grouped.ledger, check_exact=True)
        pd.testing.assert_frame_equal(today.monitor, grouped.monitor, check_exact=True)


def _fixed_hours_dict(mode: str, plan_share: float) -> dict:
    """Every intake takes exactly 5 hours; a team so large nobody waits."""
    d = _with({"domains_share": [0.5, 0.5]}, mode, fte=60, integral_plan_share=plan_share)
    for level in d["access_team"]["complexity"].values():
        level["assessment_hours"] = {"family": "fixed", "value": 5}
    return d


def _intake_hours_by_household(mode: str, plan_share: float) -> pd.Series:
    out = simulate(validate_dict(_fixed_hours_dict(mode, plan_share)), 0)
    rows = out.ledger[(out.ledger["activity"] == "assessment") & (out.ledger["episode"] == 0)
                      & (out.ledger["t_arrival"] >= 0) & (out.ledger["t_end"] < 300)]
    household = out.cases.household[rows["case_id"].to_numpy()]
    domains = out.cases.household_domains[rows["case_id"].to_numpy()]
    frame = pd.DataFrame({"household": household, "domains": domains,
                          "hours": rows["units"].to_numpy()})
    return frame.groupby(["household", "domains"])["hours"].sum()


def test_one_integral_intake_saves_exactly_the_duplicated_hours():
    """Hand-computed: intakes of 5 hours, joint plan 0.25 of an intake per extra domain.
    Per domain, a household in 2 domains takes 2 x 5 = 10 hours; integrally one intake of
    5 x (1 + 0.25) = 6.25 hours: it saves (2 - 1) x 5 x (1 - 0.25) = 3.75 hours."""
    per_domain = _intake_hours_by_household("per_domain", 0.25)
    integral = _intake_hours_by_household("integral", 0.25)
    both = pd.concat({"per_domain": per_domain, "integral": integral}, axis=1).dropna()
    two = both.xs(2, level="domains")
    assert len(two) > 50
    np.testing.assert_allclose(both.xs(1, level="domains"), 5.0, rtol=1e-9)
    np.testing.assert_allclose(two["per_domain"], 10.0, rtol=1e-9)
    np.testing.assert_allclose(two["integral"], 6.25, rtol=1e-9)
    np.testing.assert_allclose(two["per_domain"] - two["integral"], 3.75, rtol=1e-9)


def test_the_household_waits_once_and_its_other_requests_start_at_its_decision():
    d = _with({"domains_share": [0.3, 0.7]}, "integral", fte=3)
    out = simulate(validate_dict(d), 0)
    ledger, cases = out.ledger, out.cases
    intake = ledger[(ledger["activity"] == "assessment") & (ledger["episode"] == 0)
                    ].set_index("case_id")
    members = np.flatnonzero(cases.household != np.arange(cases.n))
    members = [m for m in members if m in intake.index and cases.household[m] in intake.index]
    assert len(members) > 50
    lead = cases.household[members]
    mine, theirs = intake.loc[members], intake.loc[lead]
    np.testing.assert_array_equal(mine["t_arrival"].to_numpy(), theirs["t_arrival"].to_numpy())
    np.testing.assert_array_equal(mine["t_start"].to_numpy(), theirs["t_start"].to_numpy())
    assert (mine["units"] == 0).all() and (theirs["units"] > 0).all()
    after = ledger[ledger["case_id"].isin(members) & (ledger["episode"] == 0)
                   & (ledger["activity"] != "assessment")]
    decided = intake["t_end"].reindex(cases.household[after["case_id"].to_numpy()]).to_numpy()
    ok = ~np.isnan(decided)
    assert ok.sum() > 20
    assert (after["t_arrival"].to_numpy()[ok] >= decided[ok] - 1e-9).all()


def test_households_by_number_of_domains_follow_the_shares():
    """With requests of both streams plentiful, 40% of the households that reach the team
    ask in two domains (binomial 99.9% interval)."""
    scenario = validate_dict(_with({"domains_share": [0.6, 0.4]}))
    shares = []
    for replication in range(3):
        cases = form_households(scenario, replication, draw_cases(scenario, replication))
        first = (cases.household == np.arange(cases.n)) & ~cases.resolved_0e
        shares.append((cases.household_domains[first] == 2).mean())
        n = first.sum()
        assert abs(shares[-1] - 0.4) < 3.3 * np.sqrt(0.4 * 0.6 / n)
    # the number of requests per stream is unchanged by the grouping
    raw = draw_cases(scenario, 0)
    grouped = form_households(scenario, 0, raw)
    np.testing.assert_array_equal(np.bincount(raw.stream), np.bincount(grouped.stream))


def _effect_cases(reduction: float, years: float, mode: str = "integral"):
    d = _with({"domains_share": [0.2, 0.8],
               "effect": {"products": ["ambulant"], "reduction": reduction, "years": years}},
              mode)
    scenario = validate_dict(d)
    return form_households(scenario, 0, draw_cases(scenario, 0))


def test_integral_work_avoids_the_stated_share_of_referrals_of_multi_domain_households():
    referral, ambulant = OUTCOMES.index("referral"), 0  # products sorted: ambulant first
    none = _effect_cases(0.0, 0)
    all_ = _effect_cases(1.0, 0)
    multi = none.household_domains[:, None] > 1
    target = (none.outcome == referral) & (none.product == ambulant) & multi
    assert target.sum() > 100
    assert not ((all_.product == ambulant) & (all_.household_domains[:, None] > 1)).any()
    assert ((all_.product == ambulant) == (none.product == ambulant) & ~multi).all()
    forty = _effect_cases(0.4, 0)
    avoided = (forty.outcome == OUTCOMES.index("light_help")) & target
    share, n = avoided.sum() / target.sum(), target.sum()
    assert abs(share - 0.4) < 3.3 * np.sqrt(0.24 / n)
    per_domain = _effect_cases(1.0, 0, "per_domain")  # no integral work, no effect
    np.testing.assert_array_equal(per_domain.product, none.product)


def test_the_effect_grows_linearly_to_its_full_size_after_the_stated_years():
    ramp = _effect_cases(1.0, 4)
    none = _effect_cases(0.0, 0)
    target = ((none.outcome == OUTCOMES.index("referral")) & (none.product == 0)
              & (none.household_domains[:, None] > 1))
    avoided = target & (ramp.product == -1)
    warmup = none.arrival < 0
    assert not avoided[warmup].any()  # no effect before integral work starts
    year_two = (none.arrival >= 365) & (none.arrival < 730)  # ramp 0.25 to 0.5
    share = avoided[year_two].sum() / target[year_two].sum()
    assert 0.2 < share < 0.55


@pytest.mark.parametrize("households, field", [
    ({"domains_share": [0.5, 0.4]}, "households.domains_share"),
    ({"domains_share": [0.5, 0.3, 0.2]}, "households.domains_share"),
    ({"domains_share": [1.0], "effect": {"products": ["nope"]}}, "households.effect.products.0"),
])
def test_bad_households_name_the_field(households, field):
    with pytest.raises(ScenarioError) as info:
        validate_dict(_with(households), "bch.toml")
    assert field in str(info.value) and "bch.toml" in str(info.value)


def test_stream_domains_and_households_do_not_mix():
    d = _with({"domains_share": [1.0]})
    d["demand_streams"]["wmo"]["domains"] = 2
    with pytest.raises(ScenarioError, match="demand_streams.wmo.domains"):
        validate_dict(d, "bch.toml")


def test_a_household_is_simulated_as_a_whole_under_a_pruned_warm_up():
    """Pruning leaves out warm-up requests that would be done before it matters; a household
    is kept or left out as a whole, so no request starts from a household intake that never ran."""
    d = _with({"domains_share": [0.3, 0.7]}, "integral")
    d["simulation"].update(warmup_years=3, warmup_method="prune", warmup_full_years=1)
    from simfin.sim.model import Simulation
    sim = Simulation(validate_dict(d), 0)
    kept = sim.simulated()
    household = sim.cases.household
    assert (~kept).any() and kept.any()
    np.testing.assert_array_equal(kept, kept[household])
    out = sim.run()
    intake = out.ledger[(out.ledger["activity"] == "assessment") & (out.ledger["episode"] == 0)]
    ids = intake["case_id"].to_numpy()
    members = ids[household[ids] != ids]
    assert len(members) > 20
    # a member's intake row ends at its household's intake start, so the household's own
    # intake row (ending later) is in the ledger too
    assert np.isin(household[members], ids).all()


def test_shipped_bch_scenarios_set_the_question_of_the_bch_note():
    from simfin.scenario import load
    from conftest import SCENARIOS

    now, integral = (load(SCENARIOS / f"bch-{n}.toml") for n in ("per-domein", "integraal"))
    assert {n: m.inhabitants for n, m in now.municipalities.items()} == {
        "Bergen": 29718, "Castricum": 36616, "Heiloo": 24342}  # CBS 1 January 2025
    assert now.access_team.intake_mode == "per_domain"
    assert integral.access_team.intake_mode == "integral"
    assert now.households.domains_share == integral.households.domains_share
    assert now.households.effect is None and integral.households.effect.reduction == 0.40
    assert now.households.transaction_costs.transaction_range_eur() == pytest.approx(
        (20_000 / 3, 75_000 / 3), rel=1e-3)
    assert now.ceiling is not None and now.ceiling.open_ended_providers == ["jeugdhulp_regio"]
