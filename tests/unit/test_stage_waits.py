"""Doorlooptijd per stage (simfin.stage_waits) on a hand-made ledger.

Three requests of one stream (intake norm 10 days, decision term 20 days), horizon 100:
* case 1: melding 0, gesprek 4, onderzoek ends 6, no consultation, care asked 6, starts 16;
* case 2: melding 10, gesprek 22, onderzoek ends 25, consultation ends 40 (beschikking 40);
* case 3: melding 95, still waiting at the horizon (5 days so far: not yet over either term).
Hand results: melding→gesprek 4, 12, 5 (mean 7; within the 10-day norm: 1 of the 2 known);
onderzoek→beschikking 2, 18 (mean 10); melding→beschikking 6, 30, 5 (within 20 days: 1 of
2 known); beschikking→zorg 10.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "validation"))
from mmc import mmc_scenario_dict  # noqa: E402

from simfin.scenario import validate_dict  # noqa: E402
from simfin.stage_waits import stage_kpis  # noqa: E402

NAN = np.nan


def ledger() -> pd.DataFrame:
    rows = [  # case, episode, line, activity, arrival, start, end, outcome
        (1, 0, "1e", "assessment", 0.0, 4.0, 6.0, "referral"),
        (1, 0, "2e", "zorg", 6.0, 16.0, 50.0, "discharged"),
        (2, 0, "1e", "assessment", 10.0, 22.0, 25.0, "general_facility"),
        (2, 0, "1e", "consultation", 25.0, 30.0, 40.0, "general_facility"),
        (3, 0, "1e", "assessment", 95.0, NAN, NAN, ""),
        (4, 0, "1e", "assessment", -20.0, -18.0, -17.0, "general_facility"),  # warm-up
    ]
    df = pd.DataFrame(rows, columns=["case_id", "episode", "line", "activity", "t_arrival",
                                     "t_start", "t_end", "outcome"])
    df["stream"] = "s"
    return df


@pytest.fixture
def scenario():
    data = copy.deepcopy(mmc_scenario_dict())
    data["demand_streams"]["s"]["decision_term_days"] = 20
    return validate_dict(data)


def test_stage_waits_by_hand(scenario):
    k = stage_kpis(ledger(), scenario, 100.0)
    assert k["stage_melding_gesprek_mean_days"] == pytest.approx(7.0)
    assert k["stage_melding_gesprek_within_term_share"] == pytest.approx(0.5)
    assert k["stage_onderzoek_beschikking_mean_days"] == pytest.approx(10.0)
    assert k["stage_melding_beschikking_mean_days"] == pytest.approx(41 / 3)
    assert k["stage_melding_beschikking_within_term_share"] == pytest.approx(0.5)
    assert k["stage_beschikking_zorg_mean_days"] == pytest.approx(10.0)
    assert k["stage_melding_gesprek_p90_days"] == pytest.approx(np.percentile([4, 12, 5], 90))


def test_no_decision_term_gives_no_share(scenario):
    data = copy.deepcopy(mmc_scenario_dict())
    k = stage_kpis(ledger(), validate_dict(data), 100.0)
    assert np.isnan(k["stage_melding_beschikking_within_term_share"])


def test_fte_per_10000_is_reported(scenario):
    k = stage_kpis(ledger(), scenario, 100.0)
    assert k["access_fte_per_10000"] == pytest.approx(scenario.access_team.fte / 10)  # 100,000 inh.
