"""Scenario changes made in Python (``with_changes``, ``load(changes=...)``) are validated like a
file and give the same results as the same change written as a TOML variant (``extends``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import simfin
from simfin.errors import ScenarioError

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
BASE = SCENARIOS / "jeugd-60k.toml"
SMALL = {"simulation.horizon_years": 2, "simulation.warmup_years": 1}
LUMP_SUM = {"kind": "lump_sum", "budget_eur_per_year": 5_150_000,
            "cost_per_client_year_eur": 8134.29, "duration_multiplier": 0.9}
CHANGES = {**SMALL, "access_team.fte": 12.5,
           "providers.jeugdhulp_ambulant.financing": LUMP_SUM,
           "products.jeugd_verblijf.tariff_eur": 99.0}
VARIANT = f"""
extends = "{BASE.as_posix()}"

[simulation]
horizon_years = 2
warmup_years = 1

[access_team]
fte = 12.5

[providers.jeugdhulp_ambulant.financing]
kind = "lump_sum"
budget_eur_per_year = 5150000
cost_per_client_year_eur = 8134.29
duration_multiplier = 0.9

[products.jeugd_verblijf]
tariff_eur = 99.0
"""


@pytest.fixture(scope="module")
def base():
    return simfin.load(BASE)


def test_with_changes_equals_a_toml_variant(base, tmp_path_factory):
    variant = tmp_path_factory.mktemp("variant") / "variant.toml"
    variant.write_text(VARIANT, encoding="utf-8")
    from_file = simfin.load(variant)
    assert base.with_changes(CHANGES) == from_file
    assert simfin.load(BASE, changes=CHANGES) == from_file


def test_same_results_from_python_and_from_a_variant_file(base, tmp_path_factory):
    variant = tmp_path_factory.mktemp("variant") / "variant.toml"
    variant.write_text(VARIANT, encoding="utf-8")
    in_python = simfin.run(base.with_changes(CHANGES), replications=1)
    in_file = simfin.run(variant, replications=1)  # run also takes a path
    for table in ("ledger", "yearly", "kpis"):
        pd.testing.assert_frame_equal(getattr(in_python, table), getattr(in_file, table))
    assert in_python.yearly["amount_eur"].sum() > 0


def test_the_original_is_unchanged(base):
    changed = base.with_changes({"access_team.fte": 50})
    assert changed.access_team.fte == 50
    assert base.access_team.fte != 50


@pytest.mark.parametrize(("changes", "field", "says"), [
    ({"access_team.ftee": 5}, "access_team.ftee", "did you mean 'fte'"),
    ({"access_team.fte": -1}, "access_team.fte", "greater than"),
    ({"access_team.fte": "5"}, "access_team.fte", "expected a number"),
    ({"providers.X.financing.kind": "lump_sum"}, "providers.X.financing.kind", "unknown name 'X'"),
    ({"providers.jeugdhulp_ambulant.financing.kind": "lump_sum"},
     "providers.jeugdhulp_ambulant.financing.budget_eur_per_year", "missing"),
    ({"extends": "other.toml"}, "extends", "only has a meaning in a file"),
])
def test_a_wrong_change_names_its_dotted_path(base, changes, field, says):
    for attempt in (lambda: base.with_changes(changes), lambda: simfin.load(BASE, changes=changes)):
        with pytest.raises(ScenarioError) as info:
            attempt()
        assert info.value.file == "changes"
        assert info.value.field == field
        assert says in info.value.message
