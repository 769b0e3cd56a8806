"""Iv3 taakvelden on every euro, the scope lines against hand arithmetic, and calibration:
recovery of known factors and the shipped BBS scenario against the observed jaarrekening."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import simfin
from simfin.calibrate import Calibration, calibrate, compare_observed, read_observed
from simfin.finance.scope import benefit_costs, budget_line_costs
from simfin.scenario.taakvelden import TAAKVELDEN
from simfin.sim.entitlements import draw_entitlements

ROOT = Path(__file__).resolve().parents[2]
OBSERVED = ROOT / "data" / "observed" / "bbs-lasten.csv"


def _short(scenario, horizon: int = 1):
    return scenario.with_changes({"simulation.horizon_years": horizon})


@pytest.fixture(scope="module")
def calibrated():
    return simfin.load(ROOT / "scenarios" / "bbs-95k-gekalibreerd.toml")


@pytest.fixture(scope="module")
def run_calibrated(calibrated):
    return simfin.run(_short(calibrated, 2), replications=2)


def test_every_euro_has_a_known_taakveld_and_they_add_up_to_the_cent(run_calibrated):
    yearly = run_calibrated.yearly
    assert yearly["taakveld"].notna().all()
    assert set(yearly["taakveld"]) <= set(TAAKVELDEN)  # no "?" in the shipped BBS scenario
    own = yearly[yearly["party"] == "municipality"]
    cents = lambda s: int(round(s.sum() * 100))  # noqa: E731
    for (rep, year), rows in own.groupby(["replication", "year"]):
        by_field = sum(cents(g["amount_eur"]) for _, g in rows.groupby("taakveld"))
        assert abs(by_field - cents(rows["amount_eur"])) <= len(set(rows["taakveld"]))
    summary = run_calibrated.taakveld_summary()
    for year, rows in summary.groupby("year"):
        total = rows.loc[rows["taakveld"] == "total", "mean"].item()
        assert rows.loc[rows["taakveld"] != "total", "mean"].sum() == pytest.approx(total, abs=0.01)


def test_organisation_costs_land_on_6_2_and_0_4(run_calibrated):
    yearly = run_calibrated.yearly
    assert set(yearly.loc[yearly["category"] == "access_team", "taakveld"]) == {"6.2"}
    assert set(yearly.loc[yearly["category"] == "overhead", "taakveld"]) == {"0.4"}
    assert set(yearly.loc[yearly["category"] == "fixed_costs", "taakveld"]) == {"0.4"}
    care = yearly[(yearly["category"] == "specialist_care") & (yearly["provider"] == "jeugdhulp_regio")]
    assert set(care["taakveld"]) == {"6.72"}


def test_budget_line_is_euros_per_inhabitant_times_inhabitants_and_factors():
    s = simfin.load(ROOT / "scenarios" / "bbs-95k.toml")
    records = pd.DataFrame(budget_line_costs(s))
    soest = records[(records["municipality"] == "Soest") & (records["taakveld"] == "6.4")]
    # hand: 105.4 €/inh x 48,001 inhabitants, growth 0.1%/yr, line -3%/yr, factor 1
    assert soest["amount_eur"].iloc[0] == pytest.approx(105.4 * 48001)
    assert soest["amount_eur"].iloc[2] == pytest.approx(105.4 * 48001 * 1.001**2 * 0.97**2)


def test_benefits_match_inflow_times_duration_times_amount():
    s = simfin.load(ROOT / "scenarios" / "bbs-95k.toml").with_changes({
        "entitlements.bijstand.duration_days": {"family": "fixed", "value": 365.0},
        "entitlements.bijstand.trend_per_year": 0.0,
        "municipalities.Soest.growth_per_year": 0.0})
    totals = []
    for rep in range(60):
        recipients = draw_entitlements(s, rep)
        records = [r for r in benefit_costs(recipients, s)
                   if r["municipality"] == "Soest" and r["year"] == 2027]
        totals.append(records[0]["amount_eur"])
    # steady state with a fixed one-year benefit: stock = inflow per year, so a year costs
    # 7 per 1,000 x 48,001 x €16,000 in expectation; Poisson sd of one year ≈ 2.2%
    expected = 7.0 / 1000 * 48001 * 16000
    assert np.mean(totals) == pytest.approx(expected, rel=0.015)
    assert np.std(totals) / expected == pytest.approx(1 / np.sqrt(7.0 / 1000 * 48001), rel=0.35)


@pytest.mark.slow
def test_calibration_recovers_known_factors_from_synthetic_observations():
    base = _short(simfin.load(ROOT / "scenarios" / "bbs-95k.toml"))
    truth = {("Baarn", "samenkracht"): 1.30, ("Soest", "bijstand"): 0.80,
             ("Bunschoten", "wmo"): 1.20}
    data = base.model_dump()
    for (muni, line), value in truth.items():
        data["municipalities"][muni]["local_factors"][line] = value
    data["calibration"]["parameters"] = {
        f"municipalities.{m}.local_factors.{line}": {"low": 0.2, "high": 5.0} for m, line in truth}
    true_scenario = type(base).model_validate(data)
    made = compare_observed(true_scenario, pd.DataFrame(
        {"municipality": [], "taakveld": [], "value": []}), replications=3)
    observed = made[["municipality", "taakveld", "model_mean"]].rename(
        columns={"model_mean": "value"}).assign(measure="lasten", year=2027)
    start = dict(data)
    for m in start["municipalities"].values():
        m["local_factors"] = {}
    result = calibrate(type(base).model_validate(start), observed)
    assert isinstance(result, Calibration)
    got = {(r.municipality, r.line): r.after for r in result.factors.itertuples()}
    assert got[("Baarn", "samenkracht")] == pytest.approx(1.30, rel=1e-6)  # linear: exact
    assert got[("Soest", "bijstand")] == pytest.approx(0.80, rel=0.02)
    assert got[("Bunschoten", "wmo")] == pytest.approx(1.20, rel=0.03)
    assert result.not_identifiable == []
    assert "Baarn 6.2" in result.uncalibrated  # no factor reaches the team's taakveld
    # the factors reported (and written to the calibrated file) are the scenario's own
    for (muni, line), value in got.items():
        assert result.scenario.municipalities[muni].local_factors[line] == value


@pytest.mark.slow
def test_shipped_calibration_reached_its_own_targets(calibrated):
    """In sample: 27 factors fitted to these 27 lasten of the jaarrekening 2023, so agreement
    within 10% only shows the fit converged (zero degrees of freedom, no validation). The
    validation against data outside the fit is tests/validation/test_out_of_sample.py."""
    observed = read_observed(OBSERVED, 2023)
    table = compare_observed(_short(calibrated), observed, replications=3)
    fitted = {(p.split(".")[1], calibrated_line) for p in calibrated.calibration.parameters
              for calibrated_line in [p.split(".")[3]]}
    from simfin.calibrate import line_taakveld

    reached = {(m, line_taakveld(calibrated, line)) for m, line in fitted}
    checked = table[[(m, t) in reached for m, t in zip(table["municipality"], table["taakveld"])]]
    assert len(checked) == 27  # 3 municipalities x 9 taakvelden with a calibrated line
    worst = checked.loc[checked["difference"].abs().idxmax()]
    assert (checked["difference"].abs() <= 0.10).all(), worst.to_dict()
    # total social-domain lasten per inhabitant (without 0.4, which is the whole municipality's
    # overhead in the accounts) against the observed band of the three municipalities
    no_overhead = table[table["taakveld"] != "0.4"]
    inhabitants = {"Baarn": 25008, "Bunschoten": 22500, "Soest": 47439}  # 1 Jan 2023, same source
    for muni, rows in no_overhead.groupby("municipality"):
        observed_per_inh = rows["observed"].sum() / inhabitants[muni]
        model_per_inh = rows["model_mean"].sum() / calibrated.municipalities[muni].inhabitants
        assert 800 < observed_per_inh < 1400
        assert model_per_inh == pytest.approx(observed_per_inh, rel=0.15)


def test_read_observed_names_the_file_on_a_wrong_year():
    with pytest.raises(simfin.ScenarioError, match="bbs-lasten.csv: year: no lasten for year 1999"):
        read_observed(OBSERVED, 1999)


def test_calibrate_cli_refuses_a_scenario_without_calibration(tmp_path, capsys):
    from simfin.cli import main

    code = main(["calibrate", str(ROOT / "scenarios" / "jeugd-60k.toml"), "--observed",
                 str(OBSERVED), "--out", str(tmp_path / "o")])
    assert code != 0
    assert "calibration.parameters" in capsys.readouterr().err


@pytest.mark.slow
def test_calibrate_cli_writes_dutch_paste_ready_outputs(tmp_path, capsys):
    """`simfin calibrate` prints a Dutch table and writes the CSV in the Dutch-Excel dialect,
    an xlsx with numeric cells and the chart, next to the calibrated scenario."""
    import openpyxl

    from simfin.cli import main

    scenario = tmp_path / "kort.toml"
    scenario.write_text(f'extends = "{(ROOT / "scenarios" / "bbs-95k.toml").as_posix()}"\n'
                        'name = "kort"\n[simulation]\nhorizon_years = 1\n', encoding="utf-8")
    observed = tmp_path / "waargenomen.csv"
    observed.write_text("municipality,year,taakveld,measure,value\n"
                        "Baarn,2023,6.1,lasten,6218000\n", encoding="utf-8")
    out = tmp_path / "uit"
    code = main(["calibrate", str(scenario), "--observed", str(observed), "--out", str(out),
                 "--csv-dialect", "nl"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Model tegen werkelijkheid" in printed and "geschreven naar" in printed
    raw = (out / "model_tegen_werkelijkheid.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b";" in raw.splitlines()[0]
    baarn = next(line for line in raw.decode("utf-8-sig").splitlines()
                 if line.startswith("Baarn;6.1;")).split(";")
    assert "," in baarn[3]   # decimal comma in the model mean
    # calibrated, not echoed: the modelled mean of the fitted scenario meets the observed
    # lasten within the calibration's tolerance of 1% (plus rounding)
    model_mean = float(baarn[3].replace(".", "").replace(",", "."))
    assert model_mean == pytest.approx(6_218_000, rel=0.011)
    ws = openpyxl.load_workbook(out / "model_tegen_werkelijkheid.xlsx").active
    assert ws.title == "Model tegen werkelijkheid"
    numbers = [c.value for row in ws.iter_rows() for c in row
               if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)]
    assert any(v == pytest.approx(model_mean, abs=0.01) for v in numbers)
    from matplotlib.image import imread

    png = imread(out / "model_tegen_werkelijkheid.png")
    assert png.shape[0] > 100 and png.shape[1] > 100 and png.std() > 0.05  # not blank
    # the calibrated file moves Baarn's 6.1 line only (the one observed target); the other
    # municipalities keep the factors they had
    import tomllib

    written = tomllib.loads((out / "kort-gekalibreerd.toml").read_text(encoding="utf-8"))
    base = simfin.load(scenario)
    factors = {m: v["local_factors"] for m, v in written["municipalities"].items()}
    assert 0.05 <= factors["Baarn"]["samenkracht"] <= 5.0   # inside its bounds
    for muni in ("Bunschoten", "Soest"):
        for line, value in factors[muni].items():
            assert value == pytest.approx(base.municipalities[muni].local_factors.get(
                line, 1.0), rel=1e-6), (muni, line)
