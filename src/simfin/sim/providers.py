"""Specialist providers (2e lijn): open-ended capacity or a fixed number of client places.

The behaviour face of a financing model lives here as scenario data: under p*q
(``pq_per_unit``, ``pq_per_trajectory``) every referred client starts at once; under a
lump sum (``lump_sum``, ``lump_sum_corridor``) the budget buys client places (given, or
budget / cost per client-year) and clients above that wait (urgent first), unless the
contract sets a duty to accept (zorgplicht, ``when_full = "duty_to_accept"``): then
nobody waits and the provider carries the extra cost. Duration and intensity multipliers
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
            places = getattr(provider.financing, "capacity_limit", None)
            self.places[name] = None if places is None else ServerPool(env, places)

    def waiting(self) -> int:
        """Clients waiting for a place, over all providers."""
        return sum(pool.queue_length for pool in self.places.values() if pool is not None)
