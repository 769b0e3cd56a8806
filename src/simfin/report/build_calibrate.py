"""The document of ``simfin calibrate``, built once: "model tegen werkelijkheid" per municipality
and taakveld (every column with its :class:`~simfin.report.model.Measure`), the client and
out-of-sample tables when there are any, the summary lines, and the chart drawn from that same
table. Console, CSV, xlsx and chart render this one document.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from simfin.report.calibrate_chart import draw_calibration
from simfin.report.client_tables import clients_table, out_of_sample_table
from simfin.report.model import Chart, Document, Measure, Section, Words
from simfin.report.tables import Table

if TYPE_CHECKING:
    from simfin.calibrate import Calibration
    from simfin.out_of_sample import Dof
    from simfin.scenario import Scenario

__all__ = ["STEM", "build_calibrate", "calibration_measures", "calibration_table"]

#: file stem of the CSV, workbook and chart
STEM = "model_tegen_werkelijkheid"


def calibration_measures(price_year: int | None) -> dict[str, Measure]:
    """Column of :func:`simfin.calibrate.compare_observed` -> its :class:`Measure`: the
    observed lasten are the accounts' own (nominal) euros of their year, the model's euros are
    at the scenario's prices; the difference is model against observed, a share."""
    model = {c: Measure(f"col.{c}", "eur", "year", "scenario", price_year)
             for c in ("model_mean", "model_p05", "model_p95")}
    return {"observed": Measure("col.observed", "eur", "year", "nominal"), **model,
            "difference": Measure("col.difference", "share")}


def calibration_table(comparison: pd.DataFrame, scenario: Scenario, lang: str = "nl") -> Table:
    """"Model tegen werkelijkheid" (:func:`simfin.calibrate.compare_observed`) as a table: one
    row per municipality and taakveld (in the frame's order), every column with its Measure."""
    return _comparison_table(comparison, scenario, Words(lang))


def _comparison_table(comparison: pd.DataFrame, scenario: Scenario, w: Words) -> Table:
    from simfin.scenario.taakvelden import CODES, taakveld_label

    measures = calibration_measures(scenario.business_case.price_base_year)
    data = {w("col.municipality"): comparison["municipality"].to_list(),
            w("col.taakveld"): [taakveld_label(t, w.lang) if t in CODES else t
                                for t in comparison["taakveld"]]}
    units = {}
    for column, measure in measures.items():
        head = w.title(measure)
        data[head], units[head] = comparison[column].to_numpy(), measure
    return Table(pd.DataFrame(data), units, w("calibration.title"), key="calibration")


def build_calibrate(result: Calibration, scenario: Scenario, lang: str = "nl",
                    clients: pd.DataFrame | None = None, oos: pd.DataFrame | None = None,
                    dof: Dof | None = None) -> Document:
    """The document of a calibration (``result`` of :func:`simfin.calibrate.calibrate` on
    ``scenario``), with the client comparison and the out-of-sample prediction when given."""
    w = Words(lang)
    # one order for table, chart and CSV: by municipality and taakveld
    comparison = result.comparison.sort_values(["municipality", "taakveld"],
                                               kind="stable").reset_index(drop=True)
    table = _comparison_table(comparison, scenario, w)
    tables: list[Table] = [table]
    frames = {STEM: comparison}
    if clients is not None:  # one order for the client table, its chart panel and CSV
        clients = clients.sort_values(["municipality", "measure"],
                                      kind="stable").reset_index(drop=True)
        tables.append(clients_table(clients, lang))
        frames["clienten_model_tegen_werkelijkheid"] = clients
    if oos is not None:
        tables.append(out_of_sample_table(oos, lang, scenario.business_case.price_base_year))
        frames["validatie_buiten_de_fit"] = oos
    none = w("calibration.none")
    lines = [w("calibration.summary", factors=len(result.factors), iterations=result.iterations,
               not_id=", ".join(result.not_identifiable) or none,
               unreached=", ".join(result.uncalibrated) or none)]
    if result.levels:
        levels = "; ".join(result.levels)
        if lang == "nl":  # each note starts with the side that was rolled up
            levels = levels.replace("observed ", "waargenomen ")
        lines[0] += "\n" + w("calibration.levels", levels=levels)
    chart = Chart(STEM, table, partial(draw_calibration, clients=clients))
    blocks: list[Table | str | Chart] = [table, *lines, *tables[1:]]
    if dof is not None:
        blocks.append(dof.text(lang))
    blocks.append(chart)
    return Document("calibrate", lang, (Section("sheet.calibration", tuple(blocks)),),
                    data=frames, workbook=STEM, keys=frozenset(w.used))
