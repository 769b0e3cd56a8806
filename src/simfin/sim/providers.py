"""Specialist providers (2e lijn): open-ended capacity or a fixed number of client places.

The behaviour face of a financing model lives here as scenario data: under p*q
(``pq_per_unit``) every referred client starts at once; under a lump sum (``lump_sum``)
the budget buys ``client_places`` and clients above that wait (urgent first). Duration
and intensity multipliers are applied when case attributes are drawn (``cases.py``).
"""

from __future__ import annotations

import simpy

from simfin.scenario.schema import Scenario

__all__ = ["Providers"]


class Providers:
    """Per provider: a SimPy resource when places are limited, else ``None``."""

    def __init__(self, env: simpy.Environment, scenario: Scenario) -> None:
        self.places: dict[str, simpy.PriorityResource | None] = {}
        self.in_care: dict[str, int] = {}
        for name, provider in scenario.providers.items():
            places = getattr(provider.financing, "client_places", None)
            self.places[name] = None if places is None else \
                simpy.PriorityResource(env, capacity=places)
            self.in_care[name] = 0

    def waiting(self) -> int:
        """Clients waiting for a place, over all providers."""
        return sum(len(res.queue) for res in self.places.values() if res is not None)
