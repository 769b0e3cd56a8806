"""A raadsbijlage: a short Word document (python-docx) of one business case for the council.

Parts, in order: the conclusion and what must be true, the question, the variants, the headline table (NPV with its 90% interval,
payback year, incidental costs, structural saving, ceiling risk), the key charts (payback and
waterfall per variant, the ceiling fan) and what the model does not cover, after an opening
with the conclusion and the deciding assumptions with their switching values
(:func:`simfin.report.omslagpunten.add_deciding_section`). Every amount states its sign convention (+ = besparing t.o.v.
nulalternatief) and price level. Dutch only for now (``lang="en"`` writes English labels from
the same label table where they exist).
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from simfin.business.afweging import variant_label
from simfin.business.indexation import price_base_year
from simfin.business.result import BusinessCase
from simfin.report.format import format_eur, format_share
from simfin.report.labels import check_lang
from simfin.report.omslagpunten import add_deciding_section

__all__ = ["ENOUGH_REPLICATIONS", "NOT_COVERED", "write_raadsbijlage"]

ENOUGH_REPLICATIONS = 30  # below this, intervals and probabilities carry a visible warning
NOT_COVERED = (
    "Kwaliteit van zorg en uitkomsten voor inwoners: het model telt tijd en geld, geen effect.",
    "Gedragseffecten van de bekostiging zijn aannames met een bandbreedte, geen gemeten effecten.",
    "Beleidseffecten op voorveld en verwijzingen zijn aannames: landelijke vergelijkingen vonden "
    "geen minder verwijzingen waar wijkteams werken (CPB 2019 voor de Wmo, CPB 2020 voor jeugd); "
    "de omslagpunten hierboven laten zien hoeveel van het effect nodig is.",
    "Een schaalvoordeel is niet ingebouwd; schaaleffecten volgen alleen uit de ingestelde "
    "mechanismen (gedeelde wachtrijen, ondeelbare functies, vaste kosten).",
    "Juridische, bestuurlijke en personele gevolgen (zeggenschap, rechtspositie, cultuur) "
    "staan alleen als kwalitatieve score in het afwegingskader.",
    "Onzekerheid buiten de opgegeven bandbreedtes en replicaties (bijvoorbeeld nieuw rijksbeleid).",
)


def _year(value: float) -> str:
    return "–" if value is None or math.isnan(value) else str(int(value))


def write_raadsbijlage(case: BusinessCase, path: str | Path, lang: str = "nl",
                       question: str | None = None) -> Path:
    """Write the raadsbijlage of ``case`` to ``path`` (a .docx); returns the path."""
    import docx
    from docx.shared import Cm

    from simfin.report.business_charts import write_business_charts

    check_lang(lang)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    null = case.scenarios[case.null]
    years = null.reported_years
    base_year = price_base_year(null)
    discount_year = null.business_case.discount_year or null.simulation.start_year
    names = {n: variant_label(s) for n, s in case.scenarios.items()}
    doc = docx.Document()
    doc.add_heading(f"Raadsbijlage: businesscase {names[case.null]} en varianten", level=0)
    add_deciding_section(doc, case, lang)

    doc.add_heading("Vraag", level=1)
    doc.add_paragraph(question or (
        f"Wat kosten en wat leveren {', '.join(names[v] for v in case.variants)} op ten "
        f"opzichte van het nulalternatief ({names[case.null]}), over de jaren "
        f"{years[0]}–{years[-1]}, en hoe groot is het risico dat het budgettair plafond "
        "wordt overschreden?"))

    doc.add_heading("Varianten", level=1)
    for name, scenario in case.scenarios.items():
        role = "nulalternatief" if name == case.null else "variant"
        doc.add_paragraph(f"{names[name]} ({role}): {scenario.description}", style="List Bullet")

    doc.add_heading("Kerncijfers", level=1)
    doc.add_paragraph(
        f"Bedragen in euro; + = besparing t.o.v. nulalternatief. Netto contante waarde in "
        f"prijspeil {base_year}, contant gemaakt naar {discount_year} "
        f"(disconteringsvoet {format_share(null.business_case.discount_rate, 2)}); incidentele "
        "kosten en structurele besparing nominaal. Interval: 5e tot 95e percentiel over "
        f"{case.replications} replicaties.")
    if case.replications < ENOUGH_REPLICATIONS:
        doc.add_paragraph(
            f"Let op: {case.replications} replicaties is te weinig voor betrouwbare intervallen "
            f"en kansen; reken voor dit stuk met ten minste {ENOUGH_REPLICATIONS} replicaties.",
            style="Intense Quote")
    summary = case.summary()
    rows = [("Netto contante waarde (90%-interval)",
             lambda r: f"{format_eur(r.npv_mean_eur)} ({format_eur(r.npv_p05_eur)} – "
                       f"{format_eur(r.npv_p95_eur)})"),
            ("Terugverdienjaar (nominaal)", lambda r: _year(r.payback_year)),
            ("Incidentele kosten (nominaal)", lambda r: format_eur(r.incidental_nominal_eur)),
            ("Structurele besparing laatste jaar (nominaal)",
             lambda r: format_eur(r.structural_difference_last_year_eur)),
            ("Hoogste kans op overschrijding plafond", lambda r: format_share(r.p_overshoot_max))]
    table = doc.add_table(rows=1 + len(rows), cols=1 + len(summary), style="Table Grid")
    table.cell(0, 0).text = "Kerncijfer"
    for j, row in enumerate(summary.itertuples(index=False), start=1):
        table.cell(0, j).text = names[row.variant]
        for i, (_, text) in enumerate(rows, start=1):
            table.cell(i, j).text = text(row)
    for i, (title, _) in enumerate(rows, start=1):
        table.cell(i, 0).text = title

    doc.add_heading("Grafieken", level=1)
    with tempfile.TemporaryDirectory() as tmp:
        pngs = sorted(p for p in write_business_charts(case, tmp, lang=lang)
                      if p.suffix == ".png")
        for png in pngs:
            doc.add_picture(str(png), width=Cm(16))

    doc.add_heading("Wat het model niet dekt", level=1)
    for line in NOT_COVERED:
        doc.add_paragraph(line, style="List Bullet")
    doc.save(str(path))
    return path
