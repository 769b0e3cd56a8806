"""Shared fixtures: small hand-made scenarios that run in well under a second."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import simpy

from simfin.scenario import validate_dict

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


#: A minimal valid scenario file (one municipality, one stream, no providers) as TOML text.
MINIMAL_TOML = '''
name = "basis"
[simulation]
start_year = 2027
horizon_years = 2
warmup_years = 1
replications = 2
seed = 1
[municipalities.A]
inhabitants = 10000
age_shares = { all = 1.0 }
[demand_streams.wmo]
population = "all"
rate_per_1000 = 20
complexity_mix = { c = 1.0 }
legal_norm_days = 42
resolved_0e_share = 0.2
outcomes = { light_help = 0.5, general_facility = 0.5, referral = 0.0 }
[access_team]
fte = 4
assessment_share = 0.5
productive_hours_per_fte = 1425
absence_rate = 0.05
loaded_cost_per_fte_eur = 70000
caseload_per_fte = 30
[access_team.complexity.c]
assessment_hours = { family = "gamma", mean = 6, cv = 0.5 }
light_help_hours_per_week = 1
light_help_duration_days = { family = "fixed", value = 60 }
[admin]
hourly_cost_eur = { municipality = 70, provider = 60 }
allocation_message_minutes = { municipality = 10, provider = 10 }
declaration_minutes = { municipality = 3, provider = 5 }
lump_sum_monitoring_hours_per_year = { municipality = 40, provider = 40 }
'''


def small_scenario_dict() -> dict:
    """Two municipalities, two streams, two providers (one p*q, one lump sum)."""
    return copy.deepcopy({
        "name": "klein",
        "simulation": {"start_year": 2027, "horizon_years": 2, "warmup_years": 1,
                       "replications": 2, "seed": 12345},
        "municipalities": {
            "Aadorp": {"inhabitants": 8000, "growth_per_year": 0.01,
                       "age_shares": {"jong": 0.25, "oud": 0.75}},
            "Beekdorp": {"inhabitants": 12000,
                         "age_shares": {"jong": 0.2, "oud": 0.8}},
        },
        "demand_streams": {
            "jeugd": {"population": "jong", "rate_per_1000": 60, "trend_per_year": 0.02,
                      "complexity_mix": {"licht": 0.8, "zwaar": 0.2}, "urgent_share": 0.05,
                      "legal_norm_days": 56, "resolved_0e_share": 0.3,
                      "outcomes": {"light_help": 0.3, "general_facility": 0.2, "referral": 0.5},
                      "referral_products": {"ambulant": 0.8, "verblijf": 0.2},
                      "reentry_share": 0.1,
                      "reentry_delay_days": {"family": "exponential", "mean": 200}},
            "wmo": {"population": "all", "rate_per_1000": 20,
                    "complexity_mix": {"licht": 1.0}, "legal_norm_days": 42,
                    "resolved_0e_share": 0.2,
                    "outcomes": {"light_help": 0.4, "general_facility": 0.3, "referral": 0.3},
                    "referral_products": {"begeleiding": 1.0}},
        },
        "access_team": {
            "fte": 6, "assessment_share": 0.5, "productive_hours_per_fte": 1425,
            "absence_rate": 0.06, "loaded_cost_per_fte_eur": 72200, "caseload_per_fte": 35,
            "complexity": {
                "licht": {"assessment_hours": {"family": "gamma", "mean": 6, "cv": 0.5},
                          "light_help_hours_per_week": 1.5,
                          "light_help_duration_days": {"family": "lognormal", "mean": 90,
                                                       "cv": 0.6}},
                "zwaar": {"assessment_hours": {"family": "gamma", "mean": 14, "cv": 0.5},
                          "light_help_hours_per_week": 3,
                          "light_help_duration_days": {"family": "lognormal", "mean": 180,
                                                       "cv": 0.6}},
            },
        },
        "products": {
            "ambulant": {"unit": "hour",
                         "intensity_per_week": {"family": "gamma", "mean": 2, "cv": 0.5},
                         "duration_days": {"family": "lognormal", "mean": 300, "cv": 0.8},
                         "tariff_eur": 78.0, "cost_price_eur": 74.0, "step_down_share": 0.3},
            "verblijf": {"unit": "day", "intensity_per_week": {"family": "fixed", "value": 7},
                         "duration_days": {"family": "lognormal", "mean": 200, "cv": 0.8},
                         "tariff_eur": 195.91, "cost_price_eur": 190.0},
            "begeleiding": {"unit": "hour",
                            "intensity_per_week": {"family": "gamma", "mean": 3, "cv": 0.4},
                            "duration_days": {"family": "exponential", "mean": 250},
                            "tariff_eur": 55.80, "cost_price_eur": 53.0,
                            "step_down_share": 0.2},
        },
        "providers": {
            "jeugdhulp": {"products": ["ambulant", "verblijf"],
                          "financing": {"kind": "pq_per_unit"}},
            "wmo_zorg": {"products": ["begeleiding"],
                         "financing": {"kind": "lump_sum", "budget_eur_per_year": 400000,
                                       "client_places": 40}},
        },
        "admin": {
            "hourly_cost_eur": {"municipality": 70, "provider": 60},
            "allocation_message_minutes": {"municipality": 10, "provider": 10},
            "declaration_minutes": {"municipality": 3, "provider": 6},
            "lump_sum_monitoring_hours_per_year": {"municipality": 40, "provider": 60},
        },
    })


def with_reneging(data: dict) -> dict:
    """``data`` (the small scenario) with a busy team, no warm-up and clients who give up
    waiting after 20 days and all come back 30 days later, heavier (in place)."""
    data["simulation"]["warmup_years"] = 0
    data["access_team"]["fte"] = 3
    data["reneging"] = {"patience_days": {"family": "fixed", "value": 20},
                        "return_share": 1.0,
                        "return_delay_days": {"family": "fixed", "value": 30},
                        "heavier_share": 1.0, "heavier_products": {"jeugd": "verblijf"}}
    return data


@pytest.fixture
def small_dict() -> dict:
    return small_scenario_dict()


@pytest.fixture
def small_scenario():
    return validate_dict(small_scenario_dict(), "klein.toml")


class CountingEnvironment(simpy.Environment):
    """A SimPy environment that counts the steps it takes (``events``), the step that
    finds the schedule empty included."""

    def __init__(self) -> None:
        super().__init__()
        self.events = 0

    def step(self) -> None:
        self.events += 1
        super().step()
