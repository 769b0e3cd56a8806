"""One ScenarioError per mistake: every pydantic error type, file-level problems, extends.

Each case checks the exact field named and a phrase of the message, and first asserts
that the mistake really produces the pydantic error type it is meant to cover (so the
list stays honest when the schema changes).
"""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest
from conftest import small_scenario_dict
from pydantic import ValidationError
from toml_text import to_toml

import simfin
from simfin.errors import ScenarioError
from simfin.scenario import load, validate_dict
from simfin.scenario.messages import _message
from simfin.scenario.schema import Scenario

DIST = ("access_team", "complexity", "licht", "assessment_hours")


def _set(path, value):
    def mutate(d):
        holder = d
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = value
    return mutate


def _drop(path):
    def mutate(d):
        holder = d
        for part in path[:-1]:
            holder = holder[part]
        del holder[path[-1]]
    return mutate


# (pydantic error type, mutation, field that must be named, phrase in the message)
CASES = [
    ("missing", _drop(("access_team", "fte")), "access_team.fte",
     "required field is missing; expected a number"),
    ("extra_forbidden", _set(("access_team", "caseload"), 3), "access_team.caseload",
     "did you mean 'caseload_per_fte'?"),
    ("extra_forbidden", _set((*DIST, "meen"), 3),
     "access_team.complexity.licht.assessment_hours.meen", "did you mean 'mean'?"),
    ("float_parsing", _set(("access_team", "fte"), "zes"), "access_team.fte",
     'expected a number, got text "zes"'),
    ("float_type", _set(("access_team", "fte"), [6]), "access_team.fte",
     "expected a number, got a list"),
    ("float_type", _set(("access_team", "fte"), 10**400), "access_team.fte",
     "expected a number below 1e308, got a number of 401 digits"),
    ("finite_number", _set(("access_team", "fte"), float("inf")), "access_team.fte",
     "expected a finite number, got inf"),
    ("int_type", _set(("simulation", "seed"), [1]), "simulation.seed",
     "expected a whole number, got a list"),
    ("int_parsing", _set(("simulation", "seed"), "een"), "simulation.seed",
     'expected a whole number, got text "een"'),
    ("int_from_float", _set(("simulation", "horizon_years"), 2.5), "simulation.horizon_years",
     "expected a whole number, got 2.5"),
    ("greater_than", _set(("access_team", "fte"), 0), "access_team.fte",
     "expected a number greater than 0"),
    ("greater_than_equal", _set(("demand_streams", "wmo", "rate_per_1000"), -3),
     "demand_streams.wmo.rate_per_1000", "expected a number greater than or equal to 0"),
    ("less_than", _set(("access_team", "absence_rate"), 1.0), "access_team.absence_rate",
     "expected a number less than 1"),
    ("less_than_equal", _set(("simulation", "horizon_years"), 10**30), "simulation.horizon_years",
     "expected a number less than or equal to 30, got a number of 31 digits"),
    ("string_type", _set(("name",), 5), "name", "expected text in quotes, got 5"),
    ("string_too_short", _set(("name",), ""), "name", "expected at least 1 character"),
    ("string_too_long", _set(("name",), "x" * 81), "name", "expected at most 80 characters"),
    ("string_too_short", _set(("municipalities", ""), {"inhabitants": 5}), "municipalities",
     'expected names of at least 1 character(s) as keys, got text ""'),
    ("too_short", _set(("providers", "jeugdhulp", "products"), []),
     "providers.jeugdhulp.products", "expected at least 1 item, got 0"),
    ("too_short", _set(("municipalities",), {}), "municipalities", "expected at least 1 item"),
    ("literal_error", _set(("products", "ambulant", "unit"), "Hour"), "products.ambulant.unit",
     "expected one of 'hour', 'day', 'dagdeel', got text \"Hour\"; did you mean 'hour'?"),
    ("union_tag_invalid", _set((*DIST, "family"), "normaal"),
     "access_team.complexity.licht.assessment_hours.family", "expected one of 'fixed'"),
    ("union_tag_invalid", _set(("providers", "jeugdhulp", "financing", "kind"), "lumpsum"),
     "providers.jeugdhulp.financing.kind", "did you mean 'lump_sum'?"),
    ("union_tag_not_found", _drop((*DIST, "family")),
     "access_team.complexity.licht.assessment_hours.family",
     "required field is missing; expected one of 'exponential', 'fixed', 'gamma'"),
    ("model_type", _set(("simulation",), 5), "simulation", "expected a table, got 5"),
    ("model_attributes_type", _set(DIST, 6), "access_team.complexity.licht.assessment_hours",
     "expected a table, got 6"),
    ("dict_type", _set(("municipalities",), ["Aadorp"]), "municipalities",
     "expected a table, got a list"),
    ("list_type", _set(("providers", "jeugdhulp", "products"), "ambulant"),
     "providers.jeugdhulp.products", 'expected a list, got text "ambulant"'),
    ("value_error", _set(("demand_streams", "jeugd", "reentry_delay_days"),
                         {"family": "uniform", "low": 9, "high": 1}),
     "demand_streams.jeugd.reentry_delay_days", "expected low <= high"),
    ("value_error", _set(("demand_streams", "wmo", "outcomes", "referral"), 0.5),
     "demand_streams.wmo.outcomes", "expected shares that sum to 1, got 1.2"),
    ("value_error", _set(("demand_streams", "wmo", "complexity_mix"),
                         {"licht": 0.5, "midden": 0.5}),
     "demand_streams.wmo.complexity_mix.midden", "unknown complexity level; expected one of"),
    ("extra_forbidden", _set(("simulation", "a.b"), 1), 'simulation."a.b"', "unknown field"),
]


@pytest.mark.parametrize(("kind", "mutate", "field", "phrase"), CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_each_pydantic_error_type_names_the_field(kind, mutate, field, phrase):
    data = small_scenario_dict()
    mutate(data)
    with pytest.raises(ValidationError) as raw:
        Scenario.model_validate(data)
    types = [e["type"] for e in raw.value.errors()]
    assert kind in types, types
    with pytest.raises(ScenarioError) as info:
        validate_dict(data, "s.toml")
    assert info.value.field == field
    assert phrase in info.value.message
    assert str(info.value) == f"s.toml: {field}: {info.value.message}"


@pytest.mark.parametrize(("value", "shown"),
                         [(True, "true"), (False, "false"), ("20", 'text "20"')])
@pytest.mark.parametrize("path", [("access_team", "fte"), ("simulation", "replications"),
                                  ("municipalities", "Aadorp", "age_shares", "jong"),
                                  (*DIST, "mean")])
def test_booleans_and_quoted_numbers_are_not_numbers(path, value, shown):
    data = small_scenario_dict()
    _set(path, value)(data)
    with pytest.raises(ScenarioError) as info:
        validate_dict(data, "s.toml")
    assert info.value.field == ".".join(path)
    what = "a whole number" if path[-1] == "replications" else "a number"
    assert info.value.message == f"expected {what}, got {shown}"


def test_an_unknown_error_type_still_says_what_was_expected():
    _, message = _message({"type": "some_new_check", "msg": "Input is odd", "input": 3}, [], None)
    assert message == "expected a valid value: Input is odd (got 3)"


def test_non_table_data_is_a_scenario_error():
    with pytest.raises(ScenarioError, match="expected a table, got a list"):
        validate_dict([1, 2], "s.toml")


# --- file level -------------------------------------------------------------------------

@pytest.fixture
def good_text() -> str:
    return to_toml(small_scenario_dict())


def _load_error(path) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        load(path)
    return info.value


def test_a_utf8_byte_order_mark_is_accepted(tmp_path, good_text):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + good_text.encode("utf-8"))
    assert load(path).name == "klein"


def test_toml_syntax_error_names_line_column_and_key(tmp_path, good_text):
    path = tmp_path / "s.toml"
    path.write_text(good_text.replace("rate_per_1000 = 20", "rate_per_1000 = 2O"), encoding="utf-8")
    err = _load_error(path)
    line = good_text.splitlines().index("rate_per_1000 = 20") + 1
    assert err.field == "demand_streams.wmo.rate_per_1000"
    assert err.message.startswith(f"expected valid TOML at line {line}, column ")


def test_non_utf8_names_byte_and_line(tmp_path, good_text):
    path = tmp_path / "s.toml"
    text = good_text.replace('name = "klein"', 'name = "Súdwest"')
    path.write_bytes(text.encode("latin-1"))
    err = _load_error(path)
    assert err.field == ""
    assert err.message == f"expected UTF-8 text, byte {text.index('ú')} (line 1) is not; " \
        "save the file as UTF-8"


def test_spreadsheet_export_gets_a_hint(tmp_path):
    path = tmp_path / "s.toml"
    path.write_bytes("gemeente;inwoners\nBaarn;24.973\n".encode("cp1252"))
    assert "spreadsheet or CSV export" in _load_error(path).message


@pytest.mark.parametrize("make", ["directory", "long", "nul"])
def test_odd_paths_are_scenario_errors(tmp_path, make):
    path = {"directory": tmp_path, "long": tmp_path / ("x" * 5000),
            "nul": tmp_path / "a\x00b"}[make]
    err = _load_error(path)
    assert err.field == "" and err.message.startswith(("expected", "file not found"))


def test_symlink_loop_is_a_scenario_error(tmp_path):
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    _load_error(tmp_path / "a.toml")
    variant = tmp_path / "v.toml"
    variant.write_text('extends = "a.toml"\n', encoding="utf-8")
    assert _load_error(variant).field in ("", "extends")


def test_unreadable_file(tmp_path, good_text, monkeypatch):
    # Permissions cannot be relied on (tests may run as root): make opening fail instead.
    path = tmp_path / "s.toml"
    path.write_text(good_text, encoding="utf-8")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    err = _load_error(path)
    assert (err.field, err.message) == ("", "expected a readable file, cannot read it "
                                            "(Permission denied)")


# --- extends: which file is named ---------------------------------------------------------

def test_error_in_the_base_names_the_base_file(tmp_path, good_text):
    (tmp_path / "basis.toml").write_text(good_text.replace("fte = 6", "fte = -6"), encoding="utf-8")
    variant = tmp_path / "variant.toml"
    variant.write_text('extends = "basis.toml"\nname = "variant"\n', encoding="utf-8")
    err = _load_error(variant)
    assert (err.file, err.field) == (str(tmp_path / "basis.toml"), "access_team.fte")


def test_error_the_variant_introduces_names_the_variant(tmp_path, good_text):
    (tmp_path / "basis.toml").write_text(good_text, encoding="utf-8")
    variant = tmp_path / "variant.toml"
    variant.write_text('extends = "basis.toml"\n[demand_streams.wmo.outcomes]\nreferral = 0.5\n',
                       encoding="utf-8")
    err = _load_error(variant)
    assert (err.file, err.field) == (str(variant), "demand_streams.wmo.outcomes")


def test_extends_must_be_a_path(tmp_path):
    path = tmp_path / "v.toml"
    path.write_text("extends = 5\n", encoding="utf-8")
    err = _load_error(path)
    assert (err.field, err.message) == ("extends", "expected the path of a base scenario file "
                                                   "in quotes, got 5")


def test_dates_are_not_numbers(tmp_path, good_text):
    path = tmp_path / "s.toml"
    path.write_text(good_text.replace("fte = 6", "fte = 2027-01-01"), encoding="utf-8")
    err = _load_error(path)
    assert (err.field, err.message) == ("access_team.fte",
                                        f"expected a number, got a date or time "
                                        f"({dt.date(2027, 1, 1).isoformat()})")


def test_simfin_load_is_the_same_loader():
    assert simfin.load is load
