"""Value of information: EVPI against its closed form, EVPPI properties, a small sweep.

Closed form: two options with net benefits 0 and ``a + b*theta``, ``theta ~ N(mu, sigma)``.
The incremental net benefit ``X = a + b*theta`` is normal with mean ``m = a + b*mu`` and sd
``s = |b|*sigma``, and EVPI = E[max(0, X)] - max(0, m) = s * L(|m|/s), with the unit normal
loss integral L(z) = phi(z) - z * (1 - Phi(z)).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from simfin.uncertainty.voi import evpi, evpi_standard_error, evppi, evppi_table


def unit_normal_loss(z: float) -> float:
    return float(stats.norm.pdf(z) - z * stats.norm.sf(z))


def linear_case(n: int, seed: int, a: float = -500.0, b: float = 300.0, mu: float = 1.0,
                sigma: float = 2.0):
    rng = np.random.default_rng(seed)
    theta = rng.normal(mu, sigma, n)
    noise_param = rng.uniform(0, 1, n)  # does not enter either net benefit
    nb = pd.DataFrame({"nul": np.zeros(n), "variant": a + b * theta})
    m, s = a + b * mu, abs(b) * sigma
    exact = s * unit_normal_loss(abs(m) / s)
    return nb, pd.DataFrame({"theta": theta, "other": noise_param}), exact


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_evpi_matches_the_unit_normal_loss_integral_within_monte_carlo_error(seed):
    nb, _, exact = linear_case(4000, seed)
    estimate, se = evpi(nb), evpi_standard_error(nb)
    assert abs(estimate - exact) < 3.5 * se
    assert se < 0.1 * exact  # the check has power: the error bar is small against the value


def test_evppi_of_a_parameter_that_does_not_affect_the_decision_is_about_zero():
    nb, x, exact = linear_case(2000, 7)
    assert evppi(nb, x["other"]) < 0.02 * exact


def test_evppi_of_the_driving_parameter_and_of_all_together_equals_evpi():
    nb, x, _ = linear_case(2000, 8)
    total = evpi(nb)
    assert evppi(nb, x["theta"]) == pytest.approx(total, rel=1e-6)
    assert evppi(nb, x) == pytest.approx(total, rel=1e-6)


def test_nonlinear_net_benefit_with_noise_evppi_of_all_near_evpi_of_the_mean():
    """NB2 = 200*(t1^2 - 1) + 100*t2 + noise: EVPPI(all) estimates the EVPI of the
    noise-free net benefit, and is at most the noisy EVPI."""
    rng = np.random.default_rng(11)
    n = 3000
    t1, t2 = rng.normal(size=n), rng.normal(size=n)
    clean = 200 * (t1**2 - 1) + 100 * t2
    nb = pd.DataFrame({"a": np.zeros(n), "b": clean + rng.normal(0, 50, n)})
    x = pd.DataFrame({"t1": t1, "t2": t2})
    truth = evpi(pd.DataFrame({"a": np.zeros(n), "b": clean}))
    both = evppi(nb, x)
    assert abs(both - truth) < 0.05 * truth
    assert both <= evpi(nb) + 1e-9
    assert evppi(nb, x["t1"]) > evppi(nb, x["t2"]) > 0


def test_evppi_when_the_first_option_has_a_net_benefit_of_its_own():
    """Option 0 is not a zero reference here: NB0 = 10 x, NB1 = 5 with x evenly spread on
    [0, 1]. Knowing x, one takes option 1 when x < 0.5, gaining 5 - 10 x; without, both
    have mean 5. EVPPI(x) = EVPI = integral_0^0.5 (5 - 10 x) dx = 1.25 (up to the grid)."""
    x = (np.arange(20_000) + 0.5) / 20_000
    nb = np.column_stack([10 * x, np.full_like(x, 5.0)])
    noise = np.random.default_rng(3).uniform(size=len(x))
    exact = np.maximum(0.0, 5 - 10 * x).mean()
    assert exact == pytest.approx(1.25, rel=1e-6)
    assert evpi(nb) == pytest.approx(exact, rel=1e-9)
    assert evppi(nb, x) == pytest.approx(exact, rel=0.01)
    assert evppi(nb, noise) == pytest.approx(0.0, abs=0.02)
    # the same decision problem with a constant added to every option: nothing changes
    shifted = nb + 1_000.0
    assert evppi(shifted, x) == pytest.approx(evppi(nb, x), rel=1e-6)


def test_evppi_table_has_a_row_per_parameter_group_and_all():
    nb, x, _ = linear_case(500, 9)
    table = evppi_table(nb, x, groups={"beide": ["theta", "other"]},
                        labels={"theta": "Theta"})
    assert list(table["kind"]) == ["parameter", "parameter", "group", "all"]
    assert table.iloc[0]["label"] == "Theta"
    assert table["share_of_evpi"].iloc[0] == pytest.approx(1.0, rel=1e-6)
    with pytest.raises(ValueError, match="unknown parameters"):
        evppi_table(nb, x, groups={"g": ["nope"]})


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError, match="options >= 2"):
        evpi(np.zeros((10, 1)))
    with pytest.raises(ValueError, match="one parameter row per sample"):
        evppi(np.zeros((10, 2)), np.zeros(9))


def test_items_total_counts_incidental_once_and_structural_per_year(small_dict):
    from simfin.scenario import validate_dict
    from simfin.uncertainty.voi_run import items_total

    data = dict(small_dict, name="posten")
    data["incidental"] = {"ict": {"category": "ict_migration", "amount_eur": {
        "min": 30000, "mode": 50000, "max": 90000}, "years": [2027, 2028]}}
    data["structural"] = {"m": {"category": "management", "amount_eur_per_year": 10000}}
    scenario = validate_dict(data)
    years = scenario.simulation.horizon_years
    assert items_total(scenario) == pytest.approx(50000 + 10000 * years)
    assert items_total(validate_dict(small_dict)) == 0
