"""Everything ``simfin run`` writes into its output directory.

``yearly.csv`` (tidy costs per replication), ``kpis.csv`` (tidy KPIs per replication),
``kosten_per_jaar.png``/``.svg`` (yearly costs chart), ``stroom_door_lijnen`` (flow
through the lines), ``wachttijd_intake`` (intake waits against the legal norm),
``uitgaven_plafond`` (spending fan chart against the budget ceiling, only for a scenario with
``[ceiling]``), ``<scenario>.xlsx`` (workbook), ``samenvatting.md`` (Dutch summary) and, on
request, ``ledger.csv``. Each file is written
atomically, so a failing run never leaves a half-written file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from simfin.atomic import atomic_write, atomic_write_text
from simfin.results import Results

__all__ = ["write_outputs"]

CHART_STEM = {"nl": "kosten_per_jaar", "en": "costs_per_year"}
FLOW_STEM = {"nl": "stroom_door_lijnen", "en": "flow_through_lines"}
WAITS_STEM = {"nl": "wachttijd_intake", "en": "intake_waits"}
CEILING_STEM = {"nl": "uitgaven_plafond", "en": "spending_ceiling"}
SUMMARY_NAME = {"nl": "samenvatting.md", "en": "summary.md"}


def _csv(df: pd.DataFrame, path: Path) -> Path:
    return atomic_write(path, lambda tmp: df.to_csv(tmp, index=False))


def _axes(height_cm: float = 9.0):
    """Axes on a figure pyplot does not track, made inside the council style (spines, grid)."""
    from simfin.report.style import council_style, new_figure

    with council_style():
        return new_figure(height_cm=height_cm, pyplot=False).add_subplot()


def write_outputs(results: Results, out: str | Path, lang: str = "nl",
                  ledger: bool = False) -> list[Path]:
    """Write the tables, charts, workbook and summary of ``results`` into ``out``.

    The spending fan chart against the budget ceiling (``uitgaven_plafond``) is written only
    when the scenario has a ``[ceiling]`` section.
    """
    from simfin.report.charts import plot_yearly_costs, save_figure
    from simfin.report.flow_charts import plot_flow, plot_intake_waits
    from simfin.report.style import add_footnote
    from simfin.report.summary import summary_text
    from simfin.report.xlsx import write_workbook

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = [_csv(results.yearly, out / "yearly.csv"), _csv(results.kpis, out / "kpis.csv")]
    if ledger:
        written.append(_csv(results.ledger, out / "ledger.csv"))
    ax = plot_yearly_costs(results, ax=_axes(), lang=lang, footnote=True)
    written += save_figure(ax.figure, out / CHART_STEM[lang])
    for plot, stem in ((plot_flow, FLOW_STEM), (plot_intake_waits, WAITS_STEM)):
        ax = plot(results, ax=_axes(), lang=lang)
        add_footnote(ax.figure, results, lang)
        written += save_figure(ax.figure, out / stem[lang])
    if results.scenario.ceiling is not None:
        from simfin.report.business_charts import plot_ceiling_fan

        ax = plot_ceiling_fan(results, ax=_axes(), lang=lang, footnote=True)
        written += save_figure(ax.figure, out / CEILING_STEM[lang])
    written.append(write_workbook(results, out / f"{results.scenario.name}.xlsx", lang=lang))
    written.append(atomic_write_text(out / SUMMARY_NAME[lang], summary_text(results, lang=lang)))
    return written
