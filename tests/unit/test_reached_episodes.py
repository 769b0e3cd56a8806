"""Only the returns a case reaches are drawn (``draw_cases(..., reached_only=True)``).

The inverse distribution functions are the costly part of drawing the cases; a run in
which nothing but a case's own re-entries sets a return never reads the durations and
hours of the returns a case does not reach. Checked here: the values drawn are those of
the full draw, to the last bit, where a case reaches the episode (the reach written out
case by case) and 0.0 elsewhere; and whole runs give the same ledger and monitor as with
every episode drawn, also where something else sets a return (a policy regime on the
timeline, reneging), which is why those runs draw every episode.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import small_scenario_dict, with_reneging

from simfin.scenario import validate_dict
from simfin.sim import model, policy
from simfin.sim.cases import EPISODES, draw_cases
from simfin.sim.model import Simulation

#: The attributes that come from an inverse distribution function.
DRAWN = ("assessment_hours", "light_days", "consult_hours", "reentry_delay_days", "care_days",
         "care_days_indicated", "care_units_per_week", "care_units_per_week_indicated")


def _returning(**simulation) -> dict:
    """The small scenario with many returns, a consultation and integral households."""
    data = small_scenario_dict()
    data["simulation"].update(simulation)
    for stream in data["demand_streams"].values():
        stream["reentry_share"] = 0.5
        stream["reentry_delay_days"] = {"family": "exponential", "mean": 120}
    data["access_team"]["specialist_fte"] = 1.0
    for level in data["access_team"]["complexity"].values():
        level["consultation_share"] = 0.3
        level["consultation_hours"] = {"family": "gamma", "mean": 5, "cv": 0.6}
    return data


def _reached_by_hand(cases) -> np.ndarray:
    """Per case and episode: reached by the case's own re-entries (written out)."""
    reached = np.zeros((cases.n, EPISODES), dtype=bool)
    for i in range(cases.n):
        reached[i, 0] = True
        for k in range(1, EPISODES):
            if cases.resolved_0e[i] or not cases.reentry[i, k - 1]:
                break
            reached[i, k] = True
    return reached


@pytest.mark.parametrize("replication", [0, 2])
def test_reached_episodes_hold_the_full_draw_and_the_others_zero(replication):
    scenario = validate_dict(_returning(), "test.toml")
    full = draw_cases(scenario, replication)
    reached_only = draw_cases(scenario, replication, reached_only=True)
    reached = _reached_by_hand(full)
    assert reached[:, 1].any() and not reached[:, 1].all()  # the check has both kinds
    for name in DRAWN:
        got, want = getattr(reached_only, name), getattr(full, name)
        assert np.array_equal(got[reached], want[reached]), name
        assert not got[~reached].any(), name
        assert want[~reached].any(), name  # the full draw has values there to leave out
    for name in ("arrival", "complexity", "outcome", "product", "reentry", "consult",
                 "step_down", "urgent", "resolved_0e"):
        assert np.array_equal(getattr(reached_only, name), getattr(full, name)), name


def _all_episodes(monkeypatch) -> None:
    """Make the simulation draw every episode of every case, in every table."""
    def every_episode(scenario, replication, reached_only=False, draws=None):
        return draw_cases(scenario, replication, draws=draws)

    for module in (model, policy):
        monkeypatch.setattr(module, "draw_cases", every_episode)


def _policy(data: dict) -> dict:
    """A policy regime after a year that sends far fewer cases back: a return after it,
    of a case that came before it, is one its regime's own re-entries do not reach."""
    data["timeline"] = [{"at_month": 12, "changes": {
        "demand_streams.jeugd.reentry_share": 0.1,
        "demand_streams.jeugd.outcomes": {"light_help": 0.2, "general_facility": 0.1,
                                          "referral": 0.7}}}]
    return data


def _uncongested(data: dict) -> dict:
    """A team large enough for pruning the warm-up (short queues)."""
    data["access_team"]["fte"] = 20
    data["access_team"]["specialist_fte"] = 4.0
    return data


def _households(data: dict) -> dict:
    data["households"] = {"domains_share": [0.5, 0.5]}
    data["access_team"]["intake_mode"] = "integral"
    return data


@pytest.mark.parametrize("make", [
    lambda: _returning(),
    lambda: _uncongested(_returning(warmup_method="prune", warmup_years=3,
                                    warmup_full_years=1)),
    lambda: _households(_returning()),
    lambda: _policy(_returning()),
    lambda: with_reneging(_returning()),
], ids=["returns", "prune", "households", "policy-regime", "reneging"])
def test_a_run_is_the_same_as_with_every_episode_drawn(make, monkeypatch):
    scenario = validate_dict(make(), "test.toml")
    ours = Simulation(scenario, 1).run()
    _all_episodes(monkeypatch)
    full = Simulation(scenario, 1).run()
    assert (ours.ledger["episode"] > 0).sum() > 20  # returns were simulated
    assert ours.ledger.equals(full.ledger)
    assert ours.monitor.equals(full.monitor)
