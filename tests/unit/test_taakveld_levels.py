"""Iv3 sub-taakvelden (Iv3 informatievoorschrift 2023) and the roll-up to the main codes:
the code set against the source's split, validation messages, the ceiling selection, the
per-taakveld summary at both levels and calibration against observed lasten at both levels."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import simfin
from simfin.business.ceiling import counts
from simfin.calibrate import compare_observed, comparison_codes, read_observed
from simfin.scenario.schema import Ceiling
from simfin.scenario.taakvelden import (
    SUB_TAAKVELDEN,
    TAAKVELDEN,
    main_taakveld,
    selects,
    taakveld_label,
)

ROOT = Path(__file__).resolve().parents[2]
OBSERVED = ROOT / "data" / "observed"
#: the product and line codes moved to sub-taakvelden; each keeps its main code
SUBS = {"products.jeugd_ambulant.taakveld": "6.72d", "products.jeugd_verblijf.taakveld": "6.72d",
        "products.wmo_begeleiding.taakveld": "6.71b", "products.wmo_hbh.taakveld": "6.71b",
        "budget_lines.jeugdhulp_buiten_toegang.taakveld": "6.74a",
        "budget_lines.beschermd_wonen.taakveld": "6.81a",
        "budget_lines.jeugdbescherming.taakveld": "6.82a"}


def test_the_code_set_follows_the_split_of_the_informatievoorschrift_2023():
    # blad 4: 6.71 into four, 6.72 into ten (6.72a-d, 6.73a-c, 6.74a-c), 6.81 and 6.82 into two
    per_main = pd.Series([main_taakveld(c) for c in SUB_TAAKVELDEN]).value_counts().to_dict()
    assert per_main == {"6.71": 4, "6.72": 10, "6.81": 2, "6.82": 2}
    assert main_taakveld("6.73b") == main_taakveld("6.74c") == "6.72"
    assert main_taakveld("6.3") == "6.3" and main_taakveld("total") == "total"
    assert set(SUB_TAAKVELDEN).isdisjoint(TAAKVELDEN)
    assert taakveld_label("6.74c") == "6.74c Gesloten plaatsing"
    assert taakveld_label("6.82b", "en") == "6.82b Youth probation"


def _scenario_file(tmp_path, code: str) -> Path:
    path = tmp_path / "sub.toml"
    path.write_text(f'extends = "{(ROOT / "scenarios" / "bbs-95k.toml").as_posix()}"\n'
                    f'name = "sub"\n[budget_lines.beschermd_wonen]\ntaakveld = "{code}"\n',
                    encoding="utf-8")
    return path


def test_a_budget_line_may_carry_a_sub_taakveld(tmp_path):
    scenario = simfin.load(_scenario_file(tmp_path, "6.81b"))
    assert scenario.budget_lines["beschermd_wonen"].taakveld == "6.81b"


@pytest.mark.parametrize("code, hint", [("6.79", ""), ("6.73", "6.73a, 6.73b, 6.73c, or 6.72")])
def test_an_unknown_code_names_file_field_and_the_accepted_codes(tmp_path, code, hint):
    path = _scenario_file(tmp_path, code)
    with pytest.raises(simfin.ScenarioError) as err:
        simfin.load(path)
    text = str(err.value)
    assert str(path) in text and "budget_lines.beschermd_wonen.taakveld" in text
    assert f"unknown Iv3 taakveld '{code}'" in text and hint in text
    assert "6.1, 6.2" in text and "6.74c, 6.81, 6.81a" in text


def test_a_main_code_selects_its_sub_taakvelden_and_a_sub_code_only_itself():
    codes = pd.Series(["6.72", "6.72a", "6.73c", "6.74c", "6.71a", "6.82a", "0.4"])
    assert selects(codes, ["6.72"]).tolist() == [True, True, True, True, False, False, False]
    assert selects(codes, ["6.72a", "0.4"]).tolist() == [False, True] + [False] * 4 + [True]
    rows = pd.DataFrame({"category": "budget_lines", "taakveld": codes})
    ceiling = Ceiling(amount_eur_per_year=1.0, taakvelden=["6.72", "6.82"])
    assert counts(rows, ceiling).tolist() == [True, True, True, True, False, True, False]


@pytest.fixture(scope="module")
def runs():
    base = simfin.load(ROOT / "scenarios" / "bbs-95k.toml").with_changes(
        {"simulation.horizon_years": 1})
    return simfin.run(base, replications=2), simfin.run(base.with_changes(SUBS), replications=2)


def _cents(summary: pd.DataFrame) -> tuple[int, int]:
    parts = summary.loc[summary["taakveld"] != "total", "mean"]
    return round(parts.sum() * 100), round(summary.loc[summary["taakveld"] == "total",
                                                       "mean"].item() * 100)


@pytest.mark.slow
def test_taakvelden_add_up_to_the_total_to_the_cent_at_both_levels(runs):
    main_run, sub_run = runs
    detail, main = sub_run.taakveld_summary("detail"), sub_run.taakveld_summary("main")
    assert {"6.72d", "6.71b", "6.74a", "6.81a", "6.82a"} <= set(detail["taakveld"])
    assert not set(main["taakveld"]) & set(SUB_TAAKVELDEN)
    for table in (detail, main):
        parts, total = _cents(table)
        assert abs(parts - total) <= 1
    # relabelling draws nothing: rolled up, the sub-taakveld run is the main-code run,
    # interval included (the roll-up is per replication, not a sum of percentiles)
    expected = main_run.taakveld_summary("detail").set_index(["year", "taakveld"])
    got = main.set_index(["year", "taakveld"]).loc[expected.index]
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12)
    own = sub_run.yearly[sub_run.yearly["party"] == "municipality"]
    assert round(own["amount_eur"].sum() * 100) == round(
        main.loc[main["taakveld"] == "total", "mean"].item() * 2 * 100)


def test_the_workbook_has_both_levels_when_the_scenario_books_on_sub_taakvelden(runs, tmp_path):
    import openpyxl

    path = runs[1].to_excel(tmp_path / "sub.xlsx")
    ws = openpyxl.load_workbook(path)["Per taakveld"]
    names = [r[1] for r in ws.iter_rows(values_only=True)]
    assert "6.72d Jeugdhulp zonder verblijf overig" in names
    assert "6.72 Maatwerkdienstverlening 18-" in names
    assert names.count("Totaal") == 2
    assert any(str(r[0]).startswith("Opgeteld naar hoofdcode") for r in ws.iter_rows(values_only=True))
    plain = openpyxl.load_workbook(runs[0].to_excel(tmp_path / "main.xlsx"))["Per taakveld"]
    assert [r[1] for r in plain.iter_rows(values_only=True)].count("Totaal") == 1


def test_the_shipped_observed_lasten_reconcile_to_the_cent_at_both_levels():
    main = pd.read_csv(OBSERVED / "bbs-lasten.csv", dtype={"taakveld": str})
    detail = pd.read_csv(OBSERVED / "bbs-lasten-detail.csv", dtype={"taakveld": str})
    assert set(detail["taakveld"]) & set(SUB_TAAKVELDEN)
    rolled = detail.assign(taakveld=detail["taakveld"].map(main_taakveld))
    keys = ["municipality", "year", "taakveld"]
    left = rolled.groupby(keys)["value"].sum().mul(100).round().astype(int)
    right = main.groupby(keys)["value"].sum().mul(100).round().astype(int)
    pd.testing.assert_series_equal(left.sort_index(), right.sort_index())


@pytest.mark.slow
def test_calibration_compares_at_the_level_both_sides_share():
    calibrated = simfin.load(ROOT / "scenarios" / "bbs-95k-gekalibreerd.toml").with_changes(
        {"simulation.horizon_years": 1})
    main_obs = read_observed(OBSERVED / "bbs-lasten.csv", 2023)
    detail_obs = read_observed(OBSERVED / "bbs-lasten-detail.csv", 2023)
    # the model books on main codes: the observed sub-taakvelden are rolled up to them
    codes, levels = comparison_codes({"6.72", "6.3"}, detail_obs)
    assert codes["6.74b"] == "6.72" and codes["6.3"] == "6.3"
    assert any(note.startswith("observed 6.72a") and note.endswith("-> 6.72") for note in levels)
    by_main = compare_observed(calibrated, main_obs, replications=2)
    by_detail = compare_observed(calibrated, detail_obs, replications=2)
    pd.testing.assert_frame_equal(by_detail, by_main)
    assert by_detail.attrs["levels"] and not by_main.attrs["levels"]
    # a model on sub-taakvelden is rolled up to observed main codes; both on subs: as given
    codes, levels = comparison_codes({"6.72d", "6.74a"}, main_obs)
    assert codes["6.72d"] == codes["6.74a"] == "6.72" and levels == ["model 6.72d, 6.74a -> 6.72"]
    codes, levels = comparison_codes({"6.72d", "6.74a"}, detail_obs)
    assert codes["6.72d"] == "6.72d" and codes["6.72a"] == "6.72a" and levels == []


def test_observed_lasten_on_two_levels_or_unknown_codes_are_refused():
    both = pd.DataFrame({"municipality": ["Baarn", "Baarn", "Soest"],
                         "taakveld": ["6.72", "6.72a", "6.72"], "value": [5.0, 3.0, 1.0]})
    both.attrs["source"] = "waargenomen.csv"
    with pytest.raises(simfin.ScenarioError, match=r"waargenomen.csv: taakveld: Baarn: observed "
                       r"lasten on 6.72 and on its sub-taakvelden 6.72a at once"):
        comparison_codes({"6.72"}, both)
    remainder = both.assign(value=[0.0, 3.0, 1.0])  # an empty remainder, as in CBS Iv3 2023
    codes, _ = comparison_codes({"6.72a"}, remainder)
    assert codes == {"6.72": "6.72", "6.72a": "6.72"}  # Soest observes on 6.72: roll up
    unknown = both.assign(taakveld=["6.711", "6.72a", "6.72a"])
    with pytest.raises(simfin.ScenarioError, match=r"unknown Iv3 taakveld\(s\) 6.711"):
        comparison_codes({"6.72"}, unknown)


@pytest.mark.slow
def test_calibrate_cli_says_what_it_rolled_up(tmp_path, capsys):
    from simfin.cli import main

    scenario = tmp_path / "kort.toml"
    scenario.write_text(f'extends = "{(ROOT / "scenarios" / "bbs-95k.toml").as_posix()}"\n'
                        'name = "kort"\n[simulation]\nhorizon_years = 1\n'
                        '[budget_lines.beschermd_wonen]\ntaakveld = "6.81a"\n', encoding="utf-8")
    observed = tmp_path / "waargenomen.csv"
    observed.write_text("municipality,year,taakveld,measure,value\n"
                        "Baarn,2023,6.81,lasten,182000\n", encoding="utf-8")
    out = tmp_path / "uit"
    assert main(["calibrate", str(scenario), "--observed", str(observed), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Vergeleken op hoofdcode (sub-taakvelden opgeteld): model 6.81a -> 6.81" in printed
    assert "Baarn" in printed and "6.81 Geëscaleerde zorg 18+" in printed
    toml = (out / "kort-gekalibreerd.toml").read_text(encoding="utf-8")
    assert "# compared per taakveld after roll-up: model 6.81a -> 6.81" in toml
