"""Loading scenario files: TOML, ``extends``, and one clear error naming file and field."""

from __future__ import annotations

import pytest
from conftest import MINIMAL_TOML

from simfin.errors import ScenarioError
from simfin.scenario import load, merge, validate_dict

BASE = MINIMAL_TOML


@pytest.fixture
def base_file(tmp_path):
    path = tmp_path / "basis.toml"
    path.write_text(BASE, encoding="utf-8")
    return path


def _error(tmp_path, text: str, name: str = "fout.toml") -> ScenarioError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load(path)
    return info.value


def test_base_file_loads(base_file):
    scenario = load(base_file)
    assert scenario.municipalities["A"].inhabitants == 10000
    assert scenario.access_team.complexity["c"].assessment_hours.mean == 6


def test_variant_overrides_one_field_and_keeps_the_rest(base_file, tmp_path):
    variant = tmp_path / "variant.toml"
    variant.write_text('extends = "basis.toml"\nname = "variant"\n'
                       '[demand_streams.wmo]\nrate_per_1000 = 25\n', encoding="utf-8")
    scenario = load(variant)
    assert scenario.name == "variant"
    assert scenario.demand_streams["wmo"].rate_per_1000 == 25
    assert scenario.demand_streams["wmo"].legal_norm_days == 42


def test_merge_is_deep_for_tables_and_replaces_other_values():
    merged = merge({"a": {"b": 1, "c": [1, 2]}, "d": 1}, {"a": {"c": [3]}, "e": 2})
    assert merged == {"a": {"b": 1, "c": [3]}, "d": 1, "e": 2}


def test_a_table_with_another_kind_replaces_the_base_table():
    base = {"f": {"kind": "pq_per_unit", "duration_multiplier": 1.1}}
    merged = merge(base, {"f": {"kind": "lump_sum", "client_places": 3}})
    assert merged == {"f": {"kind": "lump_sum", "client_places": 3}}
    same_kind = merge(base, {"f": {"kind": "pq_per_unit", "intensity_multiplier": 0.9}})
    assert same_kind["f"] == {"kind": "pq_per_unit", "duration_multiplier": 1.1,
                              "intensity_multiplier": 0.9}


def test_wrong_type_names_file_field_and_expectation(tmp_path):
    err = _error(tmp_path, BASE.replace("rate_per_1000 = 20", 'rate_per_1000 = "veel"'))
    assert err.file.endswith("fout.toml")
    assert err.field == "demand_streams.wmo.rate_per_1000"
    assert "number" in err.message
    assert str(err).startswith(str(tmp_path / "fout.toml") + ": demand_streams.wmo.rate_per_1000")


def test_negative_rate_is_rejected(tmp_path):
    err = _error(tmp_path, BASE.replace("rate_per_1000 = 20", "rate_per_1000 = -3"))
    assert err.field == "demand_streams.wmo.rate_per_1000"
    assert "greater than or equal to 0" in err.message


def test_nan_rate_is_rejected(tmp_path):
    err = _error(tmp_path, BASE.replace("rate_per_1000 = 20", "rate_per_1000 = nan"))
    assert err.field == "demand_streams.wmo.rate_per_1000"


def test_shares_must_sum_to_one(tmp_path):
    err = _error(tmp_path, BASE.replace("light_help = 0.5,", "light_help = 0.4,"))
    assert err.field == "demand_streams.wmo.outcomes"
    assert "sum to 1" in err.message and "0.9" in err.message


def test_typo_gets_a_did_you_mean(tmp_path):
    err = _error(tmp_path, BASE.replace("legal_norm_days", "legal_norm_dayz"))
    assert err.field == "demand_streams.wmo.legal_norm_dayz"
    assert "did you mean 'legal_norm_days'?" in err.message


def test_unknown_field_suggests_the_right_name(tmp_path):
    err = _error(tmp_path, BASE.replace("caseload_per_fte = 30", "caseload_per_fte = 30\nfte_caseload = 3"))
    assert err.field == "access_team.fte_caseload"
    assert "did you mean" in err.message or "expected one of" in err.message


def test_missing_field_is_named(tmp_path):
    err = _error(tmp_path, BASE.replace("legal_norm_days = 42\n", ""))
    assert err.field == "demand_streams.wmo.legal_norm_days"
    assert "missing" in err.message


def test_unknown_reference_is_named(tmp_path):
    err = _error(tmp_path, BASE.replace("complexity_mix = { c = 1.0 }", "complexity_mix = { x = 1.0 }"))
    assert err.field == "demand_streams.wmo.complexity_mix.x"
    assert "'c'" in err.message


def test_referral_without_products_is_rejected(tmp_path):
    err = _error(tmp_path, BASE.replace("general_facility = 0.5, referral = 0.0",
                                        "general_facility = 0.25, referral = 0.25"))
    assert err.field == "demand_streams.wmo.referral_products"


def test_invalid_toml_is_one_error(tmp_path):
    err = _error(tmp_path, BASE + "\n[[[ kapot")
    assert err.field == ""
    assert "TOML" in err.message


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(BASE.replace("basis", "b\xe9sis").encode("latin-1"))
    with pytest.raises(ScenarioError, match="UTF-8"):
        load(path)


def test_missing_file(tmp_path):
    with pytest.raises(ScenarioError, match="file not found"):
        load(tmp_path / "nergens.toml")


def test_missing_base_file(tmp_path):
    err = _error(tmp_path, 'extends = "weg.toml"\nname = "x"\n')
    assert err.field == "extends"
    assert "not found" in err.message


def test_extends_cycle(tmp_path):
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a.toml"\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match="cycle"):
        load(tmp_path / "a.toml")


def test_scenarios_are_frozen(base_file):
    scenario = load(base_file)
    with pytest.raises(Exception):  # noqa: B017, PT011 - pydantic's frozen-instance error
        scenario.name = "anders"


def test_validate_dict_without_file_names_a_placeholder():
    with pytest.raises(ScenarioError) as info:
        validate_dict({"name": "x"})
    assert info.value.file == "<scenario>"
