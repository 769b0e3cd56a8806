"""The flow chart and the KPI table tell one story: the same names, the same numbers
(the chart per year, the table in totals over the reported years), each saying which.

Read from the outputs themselves: the chart's tick labels and bar lengths, the KPI sheet
of the workbook and the console table."""

from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")

import openpyxl  # noqa: E402
import pytest  # noqa: E402
from conftest import small_scenario_dict  # noqa: E402

import simfin  # noqa: E402
from simfin.report import console_table  # noqa: E402
from simfin.report.flow_charts import plot_flow  # noqa: E402
from simfin.report.xlsx import write_workbook  # noqa: E402
from simfin.scenario import validate_dict  # noqa: E402

SHARED = ("Hulpvragen", "Instroom 0e lijn", "Instroom 1e lijn", "Instroom 2e lijn")


@pytest.fixture(scope="module")
def results():
    return simfin.run(validate_dict(small_scenario_dict()), replications=2)


def _years(results) -> tuple[int, str]:
    sim = results.scenario.simulation
    start, end = sim.start_year, sim.start_year + sim.horizon_years - 1
    return sim.horizon_years, f"{start}\u2013{end}"


def _bars(ax) -> dict[str, float]:
    names = dict(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()]))
    return {names[min(names, key=lambda y: abs(y - (p.get_y() + p.get_height() / 2)))]:
            p.get_width() for p in ax.patches}


def test_chart_and_kpi_sheet_share_names_and_numbers(results, tmp_path):
    years, span = _years(results)
    ax = plot_flow(results)
    assert "per jaar" in ax.get_title() and span in ax.get_title()
    bars = _bars(ax)
    ws = openpyxl.load_workbook(write_workbook(results, tmp_path / "run.xlsx"))["KPI"]
    top = next(r[0].row for r in ws.iter_rows() if r[0].value == "Indicator")
    header = [c.value for c in ws[top]]
    rows = {r[0].value: dict(zip(header, (c.value for c in r)))
            for r in ws.iter_rows(min_row=top + 1)}
    for name in SHARED:
        assert name in bars, f"chart lacks {name!r}"
        assert name in rows, f"KPI sheet lacks {name!r}"
        assert f"totaal {span}" in rows[name]["Eenheid"]
        assert bars[name] * years == pytest.approx(rows[name]["Gemiddelde"], rel=1e-9)


def test_console_counts_say_they_are_totals(results):
    years, span = _years(results)
    text = console_table(results)
    bars = _bars(plot_flow(results))
    for name in ("Instroom 0e lijn", "Instroom 1e lijn", "Instroom 2e lijn"):
        (line,) = [ln for ln in text.splitlines() if ln.startswith(name)]
        assert f"totaal {span}" in line
        shown = re.split(r"\s{2,}", line)[2]  # name, unit, then the mean (nl-NL)
        total = math.floor(bars[name] * years + 0.5)  # half away from zero, as printed
        assert shown == f"{total:,}".replace(",", ".")


def test_english_names_the_period_too(results):
    _, span = _years(results)
    ax = plot_flow(results, lang="en")
    assert "per year" in ax.get_title() and span in ax.get_title()
    assert f"total {span}" in console_table(results, lang="en")
