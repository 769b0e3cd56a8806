"""Probabilistic sensitivity analysis over the business items (PSA): ranges sampled, not bounded.

Two kinds of range are drawn once per replication, so that the NPV interval over the
replications holds their uncertainty as well as the simulation's:

* **Item amounts**: an incidental or structural item with ``amount_eur = {min, mode, max}``
  is drawn from the triangular distribution with those three points.
* **Policy parameters**: a number written as a ``dist`` table in a scenario file (e.g. a
  variant's ``resolved_0e_share`` or ``outcomes.referral``, :mod:`simfin.scenario.uncertain`)
  is drawn from its distribution, and that replication is simulated with the drawn value.
  A drawn ``outcomes.referral`` moves to or from ``outcomes.light_help`` (the shift "zo
  licht als kan" describes), ``general_facility`` unchanged, unless ``light_help`` is
  declared itself.

Every draw comes from the stream ``business_items`` of :mod:`simfin.sim.rng`, addressed by
replication and the item's or parameter's name (never by order): the draws do not change
any simulation stream, a parameter declared in two scenarios gets the same value in both
(common random numbers), and adding an item leaves the other items' draws unchanged.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

import numpy as np
from scipy import stats

from simfin.scenario.load import validate_dict
from simfin.scenario.schema import AmountRange, Scenario
from simfin.scenario.uncertain import UncertainScenario
from simfin.sim.rng import generator, name_key

__all__ = ["STREAM", "draw_uniform", "parameter_draws", "sampled_amounts",
           "sampled_scenario", "scenario_with", "triangular_amount"]

STREAM = "business_items"


def draw_uniform(seed: int, replication: int, name: str) -> float:
    """The uniform draw in [0, 1) of item or parameter ``name`` in ``replication``."""
    return float(generator(seed, replication, STREAM, name_key(name)).random())


def triangular_amount(amount: AmountRange, u: float) -> float:
    """The amount at quantile ``u`` of the triangular distribution ``(min, mode, max)``."""
    if not amount.is_range:
        return float(amount.mode)
    width = amount.max - amount.min
    shape = (amount.mode - amount.min) / width
    return float(stats.triang.ppf(u, shape, loc=amount.min, scale=width))


def sampled_amounts(scenario: Scenario, replication: int) -> dict[str, float]:
    """Drawn amounts of the scenario's items with a range: ``"incidental.<name>"`` (total
    over its years) or ``"structural.<name>"`` (per year) -> euros at base-year prices."""
    seed = scenario.simulation.seed
    out = {}
    for kind, items in (("incidental", scenario.incidental), ("structural", scenario.structural)):
        for name, item in sorted(items.items()):
            amount = item.amount_eur if kind == "incidental" else item.amount_eur_per_year
            if amount.is_range:
                key = f"{kind}.{name}"
                out[key] = triangular_amount(amount, draw_uniform(seed, replication, key))
    return out


def parameter_draws(uncertain: UncertainScenario, seed: int, replication: int
                    ) -> dict[str, float]:
    """Drawn values of every declared parameter (dotted path -> value) in ``replication``."""
    return {p.name: float(p.distribution.ppf(np.array([draw_uniform(seed, replication, p.name)]))[0])
            for p in uncertain.parameters}


def _set(data: dict, keys: tuple[str, ...], value: float) -> None:
    for key in keys[:-1]:
        data = data[key]
    data[keys[-1]] = value


def sampled_scenario(uncertain: UncertainScenario, scenario: Scenario, replication: int
                     ) -> tuple[Scenario, dict[str, float]]:
    """The scenario of one replication with its declared parameters drawn, and the draws.

    ``scenario`` supplies the settings that the business case fixes (name, replications,
    seed); a drawn referral share is balanced against light help (module docstring).
    """
    values = parameter_draws(uncertain, scenario.simulation.seed, replication)
    if not values:
        return scenario, values
    return scenario_with(uncertain, scenario, values), values


def scenario_with(uncertain: UncertainScenario, scenario: Scenario,
                  values: Mapping[str, float]) -> Scenario:
    """The scenario with declared parameters (and any other dotted paths, e.g.
    ``access_team.fte``) set to ``values``; settings, name and the referral balance as in
    :func:`sampled_scenario`. A declared parameter not in ``values`` stays at its mode."""
    data = copy.deepcopy(uncertain.data)
    declared = {p.name: p for p in uncertain.parameters}
    for name, value in {**{p.name: p.base for p in uncertain.parameters}, **values}.items():
        p = declared.get(name)
        _set(data, tuple(name.split(".")),
             int(p.to_value(value)) if p is not None and p.integer else value)
    _balance_referrals(data, values)
    data["name"] = scenario.name
    data["simulation"] = scenario.simulation.model_dump()
    return validate_dict(data, uncertain.file)


def _balance_referrals(data: dict, values: Mapping[str, float]) -> None:
    for path in values:
        parts = path.split(".")
        if parts[0] != "demand_streams" or parts[2:] != ["outcomes", "referral"]:
            continue
        if ".".join([*parts[:3], "light_help"]) in values:
            continue
        outcomes = data["demand_streams"][parts[1]]["outcomes"]
        outcomes["light_help"] = 1.0 - outcomes["referral"] - outcomes["general_facility"]
