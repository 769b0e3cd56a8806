"""Entitlement streams (uitkeringen, e.g. bijstand): recipients in, benefit for a while, out.

No queue and no team hours: each recipient is an interval ``[t_start, t_end)`` in days since
the start of the first reported year, drawn with numpy, with no SimPy events. Inflow is
Poisson per municipality and entitlement (population growth, trend and the municipality's
local factor as for demand streams), from the start of the warm-up, so the first reported
year starts with a realistic stock. Draws come from their own addresses in the seed
sequence (purpose ``entitlements``), so adding an entitlement changes no other draw.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.scenario.schema import Scenario
from simfin.sim.arrivals import DAYS_PER_YEAR, inflow_per_day, thinned
from simfin.sim.rng import generator, name_key

__all__ = ["ENTITLEMENT_COLUMNS", "draw_entitlements"]

ENTITLEMENT_COLUMNS = ("municipality", "entitlement", "t_start", "t_end", "to_work")


def draw_entitlements(scenario: Scenario, replication: int) -> pd.DataFrame:
    """Every recipient of every entitlement stream in one replication, sorted by
    municipality, entitlement and start (columns :data:`ENTITLEMENT_COLUMNS`)."""
    sim = scenario.simulation
    t0, t1 = -sim.warmup_years * DAYS_PER_YEAR, sim.horizon_years * DAYS_PER_YEAR
    parts = []
    for mname in sorted(scenario.municipalities):
        muni = scenario.municipalities[mname]
        for ename in sorted(scenario.entitlements):
            ent = scenario.entitlements[ename]
            per_1000 = ent.inflow_per_1000 * muni.local_factors.get(ename, 1.0)
            rng = generator(sim.seed, replication, "entitlements", name_key(mname),
                            name_key(ename))
            start = thinned(lambda t: inflow_per_day(muni, ent.population, per_1000,
                                                     ent.trend_per_year, t), t0, t1, rng)
            u = rng.random((2, len(start)))
            end = start + ent.duration_days.ppf(u[0])
            parts.append(pd.DataFrame({
                "municipality": mname, "entitlement": ename, "t_start": start, "t_end": end,
                "to_work": u[1] < ent.exit_to_work_share}))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in zip(
            ENTITLEMENT_COLUMNS, (object, object, float, float, bool))})
    return pd.concat(parts, ignore_index=True)
