"""Writers of a :class:`~simfin.report.model.Document`: console text, and the files (tidy CSVs,
one xlsx workbook with a sheet per section, every chart as PNG and SVG, markdown statements).

They compute nothing and label nothing: every number and header comes from the document, every
text in the document's own language (``doc.lang``).
"""

from __future__ import annotations

from pathlib import Path

from simfin.atomic import atomic_write_text
from simfin.report.markdown_safe import safe_markdown
from simfin.report.model import Document
from simfin.report.tables import Table, write_csv, write_tables_workbook

__all__ = ["console_text", "write_document"]


def console_text(doc: Document) -> str:
    """The document as plain text: per section its tables (turned when the section says so)
    and its lines, in order; charts are files, not text."""
    parts: list[str] = []
    for section in (s for s in doc.sections if s.console):
        for block in section.blocks:
            if isinstance(block, Table):
                shown = block.transposed(block.frame.columns[0]) if section.transpose else block
                parts.append(shown.text())
            elif isinstance(block, str):
                parts.append(block)
    return "\n\n".join(p.rstrip("\n") for p in parts) + "\n"


def write_document(doc: Document, out: str | Path, csv_dialect: str = "intl",
                   charts: bool = True) -> list[Path]:
    """Write the document's files into ``out``; returns their paths.

    ``<stem>.csv`` per data frame (``csv_dialect`` ``intl`` or ``nl``), ``<workbook>.xlsx``
    with one sheet per section (numbers stay numbers), ``<stem>.png``/``.svg`` per chart (drawn
    from the document's table), and each markdown file.
    """
    from simfin.report.charts import save_figure

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = [write_csv(frame, out / f"{stem}.csv", csv_dialect)
               for stem, frame in doc.data.items()]
    sheets = [(s.sheet, [b for b in s.blocks if isinstance(b, Table)]) for s in doc.sections]
    sheets = [(key, tables) for key, tables in sheets if tables]
    if doc.workbook and sheets:
        written.append(write_tables_workbook(out / f"{doc.workbook}.xlsx", sheets, doc.lang))
    if charts:
        for chart in doc.charts():
            written += save_figure(chart.figure(doc.lang), out / chart.stem)
    for name, text in doc.files.items():
        written.append(atomic_write_text(out / name, safe_markdown(text)))
    return written

