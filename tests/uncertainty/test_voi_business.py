"""One decision analysis: the value of information runs on the business case itself."""

import numpy as np
import pytest

import simfin
from simfin.uncertainty.voi_business import business_voi

pytestmark = pytest.mark.slow  # business cases per PSA sample: see docs/testing.md

NULL, VARIANT = "scenarios/bbs-nulalternatief.toml", "scenarios/bbs-gezamenlijk.toml"
POLICY = {"demand_streams.jeugd.resolved_0e_share", "demand_streams.jeugd.outcomes.referral",
          "demand_streams.wmo.resolved_0e_share", "demand_streams.wmo.outcomes.referral"}


@pytest.fixture(scope="module")
def case():
    return simfin.business_case(NULL, VARIANT, replications=4, seed=20240101, drivers=False)


def test_voi_best_option_is_the_business_cases_better_mean_npv(case):
    voi = business_voi(case)
    mean_npv = case.summary().set_index("variant")["npv_mean_eur"]
    better = mean_npv.idxmax() if mean_npv.max() > 0 else case.null
    total = voi.evpi.set_index("municipality").loc["*"]
    assert total["best_option"] == better
    assert total["expected_net_benefit_eur"] == pytest.approx(max(mean_npv.max(), 0.0))


def test_evpi_of_two_options_is_the_hand_computed_value(case):
    """Two options, net benefits 0 and NPV_r: EVPI = mean(max(0, NPV_r)) − max(0, mean NPV)."""
    npv = case.appraisal["npv_eur"].to_numpy()
    expected = np.maximum(npv, 0.0).mean() - max(npv.mean(), 0.0)
    assert business_voi(case).evpi_eur == pytest.approx(expected, abs=1e-6)


def test_the_variants_own_policy_effects_are_voi_parameters(case):
    """The parameters that decide the case (the variant's policy effects) are in the EVPPI
    list, with their Dutch labels, next to the item ranges."""
    table = business_voi(case).evppi
    params = set(table.loc[table["kind"] == "parameter", "parameter"])
    assert POLICY <= params
    assert any(p.startswith("incidental.") for p in params)
    labels = dict(zip(table["parameter"], table["label"], strict=True))
    assert labels["demand_streams.jeugd.outcomes.referral"] == "Jeugd: aandeel verwijzing 2e lijn"
