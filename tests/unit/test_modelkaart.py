"""The model card (modelkaart.md) of run and business outputs: STRESS-DES sections, and
figures that are the run's own (recomputed here from the run's tables)."""

from __future__ import annotations

import re

import numpy as np
import openpyxl
import pytest

import simfin
from simfin.report.business_outputs import write_business_outputs
from simfin.report.format import format_eur, format_number
from simfin.report.labels import label
from simfin.report.names import provider_label
from simfin.report.outputs import write_outputs
from simfin.scenario import validate_dict

#: The STRESS-DES checklist (Monks et al. 2019, Table 1), sections and items, in order.
STRESS_DES = ["1 Objectives", "1.1 Purpose of the model", "1.2 Model outputs",
              "1.3 Experimentation aims", "2 Logic", "2.1 Base model overview diagram",
              "2.2 Base model logic", "2.3 Scenario logic", "2.4 Algorithms", "2.5 Components",
              "3 Data", "3.1 Data sources", "3.2 Pre-processing", "3.3 Input parameters",
              "3.4 Assumptions", "4 Experimentation", "4.1 Initialisation", "4.2 Run length",
              "4.3 Estimation approach", "5 Implementation",
              "5.1 Software or programming language", "5.2 Random sampling",
              "5.3 Model execution", "5.4 System specification", "6 Code access",
              "6.1 Computer model sharing statement"]


def _headings(text: str) -> list[str]:
    return [re.sub(r"^#+ ", "", line) for line in text.splitlines()
            if re.match(r"^#{2,3} \d", line)]


@pytest.fixture(scope="module")
def run_card(small_dict_module, tmp_path_factory):
    scenario = validate_dict(small_dict_module)
    results = simfin.run(scenario, replications=3)
    out = tmp_path_factory.mktemp("run")
    write_outputs(results, out, lang="nl")
    return results, out, (out / "modelkaart.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def small_dict_module():
    from conftest import small_scenario_dict

    return small_scenario_dict()


@pytest.mark.slow
def test_the_card_follows_the_stress_des_checklist(run_card, small_dict_module, tmp_path):
    _, _, text = run_card
    numbers = [h.split(" ")[0] for h in _headings(text)]
    assert numbers == [s.split(" ")[0] for s in STRESS_DES] + ["7"]
    results = simfin.run(validate_dict(small_dict_module), replications=2)
    write_outputs(results, tmp_path, lang="en")
    english = _headings((tmp_path / "modelkaart.md").read_text(encoding="utf-8"))
    assert english[:-1] == STRESS_DES and english[-1].startswith("7 Validation")


def test_financing_is_named_in_dutch_not_by_its_code(run_card):
    """Section 2.3 reads "p*q per eenheid", not the file value "pq_per_unit" (issue 29)."""
    results, _, text = run_card
    section = text.split("### 2.3")[1].split("### 2.4")[0]
    for name, provider in results.scenario.providers.items():
        kind = provider.financing.kind
        assert f"{provider_label(results.scenario, name)}: {label(f'kind.{kind}')}" in section
        assert f": {kind}" not in section


def test_experiment_figures_are_the_runs(run_card):
    results, _, text = run_card
    sim = results.scenario.simulation
    section = text.split("### 4.1")[1].split("## 5")[0]
    assert f"{format_number(sim.warmup_years, 1)} jaar inloop" in section
    assert f"{sim.horizon_years} verslagjaren, {sim.start_year}–" in section
    assert f"3 replicaties; zaad (seed) {sim.seed}" in section
    assert "Let op:" in section  # 3 replications are too few for ±5% of spending
    assert results.meta["scenario_hash"] in text


def test_validation_figures_are_recomputed_from_the_run(run_card):
    results, _, text = run_card
    ledger, monitor = results.ledger, results.monitor
    horizon = 365.0 * results.scenario.simulation.horizon_years
    rows = ledger[(ledger["activity"] == "assessment") & (ledger["t_arrival"] >= 0)]
    lam_w, sampled = [], []
    for r, part in rows.groupby("replication"):
        waits = np.clip(part["t_start"].fillna(horizon) - part["t_arrival"], 0, None)
        lam_w.append(len(part) / horizon * waits.mean())
        sampled.append(monitor[(monitor["replication"] == r) & (monitor["t"] >= 0)]
                       ["intake_queue"].mean())
    assert f"L = {format_number(np.mean(sampled), 2)}" in text
    assert f"λ·W uit het grootboek = {format_number(np.mean(lam_w), 2)}" in text
    referrals = int(((ledger["activity"] == "assessment")
                     & (ledger["outcome"] == "referral")).sum())
    assert f"{format_number(referrals)} van {format_number(referrals)} verwijzingen" in text
    own = results.yearly[results.yearly["party"] == "municipality"]
    assert f"totaal {format_eur(own['amount_eur'].sum(), 2)}" in text


def test_the_workbook_holds_the_card_as_a_sheet(run_card):
    results, out, text = run_card
    book = openpyxl.load_workbook(out / f"{results.scenario.name}.xlsx")
    assert book.sheetnames[-1] == "Modelkaart"
    lines = [row[0].value or "" for row in book["Modelkaart"].iter_rows()]
    assert lines == text.splitlines()


@pytest.mark.slow
def test_a_business_case_output_folder_holds_a_card(small_dict_module, tmp_path):
    null = dict(small_dict_module, name="nul")
    variant = dict(small_dict_module, name="meer-fte",
                   access_team={**small_dict_module["access_team"], "fte": 8},
                   afweging={"label": "Variant 1: meer fte"})
    case = simfin.business_case(validate_dict(null), [validate_dict(variant)], replications=2)
    write_business_outputs(case, tmp_path)
    text = (tmp_path / "modelkaart.md").read_text(encoding="utf-8")
    assert [h.split(" ")[0] for h in _headings(text)][:-1] == [s.split(" ")[0]
                                                                 for s in STRESS_DES]
    assert "Variant 1: meer fte" in text and "2 replicaties" in text
    assert "de netto contante waarde van Variant 1: meer fte: uit 2 replicaties" in text
    assert "Modelkaart" in openpyxl.load_workbook(tmp_path / "businesscase.xlsx").sheetnames


DOTTED_PATH = re.compile(r"\b[a-z_]+\.[A-Za-z_]+\.[a-z_.]+\b")   # demand_streams.jeugd.rate
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")                  # local_with_shell, age_0_22


def test_sections_2_and_3_name_parameters_in_dutch_not_by_their_path(run_card):
    """2.2 and 3.3 read "Jeugd: instroom per 1.000 inwoners per jaar", "lokale teams met een
    gezamenlijke schil", "0–22 jaar"; the path stays only in 3.3's last column (issue 29)."""
    results, _, text = run_card
    logic = text.split("### 2.2")[1].split("### 2.4")[0]
    assert not DOTTED_PATH.findall(logic) and not SNAKE.findall(logic), logic
    table = text.split("### 3.3")[1].split("### 3.4")[0]
    rows = [[c.strip() for c in line.strip("|").split("|")]
            for line in table.splitlines() if line.startswith("| ")]
    head, body = rows[0], rows[1:]
    assert head == ["Parameter", "Waarde", "Bron", "Pad in scenariobestand"]
    for name, value, _, path in body:
        assert path.startswith("`") and "." in path           # the reference, last
        assert not DOTTED_PATH.findall(name) and not SNAKE.findall(name), name
        assert not SNAKE.findall(value), value
    names = {r[3].strip("`"): r[0] for r in body}
    assert names["municipalities.Aadorp.inhabitants"] == "Aadorp: inwoners"
    assert names["access_team.fte"] == "Toegangsteam: fte"
    assert names["demand_streams.jeugd.rate_per_1000"] == \
        "Jeugd: instroom per 1.000 inwoners per jaar"
    kinds = {r[3].strip("`"): r[1] for r in body if r[3].endswith("financing.kind`")}
    assert set(kinds.values()) <= {label(f"kind.{p.financing.kind}")
                                   for p in results.scenario.providers.values()}


def test_parameter_labels_by_hand():
    from simfin.report.labels.parameters import parameter_label, population_label

    scenario = validate_dict(_with_provider_label())
    assert parameter_label("providers.jeugdhulp.financing.duration_multiplier",
                           scenario=scenario) == "Aanbieder Jeugdhulp regio: bekostiging, duurfactor"
    assert parameter_label("organisation.roles.data_analist.minimum_persons") == \
        "Organisatie, Functie Data-analist: minimum aantal personen"
    assert parameter_label("demand_streams.wmo.outcomes.referral", "en") == \
        "Wmo: outcome, referral to specialist care"
    assert population_label("age_67_plus") == "67 jaar en ouder"
    assert population_label("jong") == "jong"


def _with_provider_label() -> dict:
    from conftest import small_scenario_dict

    data = small_scenario_dict()
    data["providers"]["jeugdhulp"]["label"] = "Jeugdhulp regio"
    return data
