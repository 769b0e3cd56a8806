"""Properties every council chart must have, read from the drawn matplotlib figures:

* no two tick labels, annotations or titles overlap, and none leaves the figure;
* every number on an axis is written nl-NL (decimal comma, "." only between groups of
  three digits), and a zero euro tick reads "€ 0", never "€ 0,0 mln";
* a value axis starts at 0 (no cut-off axis without a break mark);
* a party or category has one colour in every chart;
* the intake-wait curves are readable: not squeezed against the axis at 0.
"""

from __future__ import annotations

import itertools
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from conftest import small_scenario_dict  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import simfin  # noqa: E402
from simfin.report.charts import plot_yearly_costs  # noqa: E402
from simfin.report.flow_charts import plot_flow, plot_intake_waits  # noqa: E402
from simfin.report.scale_chart import plot_scale_curve  # noqa: E402
from simfin.report.style import CATEGORY_COLOURS, PARTY_COLOURS  # noqa: E402
from simfin.scenario import validate_dict  # noqa: E402
from simfin.report.sensitivity import plot_ceiling_curve  # noqa: E402

#: "." only as a thousands separator between groups of three digits
DECIMAL_POINT = re.compile(r"\d\.(?!\d{3}(?:\D|$))")


@pytest.fixture(scope="module")
def results():
    data = small_scenario_dict()
    data["access_team"]["fte"] = 4.5
    return simfin.run(validate_dict(data), replications=2)


@pytest.fixture(scope="module")
def comparison():
    def variant(name, financing):
        data = small_scenario_dict()
        data["name"] = name
        data["providers"]["jeugdhulp"]["financing"] = financing
        return validate_dict(data)

    return simfin.compare([variant("pq", {"kind": "pq_per_unit"}),
                           variant("lump", {"kind": "lump_sum", "budget_eur_per_year": 800_000,
                                            "cost_per_client_year_eur": 20_000})],
                          replications=2)


@pytest.fixture(scope="module")
def sweep():
    """A scale sweep as :func:`simfin.scale.scale_sweep` returns it: costs per inhabitant
    far from 0 (as in the BBS case: € 380 and up), so a cut-off axis would show."""
    return pd.DataFrame({
        "inhabitants": [20_000, 50_000, 95_000, 100_000, 200_000],
        "cost_per_inhabitant_eur": [412.5, 398.25, 390.0, 389.5, 385.75],
        "cost_per_inhabitant_p05_eur": [405.0, 392.0, 386.0, 385.0, 382.0],
        "cost_per_inhabitant_p95_eur": [420.0, 404.5, 394.0, 394.5, 389.5],
        "intake_wait_p95_days": [6.5, 3.25, 2.5, 2.0, 1.5],
    })


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _ceiling_curve():
    """A PSA ceiling curve over € 38–45 mln, as in notebook 05, two years."""
    ceilings = np.linspace(38.1e6, 45.3e6, 41)
    rows = [{"year": year, "ceiling_eur": c, "p_overshoot": float(p), "p_low": 0.0,
             "p_high": 1.0, "n": 40}
            for year, shift in ((2028, 0.0), (2029, 1e6))
            for c, p in zip(ceilings, np.clip(1 - (ceilings - 39e6 - shift) / 4e6, 0, 1))]
    return pd.DataFrame(rows)


def _figures(results, comparison, sweep):
    return {
        "kosten_per_jaar": plot_yearly_costs(results).figure,
        "stroom_door_lijnen": plot_flow(results).figure,
        "wachttijd_intake": plot_intake_waits(results).figure,
        "schaal": plot_scale_curve(sweep, scenario=results.scenario),
        "vergelijking": comparison.plot(),
        "plafondcurve": plot_ceiling_curve(_ceiling_curve(), risk=0.1).figure,
    }


@pytest.fixture(scope="module")
def figures(results, comparison, sweep):
    return _figures(results, comparison, sweep)


def _draw(fig):
    """Draw ``fig`` on an Agg canvas (also a figure pyplot does not track); its renderer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def _in_view(ax, tick, axis: str) -> bool:
    low, high = sorted(ax.get_xlim() if axis == "x" else ax.get_ylim())
    value = tick.get_position()[0 if axis == "x" else 1]
    span = high - low
    return low - 1e-9 * span <= value <= high + 1e-9 * span


def _texts(fig):
    """Tick labels (of ticks in view), annotations, titles and axis labels that are drawn."""
    texts = []
    for ax in fig.axes:
        ticks = [*((t, "x") for t in ax.get_xticklabels()),
                 *((t, "y") for t in ax.get_yticklabels())]
        texts += [t for t, axis in ticks if t.get_visible() and t.get_text()
                  and _in_view(ax, t, axis)]
        texts += [t for t in ax.texts if t.get_visible() and t.get_text()]
        texts += [t for t in (ax.title, ax._left_title, ax._right_title, ax.xaxis.label,
                              ax.yaxis.label) if t.get_text() and t.get_visible()]
    return texts


NAMES = ["kosten_per_jaar", "stroom_door_lijnen", "wachttijd_intake", "schaal",
         "vergelijking", "plafondcurve"]


@pytest.mark.parametrize("name", NAMES)
def test_no_two_labels_overlap_and_none_leaves_the_figure(figures, name):
    fig = figures[name]
    renderer = _draw(fig)
    texts = _texts(fig)
    assert len(texts) >= 4
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    frame = fig.bbox
    for text, box in boxes:
        assert box.x0 >= frame.x0 - 1 and box.x1 <= frame.x1 + 1, f"{name}: {text!r} cut off"
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        overlap = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0), \
            min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        assert not (overlap[0] > 1 and overlap[1] > 1), f"{name}: {a!r} overlaps {b!r}"


@pytest.mark.parametrize("name", NAMES)
def test_every_axis_number_is_written_dutch(figures, name):
    _draw(figures[name])
    for ax in figures[name].axes:
        for tick in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
            text = tick.get_text()
            assert not DECIMAL_POINT.search(text), f"{name}: decimal point in {text!r}"
            assert text != "€ 0,0 mln" and "0,0 mln" not in text, f"{name}: {text!r}"


def test_the_decimal_point_pattern_can_fail():
    assert DECIMAL_POINT.search("2.5") and DECIMAL_POINT.search("€ 1.25 mln")
    assert not DECIMAL_POINT.search("1.200") and not DECIMAL_POINT.search("€ 1.234.567")


def test_value_axes_start_at_zero(figures):
    cost, wait = figures["schaal"].axes
    assert cost.get_ylim()[0] == 0 and wait.get_ylim()[0] == 0
    flow = figures["stroom_door_lijnen"].axes[0]
    assert flow.get_xlim()[0] == 0
    for ax in figures["vergelijking"].axes:
        assert ax.get_xlim()[0] <= 0
    assert figures["kosten_per_jaar"].axes[0].get_ylim()[0] <= 0


def test_scale_ticks_are_inhabitants_not_thousands(figures):
    _draw(figures["schaal"])
    wait = figures["schaal"].axes[1]
    labels = [t.get_text() for t in wait.get_xticklabels() if t.get_text()]
    assert any(re.fullmatch(r"\d{1,3}\.000", t) for t in labels), labels


def _bar_colours(ax) -> set[str]:
    return {to_hex(p.get_facecolor()) for p in ax.patches}


def test_a_party_has_one_colour_in_every_chart(figures):
    spend, margin, _waiting, admin = figures["vergelijking"].axes
    municipality, provider = to_hex(PARTY_COLOURS["municipality"]), to_hex(
        PARTY_COLOURS["provider"])
    assert _bar_colours(spend) == {municipality}  # what the municipality pays
    assert _bar_colours(admin) == {municipality, provider}
    # the provider's margin in the provider's colour, the one the legend shows (issue 29:
    # the legend said orange while the bars were pink)
    assert _bar_colours(margin) == {provider}
    assert provider not in _bar_colours(spend)
    legend = figures["vergelijking"].legends[0]
    colours = {t.get_text(): to_hex(h.get_facecolor()) for t, h in
               zip(legend.get_texts(), legend.legend_handles) if isinstance(h, Rectangle)}
    assert colours["Gemeente"] == municipality and colours["Aanbieder"] == provider


def test_cost_categories_keep_their_colour(figures):
    ax = figures["kosten_per_jaar"].axes[0]
    handles, texts = ax.get_legend_handles_labels()
    from simfin.report.labels import label

    by_label = {label(c): to_hex(CATEGORY_COLOURS[c]) for c in CATEGORY_COLOURS}
    for handle, text in zip(handles, texts):
        if text in by_label:
            assert to_hex(handle.patches[0].get_facecolor()) == by_label[text], text


def test_intake_wait_curves_are_not_squeezed_at_zero(figures, results):
    ax = figures["wachttijd_intake"].axes[0]
    width = ax.bbox.width
    curves = [ln for ln in ax.get_lines() if ln.get_linestyle() == "-"]
    assert curves
    for line in curves:
        x = np.asarray(line.get_xdata(), float)
        p90 = np.quantile(x, 0.9)
        left = ax.transData.transform((0, 0))[0]
        at = ax.transData.transform((p90, 0))[0]
        assert (at - left) / width > 0.15, (line.get_label(), p90)
    # the legal norms are in view and named in the legend
    norms = {s: v.legal_norm_days for s, v in results.scenario.demand_streams.items()}
    assert ax.get_xlim()[1] > max(norms.values())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    for stream, days in norms.items():  # by the stream's name: "Jeugd" for "jeugd"
        assert any(stream.capitalize() in t and f"{days:.0f} dagen" in t for t in legend), \
            legend
