"""Spread shared costs over municipalities (verdeelsleutel): by inhabitants for now."""

from __future__ import annotations

import math

from simfin.scenario.schema import Scenario

__all__ = ["inhabitant_shares"]


def inhabitant_shares(scenario: Scenario, year_index: int) -> dict[str, float]:
    """Each municipality's share of all inhabitants at the start of reported year ``year_index``."""
    pops = {name: m.inhabitants * (1 + m.growth_per_year) ** year_index
            for name, m in sorted(scenario.municipalities.items())}
    total = math.fsum(pops.values())  # exact: the same whatever the order in the file
    return {name: pop / total for name, pop in pops.items()}
