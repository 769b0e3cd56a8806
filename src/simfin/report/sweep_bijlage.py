"""The raadsbijlage of a ceiling sweep (``simfin sweep --method psa --raadsbijlage``): how high must
the budget ceiling be for a given accepted risk of overshoot?

Parts: the conclusion (computed: per year the lowest ceiling whose probability of overshoot is at
most the accepted risk, and the probability of overshooting the tested budget, the scenario's own
``[ceiling]``), the small-sample warning when the runs are few, the ceiling curve with its caption
(the tested budget drawn), the uncertain assumptions that were varied, and what the sweep does not
cover. Amounts: nominal euros, as the ceiling.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from simfin.business.afweging import variant_label
from simfin.business.ceiling import ceiling_per_year
from simfin.report.docx_parts import add_captioned_picture, small_sample_warning
from simfin.report.format import format_eur, format_share
from simfin.report.labels import check_lang
from simfin.report.plural import count_text
from simfin.uncertainty.sensitivity import ceiling_curve, lowest_ceiling, spending_per_year

if TYPE_CHECKING:
    from simfin.uncertainty.sweep import SweepResults

__all__ = ["ENOUGH_RUNS", "write_sweep_bijlage"]

ENOUGH_RUNS = 100  # below this, a probability per year carries a visible warning
NOT_COVERED = (
    "Onzekerheid buiten de opgegeven verdelingen van de aannames en buiten de replicaties.",
    "Gedragseffecten en nieuw rijksbeleid die niet als aanname in het scenario staan.",
    "Een plafond per jaar: tekorten en overschotten tussen jaren worden niet verrekend.",
)


def conclusion(sw: SweepResults, risk: float) -> list[str]:
    """Per year the lowest ceiling within ``risk`` and the overshoot risk of the tested budget."""
    low = lowest_ceiling(sw, risk)
    budget = ceiling_per_year(sw.results_for(0).scenario)
    totals = spending_per_year(sw)
    lines = [f"Met een aanvaard risico van {format_share(risk)} op overschrijding is het "
             "laagste plafond per jaar: "
             + "; ".join(f"{int(r.year)} {format_eur(r.ceiling_eur)}"
                         for r in low.itertuples(index=False)) + "."]
    shares = {year: float(np.mean(x > amount)) for year, amount in budget.items()
              if len(x := totals.loc[totals["year"] == year, "total_eur"].to_numpy())}
    if shares:
        lines.append("Kans op overschrijding van het getoetste plafond: " + "; ".join(
            f"{int(y)} {format_share(p)} (plafond {format_eur(budget[y])})"
            for y, p in shares.items()) + ".")
        over = [str(int(y)) for y, p in shares.items() if p > risk]
        lines.append("Het getoetste plafond volstaat in alle jaren binnen het aanvaarde risico."
                     if not over else "Het getoetste plafond is te laag voor het aanvaarde "
                     f"risico in {', '.join(over)}.")
    return lines


def write_sweep_bijlage(sw: SweepResults, path: str | Path, risk: float = 0.10,
                        lang: str = "nl") -> Path:
    """Write the ceiling sweep's raadsbijlage (a .docx) to ``path``; returns the path."""
    import docx
    import matplotlib.pyplot as plt

    from simfin.report.charts import save_figure
    from simfin.report.sensitivity import plot_ceiling_curve, sweep_footnote
    from simfin.report.style import council_style, new_figure

    check_lang(lang)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    scenario = sw.results_for(0).scenario
    runs = sw.design.samples * sw.replications
    doc = docx.Document()
    doc.add_heading(f"Raadsbijlage budgetplafond: {variant_label(scenario)}", level=0)
    doc.add_heading("Conclusie", level=1)
    for line in conclusion(sw, risk):
        doc.add_paragraph(line)
    if runs < ENOUGH_RUNS:
        doc.add_paragraph(
            f"Let op: {count_text(sw.design.samples, 'trekking')} × "
            f"{count_text(sw.replications, 'replicatie')} = {count_text(runs, 'run')} "
            f"is te weinig voor betrouwbare kansen per jaar; reken met ten minste "
            f"{ENOUGH_RUNS} runs.", style="Intense Quote")
    else:
        small_sample_warning(doc, runs, ENOUGH_RUNS)

    doc.add_heading("Plafondcurve", level=1)
    doc.add_paragraph("Bedragen in euro, nominaal (geïndexeerd), zoals het plafond; kans op "
                      "overschrijding = aandeel van alle runs waarin de uitgaven van een jaar "
                      "boven het plafond liggen.")
    with council_style():
        fig = new_figure(pyplot=False)
        ax = fig.add_subplot()
    plot_ceiling_curve(ceiling_curve(sw), lowest_ceiling(sw, risk), risk, ax=ax, lang=lang,
                       footnote=sweep_footnote(sw, lang), budget=ceiling_per_year(scenario))
    with tempfile.TemporaryDirectory() as tmp:
        png = next(p for p in save_figure(fig, Path(tmp) / "plafondcurve") if p.suffix == ".png")
        plt.close(fig)
        add_captioned_picture(doc, png, "Figuur 1. Kans op overschrijding tegen de hoogte van "
                              "het plafond, een lijn per jaar; stip: het laagste plafond binnen "
                              "het aanvaarde risico (gestreepte lijn); stippellijn: het getoetste "
                              "plafond.")

    doc.add_heading("Gevarieerde aannames", level=1)
    for name, text in sw.design.labels.items():
        shown = text if text != name else name.rsplit(".", 1)[-1].replace("_", " ")
        doc.add_paragraph(shown, style="List Bullet")

    doc.add_heading("Wat deze analyse niet dekt", level=1)
    for line in NOT_COVERED:
        doc.add_paragraph(line, style="List Bullet")
    doc.save(str(path))
    return path
