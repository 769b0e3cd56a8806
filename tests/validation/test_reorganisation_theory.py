"""Pooling on the timeline against queueing theory: ``k`` M/M/c teams (one per
municipality, equal demand) merged at time T into one joint team of ``k c`` workers.

Before T each team is an M/M/c queue; well after T the joint team is an M/M/(kc) queue
with ``k`` times the arrival rate. The mean intake wait of the arrivals in each window
matches Erlang C (:func:`simfin.theory.mmc_mean_wait`) within the ~99.7% confidence
interval over independent replications; the waiting clients moved at T (with their
arrival times) are part of the relaxation in between and left out of both windows.
"""

from __future__ import annotations

import numpy as np
import pytest
from mmc import mmc_scenario_dict

from simfin.scenario import validate_dict
from simfin.scenario.timeline import DAYS_PER_MONTH
from simfin.sim import simulate
from simfin.theory import mmc_mean_wait

REPLICATIONS = 40
RHO, MONTH = 0.9, 6


def _teams_merged(teams: int, servers: int) -> dict:
    """``teams`` municipalities of equal size, each its own M/M/``servers`` team at
    utilisation RHO (mean service 1 day), merged into one team at month MONTH."""
    data = mmc_scenario_dict(servers=servers, rho=RHO, years=1)
    data["simulation"]["warmup_years"] = 2.0  # the separate teams near steady state at T
    names = [f"M{i}" for i in range(teams)]
    data["municipalities"] = {m: {"inhabitants": 100_000, "age_shares": {"all": 1.0}}
                              for m in names}
    team = data["access_team"]
    team.update(fte=2.0 * servers * teams, organisation="per_municipality",
                fte_by_municipality={m: 2.0 * servers for m in names})
    data["timeline"] = [{"at_month": MONTH, "changes": {"access_team.organisation": "joint"}}]
    return data


@pytest.mark.parametrize(("teams", "servers"), [(2, 3), (3, 2)])
def test_merged_teams_relax_to_the_pooled_erlang_c_wait(teams, servers):
    scenario = validate_dict(_teams_merged(teams, servers))
    lam = RHO * servers  # per municipality, a day (mean service 1 day)
    switch = MONTH * DAYS_PER_MONTH
    before, after = [], []
    for rep in range(REPLICATIONS):
        ledger = simulate(scenario, rep, monitor_interval_days=0).ledger
        rows = ledger[(ledger["activity"] == "assessment") & ledger["t_start"].notna()]
        wait = rows["t_start"] - rows["t_arrival"]
        # arrivals that were served before the switch by their own team
        early = (rows["t_arrival"] < switch - 30)
        late = rows["t_arrival"] >= switch + 60
        before.append(wait[early].mean())
        after.append(wait[late].mean())
    before, after = np.array(before), np.array(after)
    separate = mmc_mean_wait(lam, 1.0, servers)
    pooled = mmc_mean_wait(teams * lam, 1.0, teams * servers)

    def within(values, theory):
        half = 3 * values.std(ddof=1) / np.sqrt(len(values))
        assert abs(values.mean() - theory) <= half, (values.mean(), theory, half)

    within(before, separate)
    within(after, pooled)
    assert after.mean() < 0.6 * separate  # pooling: far below the separate teams' wait
