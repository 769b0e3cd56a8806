"""The calibration update on a linear model made by hand: a taakveld's lasten are a fixed
part plus a driven part proportional to the local factor, so the factor that meets the
observed lasten is known exactly. Checks the fixed part (not 0 here), bounds that bind, a
start factor other than 1 (the update multiplies), and a target below the fixed part."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import simfin
import simfin.calibrate as calibrate_module
from simfin.calibrate import calibrate

ROOT = Path(__file__).resolve().parents[2]

#: (municipality, line) -> (taakveld, fixed part, driven part at factor 1), euros
LINEAR = {("Baarn", "samenkracht"): ("6.1", 400.0, 100.0),
          ("Soest", "wsw"): ("6.4", 200.0, 100.0),
          ("Bunschoten", "hulpmiddelen"): ("6.6", 300.0, 100.0)}
OBSERVED = {("Baarn", "6.1"): 700.0, ("Soest", "6.4"): 500.0, ("Bunschoten", "6.6"): 250.0}
BOUNDS = {("Baarn", "samenkracht"): (0.05, 5.0), ("Soest", "wsw"): (0.5, 1.5),
          ("Bunschoten", "hulpmiddelen"): (0.05, 5.0)}


def _linear_model(scenario, replications, year=None):
    """What ``_modelled`` returns, from the linear model: the same in every replication."""
    rows = []
    for rep in range(replications):
        for (muni, line), (taakveld, fixed, driven) in LINEAR.items():
            factor = scenario.municipalities[muni].local_factors.get(line, 1.0)
            rows.append({"replication": rep, "municipality": muni, "taakveld": taakveld,
                         "amount_eur": fixed + driven * factor, "driven": driven * factor})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def result():
    base = simfin.load(ROOT / "scenarios" / "bbs-95k.toml")
    data = base.model_dump()
    for muni in data["municipalities"].values():
        muni["local_factors"] = {}
    data["municipalities"]["Baarn"]["local_factors"]["samenkracht"] = 2.0
    data["calibration"]["parameters"] = {
        f"municipalities.{m}.local_factors.{line}": {"low": low, "high": high}
        for (m, line), (low, high) in BOUNDS.items()}
    start = type(base).model_validate(data)
    observed = pd.DataFrame([{"municipality": m, "taakveld": t, "value": v, "year": 2023,
                              "measure": "lasten"} for (m, t), v in OBSERVED.items()])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(calibrate_module, "_modelled", _linear_model)
        return calibrate(start, observed, max_iterations=8)


def _after(result, muni: str, line: str) -> float:
    factors = result.factors.set_index(["municipality", "line"])
    return float(factors.loc[(muni, line), "after"])


def test_the_fixed_part_is_subtracted_before_scaling(result):
    """Baarn 6.1: 400 fixed + 100 x factor = 700 observed, so the factor is 3.0 (scaling
    the whole 600 modelled at factor 2 would give 2 x 700 / 600 = 2.33; dropping the fixed
    part from the ratio, 700 / 200 x 2 = 7)."""
    assert _after(result, "Baarn", "samenkracht") == pytest.approx(3.0, rel=1e-9)
    comparison = result.comparison.set_index(["municipality", "taakveld"])
    assert comparison.loc[("Baarn", "6.1"), "model_mean"] == pytest.approx(700.0)
    assert result.scenario.municipalities["Baarn"].local_factors["samenkracht"] == \
        pytest.approx(3.0)


def test_a_bound_that_binds_holds_the_factor(result):
    """Soest 6.4: 200 fixed + 100 x factor = 500 needs 3.0, above the bound 1.5: the factor
    stays at 1.5 and the model at 350, 30% short of the observed 500."""
    assert _after(result, "Soest", "wsw") == pytest.approx(1.5)
    comparison = result.comparison.set_index(["municipality", "taakveld"])
    assert comparison.loc[("Soest", "6.4"), "model_mean"] == pytest.approx(350.0)
    assert comparison.loc[("Soest", "6.4"), "difference"] == pytest.approx(350 / 500 - 1)
    assert result.iterations == 8   # never within tolerance, so every iteration is used


def test_a_target_below_the_fixed_part_is_not_identifiable(result):
    """Bunschoten 6.6: observed 250 is below the fixed 300; no factor can reach it."""
    assert "Bunschoten 6.6" in result.not_identifiable
    assert _after(result, "Bunschoten", "hulpmiddelen") == 1.0
    moved = result.factors.set_index(["municipality", "line"])["moved"]
    assert moved[("Baarn", "samenkracht")] == pytest.approx(3.0 / 2.0 - 1)
    assert moved[("Bunschoten", "hulpmiddelen")] == 0.0


def test_the_calibrated_file_reads_back_with_awkward_names(result, tmp_path):
    """Municipality names with spaces and quotes ('s-Hertogenbosch, Wijk bij Duurstede), a
    scenario name and a folder with a double quote: the file ``to_toml`` writes is TOML
    that gives back each name and factor, and a scenario that loads."""
    import dataclasses
    import tomllib

    renamed = {"Baarn": "Wijk bij Duurstede", "Soest": "'s-Hertogenbosch"}
    factors = result.factors.assign(
        municipality=result.factors["municipality"].replace(renamed))
    odd = dataclasses.replace(
        result, factors=factors,
        scenario=result.scenario.model_copy(update={"name": 'bbs "proef"'}),
        not_identifiable=["a\nb"])
    folder = tmp_path / 'map "x"'
    text = odd.to_toml(folder / "basis.toml")
    data = tomllib.loads(text)
    assert data["extends"] == (folder / "basis.toml").as_posix()
    assert data["name"] == 'bbs "proef"-gekalibreerd'
    for row in factors.itertuples():
        assert data["municipalities"][row.municipality]["local_factors"][row.line] \
            == pytest.approx(row.after, abs=1e-6)
    # the same text on the shipped base loads as a scenario with those factors
    base = ROOT / "scenarios" / "bbs-95k.toml"
    (tmp_path / "gekalibreerd.toml").write_text(result.to_toml(base), encoding="utf-8")
    loaded = simfin.load(tmp_path / "gekalibreerd.toml")
    for row in result.factors.itertuples():
        assert loaded.municipalities[row.municipality].local_factors[row.line] \
            == pytest.approx(row.after, abs=1e-6)
