"""Providers carry an optional Dutch ``label`` (issue 29): validated like every text of a
scenario file, given in every shipped scenario, and shown wherever outputs name a provider
(run workbook, ceiling text, model card) instead of the ``[providers.<key>]`` key."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import small_scenario_dict

import simfin
from simfin.errors import ScenarioError
from simfin.report.modelkaart import run_model_card
from simfin.report.names import provider_label, provider_labels
from simfin.report.xlsx import write_workbook
from simfin.scenario import validate_dict

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.toml"))


def _labelled() -> dict:
    data = small_scenario_dict()
    data["providers"]["jeugdhulp"]["label"] = "Jeugdhulpaanbieders in de regio"
    return data


def test_the_label_is_optional_and_falls_back_to_the_key():
    plain = validate_dict(small_scenario_dict())
    assert all(p.label == "" for p in plain.providers.values())
    assert provider_label(plain, "jeugdhulp") == "Jeugdhulp"
    assert provider_label(plain, "wmo_zorg") == "Wmo zorg"   # the key made readable
    named = validate_dict(_labelled())
    assert provider_labels(named)["jeugdhulp"] == "Jeugdhulpaanbieders in de regio"


@pytest.mark.parametrize("bad", ["x" * 121, 12, "Aanbieder\u202egeheim"])
def test_a_bad_label_is_a_scenario_error_naming_the_field(bad):
    data = small_scenario_dict()
    data["providers"]["jeugdhulp"]["label"] = bad
    with pytest.raises(ScenarioError, match=r"providers\.jeugdhulp\.label"):
        validate_dict(data)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_every_shipped_provider_has_a_dutch_label(path):
    scenario = simfin.load(path)
    for key, provider in scenario.providers.items():
        assert provider.label and provider.label != key, (path.name, key)
        assert "_" not in provider.label


@pytest.fixture(scope="module")
def run():
    return simfin.run(validate_dict(_labelled()), replications=2)


def test_the_run_workbook_and_model_card_name_the_provider_by_its_label(run, tmp_path):
    path = write_workbook(run, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    sheet = next(ws for ws in wb if any(c.value == "Aanbieder" for c in ws[1]))
    column = [c.value for c in ws_column(sheet, "Aanbieder")]
    assert "Jeugdhulpaanbieders in de regio" in column
    assert "jeugdhulp" not in column and "wmo_zorg" not in column
    card = run_model_card(run)
    section = card.split("### 2.3")[1].split("### 2.4")[0]
    assert "Jeugdhulpaanbieders in de regio: " in section and "jeugdhulp:" not in section
    assert "Wmo zorg: " in section and "wmo_zorg" not in section


def ws_column(sheet, head: str):
    index = next(i for i, c in enumerate(sheet[1]) if c.value == head)
    return [row[index] for row in sheet.iter_rows(min_row=2)]
