"""The xlsx workbook for controllers: the tables of the run document
(:func:`simfin.report.build_run.build_run`), one sheet per section, the same numbers under the
same headers as the console and ``samenvatting.md``.

Sheets (Dutch names by default, English with ``lang="en"``):

``Samenvatting`` / ``Summary``
    Run metadata, then municipality costs per year and category (mean, 5th and 95th
    percentile over replications, with ``Totaal``), the headline KPIs and, with a
    ``[ceiling]``, the ceiling table (nominal euros): what the console prints.
``Jaarcijfers`` / ``Yearly``
    ``results.yearly`` averaged over replications: mean per year x municipality x party x
    provider x category. A combination missing in a replication counts as 0 there.
``Per taakveld`` / ``By taakveld``
    Municipal lasten per Iv3 taakveld and year.
``KPI``
    Every KPI of :meth:`Results.kpi_summary` with its label, code and unit.
``Scenario``
    Every scenario parameter as ``dotted.field.path, value``.

Numbers are stored as numbers, never as text; euro cells carry the number format
``€ #,##0`` (scenario parameters ``€ #,##0.00``), which Excel shows with the reader's own
separators; every euro header names its price level. The cell helpers live in
:mod:`simfin.report.xlsx_cells`. The file is written atomically (temporary file in the same
directory, then ``os.replace``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from simfin.report.xlsx_cells import (  # noqa: F401  (the cell helpers, importable from here)
    BOLD,
    BUSINESS_UNIT_FORMATS,
    EURO_FORMAT,
    EURO_FORMAT_CENTS,
    HOURS_FORMAT,
    SHARE_FORMAT,
    UNIT_FORMATS,
    YEAR_FORMAT,
    _cell_value,
    _set_widths,
    _write_table,
    as_text,
    flatten,
    save_workbook,
    write_safely,
)

if TYPE_CHECKING:
    import pandas as pd

    from simfin.results import Results

__all__ = ["EURO_FORMAT", "EURO_FORMAT_CENTS", "UNIT_FORMATS", "flatten", "write_workbook"]


def write_workbook(results: Results, path: str | Path, lang: str = "nl",
                   costs: pd.DataFrame | None = None) -> Path:
    """Write the controllers' workbook (see the module docstring for its sheets): the tables
    of the run document (:func:`simfin.report.build_run.build_run`), one sheet per section.

    Parameters
    ----------
    results : Results
        A run.
    path : str or Path
        The ``.xlsx`` file to (over)write; missing directories are created.
    lang : str
        ``"nl"`` (default) or ``"en"``: sheet names, headers and labels.
    costs : DataFrame, optional
        :func:`~simfin.report.run_costs.cost_frame` of ``results`` when the caller built it
        already.

    Returns
    -------
    Path
        ``path``.
    """
    from simfin.report.build_run import build_run
    from simfin.report.document_writers import write_document_workbook

    return write_document_workbook(build_run(results, lang, costs), path)
