"""The what-if emulator against known truths: a design drawn from a known function with
known noise (no simulation), so every check has an independent answer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

pytest.importorskip("sklearn")

from simfin.uncertainty.emulator import fit_emulator  # noqa: E402
from simfin.uncertainty.whatif_design import latin_design, what_if  # noqa: E402

REPS = 20
NOISE_SD = 50_000.0
FTE0 = 74.0  # the variant's FTE (bbs-gezamenlijk); the synthetic NPV is zero there


@pytest.fixture(scope="module")
def setup():
    return what_if(replications=REPS)


def _truth(frame: pd.DataFrame, setup) -> dict[str, np.ndarray]:
    """A smooth response: NPV linear in the FTE and the jeugd referral share."""
    fte = frame["access_team.fte"].to_numpy()
    referral = frame["demand_streams.jeugd.outcomes.referral"].to_numpy()
    npv = 400_000 * (FTE0 - fte) - 20_000_000 * (referral - 0.52)
    return {"npv_eur": npv, "structural_saving_eur": npv / 5,
            "intake_wait_p95_days": 10.0 - 2.0 * (fte - FTE0),
            "spending_eur": 30e6 + 0.0 * fte}


def _design(setup, points: int = 24) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    design = latin_design(setup.inputs, points).reset_index()
    truth = _truth(design, setup)
    years = [int(y) for y in range(setup.null.simulation.start_year,
                                   setup.null.simulation.start_year
                                   + setup.null.simulation.horizon_years)]
    rows = []
    for r in range(REPS):
        part = design.assign(replication=r)
        for key in ("npv_eur", "structural_saving_eur", "intake_wait_p95_days"):
            scale = NOISE_SD if key.endswith("_eur") else 0.5
            part[key] = truth[key] + rng.normal(0, scale, len(design))
        for year in years:
            part[f"spending_{year}_eur"] = truth["spending_eur"] + rng.normal(0, 1e6, len(design))
        rows.append(part)
    return pd.concat(rows, ignore_index=True)


@pytest.fixture(scope="module")
def emulator(setup):
    return fit_emulator(setup, _design(setup))


def test_emulator_recovers_a_known_response(emulator, setup):
    """At new points the prediction is within 3 standard errors of a 20-replication mean
    of the known function."""
    test = latin_design(setup.inputs, 10, seed=7)
    predicted = emulator.predict(test)["npv_eur"].to_numpy()
    truth = _truth(test, setup)["npv_eur"]
    assert np.max(np.abs(predicted - truth)) < 3 * NOISE_SD / np.sqrt(REPS)


def test_errors_compare_cross_validation_with_the_monte_carlo_error(emulator):
    errors = emulator.errors().set_index("output")
    # the design's spread between replications is the noise put in
    assert errors.at["npv_eur", "mc_error"] == pytest.approx(NOISE_SD / np.sqrt(REPS), rel=0.1)
    # a linear response is emulated well within the 20-replication noise
    assert errors.at["npv_eur", "ratio"] < 1.5
    assert errors.at["npv_eur", "cv_rmse"] > 0


def test_p_overshoot_follows_the_normal_spending_model(emulator):
    """Spending 30 M with sd 1 M in every year: P(spending > c) = 1 - Phi((c - 30 M) / 1 M),
    and the ceiling slider only rescales the file's ceiling."""
    base = emulator.ceiling_eur_per_year
    top = emulator.ceiling_by_year.max() / base  # the highest nominal ceiling, as a factor
    low = emulator.ceiling_by_year.min() / base
    for target in (29e6, 30e6, 31.5e6):
        ceiling = target / low  # the lowest year's ceiling equals target
        p = emulator.predict({}, ceiling)["p_overshoot"].iloc[0]
        assert p == pytest.approx(norm.sf(target, 30e6, 1e6), abs=0.05)
    assert top >= low


def test_switching_value_is_the_root_of_the_known_response(emulator, setup):
    """NPV = 0 where 400,000 x (FTE0 - fte) = 20,000,000 x (referral - 0.52), others at
    their base."""
    base = {x.name: x.base for x in setup.inputs}
    referral = base["demand_streams.jeugd.outcomes.referral"]
    root = FTE0 - 20_000_000 * (referral - 0.52) / 400_000
    found = emulator.switching_value("access_team.fte")
    fte = next(x for x in emulator.inputs if x.name == "access_team.fte")
    if fte.low <= root <= fte.high:
        assert found == pytest.approx(root, abs=0.15)
    else:
        assert np.isnan(found)


def test_a_design_the_files_moved_away_from_is_flagged(setup):
    """A design whose FTE lies wholly below the file's value is stale: a warning names it."""
    from simfin.uncertainty.emulator import StaleDesignWarning

    design = _design(setup, 12)
    design["access_team.fte"] = design["access_team.fte"] - 20.0
    with pytest.warns(StaleDesignWarning, match="fte"):
        stale = fit_emulator(setup, design)
    assert stale.stale and not fit_emulator(setup, _design(setup, 12)).stale


def test_unknown_input_is_refused(emulator):
    with pytest.raises(KeyError, match="not an input"):
        emulator.predict({"access_team.ftee": 60})


def test_scenario_at_sets_the_inputs_and_keeps_the_outcome_shares_whole(setup):
    """A point's scenario has the FTE and referral share asked for; light help takes what
    the referral gives up, so the outcome shares still add up to 1; the rest is at the mode."""
    scenario = setup.scenario_at({"access_team.fte": 60.5,
                                  "demand_streams.jeugd.outcomes.referral": 0.49})
    jeugd = scenario.demand_streams["jeugd"].outcomes
    assert scenario.access_team.fte == 60.5
    assert jeugd.referral == 0.49
    assert jeugd.referral + jeugd.light_help + jeugd.general_facility == pytest.approx(1.0)
    assert scenario.demand_streams["jeugd"].resolved_0e_share == pytest.approx(0.22)
    assert scenario.simulation.replications == REPS


def test_panel_titles_carry_no_code_names():
    """The what-if panel and its error table speak Dutch: "95e percentiel", not "p95"
    (issue 29)."""
    import re

    from simfin.report.whatif_panel import _NAMES, ANSWERS

    titles = [title for _, title, _ in ANSWERS] + list(_NAMES.values())
    assert not [t for t in titles if re.search(r"\bp\d\d\b|_", t)]
