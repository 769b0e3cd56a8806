"""The shipped Leusden variants 0–4 validate, run, and differ only in their offices."""

from __future__ import annotations

import pytest

from simfin.runner import run_replication
from simfin.scenario import load
from conftest import SCENARIOS

VARIANTS = [SCENARIOS / f"leusden-variant-{i}.toml" for i in range(5)]
OFFICE_CATEGORIES = {"front_office_cost", "back_office_cost", "regie", "coordination"}


def short(path):
    """The scenario with a short time frame (two years, the incidental items need 2028), so that a test
    replication takes about a second."""
    return load(path).with_changes({"simulation.horizon_years": 2,
                                    "simulation.warmup_years": 1.0})


@pytest.fixture(scope="module")
def runs():
    return {path.stem: run_replication(short(path), 0) for path in VARIANTS}


def test_every_variant_has_offices_for_wmo_jeugd_and_bijstand():
    for path in VARIANTS:
        scenario = load(path)
        assert set(scenario.offices.domains) == {"wmo", "jeugd", "bijstand"}
        assert scenario.municipalities["Leusden"].inhabitants > 30000


def test_variants_share_the_residents_and_charge_the_offices(runs):
    base = runs["leusden-variant-0"]
    for name, tables in runs.items():
        assert tables["ledger"].equals(base["ledger"]), name  # common random numbers
        categories = set(tables["yearly"]["category"])
        assert {"front_office_cost", "back_office_cost", "regie"} <= categories, name
        kpis = tables["kpis"].set_index("kpi")["value"]
        assert kpis["dossiers_per_year"] > 300, name


def test_only_variant_1_hands_the_wi_dossier_over_and_variant_2_keeps_it(runs):
    """Variant 1 cuts FO and BO of Werk & Inkomen apart (the "knip"); in variant 2 both sit
    at Larikslaan2, in the others at Amersfoort."""
    handed = {path.stem: load(path).offices.hands_over(load(path).offices.domains["bijstand"])
              for path in VARIANTS}
    assert handed == {"leusden-variant-0": False, "leusden-variant-1": True,
                      "leusden-variant-2": False, "leusden-variant-3": False,
                      "leusden-variant-4": False}


def test_nijkerk_regie_of_two_fte_in_variant_2():
    offices = load(VARIANTS[2]).offices
    regie = sum(getattr(d, step).regie_fte for d in offices.domains.values()
                for step in ("front_office", "back_office")
                if offices.kind_of(getattr(d, step)) != "own")
    assert regie == pytest.approx(2.0)
