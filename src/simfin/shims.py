"""The writer methods of the domain objects, kept for notebooks: ``Results.table``, ``.to_excel``,
``.plot_costs``; ``Comparison.wide``, ``.to_text``, ``.plot``, ``.save``, ``.tables``;
``BusinessCase.to_excel``, ``.to_raadsbijlage``.

The domain modules (:mod:`simfin.results`, :mod:`simfin.compare`, :mod:`simfin.business.result`)
never import :mod:`simfin.report`; these methods live here, above both, and are attached when
this module is imported, which the first use of ``simfin.Results``, ``simfin.run``,
``simfin.compare`` or ``simfin.business_case`` does (:func:`attach`). Each imports its writer only when called, so start-up stays fast.
"""

from __future__ import annotations

from pathlib import Path

from simfin.business import business_case
from simfin.business.result import BusinessCase
from simfin.compare import Comparison, compare
from simfin.results import Results
from simfin.runner import run

__all__ = ["BusinessCase", "Comparison", "Results", "attach", "business_case", "compare", "run"]


def _results_table(self: Results, name: str = "costs", lang: str = "nl"):
    """A formatted, labelled table for notebooks and reports: ``"costs"`` (municipal
    costs per year and category) or ``"kpis"``; see :mod:`simfin.report.run_tables`.
    It shows nl-NL numbers in Jupyter; ``.frame`` holds the numbers."""
    from simfin.report.run_tables import run_table

    return run_table(self, name, lang)


def _results_to_excel(self: Results, path: str | Path, lang: str = "nl") -> Path:
    """Write the xlsx workbook for controllers; returns the path."""
    from simfin.report.xlsx import write_workbook

    return write_workbook(self, Path(path), lang=lang)


def _results_plot_costs(self: Results, ax=None, lang: str = "nl"):
    """Stacked bars of yearly municipality costs by category; returns the Axes."""
    from simfin.report.charts import plot_yearly_costs

    return plot_yearly_costs(self, ax=ax, lang=lang)


def _comparison_wide(self: Comparison, lang: str = "nl"):
    """Side-by-side text table: one row per shown statistic, one column per scenario."""
    from simfin.report.build_compare import wide_table

    return wide_table(self, lang=lang)


def _comparison_to_text(self: Comparison, lang: str = "nl") -> str:
    """The side-by-side table and the volume-risk statement as plain text."""
    from simfin.report.build_compare import comparison_text

    return comparison_text(self, lang=lang)


def _comparison_plot(self: Comparison, fig=None, lang: str = "nl"):
    """One chart panel (2 x 2) comparing the scenarios; returns the figure."""
    from simfin.report.build_compare import plot_comparison

    return plot_comparison(self, fig=fig, lang=lang)


def _comparison_save(self: Comparison, out: str | Path, lang: str = "nl",
                     csv_dialect: str = "intl") -> list[Path]:
    """Write the table (CSV), per-replication values (CSV), workbook (xlsx), chart (PNG,
    SVG) and statement; ``csv_dialect="nl"`` for Dutch Excel (``;``, decimal comma)."""
    from simfin.report.build_compare import write_comparison

    return write_comparison(self, Path(out), lang=lang, csv_dialect=csv_dialect)


def _comparison_tables(self: Comparison, lang: str = "nl"):
    """The side-by-side and per-replication tables (:class:`simfin.report.tables.Table`:
    numbers with units; shown formatted in a notebook)."""
    from simfin.report.command_tables import comparison_tables

    return comparison_tables(self, lang=lang)


def _case_to_raadsbijlage(self: BusinessCase, path: str | Path, lang: str = "nl",
                          question: str | None = None) -> Path:
    """Write the raadsbijlage, a short Word document (:mod:`simfin.report.raadsbijlage`)."""
    from simfin.report.raadsbijlage import write_raadsbijlage

    return write_raadsbijlage(self, Path(path), lang=lang, question=question)


def _case_to_excel(self: BusinessCase, path: str | Path, lang: str = "nl") -> Path:
    """Write the controllers' workbook (:mod:`simfin.report.business_xlsx`)."""
    from simfin.report.business_xlsx import write_business_workbook

    return write_business_workbook(self, Path(path), lang=lang)


_METHODS = {
    Results: {"table": _results_table, "to_excel": _results_to_excel,
              "plot_costs": _results_plot_costs},
    Comparison: {"wide": _comparison_wide, "to_text": _comparison_to_text,
                 "plot": _comparison_plot, "save": _comparison_save,
                 "tables": _comparison_tables},
    BusinessCase: {"to_raadsbijlage": _case_to_raadsbijlage, "to_excel": _case_to_excel},
}


def attach() -> None:
    """Put the methods on their classes (idempotent; importing this module calls it, and
    ``simfin.Results``, ``simfin.run``, ``simfin.business_case`` ... come through here)."""
    for cls, methods in _METHODS.items():
        for name, function in methods.items():
            function.__name__ = function.__qualname__ = name
            setattr(cls, name, function)


attach()
