"""A raadsbijlage: a short Word document (python-docx) of one business case for the council.

Parts, in order: the conclusion (computed from the headline figures, never typed), what must
be true (the deciding assumptions with their switching values,
:func:`simfin.report.omslagpunten.add_deciding_section`), the question,
the options, the headline table (every option, the nulalternatief included: NPV with its 90%
interval, incidental costs, structural saving, payback year, ceiling risk; the same
:mod:`simfin.report.business_figures` objects as the console and ``samenvatting.md``), the
charts, each with a caption under it (payback, waterfall and drivers per variant, the ceiling fan
per option, the afwegingskader), the main assumptions with their sources, and what the model does
not cover. One measure note says what every amount is (sign, price level, nominal or
discounted). Dutch only for now (``lang="en"`` writes English labels where they exist).
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from simfin.business.afweging import variant_label
from simfin.business.result import BusinessCase
from simfin.report.business_figures import (
    HEADLINE_KEYS,
    headline_figures,
    measure_note,
)
from simfin.report.docx_parts import add_captioned_picture, small_sample_warning
from simfin.report.format import format_eur, format_share
from simfin.report.labels import check_lang, label
from simfin.report.omslagpunten import add_deciding_section

__all__ = ["ENOUGH_REPLICATIONS", "NOT_COVERED", "add_headline_table", "conclusion",
           "open_bijlage", "write_raadsbijlage"]

#: heading of the deciding section after the conclusion (other languages: the section's own)
_WHAT_MUST_BE_TRUE = {"nl": "Wat daarvoor waar moet zijn"}
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


def _interval_words(low: float, high: float) -> str:
    if low > 0:
        return "in 90% van de replicaties een besparing"
    if high < 0:
        return "in 90% van de replicaties duurder dan het nulalternatief"
    return "het 90%-interval omvat € 0: besparing noch extra kosten is zeker"


def conclusion(case: BusinessCase, figures: dict | None = None) -> list[str]:
    """The conclusion as sentences, computed from the headline figures: per variant the NPV
    with its interval and what that interval says, the payback, the ceiling risk of every
    option; then the option with the highest mean NPV and whether that is certain."""
    figures = headline_figures(case) if figures is None else figures
    names = {n: variant_label(s) for n, s in case.scenarios.items()}
    years = case.scenarios[case.null].reported_years
    lines = []
    for name in case.variants:
        npv, pay = figures[name]["npv_eur"], figures[name]["payback_year"]
        paid = (f"terugverdiend in {int(pay.value)}" if not math.isnan(pay.value)
                else f"niet terugverdiend tot en met {years[-1]}")
        lines.append(f"{names[name]}: netto contante waarde {npv.text()} t.o.v. het "
                     f"nulalternatief; {_interval_words(npv.low, npv.high)}; {paid}.")
    risks = [(names[n], figures[n]["p_overshoot_max"].value) for n in case.scenarios]
    shown = [f"{who} {format_share(p)}" for who, p in risks if not math.isnan(p)]
    if shown:
        lines.append("Hoogste kans per jaar op overschrijding van het budgettair plafond: "
                     + "; ".join(shown) + ".")
    if case.variants:
        best = max(case.variants, key=lambda n: figures[n]["npv_eur"].value)
        npv = figures[best]["npv_eur"]
        if npv.value > 0:
            sure = "zeker" if npv.low > 0 else "niet zeker (het interval omvat € 0)"
            lines.append(f"Op geld is {names[best]} het gunstigst; dat die goedkoper is dan "
                         f"het nulalternatief is {sure}.")
        else:
            lines.append(f"Op geld is geen variant gunstiger dan het nulalternatief: de hoogste "
                         f"gemiddelde netto contante waarde ({names[best]}) is "
                         f"{format_eur(npv.value)}.")
    return lines


_CAPTIONS = {
    "terugverdienen": "Terugverdienen: saldo per jaar van {v} t.o.v. het nulalternatief, "
                      "incidenteel en structureel (staven), en het cumulatieve saldo (lijn); "
                      "€, nominaal, + = besparing.",
    "waterval": "Van de kosten van het nulalternatief naar die van {v}, per kostensoort en "
                "categorie, over alle jaren samen; €, nominaal.",
    "oorzaken": "Oorzaken van de structurele besparing van {v} per mechanisme; €, nominaal, "
                "+ = besparing.",
    "plafond": "Uitgaven van {v} tegen het budgettair plafond per jaar: mediaan, 50%- en "
               "90%-interval over de replicaties, en per jaar de kans op overschrijding; "
               "€, nominaal.",
    "afwegingskader": "Afwegingskader: alle opties naast elkaar, berekende criteria met hun "
                      "90%-interval en kwalitatieve scores met hun bandbreedte.",
}


def _caption(stem: str, names: dict[str, str]) -> str:
    kind, _, who = stem.partition("_")
    return _CAPTIONS.get(kind, stem).format(v=names.get(who, who))


def add_headline_table(doc, figures: dict, names: dict[str, str], lang: str = "nl") -> None:
    """The headline table: a row per figure, a column per option (the nulalternatief first)."""
    table = doc.add_table(rows=1 + len(HEADLINE_KEYS), cols=1 + len(figures), style="Table Grid")
    table.cell(0, 0).text = "Kerncijfer"
    for j, name in enumerate(figures, start=1):
        table.cell(0, j).text = names[name]
        for i, key in enumerate(HEADLINE_KEYS, start=1):
            table.cell(i, j).text = figures[name][key].text()
    for i, key in enumerate(HEADLINE_KEYS, start=1):
        table.cell(i, 0).text = label("headline." + key, lang)


def open_bijlage(case: BusinessCase, kind: str):
    """A new Word document for a raadsbijlage of ``case`` ("businesscase", "afwegingskader"):
    its title, the computed conclusion and the small-sample warning; returns ``(doc, names,
    figures)`` with the option labels and :func:`headline_figures`."""
    import docx

    names = {n: variant_label(s) for n, s in case.scenarios.items()}
    figures = headline_figures(case)
    doc = docx.Document()
    doc.add_heading(f"Raadsbijlage {kind}: " + ", ".join(names[v] for v in case.variants)
                    + " tegenover het nulalternatief", level=0)
    doc.add_heading("Conclusie", level=1)
    for line in conclusion(case, figures):
        doc.add_paragraph(line)
    small_sample_warning(doc, case.replications, ENOUGH_REPLICATIONS)
    return doc, names, figures


def write_raadsbijlage(case: BusinessCase, path: str | Path, lang: str = "nl",
                       question: str | None = None) -> Path:
    """Write the raadsbijlage of ``case`` to ``path`` (a .docx); returns the path."""
    from simfin.report.business_charts import write_business_charts
    from simfin.report.scorecard import write_scorecard_chart

    check_lang(lang)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    years = case.scenarios[case.null].reported_years
    doc, names, figures = open_bijlage(case, "businesscase")
    # the computed conclusion comes first: this section is "what must be true", not a
    # second "Conclusie"
    add_deciding_section(doc, case, lang, heading=_WHAT_MUST_BE_TRUE.get(lang))

    doc.add_heading("Vraag", level=1)
    doc.add_paragraph(question or (
        f"Wat kosten en wat leveren {', '.join(names[v] for v in case.variants)} op ten "
        f"opzichte van het nulalternatief ({names[case.null]}), over de jaren "
        f"{years[0]}–{years[-1]}, en hoe groot is voor elke optie het risico dat het "
        "budgettair plafond wordt overschreden?"))

    doc.add_heading("Varianten", level=1)
    for name, scenario in case.scenarios.items():
        role = "nulalternatief" if name == case.null else "variant"
        doc.add_paragraph(f"{names[name]} ({role}): {scenario.description}", style="List Bullet")

    doc.add_heading("Kerncijfers", level=1)
    doc.add_paragraph(measure_note(case, lang))
    add_headline_table(doc, figures, names, lang)

    doc.add_heading("Grafieken", level=1)
    with tempfile.TemporaryDirectory() as tmp:
        pngs = [p for p in write_business_charts(case, tmp, lang=lang) if p.suffix == ".png"]
        pngs += [p for p in write_scorecard_chart(case, tmp, lang=lang) if p.suffix == ".png"]
        for number, png in enumerate(pngs, start=1):
            add_captioned_picture(doc, png, f"Figuur {number}. {_caption(png.stem, names)}")

    doc.add_heading("Wat het model niet dekt", level=1)
    for line in NOT_COVERED:
        doc.add_paragraph(line, style="List Bullet")
    doc.save(str(path))
    return path

