"""The raadsbijlage of ``simfin afweging``: every option side by side on the afwegingskader.

Parts: the conclusion (computed, as in the business case's raadsbijlage), the small-sample
warning when it applies, the measure note, the headline table of every option, the afwegingskader
chart with its caption, the qualitative scores per option with their notes, and what the model
does not cover. The figures are the objects of :mod:`simfin.report.business_figures`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from simfin.business.scorecard import scorecard
from simfin.report.business_figures import measure_note
from simfin.report.docx_parts import add_captioned_picture
from simfin.report.labels import check_lang, label
from simfin.report.raadsbijlage import NOT_COVERED, add_headline_table, open_bijlage

if TYPE_CHECKING:
    from simfin.business.result import BusinessCase

__all__ = ["write_afweging_bijlage"]

CAPTION = ("Afwegingskader: alle opties naast elkaar; berekende criteria als gemiddelde met het "
           "90%-interval, kwalitatieve scores t.o.v. het nulalternatief met hun bandbreedte.")


def write_afweging_bijlage(case: BusinessCase, path: str | Path, lang: str = "nl") -> Path:
    """Write the afweging's raadsbijlage (a .docx) to ``path``; returns the path."""
    from simfin.report.scorecard import cell_text, write_scorecard_chart

    check_lang(lang)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc, names, figures = open_bijlage(case, "afwegingskader")

    doc.add_heading("Kerncijfers", level=1)
    doc.add_paragraph(measure_note(case, lang))
    add_headline_table(doc, figures, names, lang)

    doc.add_heading("Afwegingskader", level=1)
    with tempfile.TemporaryDirectory() as tmp:
        png = next(p for p in write_scorecard_chart(case, tmp, lang) if p.suffix == ".png")
        add_captioned_picture(doc, png, f"Figuur 1. {CAPTION}")

    doc.add_heading("Kwalitatieve scores per optie", level=1)
    table = scorecard(case)
    for name in case.scenarios:
        rows = table[(table["variant"] == name) & (table["kind"] == "qualitative")]
        for row in rows.itertuples(index=False):
            note = f": {row.note}" if row.note else ""
            text = cell_text(row._asdict(), lang).replace("\n", " ")
            doc.add_paragraph(f"{names[name]}, {label(row.criterion, lang).lower()}: "
                              f"{text}{note}", style="List Bullet")

    doc.add_heading("Wat het model niet dekt", level=1)
    for line in NOT_COVERED:
        doc.add_paragraph(line, style="List Bullet")
    doc.save(str(path))
    return path
