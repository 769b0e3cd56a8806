"""National defaults at whole scope (issue 27): referentie-100k covers hoofdtaakveld 6 like
bbs-95k, at national Iv3 levels, and lands in the band of real budgets when scaled down.

Independent truth: the real lasten of hoofdtaakveld 6 per inhabitant, CBS Iv3 jaarrekening 2023
(data/observed/bbs-observed.csv, taakveld 6 per inhabitant), and the band € 700–1.700 per
inhabitant of real municipal budgets named in the issue. Nothing of referentie-100k was fitted
to them (its 6.81 amount is the BBS figure for a municipality that is no centrumgemeente).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import simfin
from simfin.scale import compare_organisations, scale_scenario
from simfin.scope_check import check_scope, scope_of

ROOT = Path(__file__).resolve().parents[2]
REFERENTIE = ROOT / "scenarios" / "referentie-100k.toml"
BBS = ROOT / "scenarios" / "bbs-95k.toml"


def _short(scenario):
    """Two reported years and one replication: enough for a level, quick to run."""
    sim = scenario.simulation.model_copy(update={"horizon_years": 2, "replications": 1})
    return scenario.model_copy(update={"simulation": sim})


def _cost_per_inhabitant(scenario) -> float:
    table = compare_organisations([_short(scenario)], replications=1)
    return float(table["cost_per_inhabitant_eur"].iat[0])


def _real_lasten_per_inhabitant(municipality: str) -> float:
    """Hoofdtaakveld 6 lasten per inhabitant, jaarrekening 2023 (CBS Iv3, bbs-observed.csv)."""
    observed = pd.read_csv(ROOT / "data" / "observed" / "bbs-observed.csv",
                           dtype={"taakveld": str})
    row = observed[(observed["municipality"] == municipality) & (observed["year"] == 2023)
                   & (observed["taakveld"] == "6")
                   & (observed["measure"] == "lasten_total_per_inhabitant")]
    return float(row["value"].iat[0])


def test_referentie_covers_the_scope_of_bbs():
    referentie, bbs = simfin.load(REFERENTIE), simfin.load(BBS)
    assert scope_of(referentie) == scope_of(bbs)
    check_scope([referentie, bbs])  # no ScopeError


def test_national_defaults_at_30000_inhabitants_land_in_the_band_of_real_budgets():
    scaled = scale_scenario(simfin.load(REFERENTIE), 30_000)
    assert 700 <= _cost_per_inhabitant(scaled) <= 1_700


@pytest.mark.parametrize("municipality, inhabitants", [("Bunschoten", 22_690),
                                                       ("Soest", 48_001)])
def test_national_defaults_within_35_percent_of_a_real_municipality(municipality, inhabitants):
    modelled = _cost_per_inhabitant(scale_scenario(simfin.load(REFERENTIE), inhabitants))
    real = _real_lasten_per_inhabitant(municipality)
    assert abs(modelled / real - 1) <= 0.35, (modelled, real)


def test_organisations_bbs_and_referentie_within_20_percent():
    """Same scope now, so the cost per inhabitant differs by levels and size only."""
    table = compare_organisations([_short(simfin.load(BBS)), _short(simfin.load(REFERENTIE))],
                                  replications=1)
    bbs, referentie = table["cost_per_inhabitant_eur"]
    assert 0.8 <= referentie / bbs <= 1.2, (bbs, referentie)


def test_national_defaults_give_national_client_rates():
    """Jeugdzorg per 1,000 youths under 23, Wmo HbH/begeleiding and bijstand per 1,000: each
    within its band around the national benchmark (sources in referentie-100k.toml)."""
    from simfin.clients import compare_clients

    results = simfin.run(_short(simfin.load(REFERENTIE)), replications=1)
    table = compare_clients(results)
    assert sorted(table["measure"]) == ["bijstand", "jeugdzorg", "wmo"]
    assert (table["kind"] == "benchmark").all()
    assert table["within_band"].all(), table[["measure", "model_mean"]].to_dict("records")
