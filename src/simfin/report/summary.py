"""Short texts of a run: the Markdown summary (samenvatting.md) and the console text, both
renderings of the one run document (:func:`simfin.report.build_run.build_run`).

Amounts are euros at the scenario's price level (named: "prijspeil 2024"); "90%-interval" is
the 5th to 95th percentile over replications. KPIs cover all reported years together (counts
are totals over them); a KPI value is the mean over replications of the per-replication
value, so "median waiting time" is the mean of the replications' medians.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simfin.report.run_text import CONSOLE_KPIS

if TYPE_CHECKING:
    import pandas as pd

    from simfin.results import Results

__all__ = ["CONSOLE_KPIS", "console_table", "summary_text"]


def summary_text(results: Results, lang: str = "nl", costs: pd.DataFrame | None = None) -> str:
    """The run document as Markdown (samenvatting.md), Dutch by default.

    Contents: scenario name, replications, seed and price level; the municipal costs per
    year and category (mean and 90% interval); the headline KPIs; intake waiting time against
    the legal norm of each demand stream, entries per line, trajectory length and the
    specialist waiting list; with a ``[ceiling]`` section the ceiling lines
    (:mod:`simfin.report.ceiling_summary`); the precision notes.

    Parameters
    ----------
    results : Results
        A run.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    costs : DataFrame, optional
        :func:`~simfin.report.run_costs.cost_frame` of ``results`` when already built.
    """
    from simfin.report.build_run import build_run
    from simfin.report.document_writers import markdown_text

    return markdown_text(build_run(results, lang, costs))


def console_table(results: Results, lang: str = "nl", costs: pd.DataFrame | None = None) -> str:
    """The run document as plain text for the command line (the content of
    :func:`summary_text`, as aligned tables). Text without trailing spaces, ending in a
    newline."""
    from simfin.report.build_run import build_run
    from simfin.report.document_writers import console_text

    return console_text(build_run(results, lang, costs))
