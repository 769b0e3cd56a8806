"""Business-case charts (ceiling fan, payback, waterfall), run outputs with a ceiling, and the
euro axis formatter; expected values computed from the tables by hand, not from the charts."""

from __future__ import annotations

import copy
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import simfin
from simfin.report.business_charts import (
    fan_bands,
    plot_ceiling_fan,
    plot_transition,
    plot_waterfall,
    transition_table,
    waterfall_steps,
    write_business_charts,
)
from simfin.report.format import eur_axis_formatter, format_share
from simfin.report.style import FOOTNOTE_GID
from simfin.scenario import validate_dict

REPS = 3
CEILING_EUR = 2_000_000


def _with_ceiling(d: dict, name: str) -> dict:
    d = copy.deepcopy(d)
    d["name"] = name
    d["simulation"]["horizon_years"] = 3
    d["ceiling"] = {"amount_eur_per_year": CEILING_EUR, "open_ended_providers": ["jeugdhulp"]}
    return d


@pytest.fixture(scope="module")
def dicts():
    from conftest import small_scenario_dict

    null = _with_ceiling(small_scenario_dict(), "nul")
    items = _with_ceiling(small_scenario_dict(), "posten")
    items["incidental"] = {"ict": {"category": "ict_migration", "amount_eur": 50_000,
                                   "years": [2027]}}
    cheaper = _with_ceiling(small_scenario_dict(), "zuinig")
    cheaper["access_team"]["fte"] = 5  # one FTE less: € 72.200 a year
    cheaper["incidental"] = {"frictie": {"category": "friction", "amount_eur": 40_000,
                                         "years": [2027]}}
    return {"nul": null, "posten": items, "zuinig": cheaper}


@pytest.fixture(scope="module")
def case(dicts):
    scenarios = [validate_dict(d) for d in dicts.values()]
    return simfin.business_case(scenarios[0], scenarios[1:], replications=REPS)


@pytest.fixture(scope="module")
def results(dicts):
    return simfin.run(validate_dict(dicts["nul"]), replications=REPS)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _footnote(fig) -> str:
    (note,) = [t.get_text() for t in fig.texts if t.get_gid() == FOOTNOTE_GID]
    return note


def _totals(results) -> pd.DataFrame:
    """Municipalities' total per replication and year, straight from the run's cost table
    (no indexation in these scenarios, all three categories count against the ceiling)."""
    own = results.yearly[results.yearly["party"] == "municipality"]
    return own.groupby(["replication", "year"])["amount_eur"].sum().unstack("year")


# --- fan chart ---------------------------------------------------------------------------

def test_fan_bands_are_linear_percentiles():
    spent = pd.DataFrame({"replication": range(5), "year": 2030,
                          "spending_eur": [5.0, 1.0, 4.0, 2.0, 3.0]})
    bands = fan_bands(spent)
    # sorted 1..5: position (n - 1) q = 4 q; p05 = 1 + 0.2, p95 = 4 + 0.8
    assert bands.loc[2030].tolist() == pytest.approx([1.2, 2.0, 3.0, 4.0, 4.8])


def test_fan_of_a_run_shows_median_ceiling_and_overshoot_per_year(results):
    ax = plot_ceiling_fan(results)
    totals = _totals(results)
    assert ax.get_title() == "Uitgaven tegen het budgettair plafond: nul"
    median = next(line for line in ax.get_lines() if line.get_label() == "Mediaan")
    assert median.get_ydata() == pytest.approx(totals.median().to_numpy(), rel=1e-9)
    ceiling = next(line for line in ax.get_lines() if line.get_label() == "Budgettair plafond")
    assert ceiling.get_ydata() == pytest.approx([CEILING_EUR] * 3)
    expected = [f"{year}\nkans {format_share((totals[year] > CEILING_EUR).mean())}"
                for year in totals.columns]
    assert [t.get_text() for t in ax.get_xticklabels()] == expected
    assert _footnote(ax.figure) == "Scenario: nul · simfin 0.1.0 · 3 replicaties · seed 12345"


def test_fan_in_english(results):
    ax = plot_ceiling_fan(results, lang="en")
    assert ax.get_title().startswith("Spending against the budget ceiling")
    assert ax.get_ylabel().startswith("Spending per year (€, nominal)")
    assert ("axis does not start at € 0" in ax.get_ylabel()) == (ax.get_ylim()[0] > 0)
    assert all("\nP " in t.get_text() for t in ax.get_xticklabels())


def test_fan_of_a_business_case_uses_the_variants_spending(case):
    ax = plot_ceiling_fan(case, "posten")
    rows = case.yearly[case.yearly["variant"] == "posten"]
    structural = rows[rows["cost_type"] == "structural"]  # incidental items are not counted
    totals = structural.groupby(["replication", "year"])["nominal_eur"].sum().unstack()
    median = next(line for line in ax.get_lines() if line.get_label() == "Mediaan")
    assert median.get_ydata() == pytest.approx(totals.median().to_numpy(), rel=1e-9)
    assert "nul → posten" not in _footnote(ax.figure)
    assert _footnote(ax.figure).startswith("Scenario: posten")


def test_fan_needs_a_ceiling(small_scenario):
    plain = simfin.run(small_scenario, replications=1)
    with pytest.raises(ValueError, match="ceiling"):
        plot_ceiling_fan(plain)


# --- payback chart ------------------------------------------------------------------------

def test_transition_table_matches_the_mean_balance(case):
    table = transition_table(case, "zuinig")
    balance = case.mean_balance().query("variant == 'zuinig'").set_index("year")
    assert table["balance"].to_numpy() == pytest.approx(
        balance["balance_nominal_eur"].to_numpy(), abs=1e-6)
    assert table["cumulative"].to_numpy() == pytest.approx(
        balance["cumulative_nominal_eur"].to_numpy(), abs=1e-6)
    # the one-off friction item: € 40.000 in 2027 only, a cost (negative balance)
    assert table["incidental"].to_numpy() == pytest.approx([-40_000.0, 0.0, 0.0], abs=1e-6)


def test_transition_bars_stack_to_the_balance_and_mark_the_payback_year(case):
    ax = plot_transition(case, "zuinig")
    table = transition_table(case, "zuinig")
    net: dict[int, float] = {}
    for patch in ax.patches:
        year = round(patch.get_x() + patch.get_width() / 2)
        net[year] = net.get(year, 0.0) + patch.get_height()
    assert [net[y] for y in table.index] == pytest.approx(table["balance"].to_numpy())
    cumulative = table["cumulative"].round(2)
    # by hand: the first year from which the cumulative balance never drops below zero
    expected = next((y for y in table.index if (cumulative.loc[y:] >= 0).all()), None)
    stars = [line for line in ax.get_lines() if line.get_marker() == "*"]
    if expected is None:
        assert not stars
        assert any("Niet terugverdiend" in t.get_text() for t in ax.texts)
    else:
        assert stars[0].get_xdata()[0] == expected
        assert stars[0].get_label() == f"Terugverdiend in {expected}"
    assert ax.get_title() == "Terugverdienen: zuinig t.o.v. nulalternatief"


def test_transition_without_payback_says_so(case):
    # 'posten' has the nulalternatief's flow plus a one-off cost: never paid back
    ax = plot_transition(case, "posten", lang="en")
    assert any(t.get_text() == "Not paid back by 2029" for t in ax.texts)
    assert ax.get_ylabel() == "Balance (€, nominal; + = saving)"


# --- waterfall ----------------------------------------------------------------------------

def test_waterfall_steps_add_up_from_null_to_variant(case):
    steps = waterfall_steps(case, "posten")
    per_variant = case.yearly.groupby("variant")["nominal_eur"].sum() / REPS
    assert steps["kind"].iat[0] == "null" and steps["kind"].iat[-1] == "variant"
    assert steps["amount_eur"].iat[0] == pytest.approx(per_variant["nul"])
    assert steps["amount_eur"].iat[-1] == pytest.approx(per_variant["posten"])
    inner = steps[steps["kind"] == "step"]
    assert inner["amount_eur"].sum() == pytest.approx(per_variant["posten"] - per_variant["nul"])
    assert inner["start_eur"].iloc[1:].to_numpy() == pytest.approx(
        inner["end_eur"].iloc[:-1].to_numpy())
    ict = inner.set_index("category").loc["ict_migration"]
    assert ict["cost_type"] == "incidental" and ict["amount_eur"] == pytest.approx(50_000.0)
    per_year = waterfall_steps(case, "posten", per_year=True)
    assert per_year["amount_eur"].to_numpy() == pytest.approx(steps["amount_eur"] / 3)


def test_a_variant_that_changes_nothing_has_no_steps(dicts):
    same = copy.deepcopy(dicts["nul"])
    same["name"] = "gelijk"
    case = simfin.business_case(validate_dict(dicts["nul"]), [validate_dict(same)],
                                replications=1)
    steps = waterfall_steps(case, "gelijk")
    assert list(steps["kind"]) == ["null", "variant"]  # common random numbers: equal costs
    assert steps["amount_eur"].iat[0] == steps["amount_eur"].iat[1]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. matplotlib on identical axis limits
        ax = plot_waterfall(case, "gelijk")
    assert ax.get_title() == "Van nulalternatief naar gelijk"
    assert ax.get_xlim()[0] == 0.0 < ax.get_xlim()[1]


def test_waterfall_labels_dutch_and_english(case):
    nl = plot_waterfall(case, "posten")
    labels = [t.get_text() for t in nl.get_yticklabels()]
    assert labels[0] == "nul" and labels[-1] == "posten"
    assert "ICT-migratie (incidenteel)" in labels
    assert nl.get_title() == "Van nulalternatief naar posten"
    assert nl.get_xlabel().startswith("Kosten 2027–2029 samen (€, nominaal)")
    en = plot_waterfall(case, "posten", lang="en")
    assert "ICT migration (incidental)" in [t.get_text() for t in en.get_yticklabels()]
    assert en.get_title() == "From the nulalternatief to posten"


def test_unknown_variant(case):
    with pytest.raises(ValueError, match="unknown variant"):
        plot_waterfall(case, "bestaat-niet")


@pytest.mark.slow
def test_business_charts_files(case, tmp_path, monkeypatch):
    """Each file holds its own scenario's figures, not only the right name: the fan chart
    in ``plafond_<name>`` has that scenario's median structural spending, the waterfall in
    ``waterval_<variant>`` runs from the nulalternatief's total to that variant's (nominal,
    mean over replications, recomputed from the yearly table)."""
    import simfin.report.charts

    figures, save = {}, simfin.report.charts.save_figure

    def keep(fig, path):
        figures[Path(path).name] = fig
        return save(fig, path)

    monkeypatch.setattr(simfin.report.charts, "save_figure", keep)
    names = {p.name for p in write_business_charts(case, tmp_path)}
    for stem in ("terugverdienen_posten", "waterval_zuinig", "plafond_nul", "plafond_zuinig"):
        assert {f"{stem}.png", f"{stem}.svg"} <= names
        assert (tmp_path / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    totals = case.yearly.groupby("variant")["nominal_eur"].sum() / REPS
    for name in case.scenarios:
        rows = case.yearly[(case.yearly["variant"] == name)
                           & (case.yearly["cost_type"] == "structural")]
        spent = rows.groupby(["replication", "year"])["nominal_eur"].sum().unstack()
        ax = figures[f"plafond_{name}"].axes[0]
        median = next(line for line in ax.get_lines() if line.get_label() == "Mediaan")
        assert median.get_ydata() == pytest.approx(spent.median().to_numpy(), rel=1e-9)
    for variant in case.variants:
        bars = figures[f"waterval_{variant}"].axes[0].patches
        assert bars[0].get_width() == pytest.approx(totals["nul"], rel=1e-9)
        assert bars[-1].get_width() == pytest.approx(totals[variant], rel=1e-9)
    english = {p.name for p in write_business_charts(case, tmp_path / "en", lang="en")}
    assert {"payback_zuinig.png", "waterfall_posten.svg", "ceiling_nul.png"} <= english


# --- simfin run with a ceiling ------------------------------------------------------------

@pytest.mark.slow
def test_run_outputs_add_the_fan_chart_and_ceiling_summary(results, tmp_path):
    from simfin.report.outputs import write_outputs

    names = {p.name for p in write_outputs(results, tmp_path)}
    assert {"uitgaven_plafond.png", "uitgaven_plafond.svg"} <= names
    summary = (tmp_path / "samenvatting.md").read_text(encoding="utf-8")
    assert "## Budgettair plafond" in summary
    totals = _totals(results)
    p2027 = format_share((totals[2027] > CEILING_EUR).mean())
    assert "| 2027 | € 2.000.000 |" in summary and f"| {p2027} |" in summary
    assert "Open einde (niet te weigeren, Jeugdhulp)" in summary  # the provider's name


def test_run_outputs_without_ceiling_have_no_fan_or_ceiling_section(small_scenario, tmp_path):
    from simfin.report.outputs import write_outputs

    plain = simfin.run(small_scenario, replications=1)
    names = {p.name for p in write_outputs(plain, tmp_path)}
    assert not any(n.startswith("uitgaven_plafond") for n in names)
    assert "plafond" not in (tmp_path / "samenvatting.md").read_text(encoding="utf-8")


def test_run_spending_equals_the_cost_table_without_indexation(results):
    from simfin.business.run_ceiling import run_spending

    spent = run_spending(results).set_index(["replication", "year"])["spending_eur"]
    totals = _totals(results).stack().reorder_levels(["replication", "year"])
    assert spent.sort_index().to_numpy() == pytest.approx(totals.sort_index().to_numpy())


# --- euro axis formatter ------------------------------------------------------------------

@pytest.mark.parametrize(("locs", "expected"), [
    ([1.9e6, 1.95e6, 2.0e6], ["€ 1,90 mln", "€ 1,95 mln", "€ 2,00 mln"]),
    ([0, 5e5, 1e6], ["€ 0", "€ 0,5 mln", "€ 1,0 mln"]),
    ([2.35e8, 2.4e8], ["€ 235 mln", "€ 240 mln"]),
    ([-2e6, 0, 2e6], ["€ −2 mln", "€ 0", "€ 2 mln"]),
    ([97.5, 100.0, 102.5], ["€ 97,5", "€ 100,0", "€ 102,5"]),
    ([0, 100_000, 200_000], ["€ 0", "€ 100.000", "€ 200.000"]),
])
def test_euro_axis_ticks_are_distinct_and_exact(locs, expected):
    formatter = eur_axis_formatter()
    formatter.set_locs(np.array(locs))
    assert [formatter(x) for x in locs] == expected


def test_transition_bars_keep_room_inside_the_axes(case, monkeypatch):
    """No bar touches the frame: zero-height stacked bars used to pin the axis to the top of
    the highest bar (hand-made table: the highest point is a bar, the cumulative line is low)."""
    import simfin.report.payback_chart as charts

    table = pd.DataFrame({"incidental": [-3e6, 0.0, 0.0], "structural": [0.0, 2e5, 9e5],
                          "incidental_items": [-3e6, 0.0, 0.0],
                          "incidental_emergent": [0.0, 0.0, 0.0]}, index=[2027, 2028, 2029])
    table["balance"] = table["incidental"] + table["structural"]
    table["cumulative"] = table["balance"].cumsum()
    monkeypatch.setattr(charts, "transition_table", lambda case, variant=None: table)
    ax = charts.plot_transition(case, "zuinig")
    low, high = ax.get_ylim()
    ends = [v for p in ax.patches for v in (p.get_y(), p.get_y() + p.get_height())]
    assert low < min(ends) and max(ends) < high
