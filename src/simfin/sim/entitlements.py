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
    cells, starts, ends, to_work = [], [], [], []
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
            cells.append((mname, ename))
            starts.append(start)
            ends.append(start + ent.duration_days.ppf(u[0]))
            to_work.append(u[1] < ent.exit_to_work_share)
    if not cells:
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in zip(
            ENTITLEMENT_COLUMNS, (object, object, float, float, bool))})
    cell = np.repeat(np.arange(len(cells)), [len(start) for start in starts])
    return pd.DataFrame({  # one frame at once; the names taken from the few cells
        "municipality": _names([m for m, _ in cells], cell),
        "entitlement": _names([e for _, e in cells], cell),
        "t_start": np.concatenate(starts), "t_end": np.concatenate(ends),
        "to_work": np.concatenate(to_work)})


def _names(names: list[str], index: np.ndarray):
    """``names[index]`` as pandas strings (the dtype a column of one name gets)."""
    return pd.Series(names).array.take(index)
