"""Honest charts (issue 29): compared panels share one scale, a value axis that does not start
at € 0 says so, legend colours are the bars' colours, titles differ when the content differs,
headers wrap on words, and the waterfall's steps carry the sign of every other output."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from simfin.business.case import business_case
from simfin.report.business_charts import fan_axes
from simfin.report.format import format_eur, format_eur_millions
from simfin.report.payback_chart import plot_transition
from simfin.report.scorecard import plot_scorecard
from simfin.report.waterfall_chart import plot_waterfall, waterfall_steps
from test_one_truth import _scenario


@pytest.fixture(scope="module")
def case():
    return business_case(_scenario("nul", None, 6), _scenario("meer", (50e3, 100e3, 400e3), 9),
                         replications=2)


def test_fans_of_all_options_share_one_scale_and_name_a_broken_axis(case):
    axes = fan_axes(case)
    assert set(axes) == {"nul", "meer"}
    limits = {ax.get_ylim() for ax in axes.values()}
    assert len(limits) == 1  # one scale for the panels that are compared
    (low, high), = limits
    for ax in axes.values():
        data = [v for line in ax.get_lines() for v in np.asarray(line.get_ydata(), float)]
        assert low <= min(data) and max(data) <= high  # nothing drawn off the shared axis
        assert ("as begint niet bij € 0" in ax.get_ylabel()) == (low > 0)
    titles = [ax.get_title() for ax in axes.values()]
    assert len(set(titles)) == len(titles)
    plt.close("all")


def test_payback_legend_colours_are_the_bar_colours(case):
    ax = plot_transition(case, "meer")
    bars = {to_hex(p.get_facecolor()) for p in ax.patches}
    legend = {to_hex(h.get_facecolor()) for h in ax.get_legend().legend_handles
              if type(h).__name__ == "Rectangle"}
    assert legend and legend <= bars
    plt.close("all")


def test_waterfall_steps_are_shown_as_savings(case):
    """+ = besparing t.o.v. nulalternatief, as the console and the Oorzaken sheet: a category
    that costs the variant more shows a negative amount (it showed € +2,9 mln)."""
    steps = waterfall_steps(case, "meer")
    ax = plot_waterfall(case, "meer")
    texts = [t.get_text() for t in ax.texts]
    millions = steps["amount_eur"].abs().max() >= 1e6
    for row in steps[steps["kind"] == "step"].itertuples():
        saving = -row.amount_eur
        shown = format_eur_millions(saving) if millions and abs(saving) >= 5e4 \
            else format_eur(saving)
        shown = shown.replace("€ ", "€ +", 1) if saving > 0 else shown
        assert shown in texts, (row.category, shown, texts)
    assert "+ = besparing" in ax.get_xlabel()
    plt.close("all")


def test_afwegingskader_headers_wrap_on_words(case):
    fig = plot_scorecard(case)
    words = set("Variant A: meer toegang Variant 0: huidige situatie".split())
    for text in fig.axes[0].texts:
        for part in text.get_text().replace("\n", " ").split():
            if part.rstrip(":") in {w.rstrip(":") for w in words}:
                assert part in words
    header = next(t.get_text() for t in fig.axes[0].texts if "meer" in t.get_text())
    assert header == textwrap.fill("Variant A: meer toegang", 20, break_long_words=False)
    plt.close("all")


def test_comparison_legend_colours_match_the_bars():
    """Notebook 02: the legend said orange for the provider, the provider's margin bars were
    pink. Every legend colour is a bar colour, and the provider's bars carry its colour."""
    import simfin
    from conftest import small_scenario_dict
    from simfin.scenario import validate_dict

    other = small_scenario_dict()
    other["name"] = "ander"
    comparison = simfin.compare([validate_dict(small_scenario_dict(), "a.toml"),
                                 validate_dict(other, "b.toml")], replications=2)
    fig = comparison.plot()
    bars = {to_hex(p.get_facecolor()) for ax in fig.axes for p in ax.patches}
    legend = fig.legends[0]
    patches = {text.get_text(): to_hex(h.get_facecolor())
               for h, text in zip(legend.legend_handles, legend.get_texts(), strict=True)
               if type(h).__name__ == "Rectangle"}
    assert patches and set(patches.values()) <= bars
    margin = fig.axes[1]
    assert {to_hex(p.get_facecolor()) for p in margin.patches} == {patches["Aanbieder"]}
    plt.close("all")
