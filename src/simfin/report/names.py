"""Display names of things a scenario names by key: providers (``[providers.<key>]``).

A name an advisor reads is the scenario's ``label`` when it gives one, else the key made
readable ("wmo_zorg" -> "Wmo zorg").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simfin.scenario import Scenario

__all__ = ["provider_label", "provider_labels"]


def provider_label(scenario: Scenario, key: str) -> str:
    """Display name of provider ``key``: its ``label`` in the scenario file, else the key
    made readable."""
    provider = scenario.providers.get(key)
    if provider is not None and provider.label:
        return provider.label
    return key[:1].upper() + key[1:].replace("_", " ")


def provider_labels(scenario: Scenario) -> dict[str, str]:
    """``{key: display name}`` of every provider of ``scenario`` (:func:`provider_label`)."""
    return {key: provider_label(scenario, key) for key in scenario.providers}
