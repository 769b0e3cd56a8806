"""A validation that can fail (issue 27): the calibrated BBS scenario, fitted on the jaarrekening
2023, predicts the begroting 2024 it never saw; and the degrees of freedom are counted.

Year pair: fit on CBS Iv3 jaarrekening 2023, predict CBS Iv3 begroting 2024 (both in
data/observed/bbs-lasten.csv), model year 2027 for 2023 and 2028 for 2024. The earlier ±10%
test compared the fit with the very lasten it was fitted to (27 factors, 27 targets: an
identity); these compare with data outside the fit.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import simfin
from simfin.calibrate import Calibration, read_observed
from simfin.out_of_sample import degrees_of_freedom, out_of_sample, summary_by_municipality

ROOT = Path(__file__).resolve().parents[2]
OBSERVED = ROOT / "data" / "observed" / "bbs-lasten.csv"
FIT_YEAR, TEST_YEAR = 2023, 2024


def _predict(name: str) -> pd.DataFrame:
    scenario = simfin.load(ROOT / "scenarios" / f"{name}.toml")
    return out_of_sample(scenario.with_changes({"simulation.horizon_years": 1}),
                         read_observed(OBSERVED, TEST_YEAR), FIT_YEAR, TEST_YEAR,
                         replications=2)


@pytest.fixture(scope="module")
def calibrated():
    return _predict("bbs-95k-gekalibreerd")


def test_the_pair_is_named_and_the_model_year_follows(calibrated):
    assert {k: calibrated.attrs[k] for k in ("fit_year", "test_year", "model_year")} == \
        {"fit_year": 2023, "test_year": 2024, "model_year": 2028}
    assert calibrated["fitted_line"].sum() == 27  # 3 municipalities x 9 fitted taakvelden


def test_fitted_on_2023_predicts_the_begroting_2024_within_20_percent(calibrated):
    """Hoofdtaakveld 6 (without the whole municipality's overhead 0.4) per municipality."""
    totals = summary_by_municipality(calibrated).set_index("municipality")["difference"]
    assert (totals.abs() <= 0.20).all(), totals.to_dict()


def test_calibration_predicts_unseen_taakvelden_better_than_no_calibration(calibrated):
    """Out of sample, per municipality and fitted taakveld: the median absolute error of the
    calibrated scenario is at most 25% and below that of the uncalibrated bbs-95k."""
    plain = _predict("bbs-95k")
    fitted = calibrated[calibrated["fitted_line"]]["difference"].abs().median()
    unfitted = plain[plain["fitted_line"]]["difference"].abs().median()
    assert fitted <= 0.25 and fitted < unfitted, (fitted, unfitted)


def test_degrees_of_freedom_count_targets_beyond_the_factors():
    factors = pd.DataFrame({"municipality": ["A", "A", "B", "B"],
                            "taakveld": ["6.1", "6.3", "6.1", "6.4"]})  # B 6.4: no target
    comparison = pd.DataFrame({"municipality": ["A", "A", "A", "B", "B", "B"],
                               "taakveld": ["6.1", "6.3", "6.2", "6.1", "6.2", "6.4"],
                               "observed": [1.0, 1.0, 1.0, 1.0, 1.0, float("nan")]})
    result = Calibration(scenario=None, factors=factors, comparison=comparison)
    dof = degrees_of_freedom(result)
    assert (dof.euro_targets, dof.factors, dof.dof) == (3, 3, 0)  # an identity: nothing tested
    clients = pd.DataFrame({"municipality": ["A", "B"]})
    assert degrees_of_freedom(result, clients).dof == 2
    assert "= 2" in degrees_of_freedom(result, clients).text()


@pytest.mark.slow
def test_calibrate_cli_names_the_pair_and_the_degrees_of_freedom(tmp_path, capsys):
    from simfin.cli import main

    scenario = tmp_path / "kort.toml"
    scenario.write_text(f'extends = "{(ROOT / "scenarios" / "bbs-95k.toml").as_posix()}"\n'
                        'name = "kort"\n[simulation]\nhorizon_years = 1\n', encoding="utf-8")
    observed = tmp_path / "waargenomen.csv"
    observed.write_text("municipality,year,taakveld,measure,value\n"
                        "Baarn,2023,6.1,lasten,6218000\nBaarn,2024,6.1,lasten,5234000\n",
                        encoding="utf-8")
    out = tmp_path / "uit"
    assert main(["calibrate", str(scenario), "--observed", str(observed), "--year", "2023",
                 "--validate-year", "2024", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Validatie buiten de fit: gefit op 2023, voorspeld 2024 (modeljaar 2028)" in printed
    assert "Vrijheidsgraden: 1 doelen in euro's + 9 cliëntaantallen − 1 gefitte factoren = 9" \
        in printed
    assert "Jongeren met jeugdhulp" in printed  # clients next to the euros
    table = pd.read_csv(out / "validatie_buiten_de_fit.csv")
    assert table["observed"].tolist() == [5234000]
    assert main(["calibrate", str(scenario), "--observed", str(observed), "--year", "2023",
                 "--validate-year", "2023", "--out", str(tmp_path / "b")]) == 2
