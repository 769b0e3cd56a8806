"""The behaviour face of a steering model: the referral shares the model invites.

:func:`steered` returns the scenario the simulation runs: with ``[steering]``, each demand
stream's ``outcomes.referral`` is multiplied by ``steering.referral_multiplier`` (capped at
1) and the difference is taken from (or given to) light help and general facilities in
proportion to their shares. The base quantiles of the cases are unchanged, so every model
sees the same residents (common random numbers). Without ``[steering]`` the scenario itself
is returned.
"""

from __future__ import annotations

from simfin.scenario.schema import Scenario

__all__ = ["steered", "steered_outcomes"]


def steered_outcomes(outcomes: dict[str, float], multiplier: float) -> dict[str, float]:
    """``outcomes`` (light_help, general_facility, referral) with the referral share times
    ``multiplier``, the others rescaled so that the shares still sum to 1."""
    referral = min(1.0, outcomes["referral"] * multiplier)
    rest = outcomes["light_help"] + outcomes["general_facility"]
    scale = (1.0 - referral) / rest if rest > 0 else 0.0
    return {"light_help": outcomes["light_help"] * scale,
            "general_facility": outcomes["general_facility"] * scale, "referral": referral}


def steered(scenario: Scenario) -> Scenario:
    """The scenario with the steering model's referral behaviour applied (module docstring)."""
    steering = scenario.steering
    if steering is None or steering.referral_multiplier == 1.0:
        return scenario
    changes = {f"demand_streams.{name}.outcomes": steered_outcomes(
        stream.outcomes.model_dump(), steering.referral_multiplier)
        for name, stream in scenario.demand_streams.items()}
    return scenario.with_changes(changes)
