"""The whole chart set follows one convention: Dutch by default, English on request, a title,
a footnote with version (and scenario, replications, seed), the council style (no top or
right spine, text of 8 pt and up), and it saves as PNG and SVG."""

from __future__ import annotations

import copy

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import simfin
from simfin.report import (
    plot_ceiling_fan,
    plot_comparison,
    plot_flow,
    plot_intake_waits,
    plot_scale_curve,
    plot_transition,
    plot_waterfall,
    plot_yearly_costs,
    save_figure,
)
from simfin.report.style import FOOTNOTE_GID, add_footnote, add_footnote_text, footnote_line
from simfin.scenario import validate_dict
from simfin.uncertainty import outputs
from simfin.report.sensitivity import plot_ceiling_curve, plot_tornado

NOTE = footnote_line("hand", "0.1.0", 2, 7)


@pytest.fixture(scope="module")
def inputs():
    from conftest import small_scenario_dict

    base = small_scenario_dict()
    base["ceiling"] = {"amount_eur_per_year": 2_000_000}
    variant = copy.deepcopy(base)
    variant["name"] = "klein-meer-fte"
    variant["access_team"]["fte"] = 7
    null, other = validate_dict(base), validate_dict(variant)
    results = simfin.run(null, replications=2)
    return {"results": results,
            "case": simfin.business_case(null, [other], replications=2),
            "comparison": simfin.compare([null, other], replications=2)}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _tornado_table() -> pd.DataFrame:
    return pd.DataFrame({"rank": [1, 2], "parameter": ["a.rate_per_1000", "b.fte"],
                         "label": ["Instroom jeugd per 1.000 jongeren", "FTE jeugdteam"],
                         "output_low": [6.6e6, 8.3e6], "output_base": [8.4e6, 8.4e6],
                         "output_high": [9.6e6, 8.6e6], "swing": [3.0e6, 0.3e6]})


def _curve() -> pd.DataFrame:
    levels = [9.0e6, 9.5e6, 10.0e6]
    return pd.DataFrame({"year": 2028, "ceiling_eur": levels, "p_overshoot": [1.0, 0.5, 0.0],
                         "p_low": 0.0, "p_high": 1.0, "n": 4})


def _scale_sweep() -> pd.DataFrame:
    return pd.DataFrame({"inhabitants": [50_000, 95_000, 150_000],
                         "cost_per_inhabitant_eur": [410.0, 395.0, 392.5],
                         "cost_per_inhabitant_p05_eur": [400.0, 390.0, 389.0],
                         "cost_per_inhabitant_p95_eur": [420.0, 401.0, 396.0],
                         "intake_wait_p95_days": [30.0, 21.0, 19.5]})


def _figure(name: str, inputs: dict, lang: str):
    """The figure of chart ``name`` as a notebook user makes it (with its footnote)."""
    results, case = inputs["results"], inputs["case"]
    if name == "tornado":
        ax = plot_tornado(_tornado_table(), outputs.total_spending(2028), lang=lang,
                          footnote=NOTE)
        return ax.figure
    if name == "ceiling_curve":
        return plot_ceiling_curve(_curve(), risk=0.1, lang=lang, footnote=NOTE).figure
    if name == "scale":
        return plot_scale_curve(_scale_sweep(), lang=lang, footnote=NOTE)
    if name == "comparison":
        return plot_comparison(inputs["comparison"], lang=lang)
    if name in ("flow", "waits"):
        ax = (plot_flow if name == "flow" else plot_intake_waits)(results, lang=lang)
        return ax.figure
    plot = {"costs": lambda: plot_yearly_costs(results, lang=lang),
            "fan_run": lambda: plot_ceiling_fan(results, lang=lang),
            "fan_case": lambda: plot_ceiling_fan(case, lang=lang),
            "transition": lambda: plot_transition(case, lang=lang),
            "waterfall": lambda: plot_waterfall(case, lang=lang)}[name]
    return plot().figure


# chart: (a Dutch text in its title, the English one)
TITLES = {
    "costs": ("Kosten gemeenten per jaar", "Municipal costs per year"),
    "flow": ("Stroom door de lijnen", "Flow through the lines"),
    "waits": ("Wachttijd tot de intake", "Intake waiting time"),
    "fan_run": ("budgettair plafond", "budget ceiling"),
    "fan_case": ("budgettair plafond", "budget ceiling"),
    "transition": ("Terugverdienen", "Payback"),
    "waterfall": ("Van nulalternatief naar", "From the nulalternatief to"),
    "tornado": ("Gevoeligheid per aanname", "Sensitivity per assumption"),
    "ceiling_curve": ("Kans op overschrijding", "Probability of exceeding"),
    "scale": ("Schaal", "Scale"),
    "comparison": ("vergeleken", "compared"),
}


def _titles(fig) -> list[str]:
    texts = [ax.get_title() for ax in fig.axes] + [ax.get_title(loc="left") for ax in fig.axes]
    texts += [lg.get_title().get_text() for lg in fig.legends]
    return [t for t in texts if t]


def _texts(fig) -> list:
    fig.canvas.draw()
    found = list(fig.texts)
    for ax in fig.axes:
        found += [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts,
                  *ax.get_xticklabels(), *ax.get_yticklabels()]
        if ax.get_legend():
            found += ax.get_legend().get_texts()
    for legend in fig.legends:
        found += [legend.get_title(), *legend.get_texts()]
    return [t for t in found if t.get_text()]


@pytest.mark.parametrize("name", list(TITLES))
def test_dutch_by_default_english_on_request(name, inputs):
    nl_text, en_text = TITLES[name]
    nl = " | ".join(_titles(_figure(name, inputs, "nl")))
    en = " | ".join(_titles(_figure(name, inputs, "en")))
    assert nl_text in nl and en_text not in nl
    assert en_text in en and nl_text not in en


@pytest.mark.parametrize("name", list(TITLES))
def test_footnote_style_and_font_sizes(name, inputs):
    fig = _figure(name, inputs, "nl")
    (note,) = [t.get_text() for t in fig.texts if t.get_gid() == FOOTNOTE_GID]
    assert "simfin 0.1.0" in note and "replicaties" in note and "seed" in note
    for ax in fig.axes:
        assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert min(t.get_fontsize() for t in _texts(fig)) >= 8


@pytest.mark.slow
def test_every_chart_saves_png_and_svg(inputs, tmp_path):
    for name in TITLES:
        paths = save_figure(_figure(name, inputs, "nl"), tmp_path / name)
        assert [p.suffix for p in paths] == [".png", ".svg"]
        assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_footnote_of_a_long_scenario_name_wraps_inside_the_figure(inputs):
    fig = _figure("costs", inputs, "nl")
    add_footnote(fig, inputs["results"])
    long_note = footnote_line("a-very-long-scenario-name " * 4, "0.1.0", 2, 7, "nl",
                              ("gelijke toevalsgetallen",))
    text = add_footnote_text(fig, long_note)
    fig.canvas.draw()
    box = text.get_window_extent()
    assert "\n" in text.get_text() and box.x1 <= fig.bbox.x1


def test_tornado_keeps_numbers_whole_when_wrapping_labels(inputs):
    ax = _figure("tornado", inputs, "nl").axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any("1.000 jongeren" in t for t in labels)


def test_every_tornado_bar_label_carries_its_unit():
    """Notebook 05 showed "Afschaling jeugd ambulant" and "Dagtarief jeugd verblijf" without
    a unit: each bar label now names it, and one that already does is left alone."""
    table = pd.DataFrame({
        "rank": [1, 2, 3], "parameter": ["products.verblijf.tariff_eur",
                                         "products.ambulant.step_down_share",
                                         "products.ambulant.duration_days.mean"],
        "label": ["Dagtarief jeugd verblijf", "Afschaling jeugd ambulant",
                  "Trajectduur jeugd ambulant (dagen)"],
        "output_low": [6.6e6, 8.3e6, 8.0e6], "output_base": [8.4e6] * 3,
        "output_high": [9.6e6, 8.6e6, 8.9e6], "swing": [3.0e6, 0.3e6, 0.9e6]})
    ax = plot_tornado(table, outputs.total_spending(2028))
    labels = {t.get_text().replace("\n", " ") for t in ax.get_yticklabels()}
    assert labels == {"Dagtarief jeugd verblijf (€)", "Afschaling jeugd ambulant (aandeel)",
                      "Trajectduur jeugd ambulant (dagen)"}
