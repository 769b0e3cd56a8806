"""Small building blocks of simfin's Word documents (python-docx): a picture with its caption
under it, the small-sample warning. Shared by the raadsbijlagen of ``business``, ``afweging``
and ``sweep``."""

from __future__ import annotations

from pathlib import Path

from simfin.report.plural import count_text

__all__ = ["CAPTION_STYLE", "add_captioned_picture", "small_sample_warning"]

CAPTION_STYLE = "Caption"  # a style of python-docx's default template


def add_captioned_picture(doc, png: str | Path, caption: str, width_cm: float = 16.0) -> None:
    """``png`` at ``width_cm``, then ``caption`` in the caption style directly under it."""
    from docx.shared import Cm

    doc.add_picture(str(png), width=Cm(width_cm))
    doc.add_paragraph(caption, style=CAPTION_STYLE)


def small_sample_warning(doc, replications: int, enough: int) -> bool:
    """A visible warning when ``replications`` is below ``enough``; True if one was added."""
    if replications >= enough:
        return False
    doc.add_paragraph(
        f"Let op: {count_text(replications, 'replicatie')} is te weinig voor betrouwbare "
        "intervallen en kansen; "
        f"reken voor dit stuk met ten minste {count_text(enough, 'replicatie')}.",
        style="Intense Quote")
    return True
