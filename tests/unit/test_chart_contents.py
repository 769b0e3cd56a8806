"""What the charts show, read back from the matplotlib figures: bar lengths against their
labels, reference lines at the values the scenario states, curve points against the ledger.

Expected values are counted here from the ledger, the yearly table or the scenario dict
itself, never taken from the chart module's own helpers (``flow_per_year`` and the like).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from conftest import small_scenario_dict  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import simfin  # noqa: E402
from simfin.report.charts import plot_yearly_costs  # noqa: E402
from simfin.report.flow_charts import plot_flow, plot_intake_waits  # noqa: E402
from simfin.scenario import validate_dict  # noqa: E402
from simfin.report.sensitivity import plot_ceiling_curve  # noqa: E402

REPLICATIONS, HORIZON_YEARS = 2, 2
#: The legal norms as the scenario dict states them (days), not read from the Scenario.
NORMS = {s: v["legal_norm_days"] for s, v in small_scenario_dict()["demand_streams"].items()}
#: The streams' names in a council document, written out (the chart's legend uses them).
STREAM_NAMES = {"jeugd": "Jeugd", "wmo": "Wmo"}


@pytest.fixture(scope="module")
def results():
    data = small_scenario_dict()
    data["access_team"]["fte"] = 4.5  # a busy team: intakes still waiting at the end
    return simfin.run(validate_dict(data), replications=REPLICATIONS)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _bars_by_label(ax) -> dict[str, float]:
    """Bar length of a horizontal bar chart per y tick label (matched by position)."""
    ticks = dict(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()]))
    bars = {}
    for patch in ax.patches:
        centre = patch.get_y() + patch.get_height() / 2
        (tick,) = [t for t in ticks if abs(t - centre) < 1e-9]
        bars[ticks[tick]] = patch.get_width()
    assert len(bars) == len(ticks)
    return bars


def _expected_flows(ledger: pd.DataFrame) -> dict[str, float]:
    """Flows per year by their Dutch label, counted from the ledger rows."""
    rows = ledger[ledger["t_arrival"] >= 0]
    assess = rows[rows["activity"] == "assessment"]
    counts = {  # new requests: distinct cases whose first episode arrived in the years
        "Hulpvragen": rows[rows["episode"] == 0].groupby("replication")["case_id"].nunique().sum(),
        "Instroom 0e lijn": int((rows["line"] == "0e").sum()),
        "Instroom 1e lijn": int((rows["line"] == "1e").sum()),
        "Instroom 2e lijn": int((rows["line"] == "2e").sum()),
        "Onderzoek sociaal team (intakes)": len(assess),
        "Uitkomst: lichte hulp door het team": int((assess["outcome"] == "light_help").sum()),
        "Uitkomst: algemene voorziening": int((assess["outcome"] == "general_facility").sum()),
        "Uitkomst: opschalen naar 2e lijn": int((assess["outcome"] == "referral").sum()),
        "Afschalen 2e → 1e lijn": int(((rows["line"] == "2e")
                                       & (rows["outcome"] == "stepped_down")).sum()),
        "Terugkeer (opnieuw hulpvraag)": int((assess["episode"] > 0).sum()),
    }
    return {k: v / (HORIZON_YEARS * REPLICATIONS) for k, v in counts.items()}


def test_flow_bars_have_the_lengths_of_their_labels(results):
    ax = plot_flow(results)
    bars = _bars_by_label(ax)
    expected = _expected_flows(results.ledger)
    assert set(bars) == set(expected)
    for name, value in expected.items():
        assert bars[name] == pytest.approx(value), name
    # the flows differ, so a bar against the wrong label cannot pass by accident
    assert len({round(v, 6) for v in expected.values()}) >= 6
    # the value written next to each bar is its own length
    for text in ax.texts:
        x, y = text.xy
        assert x == pytest.approx(bars[dict(zip(ax.get_yticks(), [
            t.get_text() for t in ax.get_yticklabels()]))[y]])


def _norm_lines(ax) -> list:
    return [line for line in ax.get_lines() if line.get_linestyle() == "--"]


def _curves(ax) -> dict:
    """The waiting curves by stream key (their legend names the stream)."""
    key = {name: stream for stream, name in STREAM_NAMES.items()}
    return {key[line.get_label()]: line for line in ax.get_lines()
            if line.get_linestyle() == "-"}


def test_the_waits_legend_names_streams_as_a_council_document_does(results):
    """Not the file's keys ("jeugd", "wmo"); and a curve drawn over another leaves the
    one below visible: each is thinner than the one before it."""
    ax = plot_intake_waits(results)
    texts = [text.get_text() for text in ax.get_legend().get_texts()]
    assert {"Jeugd", "Wmo"} <= set(texts) and not {"jeugd", "wmo"} & set(texts)
    assert {f"termijn {name}: {NORMS[stream]} dagen" for stream, name in STREAM_NAMES.items()} \
        <= set(texts)
    widths = [line.get_linewidth() for line in ax.get_lines() if line.get_linestyle() == "-"]
    assert all(a > b for a, b in zip(widths, widths[1:])) and len(widths) == len(NORMS)


def test_legal_norm_lines_stand_at_the_stated_days(results):
    ax = plot_intake_waits(results)
    curves = _curves(ax)
    assert set(curves) == set(NORMS)
    lines = _norm_lines(ax)
    assert len(lines) == len(NORMS)
    for stream, days in NORMS.items():
        colour = to_hex(curves[stream].get_color())
        (line,) = [ln for ln in lines if to_hex(ln.get_color()) == colour]
        assert np.allclose(line.get_xdata(), days), (stream, line.get_xdata(), days)


def test_waiting_curve_points_are_the_intake_waits_of_the_ledger(results):
    """Every intake of the reported years, also those not started at the end (their wait
    so far counts: horizon minus arrival), one step of 1/n each."""
    ax = plot_intake_waits(results)
    curves = _curves(ax)
    ledger = results.ledger
    horizon = HORIZON_YEARS * 365.0
    unfinished = 0
    for stream, line in curves.items():
        rows = ledger[(ledger["activity"] == "assessment") & (ledger["stream"] == stream)
                      & (ledger["t_arrival"] >= 0)]
        started = rows["t_start"].notna()
        unfinished += int((~started).sum())
        waits = np.where(started, rows["t_start"] - rows["t_arrival"],
                         horizon - rows["t_arrival"])
        x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
        assert len(x) == len(rows)
        np.testing.assert_allclose(x, np.sort(waits))
        np.testing.assert_allclose(y, np.arange(1, len(rows) + 1) / len(rows))
    assert unfinished > 0  # the fixture must have intakes still waiting at the end


def test_yearly_cost_bars_are_the_mean_costs_per_category(results):
    ax = plot_yearly_costs(results, lang="en")
    y = results.yearly[results.yearly["party"] == "municipality"]
    per_rep = y.groupby(["replication", "year", "category"])["amount_eur"].sum()
    means = per_rep.groupby(["year", "category"]).mean().unstack()
    from simfin.report.labels import label

    shown = {c.get_label(): c for c in ax.containers if c.get_label() in {
        label(cat, "en") for cat in means.columns}}
    assert len(shown) == len(means.columns)
    for category in means.columns:
        bars = shown[label(category, "en")]
        heights = {int(round(p.get_x() + p.get_width() / 2)): p.get_height() for p in bars}
        for year, value in means[category].items():
            assert heights[int(year)] == pytest.approx(value), (category, year)
    # stacked: each year's top equals the yearly mean total
    for year, total in means.sum(axis=1).items():
        tops = [p.get_y() + p.get_height() for c in shown.values() for p in c
                if int(round(p.get_x() + p.get_width() / 2)) == int(year)]
        assert max(tops) == pytest.approx(total)


def test_ceiling_curve_draws_the_accepted_risk_where_it_is_asked():
    curve = pd.DataFrame({"year": 2028, "ceiling_eur": [9.0e6, 9.5e6, 10.0e6],
                          "p_overshoot": [1.0, 0.5, 0.0], "p_low": 0.0, "p_high": 1.0, "n": 4})
    ax = plot_ceiling_curve(curve, risk=0.1)
    (line,) = _norm_lines(ax)
    assert np.allclose(line.get_ydata(), 0.1)
    (step,) = [ln for ln in ax.get_lines() if ln.get_label() == "2028"]
    np.testing.assert_allclose(step.get_xdata(), [9.0e6, 9.5e6, 10.0e6])
    np.testing.assert_allclose(step.get_ydata(), [1.0, 0.5, 0.0])
