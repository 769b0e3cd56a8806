"""Everything ``simfin run`` writes into its output directory.

``yearly.csv`` (tidy costs per replication), ``kpis.csv`` (tidy KPIs per replication),
``kosten_per_jaar.png``/``.svg`` (yearly costs chart), ``stroom_door_lijnen`` (flow
through the lines), ``wachttijd_intake`` (intake waits against the legal norm), ``<scenario>.xlsx`` (workbook),
``samenvatting.md`` (Dutch summary) and, on request, ``ledger.csv``. Each file is written
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
SUMMARY_NAME = {"nl": "samenvatting.md", "en": "summary.md"}


def _csv(df: pd.DataFrame, path: Path) -> Path:
    return atomic_write(path, lambda tmp: df.to_csv(tmp, index=False))


def write_outputs(results: Results, out: str | Path, lang: str = "nl",
                  ledger: bool = False) -> list[Path]:
    """Write the tables, chart, workbook and summary of ``results`` into ``out``."""
    from simfin.report.charts import plot_yearly_costs, save_figure
    from simfin.report.flow_charts import plot_flow, plot_intake_waits
    from simfin.report.style import add_footnote, new_figure
    from simfin.report.summary import summary_text
    from simfin.report.xlsx import write_workbook

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = [_csv(results.yearly, out / "yearly.csv"), _csv(results.kpis, out / "kpis.csv")]
    if ledger:
        written.append(_csv(results.ledger, out / "ledger.csv"))
    fig = new_figure(pyplot=False)
    plot_yearly_costs(results, ax=fig.add_subplot(), lang=lang, footnote=True)
    written += save_figure(fig, out / CHART_STEM[lang])
    for plot, stem in ((plot_flow, FLOW_STEM), (plot_intake_waits, WAITS_STEM)):
        fig = new_figure(pyplot=False)
        plot(results, ax=fig.add_subplot(), lang=lang)
        add_footnote(fig, results, lang)
        written += save_figure(fig, out / stem[lang])
    written.append(write_workbook(results, out / f"{results.scenario.name}.xlsx", lang=lang))
    written.append(atomic_write_text(out / SUMMARY_NAME[lang], summary_text(results, lang=lang)))
    return written
