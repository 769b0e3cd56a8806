"""The business-case sections of a scenario file: optional, validated, clear errors."""

from __future__ import annotations

import pytest

import simfin
from simfin.errors import ScenarioError
from simfin.scenario import validate_dict

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def test_sections_are_optional_with_defaults(small_scenario):
    bc = small_scenario.business_case
    assert bc.discount_rate == 0.0225          # Werkgroep Discontovoet 2020
    assert bc.price_base_year is None and bc.phase_in == []
    assert small_scenario.incidental == {} and small_scenario.structural == {}
    assert small_scenario.ceiling is None and small_scenario.afweging is None
    assert small_scenario.reported_years == [2027, 2028]


def test_a_full_business_section_validates(small_dict):
    small_dict.update({
        "business_case": {"discount_rate": 0.03, "price_base_year": 2024,
                          "wage_index_per_year": 0.035, "price_index_by_year": {"2027": 0.04},
                          "allocation_by_category": {"access_team": "usage",
                                                     "admin": {"key": "fixed", "shares": {
                                                         "Aadorp": 0.4, "Beekdorp": 0.6}}},
                          "phase_in": [0.5], "phase_in_by_category": {"admin": [1.0, 1.0]}},
        "incidental": {"ict": {"category": "ict_migration", "years": [2027, 2028],
                               "amount_eur": {"min": 1, "mode": 2, "max": 3},
                               "year_shares": [0.5, 0.5], "source": "offerte"}},
        "structural": {"m": {"category": "management", "amount_eur_per_year": 10}},
        "ceiling": {"amount_eur_per_year": 1e6, "open_ended_providers": ["jeugdhulp"]},
        "afweging": {"label": "Variant 1", "scores": {"governance": "++", "ict": "n.t.b."},
                     "notes": {"ict": "onbekend"}}})
    s = validate_dict(small_dict)
    assert s.business_case.price_index_by_year == {2027: 0.04}
    assert s.incidental["ict"].amount_eur.mode == 2 and s.incidental["ict"].amount_eur.is_range
    # a plain number is a known amount: min = mode = max
    m = s.structural["m"].amount_eur_per_year
    assert (m.min, m.mode, m.max) == (10, 10, 10) and not m.is_range
    assert s.business_case.allocation_by_category["access_team"].key == "usage"


@pytest.mark.parametrize(("extra", "field", "message"), [
    ({"incidental": {"i": {"category": "x", "amount_eur": 1, "years": [2030]}}},
     "incidental.i.years.0", "outside the reported years 2027–2028"),
    ({"incidental": {"i": {"category": "x", "amount_eur": {"min": 5, "mode": 2, "max": 9},
                           "years": [2027]}}},
     "incidental.i.amount_eur", "expected min <= mode <= max"),
    ({"incidental": {"i": {"category": "x", "amount_eur": "veel", "years": [2027]}}},
     "incidental.i.amount_eur", "expected a number of euros"),
    ({"incidental": {"i": {"category": "x", "amount_eur": {"min": 1, "mod": 2, "max": 3},
                           "years": [2027]}}},
     "incidental.i.amount_eur.mod", "did you mean 'mode'"),
    ({"incidental": {"i": {"category": "x", "amount_eur": 1, "years": [2027, 2028],
                           "year_shares": [1.0]}}},
     "incidental.i.year_shares", "expected 2 shares"),
    ({"incidental": {"i": {"category": "x", "amount_eur": 1, "years": [2027],
                           "allocation": {"key": "fixed", "shares": {"Aadorp": 1.0}}}}},
     "incidental.i.allocation.shares", "one share for each municipality"),
    ({"structural": {"m": {"category": "x", "amount_eur_per_year": 1,
                           "allocation": "as_simulated"}}},
     "structural.m.allocation.key", "only for simulated cost categories"),
    ({"structural": {"m": {"category": "x", "amount_eur_per_year": 1, "from_year": 2020}}},
     "structural.m.from_year", "outside the reported years"),
    ({"ceiling": {"amount_eur_per_year": 5, "open_ended_providers": ["niemand"]}},
     "ceiling.open_ended_providers.0", "unknown provider 'niemand'"),
    ({"afweging": {"scores": {"governance": "+++"}}}, "afweging.scores.governance",
     "expected one of '++', '+', '+/-', '-', '--', 'n.t.b.'"),
    ({"afweging": {"scores": {"a": "+"}, "notes": {"b": "x"}}}, "afweging.notes.b",
     "expected a score"),
    ({"business_case": {"phase_in": [0.1, 0.2, 0.3]}}, "business_case.phase_in",
     "at most 2 factors"),
    ({"business_case": {"discount_rte": 0.03}}, "business_case.discount_rte",
     "did you mean 'discount_rate'"),
])
def test_errors_name_the_field(small_dict, extra, field, message):
    small_dict.update(extra)
    with pytest.raises(ScenarioError) as err:
        validate_dict(small_dict, "variant.toml")
    assert err.value.field == field
    assert message in err.value.message
    assert str(err.value).startswith("variant.toml: ")


def test_shipped_business_scenarios_validate():
    null = simfin.load(ROOT / "scenarios/bbs-nulalternatief.toml")
    variant = simfin.load(ROOT / "scenarios/bbs-gezamenlijk.toml")
    assert null.simulation.horizon_years >= 6
    assert null.business_case.discount_rate == 0.0225
    own = {"phase_in", "phase_in_by_category", "switch"}   # the variant's own transition
    assert variant.business_case.model_dump(exclude=own) == \
        null.business_case.model_dump(exclude=own)
    assert variant.business_case.switch is not None and not variant.business_case.phase_in
    categories = {item.category for item in variant.incidental.values()}
    # double running is emergent on the timeline (the switch), not a hand-entered item
    assert categories == {"programme_management", "fit_gap", "disentanglement",
                          "ict_migration", "friction", "training", "housing"}
    assert all(item.amount_eur.is_range for item in variant.incidental.values())
    assert null.incidental == {} and null.structural == {}
