"""Specialist providers (2e lijn): open-ended capacity or a fixed number of client places.

Capacity is physical, financing is contractual. A provider's staff and rooms give it
``capacity_places`` clients in care at a time under every financing kind, p*q included:
referred clients above that wait (urgent first, first come first served within a
priority). A lump sum (``lump_sum``, ``lump_sum_corridor``) adds the places its budget
buys (given, or budget / cost per client-year) on top, and the smaller number holds,
unless the contract sets a duty to accept (zorgplicht, ``when_full = "duty_to_accept"``):
that lifts the budget's limit (the provider carries the extra cost), not the physical
one. A provider without ``capacity_places`` under p*q or a duty to accept starts every
referred client at once. Duration and intensity multipliers
and the step-down probability are applied when case attributes are drawn (``cases.py``).
"""

from __future__ import annotations

import simpy

from simfin.scenario.schema import Scenario
from simfin.sim.server_pool import ServerPool

__all__ = ["Providers"]


class Providers:
    """Per provider: a server pool of client places when places are limited, else ``None``."""

    def __init__(self, env: simpy.Environment, scenario: Scenario) -> None:
        self.places: dict[str, ServerPool | None] = {}
        for name, provider in scenario.providers.items():
            places = provider.capacity_limit
            self.places[name] = None if places is None else ServerPool(env, places)

    def limited(self) -> list[ServerPool]:
        """The pools of client places, of the providers whose places are limited."""
        return [pool for pool in self.places.values() if pool is not None]

    def waiting(self) -> int:
        """Clients waiting for a place, over all providers."""
        return sum(pool.queue_length for pool in self.limited())
