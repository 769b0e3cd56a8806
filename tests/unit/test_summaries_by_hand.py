"""Summaries of a run and of a business case on small hand-made tables, checked against
arithmetic done by hand: a taakveld missing in a replication counts as 0 there; emergent
incidental costs leave hand-entered items out; the structural saving is nulalternatief minus
variant; the payback year is the nominal one, not the discounted one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simfin.business.result import BusinessCase
from simfin.results import Results


def _yearly_run(rows: list[tuple]) -> Results:
    """A :class:`Results` holding only a yearly table of municipality lasten."""
    yearly = pd.DataFrame(rows, columns=["replication", "year", "taakveld", "amount_eur"])
    yearly = yearly.assign(party="municipality", municipality="A", category="admin")
    empty = pd.DataFrame()
    return Results(scenario=None, ledger=empty, yearly=yearly, kpis=empty, monitor=empty,
                   meta={"replications": 2})


def test_taakveld_summary_counts_a_missing_taakveld_as_zero():
    """Replication 0 books 100 on 6.1 and 50 on 6.2; replication 1 books 200 on 6.1 only.
    Means over the two replications: 6.1 = 150, 6.2 = (50 + 0) / 2 = 25, total = 175, and
    6.2's 90% interval runs from 0 upwards (not 50 to 50)."""
    run = _yearly_run([(0, 2027, "6.1", 100.0), (0, 2027, "6.2", 50.0),
                       (1, 2027, "6.1", 200.0)])
    summary = run.taakveld_summary().set_index("taakveld")
    assert summary.loc["6.1", "mean"] == pytest.approx(150.0)
    assert summary.loc["6.2", "mean"] == pytest.approx(25.0)
    assert summary.loc["total", "mean"] == pytest.approx(175.0)
    assert summary.loc["6.2", "p05"] == pytest.approx(0.05 * 50.0)   # quantile of [0, 50]
    parts = summary.drop(index="total")["mean"].sum()
    assert parts == pytest.approx(summary.loc["total", "mean"])


def test_yearly_summary_counts_a_missing_category_as_zero():
    """The same by category: admin 100 and 200, care 50 in replication 0 only (as inhuur in
    the replications where a wait ran high): care's mean is 25, and the parts add up."""
    run = _yearly_run([(0, 2027, "6.1", 100.0), (1, 2027, "6.1", 200.0)])
    care = run.yearly.iloc[[0]].assign(category="specialist_care", amount_eur=50.0)
    run = Results(scenario=None, ledger=run.ledger, kpis=run.kpis, monitor=run.monitor,
                  yearly=pd.concat([run.yearly, care], ignore_index=True), meta=run.meta)
    summary = run.yearly_summary().set_index("category")
    assert summary.loc["admin", "mean"] == pytest.approx(150.0)
    assert summary.loc["specialist_care", "mean"] == pytest.approx(25.0)
    assert summary.loc["total", "mean"] == pytest.approx(175.0)
    assert summary.drop(index="total")["mean"].sum() == pytest.approx(175.0)


def test_taakveld_summary_at_main_level_zero_fills_after_the_roll_up():
    """Sub-taakvelden 6.72a (rep 0: 40) and 6.73a (rep 1: 60) roll up to 6.72: 40 and 60,
    mean 50; 6.1 only in rep 0 (30): mean 15; total (70 + 60) / 2 = 65."""
    run = _yearly_run([(0, 2027, "6.72a", 40.0), (0, 2027, "6.1", 30.0),
                       (1, 2027, "6.73a", 60.0)])
    main = run.taakveld_summary("main").set_index("taakveld")
    assert main.loc["6.72", "mean"] == pytest.approx(50.0)
    assert main.loc["6.1", "mean"] == pytest.approx(15.0)
    assert main.loc["total", "mean"] == pytest.approx(65.0)
    detail = run.taakveld_summary("detail").set_index("taakveld")
    assert detail.loc["6.72a", "mean"] == pytest.approx(20.0)
    assert detail.loc["6.73a", "mean"] == pytest.approx(30.0)


# --- a business case made by hand -------------------------------------------------------

YEARS = [2027, 2028, 2029]


def _yearly_row(variant, rep, year, cost_type, category, item, nominal, constant=None):
    return {"variant": variant, "replication": rep, "year": year, "municipality": "A",
            "cost_type": cost_type, "category": category, "provider": "", "item": item,
            "taakveld": "6.2", "constant_eur": nominal if constant is None else constant,
            "nominal_eur": nominal}


def _hand_case() -> BusinessCase:
    """Nulalternatief ``nul`` and variant ``var`` over 2027-2029, two replications.

    Structural costs, the same in both replications: ``nul`` 1,000 / 1,000 / 1,000; ``var``
    1,000 / 800 / 700 (a saving of 300 in the last year). Incidental in ``var``: a
    hand-entered item ``ict`` of 500 in 2027 (both replications) and emergent inhuur (no
    item name) of 100 in replication 0 and 300 in replication 1, in 2028: mean 200.
    The balance: cumulative nominal -300, +0, +300 (payback 2028); discounted -300, -10,
    +250 (payback 2029)."""
    rows = []
    for rep in (0, 1):
        for year, null_cost, var_cost in zip(YEARS, (1000.0, 1000.0, 1000.0),
                                             (1000.0, 800.0, 700.0)):
            rows.append(_yearly_row("nul", rep, year, "structural", "access_team", "",
                                    null_cost))
            rows.append(_yearly_row("var", rep, year, "structural", "access_team", "",
                                    var_cost))
        rows.append(_yearly_row("var", rep, 2027, "incidental", "ict_migration", "ict",
                                500.0, 480.0))
        rows.append(_yearly_row("var", rep, 2028, "incidental", "inhuur", "",
                                100.0 if rep == 0 else 300.0, 90.0 if rep == 0 else 290.0))
    yearly = pd.DataFrame(rows)
    balance = pd.DataFrame(
        [{"variant": "var", "replication": rep, "year": y, "balance_nominal_eur": b,
          "cumulative_nominal_eur": cn, "cumulative_discounted_eur": cd,
          "discount_factor": f}
         for rep in (0, 1)
         for y, b, cn, cd, f in zip(YEARS, (-300.0, 300.0, 300.0), (-300.0, 0.0, 300.0),
                                    (-300.0, -10.0, 250.0), (1.0, 0.97, 0.94))])
    appraisal = pd.DataFrame({"variant": "var", "replication": [0, 1],
                              "npv_eur": [100.0, 300.0], "payback_year": [2028.0, 2028.0],
                              "payback_year_discounted": [2029.0, 2029.0],
                              "npv_items_min_eur": [150.0, 350.0],
                              "npv_items_max_eur": [50.0, 250.0]})
    ceiling = pd.DataFrame({"variant": ["nul", "var"], "year": [2027, 2027],
                            "p_overshoot": [0.2, 0.35]})
    return BusinessCase(scenarios={"nul": None, "var": None}, null="nul", yearly=yearly,
                        balance=balance, balance_by_municipality=balance.assign(
                            municipality="A"),
                        appraisal=appraisal, ceiling=ceiling, kpis=pd.DataFrame(
                            columns=["variant", "replication", "kpi", "value"]),
                        items=pd.DataFrame())


@pytest.fixture(scope="module")
def hand_summary() -> pd.Series:
    return _hand_case().summary().set_index("variant").loc["var"]


def test_emergent_incidental_costs_leave_the_hand_entered_items_out(hand_summary):
    # costs are negative under the one sign of the document (+ = besparing)
    assert hand_summary["incidental_emergent_nominal_eur"] == pytest.approx(-200.0)
    assert hand_summary["incidental_nominal_eur"] == pytest.approx(-(500.0 + 200.0))
    assert hand_summary["incidental_constant_eur"] == pytest.approx(-(480.0 + 190.0))


def test_structural_difference_is_nulalternatief_minus_variant(hand_summary):
    """+ = besparing: the variant pays 700 against 1,000 in the last year."""
    assert hand_summary["structural_difference_last_year_eur"] == pytest.approx(300.0)


def test_payback_nominal_and_discounted_are_different_years(hand_summary):
    assert hand_summary["payback_year"] == 2028
    assert hand_summary["payback_year_discounted"] == 2029


def test_npv_and_ceiling_in_the_summary(hand_summary):
    assert hand_summary["npv_mean_eur"] == pytest.approx(200.0)
    assert hand_summary["npv_p05_eur"] == pytest.approx(100.0 + 0.05 * 200.0)
    assert hand_summary["npv_p95_eur"] == pytest.approx(100.0 + 0.95 * 200.0)
    assert hand_summary["npv_items_min_eur"] == pytest.approx(250.0)
    assert hand_summary["p_overshoot_max"] == pytest.approx(0.35)
    assert hand_summary["payback_share"] == pytest.approx(1.0)


def test_quantitative_criteria_by_hand():
    """The afwegingskader's numbers: the nulalternatief has NPV 0, no structural difference
    and no payback year; the variant its own, incidental costs including the items."""
    criteria = _hand_case().quantitative_criteria().set_index(["variant", "criterion"])["value"]
    assert criteria[("nul", "npv_eur")] == 0.0
    assert criteria[("nul", "structural_difference_eur")] == 0.0
    assert np.isnan(criteria[("nul", "payback_year")])
    assert criteria[("nul", "incidental_eur")] == 0.0
    assert criteria[("var", "npv_eur")] == pytest.approx(200.0)
    assert criteria[("var", "incidental_eur")] == pytest.approx(-700.0)  # a cost: negative
    assert criteria[("var", "structural_difference_eur")] == pytest.approx(300.0)
    assert criteria[("var", "payback_year")] == 2028
    assert criteria[("var", "p_overshoot_max")] == pytest.approx(0.35)
