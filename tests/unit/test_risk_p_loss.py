"""``risk.p_loss`` against hand-worked values: the *share* of replications with a loss.

The yearly tables are written by hand, so every expected value below is counted by hand
from the margins in the table, not taken from ``per_replication`` or ``p_loss``.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import small_scenario_dict

from simfin.results import Results
from simfin.risk import p_loss
from simfin.scenario import validate_dict

SCENARIO = validate_dict(small_scenario_dict())  # horizon of 2 years
YEARS = (2027, 2028)


def _results(margins: dict[int, dict[str, tuple[float, float]]]) -> Results:
    """Results whose yearly table holds, per replication and provider, the margin of each
    of the two years, next to a municipality cost row that must not count."""
    rows = []
    for rep, per_provider in margins.items():
        rows.append({"replication": rep, "year": 2027, "municipality": "Aadorp",
                     "party": "municipality", "provider": "", "category": "access_team",
                     "amount_eur": -5_000.0, "hours": float("nan")})
        for provider, amounts in per_provider.items():
            for year, amount in zip(YEARS, amounts):
                rows.append({"replication": rep, "year": year, "municipality": "",
                             "party": "provider", "provider": provider, "category": "margin",
                             "amount_eur": amount, "hours": float("nan")})
                rows.append({"replication": rep, "year": year, "municipality": "",
                             "party": "provider", "provider": provider, "category": "admin",
                             "amount_eur": -1e6, "hours": 1.0})  # not a margin
    yearly = pd.DataFrame(rows)
    kpis = pd.DataFrame({"replication": sorted(margins), "kpi": "x", "value": 0.0, "unit": ""})
    return Results(SCENARIO, pd.DataFrame(), yearly, kpis, pd.DataFrame(),
                   {"replications": len(margins)})


@pytest.mark.parametrize(("margins", "expected"), [
    # one of four replications loses money: 1/4
    ({0: (10.0, 5.0), 1: (-30.0, 10.0), 2: (1.0, 1.0), 3: (0.0, 2.0)}, 0.25),
    # two of four: 1/2 (a loss in one year made good in the next is no loss: rep 2)
    ({0: (-1.0, -1.0), 1: (-30.0, 10.0), 2: (-100.0, 150.0), 3: (5.0, 5.0)}, 0.5),
    # three of five: 3/5
    ({0: (-1.0, 0.0), 1: (-0.02, 0.0), 2: (4.0, -9.0), 3: (5.0, 5.0), 4: (0.0, 0.0)}, 0.6),
    # none of three (a zero margin is no loss)
    ({0: (0.0, 0.0), 1: (3.0, -3.0), 2: (2.0, 2.0)}, 0.0),
    # all of two
    ({0: (-1.0, -1.0), 1: (-2.0, 1.0)}, 1.0),
])
def test_p_loss_is_the_share_of_replications_with_a_loss(margins, expected):
    results = _results({rep: {"zorg": m} for rep, m in margins.items()})
    assert p_loss(results) == pytest.approx(expected)
    assert p_loss(results, "zorg") == pytest.approx(expected)


def test_p_loss_per_provider_and_all_providers_together():
    results = _results({
        0: {"a": (-10.0, 0.0), "b": (6.0, 6.0)},    # a loses, together +2: no loss
        1: {"a": (-10.0, 0.0), "b": (2.0, 2.0)},    # a loses, together -6: loss
        2: {"a": (1.0, 1.0), "b": (-1.0, -1.0)},    # b loses, together 0: no loss
        3: {"a": (1.0, 1.0), "b": (1.0, 1.0)},      # nobody loses
    })
    assert p_loss(results, "a") == pytest.approx(2 / 4)
    assert p_loss(results, "b") == pytest.approx(1 / 4)
    assert p_loss(results) == pytest.approx(1 / 4)
