"""Drivers of the structural difference (issue 15, item 7): parts by mechanism that add up
to the total to the cent, and a hand-computed case."""

from __future__ import annotations

import copy

import pandas as pd
import pytest
from conftest import small_scenario_dict

import simfin
from simfin.business.case import simulate_runs
from simfin.business.drivers import MECHANISMS, drivers, steps
from simfin.business.pooling import PoolingEvidence, PoolingNorm, pooling_at_norm
from simfin.errors import SimfinError
from simfin.scenario import validate_dict

REPS = 2


def _base(name: str) -> dict:
    d = small_scenario_dict()
    d["name"] = name
    d["simulation"]["horizon_years"] = 2
    d["business_case"] = {"wage_index_per_year": 0.0, "price_index_per_year": 0.0}
    d["access_team"]["organisation"] = "per_municipality"
    d["organisation"] = {"overhead_share": 0.1, "fixed_costs_eur_per_organisation": 50_000,
                         "roles": {"jurist": {"cost_per_person_eur": 90_000,
                                              "inhabitants_per_person": 15_000}}}
    return d


def _variant() -> dict:
    d = _base("variant")
    d["access_team"]["organisation"] = "joint"
    d["access_team"]["fte"] = 6.5
    d["organisation"]["fixed_costs_eur_per_organisation"] = 80_000
    d["demand_streams"]["jeugd"]["outcomes"] = {"light_help": 0.4, "general_facility": 0.2,
                                                "referral": 0.4}
    d["providers"]["wmo_zorg"]["financing"] = {"kind": "pq_per_unit"}
    d["structural"] = {"kwaliteit": {"category": "management", "amount_eur_per_year": 12_000,
                                     "allocation": "usage"}}
    d["afweging"] = {"label": "Variant 1: samen"}
    return d


@pytest.fixture(scope="module")
def case():
    null, variant = validate_dict(_base("nul")), validate_dict(_variant())
    return simfin.business_case(null, variant, replications=REPS, sample_ranges=False)


def test_parts_add_up_to_the_structural_difference_to_the_cent(case):
    """The total comes from the business case's own yearly table (no indexation, no
    phase-in, so constant euros are base euros): nulalternatief minus variant."""
    yearly = case.yearly[case.yearly["cost_type"] == "structural"]
    per_year = yearly.groupby(["variant", "year"])["constant_eur"].sum().unstack("variant")
    total = (per_year["nul"] - per_year["variant"]) / REPS
    parts = case.drivers.groupby("year")["saving_eur"].sum()
    assert parts.to_numpy() == pytest.approx(total.to_numpy(), abs=0.005)
    assert set(case.drivers["mechanism"]) == set(MECHANISMS)


def test_organisation_parts_by_hand(case):
    """Apart: 2 organisations x 50,000 fixed costs and one jurist each (8,000 and 12,000
    inhabitants, 1 per 15,000); joint: 80,000 once and ceil(20,000 / 15,000) = 2 jurists.
    The saving on fixed costs is 100,000 - 80,000 = 20,000 a year; on roles 0: two jurists
    either way (Aadorp's growth of 1% a year keeps the total below 30,000)."""
    table = case.drivers_summary().set_index("mechanism")["saving_eur_per_year"]
    assert table["fixed_costs"] == pytest.approx(20_000.0, abs=0.005)
    assert table["roles"] == pytest.approx(0.0, abs=0.005)
    assert table["items"] == pytest.approx(-12_000.0, abs=0.005)
    # 0.5 FTE more at 72,200, and overhead 10% on that change of staff cost
    assert table["capacity"] < 0 and table["overhead"] == pytest.approx(-0.1 * 0.5 * 72_200,
                                                                        abs=0.005)


def test_a_variant_that_changes_only_fixed_costs_has_only_that_part():
    null = validate_dict(_base("nul"))
    data = _base("duurder")
    data["organisation"]["fixed_costs_eur_per_organisation"] = 65_000
    variant = validate_dict(data)
    runs = {}

    def simulate(scenario):
        key = scenario.model_dump_json()
        if key not in runs:
            runs[key] = simulate_runs(scenario).costs
        return runs[key]

    null = null.model_copy(update={"simulation": null.simulation.model_copy(
        update={"replications": 1})})
    variant = variant.model_copy(update={"simulation": null.simulation})
    table = drivers(null, variant, simulate)
    assert len(runs) == 1  # nothing the simulation reads changed: one simulation only
    means = table.groupby("mechanism")["saving_eur"].mean()
    assert means["fixed_costs"] == pytest.approx(-2 * 15_000)
    assert (means.drop("fixed_costs") == 0).all()


def test_the_chain_ends_at_the_variant_and_keeps_common_random_numbers():
    null, variant = validate_dict(_base("nul")), validate_dict(_variant())
    chain = steps(null, variant)
    assert [m for m, _ in chain] == ["pooling", "capacity", "policy", "financing", "other"]
    last = chain[-1][1].model_dump()
    assert {**last, "name": "variant"} == variant.model_dump()
    assert all(s.simulation == null.simulation for _, s in chain)
    frame = pd.DataFrame([(m, s.access_team.organisation) for m, s in chain])
    assert frame.iloc[0, 1] == "joint"


def _counting(monkeypatch) -> list:
    """Count the simulations the staffing search makes."""
    import simfin.staffing

    calls, real = [], simfin.staffing.simulate

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(simfin.staffing, "simulate", counted)
    return calls


@pytest.mark.parametrize(("null_form", "variant_form"), [
    ("joint", "joint"), ("per_municipality", "local_with_shell")])
def test_pooling_at_norm_is_zero_without_simulation_when_the_teams_are_the_same(
        monkeypatch, null_form, variant_form):
    """The same municipalities per generalist team: € 0, and the staffing search never runs."""
    calls = _counting(monkeypatch)
    null, other = _base("nul"), _base("variant")
    null["access_team"]["organisation"] = null_form
    other["access_team"].update(organisation=variant_form, fte=7.0, specialist_fte=1.0)
    evidence = pooling_at_norm(validate_dict(null), validate_dict(other))
    assert not calls and not evidence.simulated and evidence.saving_eur_per_year == 0.0


def test_pooling_at_norm_is_taken_out_of_formatie_and_the_total_stays(case, monkeypatch):
    """Same chain, with and without the norm step: only Formatie and the pooling row move,
    by the pooling saving, which is (FTE at the norm apart - joint) x cost per FTE."""
    null, variant = (case.scenarios[n] for n in ("nul", "variant"))
    runs = {}

    def simulate(scenario):
        key = scenario.model_dump_json()
        runs.setdefault(key, simulate_runs(scenario).costs)
        return runs[key]

    [evidence] = case.meta["drivers_pooling"]
    assert evidence["simulated"] and evidence["replications"] == REPS
    saving = (evidence["fte_null_form"] - evidence["fte_variant_form"]) * 72_200
    assert saving > 0  # two separate teams need more FTE than one joint team
    calls = _counting(monkeypatch)
    with_norm = drivers(null, variant, simulate, PoolingEvidence(**{
        k: v for k, v in evidence.items() if k != "saving_eur_per_year"}))
    without = drivers(null, variant, simulate, None)
    assert not calls  # the evidence is reused, not searched again
    a, b = (t.set_index(["mechanism", "year"])["saving_eur"] for t in (with_norm, without))
    assert a["pooling_norm"].to_numpy() == pytest.approx([saving] * 2, abs=0.005)
    assert (b["pooling_norm"] == 0).all()
    assert (a["capacity"] + a["pooling_norm"]).to_numpy() == pytest.approx(
        b["capacity"].to_numpy(), abs=0.005)
    rest = [m for m in MECHANISMS if m not in ("pooling_norm", "capacity")]
    assert (a[rest] == b[rest]).all()
    assert a.groupby("year").sum().to_numpy() == pytest.approx(
        b.groupby("year").sum().to_numpy(), abs=0.005)
    assert case.drivers.set_index(["mechanism", "year"])["saving_eur"].to_numpy() == \
        pytest.approx(a.to_numpy(), abs=0.005)


def test_without_the_pooling_search_the_parts_still_add_up(monkeypatch):
    """``pooling="equal_fte"``: no staffing search runs, the pooling-at-norm part is 0 in
    every year, and the parts still add up to the structural difference (nulalternatief
    minus variant, from the yearly table) to the cent."""
    calls = _counting(monkeypatch)
    null, variant = validate_dict(_base("nul")), validate_dict(_variant())
    case = simfin.business_case(null, variant, replications=1, sample_ranges=False,
                                pooling="equal_fte")
    assert not calls
    table = case.drivers
    assert (table.loc[table["mechanism"] == "pooling_norm", "saving_eur"] == 0).all()
    yearly = case.yearly[case.yearly["cost_type"] == "structural"]
    per_year = yearly.groupby(["variant", "year"])["constant_eur"].sum().unstack("variant")
    parts = table.groupby("year")["saving_eur"].sum()
    assert parts.to_numpy() == pytest.approx((per_year["nul"] - per_year["variant"]).to_numpy(),
                                             abs=0.005)


def test_a_bad_pooling_choice_is_a_clear_error_before_any_simulation(monkeypatch):
    calls = _counting(monkeypatch)
    null, variant = validate_dict(_base("nul")), validate_dict(_variant())
    with pytest.raises(SimfinError, match="pooling: expected one of 'norm', 'equal_fte'"):
        simfin.business_case(null, variant, replications=1, pooling="gelijk")
    with pytest.raises(SimfinError, match="PoolingNorm.step_fte: expected more than 0"):
        PoolingNorm(step_fte=0)
    assert not calls


def test_every_mechanism_has_its_dutch_label_in_the_registry_and_an_english_one():
    from simfin.report.labels import label

    for mechanism, dutch in MECHANISMS.items():
        assert label(f"drivers.m.{mechanism}", "nl") == dutch
        assert label(f"drivers.m.{mechanism}", "en") not in (dutch, f"drivers.m.{mechanism}") \
            or mechanism == "overhead"


def _column_a_b(ws) -> dict:
    return {row[0].value: row[1] for row in ws.iter_rows() if row[0].value is not None}


@pytest.mark.parametrize(("lang", "row_label", "fte_label"), [
    ("nl", "Wachtrijbundeling (gelijk serviceniveau)",
     "Minste fte generalisten die de norm haalt, indeling nulalternatief"),
    ("en", "Queue pooling (equal service level)",
     "Least generalist FTE meeting the norm, nulalternatief's teams")])
def test_the_sheet_shows_the_pooling_row_and_what_it_rests_on(case, tmp_path, lang,
                                                              row_label, fte_label):
    import openpyxl

    book = openpyxl.load_workbook(case.to_excel(tmp_path / "bc.xlsx", lang=lang))
    ws = book["Oorzaken" if lang == "nl" else "Drivers"]
    [evidence] = case.meta["drivers_pooling"]
    summary = case.drivers_summary().set_index("mechanism")["saving_eur_per_year"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    mine = next(r for r in rows if r[1] == row_label)  # the summary, above the per-year table
    assert mine[2] == pytest.approx(summary["pooling_norm"], abs=0.005) and mine[2] > 0
    cells = _column_a_b(ws)
    assert cells[fte_label].value == evidence["fte_null_form"]
    assert cells[fte_label].number_format == "0.0"
    criterion = [k for k in cells if isinstance(k, str) and k.startswith(("Criterium",
                                                                          "Criterion"))]
    assert len(criterion) == 1 and "95%" in criterion[0] and "90%" in criterion[0]


def test_the_waterfall_has_the_pooling_bar_and_its_settings_in_the_footnote(case):
    from simfin.report.business_drivers import plot_drivers

    ax = plot_drivers(case, "variant", lang="en")
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names[0] == "Queue pooling (equal service level)"
    assert "Queue pooling at equal FTE (simulated)" in names
    footnote = " ".join(t.get_text() for t in ax.figure.texts).replace("\n", " ")
    assert "least FTE meeting the norm (95% within the norm in 90% of 2 replications, " \
           "step 0,5 FTE)" in footnote  # nl-NL numbers in both languages


def test_the_drivers_chart_and_sheet_name_the_variant_by_its_label(case):
    """The title read "Structureel verschil per mechanisme / bbs-gezamenlijk" (a file's code
    name); it names the option as every other output does."""
    from simfin.report.business_drivers import plot_drivers
    from simfin.report.tables import scenario_labels

    assert scenario_labels(case.scenarios)["variant"] == "Variant 1: samen"
    ax = plot_drivers(case, "variant")
    assert ax.get_title().split("\n")[-1] == "Variant 1: samen"
