"""Display names of things a scenario names by key: providers (``[providers.<key>]``).

A name an advisor reads is the scenario's ``label`` when it gives one, else the key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simfin.scenario import Scenario

__all__ = ["provider_label", "provider_labels"]


def provider_label(scenario: Scenario, key: str) -> str:
    """Display name of provider ``key``: its ``label`` in the scenario file, else the key."""
    provider = scenario.providers.get(key)
    return provider.label if provider is not None and provider.label else key


def provider_labels(scenario: Scenario) -> dict[str, str]:
    """``{key: display name}`` of every provider of ``scenario`` (:func:`provider_label`)."""
    return {key: provider_label(scenario, key) for key in scenario.providers}
