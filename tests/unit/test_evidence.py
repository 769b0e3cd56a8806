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
