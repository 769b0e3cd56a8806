"""The sheets Omslagpunten and Bewijsregister show what the council document shows (issue 29):
a switching value outside the assumption's range is not presented as a result, and the
source is the class with its public addresses, never the scenario file's English comment."""

from __future__ import annotations

import math
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest
from conftest import small_scenario_dict

from simfin.business.switching import SWITCHING_COLUMNS
from simfin.report.omslagpunten import (
    add_evidence_sheets,
    council_source,
    deciding_lines,
    omslag_table,
)
from simfin.scenario import validate_dict

COMMENT_OK = ("source: CBS population 2025 (original: CBS StatLine 03759ned), "
              "https://example.org/cbs-tabel")
COMMENT_NF = "assumption: referral share NOT FOUND; range 0.4-0.6"


def _scenarios():
    out = {}
    for name, title in (("nul", "Variant 0: huidige situatie"), ("var", "Variant 1: samen")):
        data = small_scenario_dict()
        data["name"] = name
        data["afweging"] = {"label": title}
        out[name] = validate_dict(data, f"{name}.toml")
    return out


def _switch(lever, criterion, status, share, value, klass="assumption", source=COMMENT_NF):
    row = dict.fromkeys(SWITCHING_COLUMNS, math.nan)
    row.update(variant="var", lever=lever, label=lever, mechanism="policy", category="",
               parameters=lever, criterion=criterion, assumed_value=0.52,
               reference_value=0.55, switching_value=value, share=share, status=status,
               method="exact (linear)", effect_eur=-1_000_000.0, replications=3,
               source=source, **{"class": klass})
    return row


@pytest.fixture()
def case():
    lever_in = "demand_streams.jeugd.outcomes.referral"
    lever_out = "demand_streams.wmo.outcomes.referral"
    switching = pd.DataFrame([
        _switch(lever_in, "npv", "flip", 0.6, 0.532),
        _switch(lever_in, "structural", "flip", 0.4, 0.538),
        # the flip lies at 240% of the assumed change: outside the range
        _switch(lever_out, "npv", "outside", 2.4, 0.428),
        _switch(lever_out, "structural", "none", math.nan, math.nan),
    ], columns=SWITCHING_COLUMNS)
    register = pd.DataFrame([
        ("nul", "municipalities.Aadorp.inhabitants", 20000.0, "inhabitants", "sourced", COMMENT_OK,
         math.nan, math.nan),
        ("var", "demand_streams.jeugd.outcomes.referral", 0.52, "share", "assumption",
         COMMENT_NF, 0.4, 0.6),
        ("var", "simulation.seed", 1.0, "", "assumption", math.nan, math.nan, math.nan)],
        columns=["variant", "parameter", "value", "unit", "class", "source", "low", "high"])
    scenarios = _scenarios()
    return SimpleNamespace(switching=switching, scenarios=scenarios, null="nul",
                           variants=["var"], evidence=lambda: register,
                           summary=lambda: pd.DataFrame({"variant": ["var"],
                                                         "npv_mean_eur": [-2e6]}))


def test_a_switching_value_outside_the_range_is_not_a_result(case):
    table = omslag_table(case).set_index("Aanname")
    inside, outside = table.loc["Jeugd: aandeel verwijzing 2e lijn"], \
        table.loc["Wmo: aandeel verwijzing 2e lijn"]
    assert inside["Omslagpunt NCW"] == pytest.approx(0.532)
    assert inside["Aandeel van de aanname (NCW)"] == pytest.approx(0.6)
    assert inside["Binnen bandbreedte (NCW)"] == "ja"
    # outside: blank value cells, flagged "nee", and said in words
    for column in ("Omslagpunt NCW", "Aandeel van de aanname (NCW)",
                   "Omslagpunt structureel saldo", "Aandeel van de aanname (structureel)"):
        assert outside[column] is None or pd.isna(outside[column]), column
    assert outside["Binnen bandbreedte (NCW)"] == "nee"
    assert outside["Binnen bandbreedte (structureel)"] == "nee"
    assert outside["Uitkomst"].count("geen omslag binnen de bandbreedte") == 2
    # the console says the same words for the same lever
    console = "\n".join(deciding_lines(case))
    wmo = next(line for line in console.splitlines() if "Wmo: aandeel verwijzing" in line)
    assert "geen omslag binnen de bandbreedte" in wmo


def test_the_source_is_the_council_documents(case):
    table = omslag_table(case)
    assert set(table["Bron"]) == {"niet gevonden, aanname"}
    assert set(table["Variant"]) == {"Variant 1: samen"}
    assert council_source(COMMENT_OK, "sourced") == \
        "bron; https://example.org/cbs-tabel, CBS 03759ned"


def test_the_register_sheet_shows_names_and_council_sources(case, tmp_path):
    path = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    wb.save(path)
    add_evidence_sheets(path, case)
    wb = openpyxl.load_workbook(path)
    rows = list(wb["Bewijsregister"].iter_rows(values_only=True))
    head = rows[0]
    frame = pd.DataFrame(rows[1:], columns=head)
    assert head[-2:] == ("Bron", "Pad in scenariobestand")
    assert list(frame["Eenheid"].fillna("")) == ["inwoners", "aandeel", ""]  # in Dutch
    assert list(frame["Parameter"]) == ["Aadorp: inwoners", "Jeugd: uitkomst, verwijzing 2e lijn",
                                        "Simulatie: zaad (seed)"]
    assert set(frame["Variant"]) == {"Variant 0: huidige situatie", "Variant 1: samen"}
    assert list(frame["Bron"]) == ["bron; https://example.org/cbs-tabel, CBS 03759ned",
                                   "niet gevonden, aanname", "aanname"]
    text = " ".join(str(v) for r in rows for v in r if v is not None)
    assert "assumption" not in text and "source:" not in text
    omslag = list(wb["Omslagpunten"].iter_rows(values_only=True))
    assert "Binnen bandbreedte (NCW)" in omslag[0]


def test_a_lever_on_any_parameter_is_named_in_dutch():
    """A lever on a provider's behaviour read "Duration multiplier" (the field's code name)."""
    from simfin.report.omslagpunten import lever_name

    row = SimpleNamespace(mechanism="financing", category="", label="x",
                          lever="providers.jeugdhulp_regio.financing.duration_multiplier")
    row.label = row.lever
    assert lever_name(row) == "Aanbieder Jeugdhulp regio: bekostiging, duurfactor"
    row.lever = row.label = "demand_streams.jeugd.outcomes.referral"
    assert lever_name(row) == "Jeugd: aandeel verwijzing 2e lijn"   # unchanged
