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

__all__ = ["console_text", "markdown_text", "write_document", "write_document_workbook"]


def console_text(doc: Document) -> str:
    """The document as plain text: per section its tables (turned when the section says so)
    and its lines, in order; charts are files, not text (see :func:`markdown_text` for the
    same content as markdown)."""
    parts: list[str] = []
    for section in (s for s in doc.sections if s.console):
        for block in section.blocks:
            if isinstance(block, Table):
                shown = block.transposed(block.frame.columns[0]) if section.transpose else block
                parts.append(shown.text())
            elif isinstance(block, str):
                parts.append(block)
    return "\n\n".join(p.rstrip("\n") for p in parts) + "\n"


def markdown_text(doc: Document) -> str:
    """The document as markdown, the console's content block by block: the title as heading,
    a table's title as a section heading, its cells as a pipe table (the console's nl-NL
    text, numbers right-aligned) and its notes as paragraphs; each text block as it is."""
    parts = [f"# {doc.title}"] if doc.title else []
    for section in (s for s in doc.sections if s.console):
        for block in section.blocks:
            if isinstance(block, Table):
                parts.append(_markdown_table(block))
            elif isinstance(block, str):
                parts.append(block)
    return "\n\n".join(p.strip("\n") for p in parts) + "\n"


def _markdown_table(table: Table) -> str:
    cells = table.formatted()
    head = [str(c) for c in cells.columns]
    rule = [":---" if table._text_column(c) else "---:" for c in cells.columns]
    rows = [head, rule, *cells.to_numpy().tolist()]
    lines = ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    parts = [f"## {table.title}"] if table.title else []
    return "\n\n".join([*parts, "\n".join(lines), *table.notes])


def _sheets(doc: Document) -> list[tuple[str, list[Table]]]:
    """One sheet per sheet key, in order of first appearance; sections with the same key
    (a workbook-only block and a console block) share their sheet."""
    sheets: dict[str, list[Table]] = {}
    for section in doc.sections:
        sheets.setdefault(section.sheet, []).extend(
            b for b in section.blocks if isinstance(b, Table))
    return [(key, tables) for key, tables in sheets.items() if tables]


def write_document_workbook(doc: Document, path: str | Path) -> Path:
    """The document's workbook at ``path``: one sheet per section key, numbers as numbers."""
    return write_tables_workbook(path, _sheets(doc), doc.lang)


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
    if doc.workbook and _sheets(doc):
        written.append(write_document_workbook(doc, out / f"{doc.workbook}.xlsx"))
    if charts:
        for chart in doc.charts():
            written += save_figure(chart.figure(doc.lang), out / chart.stem)
    for name, text in doc.files.items():
        written.append(atomic_write_text(out / name, safe_markdown(text)))
    if doc.markdown:
        written.append(atomic_write_text(out / doc.markdown, safe_markdown(markdown_text(doc))))
    return written

