"""Hypothesis strategies: random *valid* small scenarios (a few hundred requests).

Sizes are kept small on purpose (at most 3 municipalities of at most 2,000 inhabitants,
rates up to 60 per 1,000, at most two reported years and one warm-up year), so a
replication takes a fraction of a second. Every family of distribution, both financing
kinds, urgent cases, re-entry and step-down can occur.

Corners found earlier (no request at all, no specialist care under p*q only) are
handled now and covered by ``tests/reliability/test_known_gaps.py`` too.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

__all__ = ["SETTINGS", "scenario_dicts"]

#: CI runs the same 25 examples per test every time (derandomised). For a deeper, random
#: search set ``SIMFIN_PROPERTY_EXAMPLES`` (e.g. 500): then examples are drawn at random.
_DEEP = os.environ.get("SIMFIN_PROPERTY_EXAMPLES")
SETTINGS = settings(max_examples=int(_DEEP) if _DEEP else 25, deadline=None,
                    derandomize=not _DEEP, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

MUNICIPALITY_NAMES = ["Aadorp", "Beekdorp", "Súdwest-Fryslân", "'s-Gravenzande", "Ede"]
AGE_GROUPS = ["jong", "oud"]
FINANCING_KINDS = ("pq_per_unit", "pq_per_trajectory", "lump_sum", "lump_sum_corridor")
OPEN_KINDS = ("pq_per_unit", "pq_per_trajectory")  # no client places: open capacity


def shares(draw, names: list[str], allow_zero: bool = True) -> dict[str, float]:
    """Shares over ``names`` that sum to one (within 1e-9)."""
    low = 0 if allow_zero else 1
    weights = [draw(st.integers(low, 10)) for _ in names]
    if sum(weights) == 0:
        weights[0] = 1
    total = sum(weights)
    return {n: w / total for n, w in zip(names, weights)}


def distribution(draw, mean_low: float, mean_high: float) -> dict:
    mean = draw(st.floats(mean_low, mean_high, allow_nan=False, allow_infinity=False))
    family = draw(st.sampled_from(["fixed", "exponential", "lognormal", "gamma", "uniform",
                                   "triangular"]))
    if family == "fixed":
        return {"family": "fixed", "value": mean}
    if family == "exponential":
        return {"family": "exponential", "mean": mean}
    if family in ("lognormal", "gamma"):
        return {"family": family, "mean": mean, "cv": draw(st.sampled_from([0.2, 0.5, 1.0]))}
    if family == "uniform":
        return {"family": "uniform", "low": mean / 2, "high": mean * 1.5}
    return {"family": "triangular", "low": mean / 2, "mode": mean, "high": mean * 2}


@st.composite
def scenario_dicts(draw) -> dict:
    """A random valid scenario dictionary."""
    munis = draw(st.lists(st.sampled_from(MUNICIPALITY_NAMES), min_size=1, max_size=3,
                          unique=True))
    levels = ["licht", "zwaar"][:draw(st.integers(1, 2))]
    products = ["ambulant", "verblijf", "begeleiding"][:draw(st.integers(1, 3))]
    providers = _providers(draw, products)
    all_pq = all(p["financing"]["kind"] in OPEN_KINDS for p in providers.values())
    data = {
        "name": "willekeurig",
        "simulation": {"start_year": 2027, "horizon_years": draw(st.integers(1, 2)),
                       "warmup_years": draw(st.sampled_from([0, 0.5, 1])),
                       "replications": 1, "seed": draw(st.integers(0, 2**32))},
        "municipalities": {m: {"inhabitants": draw(st.integers(800, 2000)),
                               "growth_per_year": draw(st.sampled_from([0.0, 0.01, -0.03])),
                               "age_shares": shares(draw, AGE_GROUPS, allow_zero=False)}
                           for m in munis},
        "demand_streams": {s: _stream(draw, levels, products, first=(i == 0), all_pq=all_pq)
                           for i, s in enumerate(["wmo", "jeugd"][:draw(st.integers(1, 2))])},
        "access_team": {
            "fte": draw(st.sampled_from([0.5, 1, 2.5, 4])),
            "assessment_share": draw(st.sampled_from([0.3, 0.5, 0.8])),
            "productive_hours_per_fte": 1400, "absence_rate": draw(st.sampled_from([0, 0.06])),
            "loaded_cost_per_fte_eur": 72_200.0, "caseload_per_fte": draw(st.integers(2, 40)),
            "complexity": {lv: {"assessment_hours": distribution(draw, 2, 20),
                                "light_help_hours_per_week": draw(st.sampled_from([0, 1, 2.5])),
                                "light_help_duration_days": distribution(draw, 10, 200)}
                           for lv in levels},
        },
        "products": {p: {"unit": draw(st.sampled_from(["hour", "day", "dagdeel"])),
                         "intensity_per_week": distribution(draw, 0.5, 7),
                         "duration_days": distribution(draw, 10, 400),
                         "tariff_eur": draw(st.sampled_from([55.8, 78.0, 195.91, 0.0])),
                         "cost_price_eur": draw(st.sampled_from([53.0, 74.0, 190.0])),
                         "step_down_share": draw(st.sampled_from([0.0, 0.3, 1.0]))}
                     for p in products},
        "providers": providers,
        "admin": {
            "hourly_cost_eur": {"municipality": 70, "provider": 60},
            "allocation_message_minutes": {"municipality": 10, "provider": 10},
            "declaration_minutes": {"municipality": 3, "provider": 6},
            "lump_sum_monitoring_hours_per_year": {"municipality": 40, "provider": 60},
        },
    }
    for provider in providers.values():  # bands by units need one billing unit
        financing = provider["financing"]
        if financing["kind"] == "pq_per_trajectory" and len(
                {data["products"][p]["unit"] for p in provider["products"]}) > 1:
            financing["band_by"] = "days"
    return data


def _stream(draw, levels: list[str], products: list[str], first: bool, all_pq: bool) -> dict:
    must_refer = first and all_pq
    referral = draw(st.sampled_from([0.6] if must_refer else [0.0, 0.3, 0.6]))
    light = draw(st.sampled_from([0.0, 0.2, 0.4]))
    reentry = draw(st.sampled_from([0.0, 0.2, 0.5]))
    stream = {
        "population": "all" if first else draw(st.sampled_from(["all", *AGE_GROUPS])),
        "rate_per_1000": draw(st.integers(20, 60)),
        "trend_per_year": draw(st.sampled_from([0.0, 0.05, -0.1])),
        "complexity_mix": shares(draw, levels, allow_zero=False),
        "urgent_share": draw(st.sampled_from([0.0, 0.1, 1.0])),
        "legal_norm_days": draw(st.sampled_from([42, 56])),
        "resolved_0e_share": 0.0 if must_refer else draw(st.sampled_from([0.0, 0.3])),
        "outcomes": {"light_help": light, "referral": referral,
                     "general_facility": round(1.0 - light - referral, 10)},
        "reentry_share": reentry,
    }
    if referral > 0:
        stream["referral_products"] = shares(draw, products, allow_zero=False)
    if reentry > 0:
        stream["reentry_delay_days"] = distribution(draw, 20, 300)
    return stream


def _providers(draw, products: list[str]) -> dict:
    if not products:
        return {}
    split = draw(st.integers(1, len(products)))
    groups = {"zorg_a": products[:split], "zorg_b": products[split:]}
    providers = {}
    for name, items in groups.items():
        if not items:
            continue
        financing = _financing(draw)
        providers[name] = {"products": items, "financing": financing}
    return providers


def _financing(draw) -> dict:
    """One of the four financing kinds, with budgets and shares that produce cents."""
    kind = draw(st.sampled_from(FINANCING_KINDS))
    behaviour = {"duration_multiplier": draw(st.sampled_from([1.0, 0.8, 1.2])),
                 "step_down_multiplier": draw(st.sampled_from([1.0, 1.5]))}
    if kind == "pq_per_unit":
        return {"kind": kind, **behaviour}
    if kind == "pq_per_trajectory":
        limits = sorted(draw(st.lists(st.sampled_from([5.0, 20.0, 60.0, 150.0]), max_size=3,
                                      unique=True)))
        prices = [draw(st.sampled_from([0.0, 950.0, 2331.45, 8260.0])) for _ in limits]
        bands = {f"band{i}": {"up_to": up_to, "price_eur": price}
                 for i, (up_to, price) in enumerate(zip(limits, prices))}
        bands["open"] = {"price_eur": draw(st.sampled_from([1200.0, 31542.1]))}
        return {"kind": kind, "band_by": draw(st.sampled_from(["units", "days"])),
                "bands": bands, "start_share": draw(st.sampled_from([0.0, 0.5, 1.0])),
                **behaviour}
    lump = {"kind": kind, "client_places": draw(st.integers(1, 20)),
            "budget_eur_per_year": draw(st.sampled_from([0.0, 12_345.67, 250_000.0])),
            "when_full": draw(st.sampled_from(["waiting_list", "duty_to_accept"])),
            **behaviour}
    if kind == "lump_sum":
        return lump
    return {**lump, "corridor_share": draw(st.sampled_from([0.0, 0.05, 0.075, 0.333])),
            "excess_settled_share": draw(st.sampled_from([0.0, 0.5, 1.0])),
            "shortfall_settled_share": draw(st.sampled_from([0.0, 0.25, 1.0]))}
