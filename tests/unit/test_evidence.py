"""Evidence register: classes and ranges read from the scenario files' comments."""

import math

from simfin.business.evidence import (changed_parameters, classify, comment_range,
                                      declared_ranges, evidence_register)
from simfin.scenario import load_uncertain
from simfin.scenario.sources import read_sources

NULL, VARIANT = "scenarios/bbs-nulalternatief.toml", "scenarios/bbs-gezamenlijk.toml"
POLICY = ["demand_streams.jeugd.resolved_0e_share", "demand_streams.jeugd.outcomes.referral",
          "demand_streams.wmo.resolved_0e_share", "demand_streams.wmo.outcomes.referral"]


def test_classes_follow_the_weakest_step():
    assert classify("source: CBS StatLine 85099NED, 2023") == "sourced"
    assert classify("derived by calibration: 1 -> 1.197") == "derived"
    assert classify("source: Rotterdam 4.4% (derived); assumption: half that rate") == \
        "assumption"
    assert classify("no effect size was found (NOT FOUND); range 0–6") == "assumption"
    assert classify("") == "assumption"


def test_comment_range_only_in_the_parameters_units():
    assert comment_range("assumption; range €700k–€1.2M", 850000) == (700000.0, 1200000.0)
    assert comment_range("assumption; range 250,000–600,000", 375000) == (250000.0, 600000.0)
    # "0–6 points" is not a range of a share of 0.52
    assert all(math.isnan(x) for x in comment_range("range 0–6 points", 0.52, "share"))
    # a range that does not contain the value is not its range
    assert all(math.isnan(x) for x in comment_range("range 1–3 persons", 40000))


def _register():
    scenarios, sources, declared = {}, {}, {}
    for path in (NULL, VARIANT):
        u = load_uncertain(path)
        scenarios[u.base.name] = u.base
        sources[u.base.name] = read_sources(path)
        declared[u.base.name] = declared_ranges(u.base, u)
    return evidence_register(scenarios, sources, declared)


def test_bbs_policy_effects_are_assumptions_with_their_declared_range():
    register = _register()
    changed = changed_parameters(register, "bbs-nulalternatief", "bbs-gezamenlijk")
    policy = changed.set_index("parameter").loc[POLICY]
    assert (policy["class"] == "assumption").all()
    assert (policy["mechanism"] == "policy").all()
    # the declared (dist) range holds both the assumed value and "no effect" (the null's)
    for row in policy.itertuples():
        assert row.low <= row.value <= row.high
        assert row.low <= row.reference <= row.high
    # the item range comes from {min, mode, max}, one row per item
    items = register[register["parameter"] == "incidental.ict.amount_eur"]
    assert items[["value", "low", "high"]].to_numpy().tolist() == [[300000.0, 150000.0, 750000.0]]


def test_oorzaken_euros_resting_on_assumptions():
    """A mechanism whose changed parameters include an assumption has all its euros resting
    on assumptions; one whose changes are all sourced has none; unchanged mechanisms none."""
    import pandas as pd

    from simfin.business.evidence import mechanism_evidence

    register = pd.DataFrame([
        ("null", "demand_streams.jeugd.outcomes.referral", 0.55, "share", "assumption", "", 0, 1),
        ("var", "demand_streams.jeugd.outcomes.referral", 0.52, "share", "assumption", "", 0, 1),
        ("null", "organisation.fixed_costs_eur_per_organisation", 6e5, "", "sourced", "", 0, 0),
        ("var", "organisation.fixed_costs_eur_per_organisation", 8e5, "", "sourced", "", 0, 0),
        ("null", "access_team.fte", 60.0, "fte", "assumption", "", 0, 0),
        ("var", "access_team.fte", 60.0, "fte", "assumption", "", 0, 0)],
        columns=["variant", "parameter", "value", "unit", "class", "source", "low", "high"])
    summary = pd.DataFrame([("var", "policy", "", 1.8e6, 0.0), ("var", "fixed_costs", "", -2e5, 0.0),
                            ("var", "capacity", "", -1e4, 0.0), ("var", "total", "", 1.59e6, 1.0)],
                           columns=["variant", "mechanism", "label", "saving_eur_per_year",
                                    "share_of_total"])
    found = mechanism_evidence(register, summary, "null").set_index("mechanism")
    assert found.at["policy", "assumption_eur_per_year"] == 1.8e6
    assert found.at["policy", "n_assumption"] == 1
    assert found.at["fixed_costs", "assumption_eur_per_year"] == 0.0
    assert found.at["fixed_costs", "n_sourced"] == 1
    assert found.at["capacity", "assumption_eur_per_year"] == 0.0   # fte unchanged
