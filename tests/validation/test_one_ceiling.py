"""One budget-ceiling definition: run, business case and sweep count the same euros.

The ceiling rule lives in :mod:`simfin.business.ceiling`; ``simfin run`` reaches it through
the finance cost table, the business case through its yearly table (verdeelsleutels,
phase-in), a sweep through the cost tables of its samples. These tests cross-read the three
paths on one small scenario with indexation, a usage-keyed structural item, an incidental
item and a taakveld selection, and check the selection and price-level rules by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simfin.business import business_case
from simfin.business.ceiling import ceiling_per_year, counts, spending
from simfin.business.run_ceiling import run_ceiling_table, run_spending
from simfin.runner import run
from simfin.scenario import validate_dict
from simfin.scenario.schema import Ceiling
from simfin.scenario.uncertain import uncertain_from_dict
from simfin.uncertainty import spending_per_year, sweep
from simfin.uncertainty.outputs import overshoot_probability

from conftest import small_scenario_dict


def _priced_dict() -> dict:
    data = small_scenario_dict()
    data["business_case"] = {"price_index_per_year": 0.02, "wage_index_per_year": 0.04,
                             "price_base_year": 2026}
    data["structural"] = {"regie": {"category": "management", "amount_eur_per_year": 50_000,
                                    "allocation": "usage", "taakveld": "6.2"}}
    data["incidental"] = {"ict": {"category": "ict_migration", "amount_eur": 90_000,
                                  "years": [2027, 2028], "year_shares": [0.25, 0.75]}}
    data["ceiling"] = {"amount_eur_per_year": 2_000_000, "index": "price",
                       "include_incidental": True,
                       "categories": ["access_team", "specialist_care", "admin", "management"]}
    return data


@pytest.fixture(scope="module")
def priced():
    return validate_dict(_priced_dict(), "klein-geprijsd.toml")


@pytest.fixture(scope="module")
def results(priced):
    return run(priced)


def test_run_and_business_case_count_the_same_euros(priced, results):
    """The nulalternatief of a business case spends, per replication and year, exactly
    what ``simfin run`` of the same scenario counts against the ceiling (to the cent)."""
    case = business_case(priced, [priced.with_changes({"name": "variant"})])
    null = case.yearly[case.yearly["variant"] == priced.name]
    from_business = spending(null, priced).set_index(["replication", "year"]).sort_index()
    from_run = run_spending(results).set_index(["replication", "year"]).sort_index()
    assert len(from_run) == priced.simulation.replications * priced.simulation.horizon_years
    np.testing.assert_allclose(from_run["spending_eur"], from_business["spending_eur"],
                               rtol=0, atol=0.01 * len(priced.municipalities) * 4)
    table = run_ceiling_table(results).set_index("year")
    ours = case.ceiling[case.ceiling["variant"] == priced.name].set_index("year")
    assert table["spending_mean_eur"].to_numpy() == pytest.approx(
        ours["spending_mean_eur"].to_numpy(), abs=0.1)


def test_run_spending_is_the_indexed_cost_table_plus_items(priced, results):
    """Hand reconciliation: structural costs of the counted categories, each indexed with
    its own kind from 2026, plus the structural item (wage index) and the incidental one
    (price index, 25% / 75%)."""
    costs = results.yearly[results.yearly["party"] == "municipality"]
    counted = costs[costs["category"].isin(["access_team", "specialist_care", "admin"])]
    kinds = {"access_team": 0.04, "admin": 0.04, "specialist_care": 0.02}
    expected = {}
    for (rep, year), g in counted.groupby(["replication", "year"]):
        total = sum(v * (1 + kinds[c]) ** (year - 2026)
                    for c, v in g.groupby("category")["amount_eur"].sum().items())
        total += 50_000 * 1.04 ** (year - 2026)
        total += {2027: 22_500, 2028: 67_500}[year] * 1.02 ** (year - 2026)
        expected[(rep, year)] = total
    got = run_spending(results).set_index(["replication", "year"])["spending_eur"]
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=0.01)


def test_sweep_counts_what_run_counts(tmp_path):
    """A sample of a PSA counts against the ceiling what a plain run of that sample's
    scenario counts, and ``overshoot:`` reads the same numbers."""
    data = _priced_dict()
    data["products"]["ambulant"]["tariff_eur"] = {"dist": "uniform", "low": 60, "high": 100}
    uncertain = uncertain_from_dict(data, "klein-onzeker.toml")
    sw = sweep(uncertain, "psa", samples=2, replications=2, executor="serial")
    from_sweep = spending_per_year(sw).set_index(["sample", "replication", "year"])
    for s in range(2):
        alone = run(sw.scenario(s), replications=2)
        direct = run_spending(alone).set_index(["replication", "year"])["spending_eur"]
        mine = from_sweep.loc[s, "total_eur"]
        np.testing.assert_allclose(mine.sort_index().to_numpy(),
                                   direct.sort_index().to_numpy(), rtol=1e-12)
        level = float(direct.xs(2028, level="year").mean())
        share = overshoot_probability(level, 2028)(sw.results_for(s))
        assert share == float(np.mean(direct.xs(2028, level="year") > level))


def test_taakveld_selection_and_explicit_categories():
    rows = pd.DataFrame({
        "cost_type": ["structural"] * 4 + ["incidental"],
        "category": ["specialist_care", "specialist_care", "access_team", "budget_lines",
                     "ict"],
        "taakveld": ["6.72", "6.71", "6.2", "6.72", "?"],
    })
    only_taakvelden = Ceiling(amount_eur_per_year=1, taakvelden=["6.72"])
    assert counts(rows, only_taakvelden).tolist() == [True, False, False, True, False]
    both = Ceiling(amount_eur_per_year=1, taakvelden=["6.72"], categories=["specialist_care"])
    assert counts(rows, both).tolist() == [True, False, False, False, False]
    default = Ceiling(amount_eur_per_year=1, include_incidental=True)
    assert counts(rows, default).tolist() == [True, True, True, False, True]


def test_ceiling_price_year_indexes_from_that_year():
    data = small_scenario_dict()
    data["business_case"] = {"price_index_per_year": 0.03, "price_base_year": 2024}
    data["ceiling"] = {"amount_eur_per_year": 1_000_000, "price_year": 2025}
    limits = ceiling_per_year(validate_dict(data))
    assert limits[2027] == pytest.approx(1_000_000 * 1.03 ** 2)
    assert limits[2028] == pytest.approx(1_000_000 * 1.03 ** 3)


def test_a_scenario_without_ceiling_counts_the_default_categories(results):
    """``spending_per_year`` of a run without ``[ceiling]`` counts the categories a default
    ceiling counts, at scenario prices when there is no indexation."""
    data = small_scenario_dict()
    plain = run(validate_dict(data))
    costs = plain.yearly[(plain.yearly["party"] == "municipality")
                         & plain.yearly["category"].isin(["access_team", "specialist_care",
                                                          "admin"])]
    expected = costs.groupby(["replication", "year"])["amount_eur"].sum()
    got = spending_per_year(plain).set_index(["replication", "year"])["total_eur"]
    np.testing.assert_allclose(got.sort_index().to_numpy(), expected.sort_index().to_numpy())


def test_a_ceiling_that_counts_nothing_is_a_clear_error():
    from simfin.errors import SimfinError

    data = small_scenario_dict()
    data["ceiling"] = {"amount_eur_per_year": 1_000_000, "taakvelden": ["6.72"]}
    results = run(validate_dict(data))
    with pytest.raises(SimfinError, match=r"counts no cost.*6\.72.*taakvelden \['6\.2'"):
        run_spending(results)


def test_the_summary_reconciles_nominal_spending_with_the_run_price_level(priced, results):
    """The ceiling section states the last year's nominal spending as the run's own
    price-level figure plus indexation; the price-level figure is the cost table's."""
    from simfin.report.ceiling_summary import ceiling_lines
    from simfin.report.format import format_eur

    costs = results.yearly[(results.yearly["party"] == "municipality")
                           & (results.yearly["year"] == 2028)
                           & results.yearly["category"].isin(priced.ceiling.categories)]
    reps = priced.simulation.replications
    base = costs["amount_eur"].sum() / reps + 50_000 + 67_500   # items at 2026 prices
    spent = run_spending(results)
    nominal = spent.loc[spent["year"] == 2028, "spending_eur"].mean()
    line = next(x for x in ceiling_lines(results) if x.startswith("Prijspeil"))
    assert f"{format_eur(nominal)} nominaal" in line
    assert f"gelijk aan {format_eur(base)} in prijspeil 2026" in line
    assert f"plus {format_eur(nominal - base)} indexatie" in line
