"""Helpers for the uncertainty tests: small uncertain scenarios as dicts and TOML files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import small_scenario_dict

#: The driver: p*q tariff of ambulant youth care (municipal spending is linear in it).
DRIVER = "products.ambulant.tariff_eur"
#: No effect on what municipalities pay: the provider's own administrative hourly cost.
NO_EFFECT = "admin.hourly_cost_eur.provider"
#: A small effect: the access team's loaded cost per FTE.
SMALL = "access_team.loaded_cost_per_fte_eur"


def uncertain_dict() -> dict:
    """The small scenario with three uncertain parameters (driver, small, no effect)."""
    data = small_scenario_dict()
    data["products"]["ambulant"]["tariff_eur"] = {
        "dist": "triangular", "low": 60, "mode": 78, "high": 110, "label": "Tarief ambulant"}
    data["access_team"]["loaded_cost_per_fte_eur"] = {"dist": "normal", "mean": 72200,
                                                      "sd": 1500}
    data["admin"]["hourly_cost_eur"]["provider"] = {"dist": "uniform", "low": 40, "high": 80}
    return data


def _value(value) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value) if isinstance(value, str) else repr(value)


def to_toml(data: dict) -> str:
    """A scenario dict as TOML (every table inline; enough for these tests)."""
    return "".join(f"{json.dumps(k)} = {_value(v)}\n" for k, v in data.items())


def write_scenario(path: Path, data: dict) -> Path:
    path.write_text(to_toml(data), encoding="utf-8")
    return path
